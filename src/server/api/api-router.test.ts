import { createFakeRecords } from './testing/fake-records.ts';
import { NOW, schoolRecords, startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeEach(async () => {
  api = await startApiHarness();
});
afterEach(async () => {
  await api.close();
});

describe('the API edge', () => {
  it('refuses a request without a bearer token with 401 and a WWW-Authenticate challenge', async () => {
    const res = await api.request(undefined, 'GET', '/api/pupils');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('answers 401 for an unknown API route without a token, so routes cannot be discovered', async () => {
    expect((await api.request(undefined, 'GET', '/api/secret-things')).status).toBe(401);
    expect((await api.request('senco', 'GET', '/api/secret-things')).status).toBe(404);
  });

  it('refuses pupils and guests everything, even who they are', async () => {
    for (const person of ['pupil-ava', 'guest'] as const) {
      const res = await api.request(person, 'GET', '/api/me');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('answers 503 with Retry-After until the records are loaded, after checking the token', async () => {
    api.records.setReady(false);
    expect((await api.request(undefined, 'GET', '/api/pupils')).status).toBe(401);
    const res = await api.request('senco', 'GET', '/api/pupils');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.error.code).toBe('notReady');
    api.records.setReady(true);
    expect((await api.request('senco', 'GET', '/api/pupils')).status).toBe(200);
  });

  it('tells browsers not to keep any answer', async () => {
    const res = await api.request('senco', 'GET', '/api/me');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 400 naming each field for invalid input', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils?year=Y99&sort=age&colour=red');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalidRequest');
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'year.0', message: expect.stringContaining('Year group must be one of') },
        { path: 'sort', message: 'Sort must be name, year, status or review-due' },
        { path: 'colour', message: 'colour is not recognised in this request' },
      ]),
    );
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await api.request('senco', 'PUT', '/api/pupils/ben/passport', { rawBody: '{"aboutMe": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalidJson');
  });

  it('answers 413 for a body over 100 kB', async () => {
    const res = await api.request('senco', 'PUT', '/api/pupils/ben/passport', {
      body: { aboutMe: 'x'.repeat(110_000) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payloadTooLarge');
  });
});

describe('GET /api/me', () => {
  it('tells a class teacher their classes and the pupils they may see', async () => {
    const res = await api.request('tom', 'GET', '/api/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'tom',
      displayName: 'Tom Teacher',
      roles: [],
      can: { fullRecords: false, aggregates: false, settings: false, auditLog: false },
      classes: [{ id: 'willow', displayName: 'Year 4 Willow', role: 'teacher' }],
      pupilScope: 'own',
      today: '2026-11-23',
    });
    // Ava (EHC plan) and Ben (SEN support) are on the register; Cal is not.
    expect((res.body.pupils as { id: string }[]).map((p) => p.id)).toEqual(['ava', 'ben']);
  });

  it('audits a teacher’s list of pupils as a read of each pupil in it', async () => {
    await api.request('tom', 'GET', '/api/me');
    await api.audit.flush();
    expect(api.records.audit).toEqual([
      expect.objectContaining({
        actor: { userId: 'tom', upn: 'tom@school.example' },
        action: 'read',
        resource: 'my-pupils',
        detail: '2 pupils: ava, ben',
      }),
    ]);
  });

  it('audits nothing for the SENCO, whose /api/me names no pupil', async () => {
    const res = await api.request('senco', 'GET', '/api/me');
    expect(res.body.pupils).toEqual([]);
    await api.audit.flush();
    expect(api.records.audit).toEqual([]);
  });

  it('tells a TA only the pupils they are assigned to and those of the interventions they run, not the class team’s', async () => {
    const res = await api.request('tia', 'GET', '/api/me');
    expect(res.body.classes).toEqual([]);
    // Assigned to Ava; named on the reading intervention, which Ava and Ben are in (access-policy.ts).
    expect((res.body.pupils as { id: string }[]).map((p) => p.id).sort()).toEqual(['ava', 'ben']);
  });

  it('tells the SENCO their scope is every pupil rather than listing them', async () => {
    const res = await api.request('senco', 'GET', '/api/me');
    expect(res.body).toMatchObject({ roles: ['Senco'], pupilScope: 'all', pupils: [] });
    expect(res.body.can).toEqual({ fullRecords: true, aggregates: true, settings: true, auditLog: true });
  });
});

describe('settings', () => {
  it('lets the SENCO read and change them, quoting the version', async () => {
    const read = await api.request('senco', 'GET', '/api/settings');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(read.body.eTag);
    const saved = await api.request('senco', 'PUT', '/api/settings', {
      body: { settings: { ...read.body.settings, dueSoonDays: 21 } },
      headers: { 'If-Match': read.body.eTag },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.dueSoonDays).toBe(21);
    expect(saved.body.modifiedBy).toBe('Katie Dawson');
  });

  it('answers 409 with the current settings and who changed them when the version is stale', async () => {
    const read = await api.request('senco', 'GET', '/api/settings');
    await api.request('senco', 'PUT', '/api/settings', {
      body: { settings: read.body.settings, expectedETag: read.body.eTag },
    });
    const stale = await api.request('senco', 'PUT', '/api/settings', {
      body: { settings: { ...read.body.settings, dueSoonDays: 7 }, expectedETag: read.body.eTag },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: { code: 'conflict' },
      current: { value: { dueSoonDays: 14 } },
      changedBy: 'Katie Dawson',
      changedAt: NOW.toISOString(),
    });
  });

  it('answers 428 for a change that does not say which version it replaces', async () => {
    const read = await api.request('senco', 'GET', '/api/settings');
    const res = await api.request('senco', 'PUT', '/api/settings', {
      body: { settings: read.body.settings },
    });
    expect(res.status).toBe(428);
  });

  it('names the field for an out-of-range setting', async () => {
    const read = await api.request('senco', 'GET', '/api/settings');
    const res = await api.request('senco', 'PUT', '/api/settings', {
      body: { settings: { ...read.body.settings, dueSoonDays: 400 }, expectedETag: read.body.eTag },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'settings.dueSoonDays', message: 'Due-soon window (days) must be at most 90' },
    ]);
  });

  it('is the SENCO’s alone: the SEND team and the headteacher get 403', async () => {
    for (const person of ['sendteam', 'head', 'tom'] as const) {
      expect((await api.request(person, 'GET', '/api/settings')).status).toBe(403);
    }
  });
});

describe('the audit log', () => {
  it('shows the SENCO every read up to now, newest first, with who, what, which pupil, when and from where', async () => {
    await api.request('tom', 'GET', '/api/pupils/ben');
    await api.request('sendteam', 'GET', '/api/pupils/ben/history');
    const res = await api.request('senco', 'GET', '/api/audit?pupilId=ben');
    expect(res.status).toBe(200);
    const entries = res.body.entries as { resource: string }[];
    // Reading the log says which pupils were read: it is audited too, and is in its own answer.
    expect(entries.filter((e) => e.resource === 'audit-log')).toEqual([
      expect.objectContaining({ actor: { userId: 'senco', upn: 'senco@school.example' }, pupilId: 'ben' }),
    ]);
    expect(entries.filter((e) => e.resource !== 'audit-log')).toEqual([
      expect.objectContaining({
        actor: { userId: 'sendteam', upn: 'sendteam@school.example' },
        action: 'read',
        resource: 'pupil-history',
        pupilId: 'ben',
        at: NOW.toISOString(),
        from: expect.stringMatching(/127\.0\.0\.1/),
      }),
      expect.objectContaining({ actor: { userId: 'tom', upn: 'tom@school.example' }, resource: 'pupil' }),
    ]);
  });

  it('keeps entries through a failed write and writes them later', async () => {
    api.records.failAuditWrites(1);
    await api.request('tom', 'GET', '/api/pupils/ben');
    expect(await api.audit.flush()).toBe(false);
    expect(api.records.audit).toHaveLength(0);
    expect(await api.audit.flush()).toBe(true);
    expect(api.records.audit).toHaveLength(1);
  });

  it('is the SENCO’s alone', async () => {
    expect((await api.request('sendteam', 'GET', '/api/audit')).status).toBe(403);
  });
});

describe('records not yet loaded at start', () => {
  it('serves once they are', async () => {
    const records = createFakeRecords(schoolRecords(), { ready: false });
    const late = await startApiHarness({ records });
    try {
      expect((await late.request('tom', 'GET', '/api/me')).status).toBe(503);
      records.setReady(true);
      expect((await late.request('tom', 'GET', '/api/me')).status).toBe(200);
    } finally {
      await late.close();
    }
  });
});
