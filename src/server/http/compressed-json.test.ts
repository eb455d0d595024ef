import express from 'express';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressedJson, PreparedJson } from './compressed-json.ts';

let server: Server;
let port = 0;
const rows = Array.from({ length: 500 }, (_, i) => ({
  id: `pupil-${i}`,
  displayName: `Pupil ${i}`,
  senStatus: 'K',
}));

const prepared = new PreparedJson({ total: rows.length, pupils: rows });

beforeAll(async () => {
  const web = express();
  web.use('/api', compressedJson);
  web.get('/api/pupils', (_req, res) => void res.json({ total: rows.length, pupils: rows }));
  web.get('/api/small', (_req, res) => void res.json({ ok: true }));
  web.get('/api/prepared', (_req, res) => void res.json(prepared));
  web.get('/api/missing', (_req, res) => void res.status(404).json({ error: { message: 'x'.repeat(2000) } }));
  server = await new Promise<Server>((resolve) => {
    const s = web.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The bytes as sent (fetch() would decompress them by itself). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request({ hostname: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compressedJson', () => {
  const expected = { total: rows.length, pupils: rows };

  it('sends a large answer brotli-compressed when the client accepts it, much smaller', async () => {
    const res = await get('/api/pupils', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(JSON.parse(brotliDecompressSync(res.body).toString())).toEqual(expected);
    expect(res.body.length).toBeLessThan(JSON.stringify(expected).length / 5);
  });

  it('sends gzip to a client without brotli, and plain JSON to one that asks for neither', async () => {
    const gzip = await get('/api/pupils', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(expected);
    const plain = await get('/api/pupils', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toBe('Accept-Encoding');
    expect(JSON.parse(plain.body.toString())).toEqual(expected);
  });

  it('keeps the status of an error answer, and leaves small answers alone', async () => {
    const missing = await get('/api/missing', { 'Accept-Encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(brotliDecompressSync(missing.body).toString())).toMatchObject({ error: {} });
    const small = await get('/api/small', { 'Accept-Encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ ok: true });
  });

  it('sends a prepared answer in each encoding asked for, compressing it once per encoding', async () => {
    const br = await get('/api/prepared', { 'Accept-Encoding': 'br' });
    const gzip = await get('/api/prepared', { 'Accept-Encoding': 'gzip' });
    const plain = await get('/api/prepared');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(expected);
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(expected);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(plain.body.toString())).toEqual(expected);
    expect(prepared.encode('br')).toBe(prepared.encode('br'));
    expect((await get('/api/prepared', { 'Accept-Encoding': 'br' })).body.equals(br.body)).toBe(true);
  });
});
