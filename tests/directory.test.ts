/**
 * The Education directory adapter (src/graph/directory.ts) against the stand-in's Graph, app-only, as the
 * server runs it: who teaches which class, who is in it, and pupils by DfE UPN.
 */
import { createDirectory, yearGroupFromGrade, type Directory } from '../src/graph/directory.ts';
import type { GraphConnection } from '../src/graph/graph-client.ts';
import { GraphRequestError } from '../src/graph/graph-request-error.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let graph: GraphConnection;
let directory: Directory;

beforeAll(async () => {
  app = await startTestApp();
  graph = app.appGraph();
  directory = createDirectory({ graph });
});
afterAll(async () => {
  await app?.stop();
});

const school = () => app.local365.school;

describe('createDirectory', () => {
  it('tells staff from pupils, and anyone else from both', async () => {
    const teacher = school().staff.find((s) => s.role === 'teacher')!;
    const ta = school().staff.find((s) => s.role === 'teaching-assistant')!;
    expect(await directory.person(teacher.id)).toBe('staff');
    expect(await directory.person(ta.id)).toBe('staff');
    expect(await directory.person(school().pupils[0]!.id)).toBe('pupil');
    expect(await directory.person('00000000-0000-4000-8000-000000000000')).toBe('other');
    expect(await directory.person('not-a-guid')).toBe('other');
  });

  it('lists the classes a teacher teaches, and none for a TA who is only a member', async () => {
    const cls = school().classes[0]!;
    const taught = await directory.taughtClasses(cls.teacherIds[0]!);
    expect(taught).toContainEqual({ id: cls.groupId, displayName: cls.displayName });
    expect(await directory.taughtClasses(cls.teachingAssistantIds[0]!)).toEqual([]);
  });

  it('reads a class’s roster: teachers, every member, and the pupils’ DfE UPNs', async () => {
    const cls = school().classes[0]!;
    const roster = await directory.classRoster(cls.groupId);
    expect(roster).toBeDefined();
    expect(roster!.displayName).toBe(cls.displayName);
    expect([...roster!.teacherIds].sort()).toEqual([...cls.teacherIds].sort());
    expect(roster!.memberIds).toEqual(expect.arrayContaining([...cls.teachingAssistantIds, ...cls.pupilIds]));
    const upns = school()
      .pupils.filter((p) => cls.pupilIds.includes(p.id))
      .map((p) => p.dfeUpn.toUpperCase());
    expect([...roster!.pupilUpns].sort()).toEqual(upns.sort());
  });

  it('has no roster for a class that does not exist, without asking Graph about a malformed id', async () => {
    expect(await directory.classRoster('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const api = vi.spyOn(graph.client, 'api');
    expect(await directory.classRoster('../users')).toBeUndefined();
    expect(api).not.toHaveBeenCalled();
    api.mockRestore();
  });

  it('reads through the one Graph request path: a failure other than 404 is a GraphRequestError naming the read', async () => {
    app.local365.faults.set({
      failure: { status: 503, count: 100, retryAfterSeconds: 0, pathPrefix: '/education/classes' },
    });
    try {
      const err = await createDirectory({ graph })
        .classes()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GraphRequestError);
      expect(err).toMatchObject({ status: 503, operation: 'read the classes' });
    } finally {
      app.local365.faults.clear();
    }
  });

  it('lists every class with its name', async () => {
    const classes = await directory.classes();
    expect(classes).toHaveLength(school().classes.length);
  });

  it('reuses answers for the TTL, then asks again', async () => {
    let clock = 0;
    const cached = createDirectory({ graph, ttlMs: 1000, now: () => clock });
    const api = vi.spyOn(graph.client, 'api');
    const cls = school().classes[1]!;
    await cached.classRoster(cls.groupId);
    const first = api.mock.calls.length;
    await Promise.all([cached.classRoster(cls.groupId), cached.classRoster(cls.groupId)]);
    expect(api.mock.calls.length).toBe(first);
    clock = 1001;
    await cached.classRoster(cls.groupId);
    expect(api.mock.calls.length).toBe(first * 2);
    api.mockRestore();
  });

  it('reads an answer in use again in the background before it expires, so no request waits for Graph', async () => {
    let clock = 0;
    const cached = createDirectory({ graph, ttlMs: 1000, now: () => clock });
    const api = vi.spyOn(graph.client, 'api');
    const cls = school().classes[1]!;
    const first = await cached.classRoster(cls.groupId);
    const reads = api.mock.calls.length;
    clock = 900;
    // Answered from the cache at once; the roster is read again behind it.
    expect(await cached.classRoster(cls.groupId)).toBe(first);
    await vi.waitFor(() => expect(api.mock.calls.length).toBe(reads * 2));
    // Time for the answer to arrive (three reads of the stand-in).
    await new Promise((resolve) => setTimeout(resolve, 500));
    clock = 1500;
    const again = await cached.classRoster(cls.groupId);
    expect(again).toEqual(first);
    expect(api.mock.calls.length).toBe(reads * 2);
    api.mockRestore();
  });

  it('answers the roll from its last reading while reading it again, but never a roster past its time', async () => {
    let clock = 0;
    const cached = createDirectory({ graph, ttlMs: 1000, staleForMs: 10_000, now: () => clock });
    const roll = await cached.roll();
    const cls = school().classes[1]!;
    await cached.classRoster(cls.groupId);
    clock = 5000;
    const api = vi.spyOn(graph.client, 'api');
    expect(await cached.roll()).toBe(roll);
    await vi.waitFor(() => expect(api.mock.calls.length).toBeGreaterThan(0));
    const afterRoll = api.mock.calls.length;
    // A roster decides who may see whom: an expired one is read before it answers.
    await cached.classRoster(cls.groupId);
    expect(api.mock.calls.length).toBeGreaterThan(afterRoll);
    api.mockRestore();
  });

  it('reads the class members for the roll 20 classes to a $batch', async () => {
    const api = vi.spyOn(graph.client, 'api');
    await createDirectory({ graph }).roll();
    const paths = api.mock.calls.map(([path]) => String(path));
    const classes = school().classes.length;
    expect(paths.filter((p) => p.includes('/members'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('/$batch'))).toHaveLength(Math.ceil(classes / 20));
    api.mockRestore();
  });

  it('reads the whole roll: every pupil of every class once, with their year group and classes', async () => {
    const roll = await directory.roll();
    const pupils = school().pupils;
    expect(roll).toHaveLength(pupils.length);
    expect(roll.length).toBeGreaterThan(400);
    const byUpn = new Map(roll.map((r) => [r.upn, r]));
    for (const pupil of pupils) {
      const onRoll = byUpn.get(pupil.dfeUpn.toUpperCase());
      expect(onRoll?.yearGroup).toBe(pupil.yearGroup);
      const classIds = school()
        .classes.filter((c) => c.pupilIds.includes(pupil.id))
        .map((c) => c.groupId);
      expect([...(onRoll?.classIds ?? [])].sort()).toEqual(classIds.sort());
    }
  });
});

describe('yearGroupFromGrade', () => {
  it('reads the ways schools in England write a year group', () => {
    expect(
      ['Reception', 'YR', 'R', 'Year 4', 'Y4', '4', 'year 11', 'Nursery'].map(yearGroupFromGrade),
    ).toEqual(['R', 'R', 'R', 'Y4', 'Y4', 'Y4', 'Y11', 'N2']);
  });

  it('does not guess at anything else', () => {
    expect(['KG', 'Year 3/4', '', 'Year 0', 'Year 15'].map(yearGroupFromGrade)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
