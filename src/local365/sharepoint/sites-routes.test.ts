import { createTestGraph, HOSTNAME, GRAPH_BASE } from './sharepoint-testing.ts';

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
    const root = await graph.ok<Site>('GET', '/sites/root');
    expect(root.webUrl).toBe(`https://${HOSTNAME}`);
    expect((await graph.ok<Site>('GET', `/sites/${HOSTNAME}`)).id).toBe(root.id);
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
