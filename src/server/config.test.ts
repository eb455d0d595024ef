import { ConfigError, LOCAL_CLIENT_ID, LOCAL_TENANT_ID, parseConfig } from './config.ts';

const tenantId = '0a1b2c3d-0000-4000-8000-000000000001';
const clientId = '0a1b2c3d-0000-4000-8000-000000000002';
const school = {
  TENANT_ID: tenantId,
  CLIENT_ID: clientId,
  CLIENT_CERTIFICATE_PATH: '/etc/senco-hub/app.pem',
  SITE_URL: 'https://oakfield.sharepoint.com/sites/senco-hub',
  PUBLIC_URL: 'https://senco-hub.oakfield.example.org',
};

function message(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('parseConfig in local mode', () => {
  it('runs on the local stand-in, on this computer only, when no tenant is configured', () => {
    const config = parseConfig({});
    expect(config.mode).toBe('local');
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.graphRoot).toBe('http://localhost:3978/local365/graph');
    expect(config.auth.issuers.v2).toBe(`http://localhost:3978/local365/identity/${LOCAL_TENANT_ID}/v2.0`);
    expect(config.auth.issuers.v1).toBe(`http://localhost:3978/local365/sts/${LOCAL_TENANT_ID}/`);
    expect(config.auth.audience).toEqual([LOCAL_CLIENT_ID, `api://localhost:3978/${LOCAL_CLIENT_ID}`]);
    expect(config.apiScope).toBe(`api://localhost:3978/${LOCAL_CLIENT_ID}/access_as_user`);
  });

  it('takes the port, a local public URL and the stand-in’s Graph root from the environment', () => {
    const config = parseConfig({
      PORT: '4100',
      PUBLIC_URL: 'http://127.0.0.1:4100/',
      LOCAL365_GRAPH_ROOT: 'http://127.0.0.1:9/graph',
    });
    expect(config.publicUrl).toBe('http://127.0.0.1:4100');
    expect(config.graphRoot).toBe('http://127.0.0.1:9/graph');
    expect(config.auth.jwksUri).toBe(
      `http://127.0.0.1:4100/local365/identity/${LOCAL_TENANT_ID}/discovery/v2.0/keys`,
    );
  });

  it('keeps the audit journal beside the stand-in’s database unless told where', () => {
    expect(parseConfig({ LOCAL365_DB: '/var/lib/sencohub/local365.sqlite' }).auditJournalPath).toBe(
      '/var/lib/sencohub/audit-journal.jsonl',
    );
    expect(parseConfig({ AUDIT_JOURNAL: '/srv/keep/audit.jsonl' }).auditJournalPath).toBe(
      '/srv/keep/audit.jsonl',
    );
    // An empty variable counts as unset, like every other setting.
    expect(parseConfig({ AUDIT_JOURNAL: '', LOCAL365_DB: '/srv/db.sqlite' }).auditJournalPath).toBe(
      '/srv/audit-journal.jsonl',
    );
  });

  it('refuses a public address: the demo sign-in lets anyone be anyone', () => {
    const text = message({ PUBLIC_URL: 'https://hub.example.org' });
    expect(text).toMatch(/Local mode is for trying SENCO Hub on this computer/);
    expect(text).toMatch(/PUBLIC_URL is https:\/\/hub\.example\.org/);
    expect(text).toMatch(/set TENANT_ID, CLIENT_ID/i);
  });

  it('refuses to listen beyond this computer', () => {
    expect(message({ HOST: '0.0.0.0' })).toMatch(/HOST is 0\.0\.0\.0/);
    expect(parseConfig({ HOST: '::1' }).host).toBe('::1');
  });

  it('names the field and the problem for a bad value', () => {
    expect(message({ PORT: 'eighty' })).toMatch(/PORT/);
  });
});

describe('parseConfig in tenant mode', () => {
  it('trusts Entra’s v1 and v2 issuers for the tenant and both audiences of our API', () => {
    const config = parseConfig(school);
    expect(config.mode).toBe('tenant');
    expect(config.host).toBeUndefined();
    expect(config.graphRoot).toBe('https://graph.microsoft.com');
    expect(config.auth.issuers).toEqual({
      v1: `https://sts.windows.net/${tenantId}/`,
      v2: `https://login.microsoftonline.com/${tenantId}/v2.0`,
    });
    expect(config.auth.audience).toEqual([clientId, `api://senco-hub.oakfield.example.org/${clientId}`]);
    expect(config.auth.requiredScope).toBe('access_as_user');
    expect(config.mode === 'tenant' && config.credential).toEqual({
      kind: 'certificate',
      path: '/etc/senco-hub/app.pem',
    });
  });

  it('uses a client secret when no certificate is given, and the certificate when both are', () => {
    const { CLIENT_CERTIFICATE_PATH: _path, ...rest } = school;
    const withSecret = parseConfig({ ...rest, CLIENT_SECRET: 's3cret' });
    expect(withSecret.mode === 'tenant' && withSecret.credential).toEqual({
      kind: 'secret',
      secret: 's3cret',
    });
    const both = parseConfig({ ...school, CLIENT_SECRET: 's3cret' });
    expect(both.mode === 'tenant' && both.credential.kind).toBe('certificate');
  });

  it('names every missing setting at once rather than half-configuring', () => {
    const text = message({ TENANT_ID: tenantId });
    for (const name of ['CLIENT_ID', 'SITE_URL', 'PUBLIC_URL', 'CLIENT_CERTIFICATE_PATH or CLIENT_SECRET'])
      expect(text).toContain(`${name}: missing`);
    expect(text).not.toContain('TENANT_ID');
  });

  it('names every malformed setting and why', () => {
    const text = message({
      TENANT_ID: 'oakfield',
      CLIENT_ID: clientId,
      CLIENT_SECRET: 's',
      SITE_URL: 'https://oakfield.sharepoint.com/',
      PUBLIC_URL: 'http://senco-hub.oakfield.example.org',
      TRUST_PROXY: 'the-load-balancer',
    });
    expect(text).toMatch(/TENANT_ID: must be the Directory \(tenant\) ID/);
    expect(text).toMatch(/SITE_URL: must be a SharePoint site address/);
    expect(text).toMatch(/PUBLIC_URL: must be the https address/);
    expect(text).toMatch(/TRUST_PROXY: 'the-load-balancer' is not an address/);
    expect(text).not.toMatch(/CLIENT_ID:/);
  });

  it('names addresses that are not URLs at all, and takes an empty setting as missing', () => {
    const text = message({
      ...school,
      SITE_URL: 'senco hub',
      PUBLIC_URL: 'nonsense',
      CLIENT_CERTIFICATE_PATH: '',
    });
    expect(text).toMatch(/SITE_URL: must be the https address/);
    expect(text).toMatch(/PUBLIC_URL: must be the https address/);
    expect(text).toContain('CLIENT_CERTIFICATE_PATH or CLIENT_SECRET: missing');
  });

  it('refuses to let the bot accept unsigned messages', () => {
    expect(message({ ...school, DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: 'true' })).toMatch(
      /DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: must not be set/,
    );
  });

  it('reads which proxies to trust for the caller’s address', () => {
    expect(parseConfig(school).trustProxy).toEqual(['loopback']);
    expect(parseConfig({ ...school, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ ...school, TRUST_PROXY: '10.0.0.0/8, uniquelocal' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'uniquelocal',
    ]);
  });

  describe('reminder settings', () => {
    it('run every 5 minutes and take over claims older than 10 by default; both can be changed, and 0 turns the timer off', () => {
      expect(parseConfig({}).reminders).toEqual({ intervalMinutes: 5, staleClaimMinutes: 10 });
      expect(
        parseConfig({ REMINDERS_INTERVAL_MINUTES: '0', REMINDERS_STALE_CLAIM_MINUTES: '30' }).reminders,
      ).toEqual({ intervalMinutes: 0, staleClaimMinutes: 30 });
      expect(() => parseConfig({ REMINDERS_INTERVAL_MINUTES: 'often' })).toThrow(
        /REMINDERS_INTERVAL_MINUTES/,
      );
    });

    it('REMINDERS_INTERVAL_SECONDS runs them every few seconds on the stand-in (tests), and is refused for a school', () => {
      expect(parseConfig({ REMINDERS_INTERVAL_SECONDS: '2' }).reminders.intervalMinutes * 60_000).toBe(2_000);
      expect(
        parseConfig({ REMINDERS_INTERVAL_MINUTES: '1', REMINDERS_INTERVAL_SECONDS: '30' }).reminders
          .intervalMinutes,
      ).toBe(0.5);
      for (const bad of ['0', '1.5', 'soon', '3601'])
        expect(() => parseConfig({ REMINDERS_INTERVAL_SECONDS: bad })).toThrow(/REMINDERS_INTERVAL_SECONDS/);
      expect(() => parseConfig({ ...school, REMINDERS_INTERVAL_SECONDS: '2' })).toThrow(
        /REMINDERS_INTERVAL_SECONDS: must not be set for a school/,
      );
    });

    it('LOCAL365_CLOCK_START starts the local clock at an instant, and refuses anything else', () => {
      const config = parseConfig({ LOCAL365_CLOCK_START: '2026-12-07T08:00:00Z' });
      expect(config.mode === 'local' && config.local365.clockStart).toBe(Date.parse('2026-12-07T08:00:00Z'));
      expect(() => parseConfig({ LOCAL365_CLOCK_START: 'next Monday' })).toThrow(/LOCAL365_CLOCK_START/);
    });
  });
});
