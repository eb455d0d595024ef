/**
 * Walkthrough 6, "Graph throttles": with the stand-in's 429 switch on, a passport save slows down and
 * retries; when Microsoft 365 stays busy longer than the retries last, the SENCO is told so (503, "busy",
 * with Retry-After) and nothing is written; saving again later writes the new version exactly once.
 */
import { PASSPORT_CONTENT_FIELDS } from '../src/domain/passport.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let token: string;
let pupilId: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
  token = await app.userToken(senco.upn);
  pupilId = app.running.records.pupils().find((p) => app.running.records.passport(p.id))!.id;
});

afterAll(async () => {
  await app?.stop();
});

afterEach(() => {
  app.local365.faults.clear();
});

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function currentPassport() {
  const res = await api('GET', `/api/pupils/${pupilId}/passport`);
  expect(res.status).toBe(200);
  return res.body as { eTag: string; passport: Passport };
}

type Passport = { version: number; whatHelpsMe: string[] } & Record<string, unknown>;

const versionsOf = () => app.running.records.passportHistory(pupilId).map((p) => p.version);

/** The passport's content, as the editor sends it, with one more strategy. */
function edited(passport: Passport, strategy: string) {
  const content = Object.fromEntries(
    Object.entries(passport).filter(([k]) => (PASSPORT_CONTENT_FIELDS as readonly string[]).includes(k)),
  );
  return { ...content, whatHelpsMe: [...passport.whatHelpsMe, strategy] };
}

describe('when Microsoft 365 throttles', () => {
  it('a save rides out a short burst of 429s and is written once', async () => {
    const before = await currentPassport();
    const versions = versionsOf();
    app.local365.faults.set({
      failure: { status: 429, count: 2, retryAfterSeconds: 1, pathPrefix: '/sites/', method: 'POST' },
    });
    const saved = await api(
      'PUT',
      `/api/pupils/${pupilId}/passport`,
      edited(before.passport, 'Movement break'),
      {
        'If-Match': before.eTag,
      },
    );
    expect(saved.status).toBe(200);
    expect(app.local365.faults.failedCount).toBe(2);
    expect((saved.body['passport'] as Passport).version).toBe(before.passport.version + 1);
    expect(versionsOf()).toContain(before.passport.version + 1);
    expect(versionsOf()).toHaveLength(versions.length + 1);
  });

  it('says Microsoft 365 is busy when it stays throttled, writes nothing, and a later save writes once', async () => {
    const before = await currentPassport();
    const versions = versionsOf();
    app.local365.faults.set({
      failure: { status: 429, count: 50, retryAfterSeconds: 1, pathPrefix: '/sites/', method: 'POST' },
    });
    const content = edited(before.passport, 'Ear defenders in assembly');
    const refused = await api('PUT', `/api/pupils/${pupilId}/passport`, content, { 'If-Match': before.eTag });
    expect(refused.status).toBe(503);
    expect(refused.body['error']).toMatchObject({ code: 'busy', message: expect.stringMatching(/busy/i) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(versionsOf()).toEqual(versions);

    app.local365.faults.clear();
    const again = await api('PUT', `/api/pupils/${pupilId}/passport`, content, { 'If-Match': before.eTag });
    expect(again.status).toBe(200);
    expect((again.body['passport'] as Passport).whatHelpsMe).toContain('Ear defenders in assembly');
    expect(versionsOf()).toHaveLength(versions.length + 1);
    expect((await currentPassport()).passport.version).toBe(before.passport.version + 1);
  });
});
