import { randomUUID } from 'node:crypto';
import { assignRolesOnAnotherApp } from '../../tests/support/other-app-roles.ts';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { createStaffAccounts } from './staff-accounts.ts';
import { localAppConnection } from './testing/local-connection.ts';

/** SENCO Hub's app roles as its registration defines them (the stand-in's registration uses the same ids). */
const ROLES = [
  { value: 'Senco', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0001' },
  { value: 'SendTeam', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0002' },
  { value: 'Headteacher', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0003' },
];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

function connection() {
  return localAppConnection({
    baseUrl: app.baseUrl,
    graphRoot: app.config.graphRoot,
    clientId: app.config.clientId,
  });
}

describe('staff accounts from the directory', () => {
  it('name each person and their SENCO Hub app roles, read from their app role assignments', async () => {
    const accounts = createStaffAccounts({
      graph: connection(),
      clientId: app.config.clientId,
      roles: ROLES,
    });
    for (const person of app.local365.school.staff) {
      const account = await accounts.account(person.id);
      expect(account).toEqual({
        userId: person.id,
        upn: person.upn,
        name: person.displayName,
        appRoles: expect.arrayContaining(person.appRoles) as string[],
      });
      expect(account!.appRoles).toHaveLength(person.appRoles.length);
    }
    expect(app.local365.school.staff.some((s) => s.appRoles.includes('Senco'))).toBe(true);
  });

  it('know no one the directory does not, and do not ask Graph about ids that cannot be users', async () => {
    let asked = 0;
    const graph = connection();
    const counting = {
      ...graph,
      client: { api: (path: string) => (asked++, graph.client.api(path)) },
    } as typeof graph;
    const accounts = createStaffAccounts({ graph: counting, clientId: app.config.clientId, roles: ROLES });
    expect(await accounts.account(randomUUID())).toBeUndefined();
    const before = asked;
    expect(await accounts.account("x' or 1 eq 1")).toBeUndefined();
    expect(asked).toBe(before);
  });

  it('take a role only from an assignment on SENCO Hub, not from another app whose role has the same id', async () => {
    const teacher = app.local365.school.staff.find((s) => s.appRoles.length === 0)!;
    const head = app.local365.school.staff.find((s) => s.appRoles.includes('Headteacher'))!;
    // Another app of the tenant whose own roles happen to use SENCO Hub's role ids.
    assignRolesOnAnotherApp(app, [
      { userId: teacher.id, appRoleId: ROLES[0]!.id },
      { userId: head.id, appRoleId: ROLES[1]!.id },
    ]);
    const accounts = createStaffAccounts({
      graph: connection(),
      clientId: app.config.clientId,
      roles: ROLES,
    });

    expect((await accounts.account(teacher.id))!.appRoles).toEqual([]);
    expect((await accounts.account(head.id))!.appRoles).toEqual(head.appRoles);
  });
});
