import { SENCO_HUB_APP_ROLES } from '../identity/graph-permissions.ts';
import { registerDirectoryRoutes } from './directory-routes.ts';
import { DirectoryStore } from './directory-store.ts';
import { loadDirectory } from './load-directory.ts';
import { SENCO_HUB_SERVICE_PRINCIPAL, appRolesHeld } from './service-principal-routes.ts';
import { appCaller, buildTestSchool, createTestContext, graphCall, ids } from './test-support.ts';

const APP_ID = '0d7a3f51-8c2e-4b6a-9e1f-5a4c3b2d1e00';
const SP = SENCO_HUB_SERVICE_PRINCIPAL.id;
const roleId = (value: string) => SENCO_HUB_APP_ROLES.find((r) => r.value === value)!.id;

function setup() {
  const { ctx } = createTestContext();
  const school = buildTestSchool();
  registerDirectoryRoutes(ctx, { appId: APP_ID });
  loadDirectory(ctx, school);
  const store = new DirectoryStore(ctx.db);
  // The SEND team role given to the staff team's group, as a school with Entra ID P1 may do.
  store.assignAppRoleToGroup(ids.staffTeam, 'SendTeam', '2026-10-01T07:30:00Z');
  return { ctx, school, store };
}

describe("SENCO Hub's service principal in the stand-in", () => {
  it('is found by its app id, with its app roles’ ids and values', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', `/servicePrincipals(appId='${APP_ID}')`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: SP, appId: APP_ID, displayName: 'SENCO Hub' });
    expect(res.json['appRoles']).toEqual(
      SENCO_HUB_APP_ROLES.map((r): unknown =>
        expect.objectContaining({ id: r.id, value: r.value, isEnabled: true, allowedMemberTypes: ['User'] }),
      ),
    );
    const selected = await graphCall(
      ctx,
      appCaller(),
      'GET',
      `/servicePrincipals(appId='${APP_ID}')?$select=id,appRoles`,
    );
    expect(Object.keys(selected.json).sort()).toEqual(['@odata.context', 'appRoles', 'id']);
  });

  it('answers 404 for an app id the tenant does not have', async () => {
    const { ctx } = setup();
    const res = await graphCall(
      ctx,
      appCaller(),
      'GET',
      "/servicePrincipals(appId='00000000-1111-2222-3333-444444444444')",
    );
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('lists user and group assignments in appRoleAssignedTo, in pages', async () => {
    const { ctx } = setup();
    const first = await graphCall(
      ctx,
      appCaller(),
      'GET',
      `/servicePrincipals/${SP}/appRoleAssignedTo?$top=2`,
    );
    expect(first.status).toBe(200);
    expect(first.json['value']).toHaveLength(2);
    const next = first.json['@odata.nextLink'] as string;
    expect(next).toMatch(/\$skiptoken=/);
    const rest = await graphCall(
      ctx,
      appCaller(),
      'GET',
      next.replace('http://localhost:3978/local365/graph/v1.0', ''),
    );
    const all = [...(first.json['value'] as unknown[]), ...(rest.json['value'] as unknown[])];
    expect(rest.json['@odata.nextLink']).toBeUndefined();
    expect(all).toEqual([
      expect.objectContaining({
        principalId: ids.head,
        principalType: 'User',
        appRoleId: roleId('Headteacher'),
        resourceId: SP,
      }),
      expect.objectContaining({ principalId: ids.senco, principalType: 'User', appRoleId: roleId('Senco') }),
      expect.objectContaining({
        principalId: ids.senco,
        principalType: 'User',
        appRoleId: roleId('SendTeam'),
      }),
      expect.objectContaining({
        principalId: ids.staffTeam,
        principalType: 'Group',
        appRoleId: roleId('SendTeam'),
        createdDateTime: '2026-10-01T07:30:00Z',
      }),
    ]);
  });

  it('refuses a caller without Application.Read.All or a higher permission, and takes Application.Read.All alone', async () => {
    const { ctx } = setup();
    const without = appCaller(['Sites.Selected', 'EduRoster.Read.All', 'User.Read.All']);
    for (const path of [
      `/servicePrincipals(appId='${APP_ID}')`,
      `/servicePrincipals/${SP}/appRoleAssignedTo`,
    ]) {
      const refused = await graphCall(ctx, without, 'GET', path);
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
      expect((await graphCall(ctx, appCaller(['Application.Read.All']), 'GET', path)).status).toBe(200);
    }
  });

  it('refuses a $filter it does not implement rather than ignoring it', async () => {
    const { ctx } = setup();
    const res = await graphCall(
      ctx,
      appCaller(),
      'GET',
      `/servicePrincipals/${SP}/appRoleAssignedTo?$filter=principalType eq 'User'`,
    );
    expect(res.status).toBe(501);
  });

  it("counts a group's roles among a member's own app role assignments", async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', `/users/${ids.willowTeacher}/appRoleAssignments`);
    expect(res.json['value']).toEqual([
      expect.objectContaining({
        principalId: ids.staffTeam,
        principalType: 'Group',
        appRoleId: roleId('SendTeam'),
      }),
    ]);
  });

  it('lists a role on another app among a user’s assignments, by that app’s id, and never as a SENCO Hub role', async () => {
    const { ctx, store } = setup();
    // Another app of the tenant whose role happens to have SENCO Hub's Senco role id.
    const otherApp = '3f0c9d2e-1b4a-4c6d-8e7f-9a0b1c2d3e4f';
    store.assignOtherAppRole(ids.willowTeacher, {
      resourceId: otherApp,
      resourceName: 'Visitor Sign-in',
      appRoleId: roleId('Senco'),
      assignedAt: '2026-09-01T08:00:00Z',
    });
    const res = await graphCall(ctx, appCaller(), 'GET', `/users/${ids.willowTeacher}/appRoleAssignments`);
    expect(res.json['value']).toContainEqual(
      expect.objectContaining({ resourceId: otherApp, appRoleId: roleId('Senco'), principalType: 'User' }),
    );
    // The roles claim of their tokens, and who holds SENCO Hub's roles, know only SENCO Hub's assignments.
    expect(appRolesHeld(store, store.findUser(ids.willowTeacher)!)).toEqual(['SendTeam']);
    const holders = await graphCall(ctx, appCaller(), 'GET', `/servicePrincipals/${SP}/appRoleAssignedTo`);
    expect(
      (holders.json['value'] as { principalId: string }[]).filter((a) => a.principalId === ids.willowTeacher),
    ).toEqual([]);
  });
});
