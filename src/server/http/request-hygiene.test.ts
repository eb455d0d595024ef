import { startApiHarness, type ApiHarness } from '../api/testing/api-harness.ts';
import { parseContentType } from './request-hygiene.ts';
import { rawRequest } from './testing/raw-http.ts';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(async () => {
  await api.close();
});

const passport = {
  aboutMe: 'I like maps.',
  strengths: ['Drawing'],
  whatIFindHard: ['Noise'],
  whatHelpsMe: ['Visual timetable'],
  accessArrangements: [],
};

const put = (headers: Record<string, string>, body: string) =>
  api.request('senco', 'PUT', '/api/pupils/cal/passport', { rawBody: body, headers });

describe('bodies the API cannot read are refused at the edge', () => {
  it.each([
    ['application/json; charset=iso-8859-1', 'iso-8859-1'],
    ['application/json; charset=utf-16', 'utf-16'],
    ['application/json; charset="windows-1252"', 'windows-1252'],
  ])('415 for %s', async (contentType, charset) => {
    const res = await put({ 'Content-Type': contentType }, JSON.stringify(passport));
    expect(res.status).toBe(415);
    expect(res.body.error).toEqual({
      code: 'unsupportedMediaType',
      message: `The request body must be UTF-8 (charset=utf-8 or none), not ${charset}.`,
    });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    '415 for a body sent as %s',
    async (contentType) => {
      const res = await put({ 'Content-Type': contentType }, JSON.stringify(passport));
      expect(res.status).toBe(415);
      expect(res.body.error.message).toContain('must be JSON');
    },
  );

  it('415 for a Content-Type that cannot be read', async () => {
    const res = await put({ 'Content-Type': 'application/json; charset' }, JSON.stringify(passport));
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('cannot be read');
  });

  it('415 for a body without a Content-Type', async () => {
    const res = await rawRequest(api.url, {
      method: 'PUT',
      path: '/api/pupils/cal/passport',
      headers: [['Authorization', 'Bearer senco']],
      body: JSON.stringify(passport),
    });
    expect(res.status).toBe(415);
  });

  it('accepts UTF-8 however it is spelt, and saves', async () => {
    const res = await put({ 'Content-Type': 'Application/JSON; Charset="UTF-8"' }, JSON.stringify(passport));
    expect(res.status).toBe(200);
  });

  it('400 for malformed JSON, and for JSON that is not an object', async () => {
    const broken = await put({ 'Content-Type': 'application/json' }, '{"aboutMe": "a\\x"}');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalidJson');
    const scalar = await api.request('senco', 'POST', '/api/register/exports', { body: [1, 2] });
    expect(scalar.status).toBe(400);
    expect(scalar.body.error.fields).toEqual([
      { path: 'body', message: 'The request body must be a JSON object' },
    ]);
  });

  it.each(['x-unknown', 'gzip', 'deflate, gzip'])(
    '415 for a compressed body (Content-Encoding: %s), even one that is not what it says',
    async (encoding) => {
      const res = await put(
        { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
        JSON.stringify(passport),
      );
      expect(res.status).toBe(415);
      expect(res.body.error.message).toBe('Send the request body uncompressed (no Content-Encoding).');
    },
  );
});

describe('addresses and headers the API cannot read', () => {
  it.each([
    '/api/pupils/%FF',
    '/api/pupils/%E0%A4%A',
    '/api/pupils/ben/passport%C0',
    '/api/classes/%/pupils',
  ])('400 naming the path for %s, not 500', async (path) => {
    const res = await rawRequest(api.url, {
      method: 'GET',
      path,
      headers: [['Authorization', 'Bearer senco']],
    });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields[0]?.path).toBe('path');
    expect(body.error.fields[0]?.message).toContain('not valid percent-encoded UTF-8');
  });

  it('a percent-encoded NUL decodes and finds nothing (404), rather than failing', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils/%00');
    expect(res.status).toBe(404);
  });

  it.each([
    ['a line break', 'If-Match: "a"\r\n x'],
    ['a NUL', 'If-Match: "a\u0000"'],
  ])('a header with %s is refused before any route runs (400)', async (_what, line) => {
    const [name, value] = line.split(': ') as [string, string];
    const res = await rawRequest(api.url, {
      method: 'PUT',
      path: '/api/settings',
      headers: [
        ['Authorization', 'Bearer senco'],
        ['Content-Type', 'application/json'],
        [name, value],
      ],
      body: '{}',
    });
    expect(res.status).toBe(400);
  });
});

describe('parseContentType', () => {
  it.each([
    ['application/json', { type: 'application/json' }],
    ['application/json;charset=UTF-8', { type: 'application/json', charset: 'utf-8' }],
    ['application/json; foo="a\\"b"; charset=utf-8', { type: 'application/json', charset: 'utf-8' }],
    ['json', undefined],
    ['application/json; =x', undefined],
    ['', undefined],
  ])('%j → %j', (header, parsed) => {
    expect(parseContentType(header)).toEqual(parsed);
  });
});
