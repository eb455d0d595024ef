import { readFileSync } from 'node:fs';
import {
  cachedTokenProvider,
  certificateCredential,
  createAppTokenProvider,
  TokenRequestError,
} from './app-token-provider.ts';

describe('cachedTokenProvider', () => {
  it('keeps a token until five minutes before it expires, and shares one request between callers', async () => {
    let clock = Date.parse('2026-01-12T09:00:00Z');
    let issued = 0;
    const acquire = vi.fn(async () => {
      await Promise.resolve();
      issued += 1;
      return { accessToken: `token-${issued}`, expiresAt: new Date(clock + 3_600_000) };
    });
    const getToken = cachedTokenProvider(acquire, () => new Date(clock));
    expect(await Promise.all([getToken(), getToken(), getToken()])).toEqual([
      'token-1',
      'token-1',
      'token-1',
    ]);
    clock += 54 * 60_000;
    expect(await getToken()).toBe('token-1');
    clock += 60_001;
    expect(await getToken()).toBe('token-2');
    expect(acquire).toHaveBeenCalledTimes(2);
  });

  it('asks again after a failed request', async () => {
    const acquire = vi
      .fn()
      .mockRejectedValueOnce(new TokenRequestError('down'))
      .mockResolvedValueOnce({ accessToken: 't', expiresAt: new Date(Date.now() + 3_600_000) });
    const getToken = cachedTokenProvider(acquire);
    await expect(getToken()).rejects.toThrow('down');
    expect(await getToken()).toBe('t');
  });
});

describe('local tokens', () => {
  it('asks the stand-in’s token endpoint for a client-credentials Graph token', async () => {
    const fetch = vi.fn((_url: string | URL | Request, _init?: RequestInit) =>
      Promise.resolve(Response.json({ access_token: 'local-token', expires_in: 3600, token_type: 'Bearer' })),
    );
    const getToken = createAppTokenProvider({
      kind: 'local',
      tokenUrl: 'http://localhost:3978/local365/token',
      clientId: 'client-1',
      fetch,
    });
    expect(await getToken()).toBe('local-token');
    expect(await getToken()).toBe('local-token');
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://localhost:3978/local365/token');
    expect(JSON.parse(init?.body as string)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      scope: 'https://graph.microsoft.com/.default',
    });
  });

  it('says why a token request failed', async () => {
    const fetch = () => Promise.resolve(new Response('{"error":"invalid_client"}', { status: 400 }));
    const getToken = createAppTokenProvider({
      kind: 'local',
      tokenUrl: 'http://x/token',
      clientId: 'c',
      fetch,
    });
    await expect(getToken()).rejects.toThrow('Token request failed: 400 {"error":"invalid_client"}');
  });
});

describe('certificateCredential', () => {
  // Self-signed, made for these tests only; registered nowhere.
  const read = (name: string) => readFileSync(new URL(`./testing/${name}`, import.meta.url), 'utf8');

  it('reads the certificate’s SHA-256 thumbprint and its private key, as MSAL needs them', () => {
    const credential = certificateCredential(read('test-certificate.pem'));
    expect(credential.thumbprintSha256).toBe(
      '461EB997C147AFFE430FD2DCF8EF87C9545D6DBA9DFB3AE66C525802E07CEC9F',
    );
    expect(credential.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(credential.x5c).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('says what is wrong with a file without quoting it', () => {
    const pem = read('test-certificate.pem');
    const certificateOnly = pem.replace(/-----BEGIN PRIVATE KEY-----[\s\S]+$/, '');
    expect(() => certificateCredential(certificateOnly)).toThrow(/has no unencrypted private key/);
    expect(() => certificateCredential('')).toThrow(/has no certificate and no unencrypted private key/);
    expect(() => certificateCredential(read('mismatched-certificate.pem'))).toThrow(
      /does not belong to its certificate/,
    );
    try {
      certificateCredential(read('mismatched-certificate.pem'));
    } catch (err) {
      expect((err as Error).message).not.toContain('MII');
    }
  });
});
