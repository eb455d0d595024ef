// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/api-client.ts';
import { clearEarlyAnswers, earlyAnswersWaiting } from '../api/early-answers.ts';
import { DemoUserNotFoundError, demoSignIn } from '../auth/demo-sign-in.ts';
import { NO_FILTERS, getRegister } from '../features/register/api/get-register.ts';
import { sessionKey } from '../features/register/api/register-request.ts';
import { startEarlyRequests, type EarlyStart } from './early-start.ts';

const SENCO = {
  upn: 'senco@oakfield.example.org',
  roles: ['Senco'],
  displayName: 'S',
  access_token: 'tok-s',
};
const TEACHER = { upn: 'teacher@oakfield.example.org', roles: [], displayName: 'T', access_token: 'tok-t' };

/** A server that answers the sign-in as `user` and everything else with `{}`; what was asked, in order. */
function server(user: object | undefined) {
  const asked: { path: string; auth: string | null }[] = [];
  const fetch = vi.fn((input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const path = url.pathname + url.search;
    asked.push({ path, auth: new Headers(init?.headers).get('Authorization') });
    if (url.pathname === '/local365/demo-sign-in')
      return Promise.resolve(user ? Response.json(user) : new Response('no such user', { status: 404 }));
    if (url.pathname === '/api/pupils')
      return Promise.resolve(Response.json({ total: 1, pupils: [{ id: `row for ${path}` }] }));
    return Promise.resolve(Response.json({ from: path }));
  });
  return { fetch, asked };
}

const start = (address: string, fetch: typeof globalThis.fetch, more: Partial<EarlyStart> = {}) =>
  startEarlyRequests({
    url: new URL(address, 'http://localhost:3978'),
    settings: { mode: 'local' },
    framed: false,
    rememberedUser: null,
    fetch,
    ...more,
  });

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  clearEarlyAnswers();
  vi.unstubAllGlobals();
});

describe('the tab’s early requests', () => {
  it('signs in, then asks for /api/me and the register’s first page with the query the register makes', async () => {
    const { fetch, asked } = server(SENCO);
    await start('/?page=register&user=senco%40oakfield.example.org', fetch);
    // The register as its own query asks for it (get-register.ts), through a client that records what it sends.
    const pageAsks: string[] = [];
    vi.stubGlobal('fetch', (input: URL) => {
      pageAsks.push(input.pathname + input.search);
      return Promise.resolve(Response.json({ total: 1, pupils: [] }));
    });
    await getRegister(
      createApiClient(() => Promise.resolve('other-token')),
      NO_FILTERS,
    );
    expect(asked).toEqual([
      { path: '/local365/demo-sign-in?upn=senco%40oakfield.example.org', auth: null },
      { path: '/api/me', auth: 'Bearer tok-s' },
      { path: pageAsks[0], auth: 'Bearer tok-s' },
    ]);
  });

  it('asks for the register with the filters it will open with (kept for this browser tab)', async () => {
    const filters = { ...NO_FILTERS, year: ['Y6'], sort: 'review-due' };
    sessionStorage.setItem(sessionKey(SENCO.upn), JSON.stringify({ filters, direction: 'ascending' }));
    const { fetch, asked } = server(SENCO);
    await start('/?page=register', fetch);
    expect(asked.at(-1)?.path).toBe('/api/pupils?year=Y6&sort=review-due&limit=100&offset=0');
  });

  it('hands its answers over once: the main script’s sign-in and requests take them instead of asking again', async () => {
    const { fetch, asked } = server(SENCO);
    await start('/?page=register', fetch);
    vi.stubGlobal('fetch', fetch);
    const signedIn = await demoSignIn(undefined);
    expect(signedIn.access_token).toBe('tok-s');
    const api = createApiClient(() => Promise.resolve(signedIn.access_token));
    expect(await api.get('/api/me')).toEqual({ from: '/api/me' });
    const register = await getRegister(api, NO_FILTERS);
    expect(register.pupils).toEqual([{ id: 'row for /api/pupils?sort=name&limit=100&offset=0' }]);
    expect(asked).toHaveLength(3); // nothing asked twice
    expect(earlyAnswersWaiting()).toEqual([]);
    // Once taken, a later request asks the server.
    await api.get('/api/me');
    expect(asked).toHaveLength(4);
  });

  it('does not send for the register for staff the server would refuse it to (a class teacher)', async () => {
    const { fetch, asked } = server(TEACHER);
    await start('/?page=register&user=teacher%40oakfield.example.org', fetch);
    expect(asked.map((a) => a.path)).toEqual([
      '/local365/demo-sign-in?upn=teacher%40oakfield.example.org',
      '/api/me',
    ]);
  });

  it('asks for the page’s data only for the register, and for /api/me whatever the page', async () => {
    const { fetch, asked } = server(SENCO);
    await start('/?page=provision', fetch);
    expect(asked.map((a) => a.path)).toEqual(['/local365/demo-sign-in', '/api/me']);
  });

  it('signs in as the user remembered here when ?user= names nobody, as the main script does', async () => {
    const { fetch, asked } = server(SENCO);
    await start('/?page=register', fetch, { rememberedUser: 'left@oakfield.example.org' });
    expect(asked[0]?.path).toBe('/local365/demo-sign-in?upn=left%40oakfield.example.org');
  });

  it('stops at a refused sign-in, whose answer the main script meets as its own', async () => {
    const { fetch, asked } = server(undefined);
    await start('/?page=register&user=nobody%40oakfield.example.org', fetch);
    expect(asked).toHaveLength(1);
    vi.stubGlobal('fetch', fetch);
    await expect(demoSignIn('nobody@oakfield.example.org')).rejects.toBeInstanceOf(DemoUserNotFoundError);
    expect(asked).toHaveLength(1);
  });

  it('a failed early request leaves the main script to ask for itself', async () => {
    let failing = true;
    const fetch = vi.fn((input: URL) => {
      if (input.pathname === '/local365/demo-sign-in') return Promise.resolve(Response.json(SENCO));
      if (failing) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(Response.json({ asked: 'again' }));
    });
    await start('/', fetch as unknown as typeof globalThis.fetch);
    failing = false;
    vi.stubGlobal('fetch', fetch);
    const api = createApiClient(() => Promise.resolve('tok-s'));
    expect(await api.get('/api/me')).toEqual({ asked: 'again' });
  });

  it('does nothing with a tenant (MSAL signs in), inside a frame (Teams decides), or without settings', async () => {
    for (const more of [
      { settings: { mode: 'tenant' as const } },
      { framed: true },
      { settings: undefined },
    ]) {
      const { fetch, asked } = server(SENCO);
      await start('/?page=register', fetch, more);
      expect(asked).toEqual([]);
    }
    expect(earlyAnswersWaiting()).toEqual([]);
  });
});

