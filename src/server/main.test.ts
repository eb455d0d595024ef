/**
 * Tenant mode on its own: the server starts for a school without ever loading the local Microsoft 365 stand-in
 * or its native SQLite module, and its bot refuses activities Microsoft did not sign.
 */
import { fileURLToPath } from 'node:url';
import { createFakeRecords } from './api/testing/fake-records.ts';
import { NOW, schoolRecords } from './api/testing/api-harness.ts';
import { parseConfig } from './config.ts';
import { startServer } from './main.ts';

// Importing either fails the start: this is what makes the test fail if tenant mode loads the stand-in.
vi.mock('../local365/local365.ts', () => {
  throw new Error('the local Microsoft 365 stand-in was loaded');
});
vi.mock('better-sqlite3', () => {
  throw new Error('the stand-in’s SQLite module was loaded');
});

const certificate = fileURLToPath(new URL('../graph/testing/test-certificate.pem', import.meta.url));
const school = {
  PORT: '0',
  HOST: '127.0.0.1',
  TENANT_ID: '0a1b2c3d-0000-4000-8000-000000000001',
  CLIENT_ID: '0a1b2c3d-0000-4000-8000-000000000002',
  CLIENT_CERTIFICATE_PATH: certificate,
  SITE_URL: 'https://oakfield.sharepoint.com/sites/senco-hub',
  PUBLIC_URL: 'https://senco-hub.oakfield.example.org',
};

describe('startServer for a school', () => {
  it('starts without the stand-in, and its bot refuses an unsigned activity', async () => {
    const running = await startServer(parseConfig(school), {
      records: createFakeRecords(schoolRecords(), { now: () => NOW }),
      now: () => NOW,
    });
    try {
      const base = `http://127.0.0.1:${running.port}`;
      expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ mode: 'tenant' });
      // What the tab needs to sign in with MSAL, the redirect page registered in Entra among it.
      expect(await (await fetch(`${base}/api/tab-settings`)).json()).toEqual({
        mode: 'tenant',
        clientId: school.CLIENT_ID,
        tenantId: school.TENANT_ID,
        apiScope: `api://senco-hub.oakfield.example.org/${school.CLIENT_ID}/access_as_user`,
        redirectUri: 'https://senco-hub.oakfield.example.org/auth-redirect.html',
      });
      const unsigned = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: '1',
          text: 'help',
          serviceUrl: 'https://attacker.example/',
          channelId: 'msteams',
          from: { id: 'x' },
          conversation: { id: 'c' },
          recipient: { id: 'bot' },
        }),
      });
      expect(unsigned.status).toBe(401);
      expect((await fetch(`${base}/local365/token`, { method: 'POST' })).status).toBe(404);
    } finally {
      await running.close();
    }
  });

  it('names the certificate setting when its file cannot be used, without quoting the file', async () => {
    await expect(
      startServer(parseConfig({ ...school, CLIENT_CERTIFICATE_PATH: `${certificate}.missing` })),
    ).rejects.toThrow(/CLIENT_CERTIFICATE_PATH: cannot read .*\(ENOENT\)/);
  });

  it('would notice the stand-in being loaded: local mode, which needs it, fails here', async () => {
    await expect(startServer(parseConfig({ PORT: '0' }))).rejects.toThrow(/error when mocking a module/);
  });
});
