import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DemoSchool } from '../src/local365/seed/demo-school.types.ts';
import { createCrashServer, type CrashServer } from './support/crash-server.ts';

/**
 * Audit durability under `kill -9`: the server runs as a child process on the local stand-in
 * (tests/support/crash-server.ts); it answers reads and changes, is killed the moment the answers arrive (and
 * once in the middle of a change), and is started again on the same database and journal. Every read answered
 * and every change applied must then be in the audit log exactly once.
 */

type Entry = { action: string; resource: string; pupilId?: string; detail?: string; actor: { upn: string } };
const keyOf = (upn: string, action: string, resource: string, pupilId = '') =>
  `${upn}|${action}|${resource}|${pupilId}`;

let server: CrashServer;
let dir: string;

function baseUrl() {
  return server.baseUrl;
}

const start = () => server.start();
/** kill -9: no shutdown, no flush. */
const kill = () => server.kill();

let school: DemoSchool | undefined;
function demoSchool(): DemoSchool {
  if (!school) {
    const db = new Database(join(dir, 'local365.sqlite'), { readonly: true, fileMustExist: true });
    school = JSON.parse(
      (db.prepare('SELECT school FROM local365_school WHERE id = 1').get() as { school: string }).school,
    ) as DemoSchool;
    db.close();
  }
  return school;
}
let senco: string | undefined;
function sencoUpn(): string {
  senco ??= demoSchool().staff.find((s) => s.appRoles.includes('Senco'))!.upn;
  return senco;
}

async function token(upn: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/local365/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ upn }),
  });
  if (!res.ok) throw new Error(`token ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
async function api(upn: string, method: string, path: string, body?: unknown, headers = {}): Promise<any> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await token(upn)}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every audit entry SharePoint holds, counted by who, what and which pupil. */
async function auditCounts(): Promise<Map<string, number>> {
  const { entries } = (await api(sencoUpn(), 'GET', '/api/audit?limit=1000')) as { entries: Entry[] };
  expect(entries.length).toBeLessThan(1000);
  const counts = new Map<string, number>();
  for (const e of entries) {
    const key = keyOf(e.actor.upn, e.action, e.resource, e.pupilId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const journalLines = () => {
  const path = join(dir, 'audit', 'journal.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;
};

/** A passport edit: the content as read, with About me changed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function edited(answer: any, note: string) {
  const p = answer.passport;
  return {
    aboutMe: `${String(p.aboutMe).slice(0, 1900)} ${note}`,
    strengths: p.strengths,
    whatIFindHard: p.whatIFindHard,
    whatHelpsMe: p.whatHelpsMe,
    communication: p.communication,
    accessArrangements: p.accessArrangements,
    expectedETag: answer.eTag,
  };
}

beforeAll(async () => {
  // Its own server and database, starting from the run's seeded demo school (the journal starts empty).
  server = await createCrashServer({
    name: 'audit',
    crashSwitch: false,
    env: (serverDir) => ({ AUDIT_JOURNAL: join(serverDir, 'audit', 'journal.jsonl'), NODE_ENV: 'test' }),
  });
  dir = server.dir;
}, 60_000);

afterAll(async () => {
  await server?.dispose();
});

it('keeps every answered read and every applied change in the audit log exactly once across kill -9', async () => {
  await start();
  const baseline = await auditCounts();
  const expected = new Map<string, number>();
  const answered = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
  const sencoU = sencoUpn();
  // The last look at the log is a read of it, in its own answer.
  answered(keyOf(sencoU, 'read', 'audit-log'));

  // Who to read: pupils with passports (from the register), and a class teacher with pupils of their own.
  const register = await api(sencoU, 'GET', '/api/pupils?limit=200');
  answered(keyOf(sencoU, 'read', 'register'));
  const pupilIds = (register.pupils as { id: string }[]).map((p) => p.id);
  const withPassport: string[] = [];
  for (const id of pupilIds) {
    if (withPassport.length === 8) break;
    const answer = await api(sencoU, 'GET', `/api/pupils/${id}/passport`);
    answered(keyOf(sencoU, 'read', 'passport', id));
    if (answer.passport) withPassport.push(id);
  }
  expect(withPassport.length).toBe(8);
  const teacher = demoSchool()
    .staff.filter((s) => demoSchool().classes.some((c) => c.teacherIds.includes(s.id)))
    .map((s) => s.upn);
  let teacherUpn: string | undefined;
  for (const upn of teacher) {
    const me = await api(upn, 'GET', '/api/me');
    if (me.pupils.length > 0) {
      answered(keyOf(upn, 'read', 'my-pupils'));
      teacherUpn = upn;
      break;
    }
  }
  expect(teacherUpn).toBeDefined();
  await kill();
  await start();

  // 1. Killed the moment the reads are answered: the entries are only in the journal.
  const [a, b, c, d, e, ...midChange] = withPassport as [string, string, string, string, string, string];
  await api(sencoU, 'GET', `/api/pupils/${a}/passport`);
  answered(keyOf(sencoU, 'read', 'passport', a));
  await api(teacherUpn!, 'GET', '/api/me');
  answered(keyOf(teacherUpn!, 'read', 'my-pupils'));
  await api(sencoU, 'GET', '/api/interventions');
  answered(keyOf(sencoU, 'read', 'interventions'));
  expect(journalLines()).toBeGreaterThan(0);
  await kill();
  await start();

  // 2. Killed the moment a change is answered.
  const before = await api(sencoU, 'GET', `/api/pupils/${b}/passport`);
  answered(keyOf(sencoU, 'read', 'passport', b));
  await api(sencoU, 'PUT', `/api/pupils/${b}/passport`, edited(before, '(changed before a crash)'), {
    'If-Match': before.eTag,
  });
  answered(keyOf(sencoU, 'update', 'passport', b));
  await kill();
  await start();

  // 3. Killed straight after answers that came together (reads of several pupils at once).
  await Promise.all(
    [c, d, e].map(async (id) => {
      await api(sencoU, 'GET', `/api/pupils/${id}/passport`);
      answered(keyOf(sencoU, 'read', 'passport', id));
    }),
  );
  await kill();
  await start();

  // 4. Killed in the middle of a change, at several moments: if it was applied, its entry is there once.
  const interrupted: { pupilId: string; version: number }[] = [];
  for (const [i, delayMs] of [15, 50, 150].entries()) {
    const pupilId = midChange[i]!;
    const opened = await api(sencoU, 'GET', `/api/pupils/${pupilId}/passport`);
    answered(keyOf(sencoU, 'read', 'passport', pupilId));
    void fetch(`${baseUrl()}/api/pupils/${pupilId}/passport`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${await token(sencoU)}`,
        'Content-Type': 'application/json',
        'If-Match': opened.eTag,
      },
      body: JSON.stringify(edited(opened, '(changed during a crash)')),
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await kill();
    await start();
    interrupted.push({ pupilId, version: opened.passport.version });
  }

  let inFlightCount = 0;
  const outcomes: boolean[] = [];
  const afterwards: { passport: { version: number } }[] = [];
  for (const { pupilId } of interrupted) {
    afterwards.push(
      (await api(sencoU, 'GET', `/api/pupils/${pupilId}/passport`)) as { passport: { version: number } },
    );
    answered(keyOf(sencoU, 'read', 'passport', pupilId));
  }
  const counts = await auditCounts();
  interrupted.forEach(({ pupilId, version }, i) => {
    const applied = afterwards[i]!.passport.version > version;
    outcomes.push(applied);
    const key = keyOf(sencoU, 'update', 'passport', pupilId);
    const n = (counts.get(key) ?? 0) - (baseline.get(key) ?? 0);
    // Applied: audited once. Not applied: at most once, as a change whose outcome was not known.
    expect(n, `${pupilId} ${applied ? 'applied' : 'not applied'}`).toBe(applied ? 1 : Math.min(n, 1));
    inFlightCount += n;
  });
  console.info(`Changes interrupted by kill -9 that were applied: ${outcomes.join(', ')}`);

  for (const [key, n] of expected) {
    expect(`${key} ×${(counts.get(key) ?? 0) - (baseline.get(key) ?? 0)}`).toBe(`${key} ×${n}`);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  const added = [...expected.values()].reduce((x, y) => x + y, 0);
  expect(total(counts) - total(baseline)).toBe(added + inFlightCount);
}, 900_000);
