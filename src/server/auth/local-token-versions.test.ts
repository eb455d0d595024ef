/**
 * The whole app in local mode on each token format Entra can issue for our API: the stand-in issues v1 tokens
 * when LOCAL365_ACCESS_TOKEN_VERSION=1 (as Entra does when the app registration's accessTokenAcceptedVersion is
 * null, its default, or 1) and v2 tokens otherwise (accessTokenAcceptedVersion 2, as the deployment guide sets);
 * the server accepts both for a person and refuses the app-only token either way.
 */
import { decodeJwt } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyDemoSchool, startTestApp, type TestApp } from '../../../tests/support/test-app.ts';

describe.each([
  ['1', 'v1', '1.0', /\/sts\/[^/]+\/$/],
  ['2', 'v2', '2.0', /\/identity\/[^/]+\/v2\.0$/],
] as const)('LOCAL365_ACCESS_TOKEN_VERSION=%s: %s tokens for our API', (version, _name, ver, issuer) => {
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sencohub-token-version-'));
    const dbPath = join(dir, 'local365.sqlite');
    await copyDemoSchool(dbPath);
    app = await startTestApp({ LOCAL365_DB: dbPath, LOCAL365_ACCESS_TOKEN_VERSION: version });
    await app.running.ready;
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues that format and the API accepts it for a person, with the scope the tab asks for or none', async () => {
    const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
    for (const scope of [app.config.apiScope, undefined]) {
      const res = await fetch(`${app.baseUrl}/local365/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ upn: senco.upn, ...(scope ? { scope } : {}) }),
      });
      const { access_token: token } = (await res.json()) as { access_token: string };
      const claims = decodeJwt(token);
      expect(claims['ver']).toBe(ver);
      expect(claims.iss).toMatch(issuer);
      // v1: aud is the Application ID URI the client asked with; v2: always the client id.
      expect(claims.aud).toBe(version === '1' ? app.config.auth.audience[1] : app.config.clientId);
      const me = await fetch(`${app.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { upn: string }).upn).toBe(senco.upn);
    }
  });

  it('refuses the stand-in’s app-only token for Graph on our API', async () => {
    const res = await fetch(`${app.baseUrl}/local365/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: app.config.clientId,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const { access_token: appOnly } = (await res.json()) as { access_token: string };
    const me = await fetch(`${app.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${appOnly}` } });
    expect(me.status).toBe(401);
  });
});
