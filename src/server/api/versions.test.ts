/**
 * Every change to something versioned must name the exact version it was made from. `*` (If-Match's "any
 * version", RFC 9110 §13.1.1) would let a stale client overwrite silently, so it is refused with 428 on
 * every route that takes a version, in the header and in the body; a malformed tag is a 400 naming it.
 */
import { rawRequest } from '../http/testing/raw-http.ts';
import { startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeEach(async () => {
  api = await startApiHarness();
});
afterEach(async () => {
  await api.close();
});

type VersionedRoute = {
  name: string;
  method: 'PUT' | 'POST';
  path: string;
  /** The version now stored, as the tab reads it. */
  current(): Promise<string>;
  body(eTag: string | undefined): Record<string, unknown>;
};

const content = {
  aboutMe: 'I like maps.',
  strengths: ['Drawing'],
  whatIFindHard: ['Noise'],
  whatHelpsMe: ['Visual timetable'],
  accessArrangements: [],
};
const withETag = (body: Record<string, unknown>, eTag: string | undefined) =>
  eTag === undefined ? body : { ...body, expectedETag: eTag };

const ROUTES: VersionedRoute[] = [
  {
    name: 'changing settings',
    method: 'PUT',
    path: '/api/settings',
    current: async () => (await api.request('senco', 'GET', '/api/settings')).body.eTag as string,
    body: (eTag) => withETag({ settings: { dueSoonDays: 7 } }, eTag),
  },
  {
    name: 'editing a passport',
    method: 'PUT',
    path: '/api/pupils/ben/passport',
    current: async () => (await api.request('senco', 'GET', '/api/pupils/ben/passport')).body.eTag as string,
    body: (eTag) => withETag(content, eTag),
  },
  {
    name: 'changing a SEN status',
    method: 'POST',
    path: '/api/pupils/dan/sen-status',
    current: async () => (await api.request('senco', 'GET', '/api/pupils/dan/history')).body.eTag as string,
    body: (eTag) => withETag({ code: 'E', from: '2026-11-16' }, eTag),
  },
  {
    name: 'recording needs',
    method: 'POST',
    path: '/api/pupils/dan/needs',
    current: async () => (await api.request('senco', 'GET', '/api/pupils/dan/history')).body.eTag as string,
    body: (eTag) => withETag({ primaryNeed: 'ASD', from: '2026-11-20' }, eTag),
  },
  {
    name: 'recording intervention measures',
    method: 'PUT',
    path: '/api/interventions/reading/pupils/ben/measures',
    current: async () =>
      (await api.request('senco', 'GET', '/api/interventions')).body.interventions[0].pupilETags
        .ben as string,
    body: (eTag) => withETag({ entryMeasure: 90, exitMeasure: 99 }, eTag),
  },
];

const send = (route: VersionedRoute, body: unknown, headers: Record<string, string> = {}) =>
  api.request('senco', route.method, route.path, { body, headers });

describe.each(ROUTES)('$name takes exact versions only', (route) => {
  it.each([
    ['If-Match: *', { 'If-Match': '*' }, undefined],
    ['If-Match: W/*', { 'If-Match': 'W/*' }, undefined],
    ['If-Match: " * "', { 'If-Match': ' * ' }, undefined],
    ['expectedETag "*"', {}, '*'],
    ['both *', { 'If-Match': '*' }, '*'],
  ] as const)('refuses %s with 428, saving nothing', async (_how, headers, bodyETag) => {
    const before = await route.current();
    const res = await send(route, route.body(bodyETag), headers);
    expect(res.status).toBe(428);
    expect(res.body.error.code).toBe('preconditionRequired');
    expect(res.body.error.message).toContain('"*" matches any version');
    expect(await route.current()).toBe(before);
  });

  it('saves with the exact version, in the header or the body (the control)', async () => {
    const res = await send(route, route.body(undefined), { 'If-Match': await route.current() });
    expect(res.status).toBe(200);
    const again = await send(route, route.body(await route.current()));
    // A second identical change is either saved again or refused by the domain, never a version error.
    expect([200, 400]).toContain(again.status);
  });

  it('refuses a tag that is not printable ASCII, naming the field (400, not 500)', async () => {
    for (const tag of ['"é€"', '"a\nb"', '"a\u0000b"', '"\u{1F600}"', '"a", "b"', 'W/"a",*']) {
      const res = await send(route, route.body(tag));
      expect(res.status, JSON.stringify(tag)).toBe(400);
      expect(res.body.error.fields).toEqual([
        { path: 'expectedETag', message: expect.stringContaining('printable ASCII') },
      ]);
    }
  });

  it('refuses an If-Match header with bytes outside ASCII, naming it (400, not 500)', async () => {
    const res = await rawRequest(api.url, {
      method: route.method,
      path: route.path,
      headers: [
        ['Authorization', 'Bearer senco'],
        ['Content-Type', 'application/json'],
        ['If-Match', '"é€😀"'],
      ],
      body: JSON.stringify(route.body(undefined)),
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.fields).toEqual([
      { path: 'If-Match', message: expect.stringContaining('printable ASCII') },
    ]);
  });

  it('refuses an If-Match header listing several versions, naming it (400)', async () => {
    const current = await route.current();
    const res = await send(route, route.body(undefined), { 'If-Match': `${current}, "other,2"` });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'If-Match', message: expect.stringContaining('one version tag') },
    ]);
  });

  it('refuses a header and a body naming different versions (400)', async () => {
    const current = await route.current();
    const res = await send(route, route.body(current), { 'If-Match': '"someone-else,1"' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('expectedETag');
  });
});

it('a pupil’s first passport needs no version, but "*" is refused there too', async () => {
  const star = await api.request('senco', 'PUT', '/api/pupils/cal/passport', {
    body: content,
    headers: { 'If-Match': '*' },
  });
  expect(star.status).toBe(428);
  expect((await api.request('senco', 'GET', '/api/pupils/cal/passport')).body.passport).toBeNull();
  const first = await api.request('senco', 'PUT', '/api/pupils/cal/passport', { body: content });
  expect(first.status).toBe(200);
});
