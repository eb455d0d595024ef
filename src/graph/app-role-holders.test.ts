import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { rolesBeyondTheStaffTeam } from '../../tests/support/roles-beyond-staff-team.ts';
import { createAppRoleHolders } from './app-role-holders.ts';
import { localAppConnection } from './testing/local-connection.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

const ROLES = ['Senco', 'SendTeam', 'Headteacher'] as const;

describe('who holds SENCO Hub’s app roles, from its service principal', () => {
  it('lists direct holders outside the staff team and the members of a group given a role', async () => {
    const school = rolesBeyondTheStaffTeam(app);
    const holders = createAppRoleHolders({
      graph: localAppConnection({
        baseUrl: app.baseUrl,
        graphRoot: app.config.graphRoot,
        clientId: app.config.clientId,
      }),
      clientId: app.config.clientId,
      roles: ROLES,
    });

    const heads = await holders.roleHolders('Headteacher');
    expect(heads).toContainEqual({
      userId: school.outsider.id,
      name: 'Rachel Evans',
      email: school.outsider.mail,
      upn: school.outsider.userPrincipalName,
      role: 'Headteacher',
      viaGroup: null,
    });
    expect(school.inStaffTeam(school.outsider.id)).toBe(false);

    const sendTeam = await holders.roleHolders('SendTeam');
    expect(sendTeam).toContainEqual(
      expect.objectContaining({ userId: school.member.id, role: 'SendTeam', viaGroup: 'SEND Staff' }),
    );
    // Everyone the demo school gives a role directly is there, once per role.
    for (const person of app.local365.school.staff)
      for (const role of person.appRoles)
        expect(
          (await holders.all()).filter((h) => h.userId === person.id && h.role === role && !h.viaGroup),
        ).toHaveLength(1);
  });

  it('reads every page of the assignments', async () => {
    let pages = 0;
    const graph = localAppConnection({
      baseUrl: app.baseUrl,
      graphRoot: app.config.graphRoot,
      clientId: app.config.clientId,
    });
    const counting = {
      ...graph,
      client: {
        api: (path: string) => {
          // A page size of one makes every assignment its own page.
          if (path.endsWith('/appRoleAssignedTo')) return graph.client.api(`${path}?$top=1`);
          if (path.includes('/appRoleAssignedTo')) pages++;
          return graph.client.api(path);
        },
      },
    } as typeof graph;
    const all = await createAppRoleHolders({
      graph: counting,
      clientId: app.config.clientId,
      roles: ROLES,
    }).all();
    const direct = app.local365.school.staff.flatMap((s) => s.appRoles);
    expect(pages).toBeGreaterThanOrEqual(direct.length - 1);
    expect(all.filter((h) => h.viaGroup === null).length).toBeGreaterThanOrEqual(direct.length);
  });
});
