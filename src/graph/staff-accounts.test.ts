import { randomUUID } from 'node:crypto';
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

describe('staff accounts from the directory', () => {
  it('name each person and their SENCO Hub app roles, read from their app role assignments', async () => {
    const accounts = createStaffAccounts({
      graph: localAppConnection({
        baseUrl: app.baseUrl,
        graphRoot: app.config.graphRoot,
        clientId: app.config.clientId,
      }),
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
    const graph = localAppConnection({
      baseUrl: app.baseUrl,
      graphRoot: app.config.graphRoot,
      clientId: app.config.clientId,
    });
    const counting = {
      ...graph,
      client: { api: (path: string) => (asked++, graph.client.api(path)) },
    } as typeof graph;
    const accounts = createStaffAccounts({ graph: counting, roles: ROLES });
    expect(await accounts.account(randomUUID())).toBeUndefined();
    const before = asked;
    expect(await accounts.account("x' or 1 eq 1")).toBeUndefined();
    expect(asked).toBe(before);
  });
});
