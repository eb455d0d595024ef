import { DEFAULT_GRAPH_APPLICATION_ROLES } from '../identity/graph-permissions.ts';
import { registerDirectoryRoutes } from './directory-routes.ts';
import { loadDirectory } from './load-directory.ts';
import {
  appCaller,
  buildTestSchool,
  createTestContext,
  graphCall,
  ids,
  staffMember,
  userCaller,
} from './test-support.ts';

function setup() {
  const { ctx } = createTestContext();
  const school = buildTestSchool();
  registerDirectoryRoutes(ctx);
  loadDirectory(ctx, school);
  const senco = userCaller(staffMember(school, ids.senco));
  return { ctx, school, senco };
}

describe('GET /me', () => {
  it('returns the signed-in user with the default user properties', async () => {
    const { ctx, senco } = setup();
    const res = await graphCall(ctx, senco, 'GET', '/me');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: ids.senco,
      displayName: 'Jo Okafor',
      jobTitle: 'SENCO',
      userPrincipalName: 'j.okafor@oakfield.example.org',
    });
    expect(res.json['@odata.context']).toBe(
      'http://localhost:3978/local365/graph/v1.0/$metadata#users/$entity',
    );
    expect(res.json).not.toHaveProperty('department');
  });

  it('answers an app-only token with 400, as Graph does', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', '/me');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: { code: 'BadRequest', message: '/me request is only valid with delegated authentication flow.' },
    });
  });
});

describe('GET /users', () => {
  it('finds a user by UPN in any case, and by object id', async () => {
    const { ctx, senco } = setup();
    const byUpn = await graphCall(ctx, senco, 'GET', '/users/S.PATEL@oakfield.example.org');
    expect(byUpn.json.id).toBe(ids.willowTeacher);
    const byId = await graphCall(
      ctx,
      appCaller(),
      'GET',
      `/users/${ids.willowTeacher}?$select=displayName,department`,
    );
    expect(byId.json).toMatchObject({ displayName: 'Sam Patel', department: 'Staff' });
    expect(byId.json).not.toHaveProperty('mail');
  });

  it('answers an unknown user with 404 Request_ResourceNotFound', async () => {
    const { ctx, senco } = setup();
    const res = await graphCall(ctx, senco, 'GET', '/users/nobody@oakfield.example.org');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('filters with startswith on displayName, ignoring case', async () => {
    const { ctx, senco } = setup();
    const res = await graphCall(ctx, senco, 'GET', "/users?$filter=startswith(displayName,'a')");
    expect((res.json.value as { displayName: string }[]).map((u) => u.displayName)).toEqual([
      'Amy Brooks',
      'Ava Smith',
    ]);
  });

  it('filters on mail eq, userPrincipalName eq and id in (...)', async () => {
    const { ctx } = setup();
    const app = appCaller();
    const mail = await graphCall(ctx, app, 'GET', "/users?$filter=mail eq 'H.Price@oakfield.example.org'");
    expect((mail.json.value as { id: string }[]).map((u) => u.id)).toEqual([ids.head]);
    const upn = await graphCall(
      ctx,
      app,
      'GET',
      "/users?$filter=userPrincipalName eq 't.green@oakfield.example.org'",
    );
    expect((upn.json.value as { id: string }[]).map((u) => u.id)).toEqual([ids.oakTeacher]);
    const some = await graphCall(
      ctx,
      app,
      'GET',
      `/users?$filter=id in ('${ids.head}','${ids.senco}')&$select=id`,
    );
    expect(some.json.value).toEqual([{ id: ids.head }, { id: ids.senco }]);
  });

  it('refuses a filter on a property it does not support, in Graph words', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', "/users?$filter=officeLocation eq 'x'");
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
  });

  it('pages with $top and an absolute @odata.nextLink until the last page', async () => {
    const { ctx } = setup();
    const app = appCaller();
    const seen: string[] = [];
    let url: string | undefined = '/users?$top=4&$select=id';
    let pages = 0;
    while (url) {
      const res = await graphCall(ctx, app, 'GET', url);
      expect(res.status).toBe(200);
      seen.push(...(res.json.value as { id: string }[]).map((u) => u.id));
      const next = res.json['@odata.nextLink'] as string | undefined;
      if (next) expect(next.startsWith('http://localhost:3978/local365/graph/v1.0/users?')).toBe(true);
      url = next?.replace('http://localhost:3978/local365/graph/v1.0', '');
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(10);
  });

  it('rejects a $top above 999', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', '/users?$top=1000');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: { message: "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive." },
    });
  });

  // Graph answers 403 for a permission the token lacks; the stand-in's app token carries only what SENCO Hub's
  // registration consents to (https://learn.microsoft.com/graph/api/user-list,
  // https://learn.microsoft.com/graph/api/group-list-members, https://learn.microsoft.com/graph/api/educationclass-list-members).
  it('gives SENCO Hub’s own app permissions the Education roster; users and groups only through Directory.Read.All', async () => {
    const { ctx } = setup();
    const registration = appCaller(DEFAULT_GRAPH_APPLICATION_ROLES);
    expect((await graphCall(ctx, registration, 'GET', '/users')).status).toBe(200);
    const rosterOnly = appCaller(DEFAULT_GRAPH_APPLICATION_ROLES.filter((r) => r !== 'Directory.Read.All'));
    expect((await graphCall(ctx, rosterOnly, 'GET', '/users')).status).toBe(403);
    expect((await graphCall(ctx, rosterOnly, 'GET', `/groups/${ids.staffTeam}/members`)).status).toBe(403);
    expect(
      (await graphCall(ctx, registration, 'GET', `/education/classes/${ids.willow}/members`)).status,
    ).toBe(200);
  });

  it('refuses app-only callers without a user-reading permission', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(['Sites.Selected']), 'GET', '/users');
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });
});

describe('groups', () => {
  it('returns a class team group with HiddenMembership and the Team provisioning option', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', `/groups/${ids.willow}`);
    expect(res.json).toMatchObject({
      displayName: 'Year 4 Willow',
      visibility: 'HiddenMembership',
      resourceProvisioningOptions: ['Team'],
      groupTypes: ['Unified'],
    });
  });

  it('lists members as typed directory objects, paged', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', `/groups/${ids.staffTeam}/members?$top=2`);
    expect(res.json.value).toHaveLength(2);
    expect((res.json.value as Record<string, unknown>[])[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.user',
      id: ids.head,
    });
    expect(res.json['@odata.nextLink']).toContain('$skiptoken=');
  });

  it('hides a class group’s members from app-only callers without Member.Read.Hidden', async () => {
    const { ctx } = setup();
    const res = await graphCall(
      ctx,
      appCaller(['GroupMember.Read.All']),
      'GET',
      `/groups/${ids.willow}/members`,
    );
    expect(res.status).toBe(403);
  });

  it('hides a class group’s members from a signed-in user outside the class', async () => {
    const { ctx, senco } = setup();
    expect((await graphCall(ctx, senco, 'GET', `/groups/${ids.willow}/members`)).status).toBe(403);
    const ta = userCaller({ id: ids.willowTa, upn: 'a.brooks@oakfield.example.org' });
    expect((await graphCall(ctx, ta, 'GET', `/groups/${ids.willow}/members`)).status).toBe(200);
  });
});
