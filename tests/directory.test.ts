/**
 * The Education directory adapter (src/graph/directory.ts) against the stand-in's Graph, app-only, as the
 * server runs it: who teaches which class, who is in it, and pupils by DfE UPN.
 */
import { createDirectory, type Directory } from '../src/graph/directory.ts';
import type { GraphConnection } from '../src/graph/graph-client.ts';
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
});
