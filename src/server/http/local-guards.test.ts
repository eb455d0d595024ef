import express from 'express';
import type { Server } from 'node:http';
import { onlyLocalServiceUrls, onlyLoopbackHost } from './local-guards.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const web = express();
  web.get('/hello', onlyLoopbackHost, (_req, res) => void res.json({ reached: true }));
  web.post(
    '/api/messages',
    express.json(),
    onlyLocalServiceUrls,
    (_req, res) => void res.json({ reached: true }),
  );
  server = await new Promise<Server>((resolve) => {
    const s = web.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const post = (body: unknown) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('onlyLocalServiceUrls (local mode’s unsigned bot endpoint)', () => {
  it.each([
    'http://localhost:3978/local365/connector/',
    'http://127.0.0.1:56150/_connector',
    'http://[::1]:9/',
  ])('lets an activity answered on this computer through: %s', async (serviceUrl) => {
    expect((await post({ type: 'message', serviceUrl })).status).toBe(200);
  });

  it.each([
    ['elsewhere', 'https://smba.trafficmanager.net/teams/'],
    ['a name that only starts like localhost', 'http://localhost.attacker.example/'],
    ['not a URL', 'nonsense'],
    ['no serviceUrl', undefined],
  ])('refuses an activity whose answer would go %s', async (_name, serviceUrl) => {
    const res = await post({ type: 'message', serviceUrl });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('serviceUrl');
  });
});

describe('onlyLoopbackHost (local mode)', () => {
  const hello = async (host: string) => {
    const { request } = await import('node:http');
    const { hostname, port } = new URL(base);
    return new Promise<number>((resolve, reject) => {
      const req = request({ hostname, port, path: '/hello', headers: { Host: host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  };

  it.each(['localhost:3978', '127.0.0.1:3978', '[::1]:3978', 'localhost'])(
    'answers a request for %s',
    async (host) => {
      expect(await hello(host)).toBe(200);
    },
  );

  it.each(['attacker.example:3978', 'localhost.attacker.example', '10.0.0.5:3978'])(
    'refuses a request for %s (DNS rebinding)',
    async (host) => {
      expect(await hello(host)).toBe(421);
    },
  );
});
