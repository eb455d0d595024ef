import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, staticTab } from './static-tab.ts';

let dir: string;
let server: Server;
let base: string;
const script = `export const tab = ${JSON.stringify('x'.repeat(5000))};\n`;
const page = `<!doctype html><title>SENCO Hub</title>${'<p>Hello</p>'.repeat(200)}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-tab-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), page);
  writeFileSync(join(dir, 'privacy.html'), '<!doctype html><title>Privacy</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
  const web = express();
  // The page made for the address: here, the page asked for written at its end.
  web.use('/made', staticTab(dir, { startPage: (html, url) => `${html}<!-- ${url.search} -->` }));
  web.use(staticTab(dir));
  web.use((_req, res) => void res.status(404).send('none'));
  server = await new Promise<Server>((resolve) => {
    const s = web.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** fetch() would decompress by itself; node's http client shows the bytes as sent. */
async function get(path: string, headers: Record<string, string> = {}) {
  const { request } = await import('node:http');
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    // The path as given: a URL string would have `..` resolved by the client before it is sent.
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, headers }, (res) => {
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

describe('staticTab', () => {
  it('keeps hashed assets for a year and sends them brotli-compressed when accepted', async () => {
    const res = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('sends gzip to a client without brotli, and plain bytes to one that asks for neither', async () => {
    const gzip = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('has the browser revalidate pages, answering 304 when nothing changed', async () => {
    const first = await get('/', { 'Accept-Encoding': 'br' });
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(first.body).toString()).toBe(page);
    const again = await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
    // Another encoding is another representation, with its own tag.
    const gzip = await get('/', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': String(first.headers['etag']),
    });
    expect(gzip.status).toBe(200);
  });

  it('answers the tab’s routes with index.html and /privacy with its page', async () => {
    expect((await get('/pupils/p-1')).body.toString()).toBe(page);
    expect((await get('/privacy')).body.toString()).toContain('<title>Privacy</title>');
  });

  it('says 404 for a missing asset rather than sending the page, and never serves outside its folder', async () => {
    expect((await get('/assets/index-old999.js')).status).toBe(404);
    const up = await get('/%2e%2e/%2e%2e/etc/passwd');
    expect([up.status, up.body.toString().slice(0, 40)]).toEqual([404, 'none']);
    expect((await get('/..%2fstatic-tab.test.ts')).status).toBe(404);
  });

  it('does not serve files or folders whose names start with a dot (the build’s manifest)', async () => {
    expect((await get('/.vite/manifest.json')).status).toBe(404);
    expect((await get('/%2evite/manifest.json')).status).toBe(404);
  });

  it('sends the page made for the address asked for, compressed, with a tag of its own for each address', async () => {
    const register = await get('/made/?page=register', { 'Accept-Encoding': 'br' });
    expect(register.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(register.body).toString()).toBe(`${page}<!-- ?page=register -->`);
    const pupil = await get('/made/pupils/p-1?page=pupil/p-1', { 'Accept-Encoding': 'br' });
    expect(brotliDecompressSync(pupil.body).toString()).toBe(`${page}<!-- ?page=pupil/p-1 -->`);
    expect(pupil.headers['etag']).not.toBe(register.headers['etag']);
    const again = await get('/made/?page=register', {
      'Accept-Encoding': 'br',
      'If-None-Match': String(register.headers['etag']),
    });
    expect(again.status).toBe(304);
    // Assets are sent as they are.
    expect((await get('/made/assets/index-abc123.js')).body.toString()).toBe(script);
  });

  it('leaves small files uncompressed and keeps them an hour', async () => {
    const res = await get('/favicon.svg', { 'Accept-Encoding': 'br' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    ['gzip;q=0', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
