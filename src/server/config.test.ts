import { ConfigError, LOCAL_CLIENT_ID, LOCAL_TENANT_ID, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('runs on the local stand-in when no tenant is configured', () => {
    const config = parseConfig({});
    expect(config.mode).toBe('local');
    expect(config.port).toBe(3978);
    expect(config.graphRoot).toBe('http://localhost:3978/local365/graph');
    expect(config.auth.issuer).toBe(`http://localhost:3978/local365/identity/${LOCAL_TENANT_ID}/v2.0`);
    expect(config.auth.audience).toContain(LOCAL_CLIENT_ID);
  });

  it('takes the port, the public URL and the stand-in’s Graph root from the environment', () => {
    const config = parseConfig({
      PORT: '4100',
      PUBLIC_URL: 'https://hub.example.org/',
      LOCAL365_GRAPH_ROOT: 'http://127.0.0.1:9/graph',
    });
    expect(config.publicUrl).toBe('https://hub.example.org');
    expect(config.graphRoot).toBe('http://127.0.0.1:9/graph');
    expect(config.auth.jwksUri).toBe(
      `https://hub.example.org/local365/identity/${LOCAL_TENANT_ID}/discovery/v2.0/keys`,
    );
  });

  it('keeps the audit journal beside the stand-in’s database unless told where', () => {
    expect(parseConfig({ LOCAL365_DB: '/var/lib/sencohub/local365.sqlite' }).auditJournalPath).toBe(
      '/var/lib/sencohub/audit-journal.jsonl',
    );
    expect(parseConfig({ AUDIT_JOURNAL: '/srv/keep/audit.jsonl' }).auditJournalPath).toBe(
      '/srv/keep/audit.jsonl',
    );
    expect(() => parseConfig({ AUDIT_JOURNAL: '' })).toThrow(/AUDIT_JOURNAL/);
  });

  it('trusts Entra for the tenant when one is configured', () => {
    const tenantId = '0a1b2c3d-0000-4000-8000-000000000001';
    const clientId = '0a1b2c3d-0000-4000-8000-000000000002';
    const config = parseConfig({
      TENANT_ID: tenantId,
      CLIENT_ID: clientId,
      CLIENT_SECRET: 's',
      SITE_URL: 'https://school.sharepoint.com/sites/senco-hub',
    });
    expect(config.mode).toBe('tenant');
    expect(config.graphRoot).toBe('https://graph.microsoft.com');
    expect(config.auth.issuer).toBe(`https://login.microsoftonline.com/${tenantId}/v2.0`);
    expect(config.auth.audience).toContain(clientId);
  });

  it('names every missing tenant setting rather than half-configuring', () => {
    expect(() => parseConfig({ TENANT_ID: '0a1b2c3d-0000-4000-8000-000000000001' })).toThrow(
      /missing: CLIENT_ID, CLIENT_SECRET, SITE_URL/,
    );
  });

  it('names the field and the problem for a bad value', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
