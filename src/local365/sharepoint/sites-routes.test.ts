import type { Caller } from '../graph/dispatcher.ts';
import { APP_CALLER, createTestGraph, HOSTNAME, GRAPH_BASE, userCaller } from './sharepoint-testing.ts';

type Site = {
  id: string;
  displayName: string;
  webUrl: string;
  name: string;
  root?: object;
  siteCollection?: { hostname: string };
  '@odata.context': string;
};
type ErrorBody = { error: { code: string; message: string } };

describe('sites', () => {
  const graph = createTestGraph();

  it('finds a site by hostname and server-relative path, with a composite id', async () => {
    const site = await graph.ok<Site>('GET', `/sites/${HOSTNAME}:/sites/senco-hub`);
    expect(site.id).toBe(graph.siteId);
    const [host, collection, web] = site.id.split(',');
    expect(host).toBe(HOSTNAME);
    expect(collection).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(web).toMatch(/^[0-9a-f]{8}-/);
    expect(site).toMatchObject({
      '@odata.context': `${GRAPH_BASE}/$metadata#sites/$entity`,
      displayName: 'SENCO Hub',
      name: 'senco-hub',
      webUrl: `https://${HOSTNAME}/sites/senco-hub`,
      root: {},
      siteCollection: { hostname: HOSTNAME },
    });
  });

  it('accepts the path with a closing colon, and in any letter case', async () => {
    expect((await graph.ok<Site>('GET', `/sites/${HOSTNAME}:/sites/SENCO-Hub:`)).id).toBe(graph.siteId);
  });

  it('finds the site by id, with upper-case GUIDs too', async () => {
    expect((await graph.ok<Site>('GET', `/sites/${graph.siteId}`)).displayName).toBe('SENCO Hub');
    expect(
      (
        await graph.ok<Site>(
          'GET',
          `/sites/${graph.siteId.toUpperCase().replace(HOSTNAME.toUpperCase(), HOSTNAME)}`,
        )
      ).id,
    ).toBe(graph.siteId);
  });

  it('finds a group’s team site with GET /groups/{id}/sites/root', async () => {
    expect((await graph.ok<Site>('GET', '/groups/a0c0ffee-0000-4000-8000-00000000feed/sites/root')).id).toBe(
      graph.siteId,
    );
    const missing = await graph.call('GET', '/groups/00000000-0000-4000-8000-000000000000/sites/root');
    expect(missing.status).toBe(404);
  });

  it('serves the tenant’s root site at /sites/root and by bare hostname', async () => {
    const caller = userCaller();
    const root = await graph.ok<Site>('GET', '/sites/root', { caller });
    expect(root.webUrl).toBe(`https://${HOSTNAME}`);
    expect((await graph.ok<Site>('GET', `/sites/${HOSTNAME}`, { caller })).id).toBe(root.id);
  });

  it('answers 404 itemNotFound for an unknown site and 400 for a foreign hostname', async () => {
    const res = await graph.call('GET', `/sites/${HOSTNAME}:/sites/nowhere`);
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error).toMatchObject({
      code: 'itemNotFound',
      message: 'Requested site could not be found',
    });
    const byId = await graph.call(
      'GET',
      `/sites/${HOSTNAME},00000000-0000-4000-8000-000000000000,00000000-0000-4000-8000-000000000000`,
    );
    expect(byId.status).toBe(404);
    const foreign = await graph.call('GET', '/sites/contoso.sharepoint.com:/sites/x');
    expect(foreign.status).toBe(400);
    expect((foreign.body as ErrorBody).error.message).toBe('Invalid hostname for this tenancy');
  });

  it('honours $select and refuses unknown properties', async () => {
    const site = await graph.ok<Record<string, unknown>>(
      'GET',
      `/sites/${graph.siteId}?$select=displayName,webUrl`,
    );
    expect(Object.keys(site).sort()).toEqual(['@odata.context', 'displayName', 'id', 'webUrl']);
    expect((await graph.call('GET', `/sites/${graph.siteId}?$select=pupils`)).status).toBe(400);
  });

  it('keeps ensureSite idempotent and the id stable for the same path', () => {
    const again = graph.store.ensureSite({
      hostname: HOSTNAME,
      serverRelativePath: 'sites/senco-hub/',
      displayName: 'SENCO Hub (renamed)',
    });
    expect(again.id).toBe(graph.siteId);
    expect(again.displayName).toBe('SENCO Hub (renamed)');
    const other = createTestGraph();
    expect(other.siteId).toBe(graph.siteId);
    expect(graph.store.listSites().map((s) => s.webUrl)).toEqual([
      `https://${HOSTNAME}`,
      `https://${HOSTNAME}/sites/senco-hub`,
    ]);
  });
});

// Sites.Selected gives an app no access until an admin grants it a role on the site
// (https://learn.microsoft.com/graph/permissions-selected-overview, https://learn.microsoft.com/graph/api/site-post-permissions);
// `write` does not let it create lists or columns (reported from SharePoint Online:
// https://techcommunity.microsoft.com/idea/microsoft365developerplatform/graph-api-scope-sites-selected-should-include-readwrite-to-selected-sites-lists/2537162).
describe('Sites.Selected', () => {
  const admin: Caller = {
    kind: 'user',
    userId: 'admin-1',
    upn: 'admin@oakfield.example.org',
    tenantId: 't',
    scopes: ['Sites.FullControl.All'],
  };
  const otherApp: Caller = { kind: 'app', appId: 'other-app', tenantId: 't', roles: ['Sites.Selected'] };
  type Permission = { id: string; roles: string[]; grantedToIdentitiesV2: { application: { id: string } }[] };
  const grant = (graph: ReturnType<typeof createTestGraph>, roles: string[], caller: Caller = admin) =>
    graph.call('POST', `/sites/${graph.siteId}/permissions`, {
      caller,
      body: { roles, grantedToIdentities: [{ application: { id: 'other-app', displayName: 'Other app' } }] },
    });
  const newList = (graph: ReturnType<typeof createTestGraph>, caller: Caller) =>
    graph.call('POST', `/sites/${graph.siteId}/lists`, {
      caller,
      body: { displayName: `L${Math.random()}`, list: { template: 'genericList' }, columns: [] },
    });

  it('answers 403 for every SharePoint route on a site the app has not been granted', async () => {
    const graph = createTestGraph();
    const listId = await graph.createList('Records', [{ name: 'Note', text: {} }]);
    for (const [method, url] of [
      ['GET', `/sites/${graph.siteId}`],
      ['GET', `/sites/${HOSTNAME}:/sites/senco-hub`],
      ['GET', `/sites/${graph.siteId}/lists`],
      ['GET', `/sites/${graph.siteId}/lists/${listId}/items`],
      ['GET', `/sites/${graph.siteId}/lists/${listId}/items/delta`],
      ['POST', `/sites/${graph.siteId}/lists/${listId}/items`],
    ] as const) {
      const res = await graph.call(method, url, { caller: otherApp, body: { fields: { Title: 'x' } } });
      expect([method, url, res.status]).toEqual([method, url, 403]);
      expect((res.body as ErrorBody).error.code).toBe('accessDenied');
    }
    // Granted on one site only: the tenant's root site stays closed, even to SENCO Hub's own app.
    expect((await graph.call('GET', '/sites/root')).status).toBe(403);
  });

  it('lets a `write` grant read and write items but not create lists or columns; `fullcontrol` can', async () => {
    const graph = createTestGraph();
    const listId = await graph.createList('Records', [{ name: 'Note', text: {} }]);
    const created = await grant(graph, ['write']);
    expect(created.status).toBe(201);
    const permission = created.body as Permission;
    expect(permission).toMatchObject({
      roles: ['write'],
      grantedToIdentitiesV2: [{ application: { id: 'other-app' } }],
    });
    const items = `/sites/${graph.siteId}/lists/${listId}/items`;
    expect((await graph.call('GET', items, { caller: otherApp })).status).toBe(200);
    expect(
      (await graph.call('POST', items, { caller: otherApp, body: { fields: { Title: 'a' } } })).status,
    ).toBe(201);
    expect((await newList(graph, otherApp)).status).toBe(403);
    const column = await graph.call('POST', `/sites/${graph.siteId}/lists/${listId}/columns`, {
      caller: otherApp,
      body: { name: 'Extra', text: {} },
    });
    expect(column.status).toBe(403);

    const raised = await graph.call('PATCH', `/sites/${graph.siteId}/permissions/${permission.id}`, {
      caller: admin,
      body: { roles: ['fullcontrol'] },
    });
    expect(raised.status).toBe(200);
    expect((await newList(graph, otherApp)).status).toBe(201);

    const read = await grant(graph, ['read']);
    expect((read.body as Permission).id).toBe(permission.id);
    expect(
      (await graph.call('POST', items, { caller: otherApp, body: { fields: { Title: 'b' } } })).status,
    ).toBe(403);
    expect(
      (await graph.call('DELETE', `/sites/${graph.siteId}/permissions/${permission.id}`, { caller: admin }))
        .status,
    ).toBe(204);
    expect((await graph.call('GET', items, { caller: otherApp })).status).toBe(403);
  });

  // Tenant-wide scopes: list-create and list-post-columns need Sites.Manage.All; items Sites.ReadWrite.All
  // (https://learn.microsoft.com/graph/api/list-create, https://learn.microsoft.com/graph/api/listitem-create).
  it('lets delegated Sites.ReadWrite.All write items but not create lists, which needs Sites.Manage.All', async () => {
    const graph = createTestGraph();
    const listId = await graph.createList('Records', [{ name: 'Note', text: {} }]);
    const writer = userCaller();
    const manager: Caller = { ...userCaller(), scopes: ['Sites.Manage.All'] } as Caller;
    const nobody: Caller = { ...userCaller(), scopes: ['User.Read'] } as Caller;
    const items = `/sites/${graph.siteId}/lists/${listId}/items`;
    expect(
      (await graph.call('POST', items, { caller: writer, body: { fields: { Title: 'a' } } })).status,
    ).toBe(201);
    expect((await newList(graph, writer)).status).toBe(403);
    expect((await newList(graph, manager)).status).toBe(201);
    expect((await graph.call('GET', items, { caller: nobody })).status).toBe(403);
  });

  it('lets only a caller with Sites.FullControl.All grant, and only to applications', async () => {
    const graph = createTestGraph();
    expect((await grant(graph, ['fullcontrol'], APP_CALLER)).status).toBe(403);
    expect((await grant(graph, ['fullcontrol'], otherApp)).status).toBe(403);
    const toUser = await graph.call('POST', `/sites/${graph.siteId}/permissions`, {
      caller: admin,
      body: { roles: ['write'], grantedToIdentities: [{ user: { id: 'u1' } }] },
    });
    expect(toUser.status).toBe(400);
    expect((await grant(graph, ['superuser'])).status).toBe(400);
    const list = await graph.ok<{ value: Permission[] }>('GET', `/sites/${graph.siteId}/permissions`, {
      caller: admin,
    });
    expect(list.value.map((p) => p.grantedToIdentitiesV2[0]?.application.id)).toEqual([
      APP_CALLER.kind === 'app' ? APP_CALLER.appId : '',
    ]);
  });
});
