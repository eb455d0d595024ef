/**
 * The stand-in's Graph, driven over HTTP by the official @microsoft/microsoft-graph-client through the same
 * connection factory the server uses (src/graph/graph-client.ts). If these pass here but the app breaks in a
 * school, the stand-in is lying: keep them exact to Graph's documented behaviour.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { GraphConnection } from '../src/graph/graph-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let graph: GraphConnection;
let client: Client;
let siteId: string;

async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof GraphError) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

async function createList(displayName: string, columns: unknown[]): Promise<string> {
  const list = (await client
    .api(`/sites/${siteId}/lists`)
    .post({ displayName, list: { template: 'genericList' }, columns })) as { id: string };
  return list.id;
}

beforeAll(async () => {
  app = await startTestApp();
  graph = app.appGraph({ maxRetries: 3, delaySeconds: 1 });
  client = graph.client;
  const site = (await client
    .api(`/sites/${app.local365.school.tenant.sharePointHostname}:/sites/senco-hub`)
    .get()) as { id: string };
  siteId = site.id;
});

afterAll(async () => {
  await app?.stop();
});

describe('sites', () => {
  it('finds the school site by path, by id, and the staff team group’s root site', async () => {
    const byId = (await client.api(`/sites/${siteId}`).get()) as {
      id: string;
      displayName: string;
      webUrl: string;
    };
    expect(byId.id).toBe(siteId);
    expect(siteId.split(',')).toHaveLength(3);
    // Sites.Selected: the staff team's site is closed to the app until an admin grants it.
    const groupSitePath = `/groups/${app.local365.school.staffTeam.groupId}/sites/root`;
    const refused = await graphError(client.api(groupSitePath).get());
    expect(refused.statusCode).toBe(403);
    app.grantSite(`/sites/${app.local365.school.staffTeam.mailNickname}`, ['read']);
    const groupSite = (await client.api(groupSitePath).get()) as { id: string };
    expect(groupSite.id).toMatch(/,/);
  });
});

describe('lists and items', () => {
  let listId: string;

  beforeAll(async () => {
    listId = await createList('Client test pupils', [
      { name: 'Surname', text: {}, indexed: true },
      { name: 'Upn', text: {}, indexed: true, enforceUniqueValues: true },
      { name: 'YearGroup', text: {} },
      { name: 'Score', number: {} },
    ]);
    const batches: unknown[][] = [];
    const names = Array.from({ length: 450 }, (_, i) => ({
      Title: `Pupil ${i}`,
      Surname: i === 7 ? "O'Brien" : i === 8 ? 'Zoë' : `Surname${i}`,
      Upn: `UPN${String(i).padStart(5, '0')}`,
      YearGroup: `Y${(i % 6) + 1}`,
      Score: i,
    }));
    for (let i = 0; i < names.length; i += 20) batches.push(names.slice(i, i + 20));
    for (const batch of batches) {
      const requests = batch.map((fields, j) => ({
        id: String(j + 1),
        method: 'POST',
        url: `/sites/${siteId}/lists/${listId}/items`,
        headers: { 'Content-Type': 'application/json' },
        body: { fields },
      }));
      const res = (await client.api('/$batch').post({ requests })) as { responses: { status: number }[] };
      expect(res.responses.every((r) => r.status === 201)).toBe(true);
    }
  });

  it('pages over three pages with @odata.nextLink and returns every item once', async () => {
    const seen = new Set<string>();
    let pages = 0;
    let next: string | undefined =
      `/sites/${siteId}/lists/${listId}/items?$expand=fields($select=Title,Upn)&$top=200`;
    while (next) {
      const page = (await client.api(next).get()) as { value: { id: string }[]; '@odata.nextLink'?: string };
      pages += 1;
      for (const item of page.value) seen.add(item.id);
      next = page['@odata.nextLink'] ? graph.toRequestPath(page['@odata.nextLink']) : undefined;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(450);
  });

  it('filters an indexed text column with a quoted apostrophe and a diacritic', async () => {
    const obrien = (await client
      .api(`/sites/${siteId}/lists/${listId}/items`)
      .expand('fields')
      .filter("fields/Surname eq 'O''Brien'")
      .get()) as { value: { fields: { Surname: string } }[] };
    expect(obrien.value.map((i) => i.fields.Surname)).toEqual(["O'Brien"]);
    const zoe = (await client
      .api(`/sites/${siteId}/lists/${listId}/items`)
      .expand('fields')
      .filter("fields/Surname eq 'Zoë'")
      .get()) as {
      value: unknown[];
    };
    expect(zoe.value).toHaveLength(1);
  });

  it('answers 400 with Graph’s message for a filter on a non-indexed column, unless the Prefer header is sent', async () => {
    const err = await graphError(
      client.api(`/sites/${siteId}/lists/${listId}/items`).filter("fields/YearGroup eq 'Y3'").get(),
    );
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain(
      "Field 'YearGroup' cannot be referenced in filter or orderby as it is not indexed",
    );
    const allowed = (await client
      .api(`/sites/${siteId}/lists/${listId}/items`)
      .header('Prefer', 'HonorNonIndexedQueriesWarningMayFailRandomly')
      .expand('fields')
      .filter("fields/YearGroup eq 'Y3'")
      .top(500)
      .get()) as { value: unknown[] };
    expect(allowed.value).toHaveLength(75);
  });

  it('refuses a stale eTag with 412 and keeps the newer value', async () => {
    const created = (await client
      .api(`/sites/${siteId}/lists/${listId}/items`)
      .post({ fields: { Title: 'Concurrent', Upn: 'UPN-ETAG' } })) as {
      id: string;
      eTag: string;
    };
    await client
      .api(`/sites/${siteId}/lists/${listId}/items/${created.id}/fields`)
      .header('If-Match', created.eTag)
      .patch({ Surname: 'First' });
    const err = await graphError(
      client
        .api(`/sites/${siteId}/lists/${listId}/items/${created.id}/fields`)
        .header('If-Match', created.eTag)
        .patch({ Surname: 'Second' }),
    );
    expect(err.statusCode).toBe(412);
    const now = (await client
      .api(`/sites/${siteId}/lists/${listId}/items/${created.id}`)
      .expand('fields')
      .get()) as {
      eTag: string;
      fields: { Surname: string };
    };
    expect(now.fields.Surname).toBe('First');
    expect(now.eTag).not.toBe(created.eTag);
  });

  // SharePoint's SPDuplicateValuesFoundException reaches Graph callers as a 500 (https://github.com/pnp/pnpcore/issues/1280).
  it('answers 500 for a duplicate value in a unique column', async () => {
    const err = await graphError(
      client
        .api(`/sites/${siteId}/lists/${listId}/items`)
        .post({ fields: { Title: 'Dup', Upn: 'UPN00001' } }),
    );
    expect(err.statusCode).toBe(500);
    expect(err.message).toContain('duplicate values were found');
  });

  it('gives 424 to a batch request whose dependency failed, and answers each request', async () => {
    const res = (await client.api('/$batch').post({
      requests: [
        {
          id: '1',
          method: 'POST',
          url: `/sites/${siteId}/lists/${listId}/items`,
          headers: { 'Content-Type': 'application/json' },
          body: { fields: { Title: 'x', Upn: 'UPN00002' } },
        },
        {
          id: '2',
          dependsOn: ['1'],
          method: 'POST',
          url: `/sites/${siteId}/lists/${listId}/items`,
          headers: { 'Content-Type': 'application/json' },
          body: { fields: { Title: 'y', Upn: 'UPN-NEW-424' } },
        },
      ],
    })) as { responses: { id: string; status: number }[] };
    const byId = Object.fromEntries(res.responses.map((r) => [r.id, r.status]));
    // A duplicate in a unique column is SharePoint's 500 (https://github.com/pnp/pnpcore/issues/1280).
    expect(byId).toEqual({ '1': 500, '2': 424 });
  });

  it('retries a 429 with the client’s own RetryHandler, waiting as Retry-After says', async () => {
    const faults = await fetch(`${app.baseUrl}/local365/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        // Only this list: the server's own SEND records replica reads the site in the background meanwhile.
        failure: {
          status: 429,
          count: 2,
          retryAfterSeconds: 1,
          pathPrefix: `/sites/${siteId}/lists/${listId}`,
        },
      }),
    });
    expect(faults.status).toBe(200);
    const started = performance.now();
    const list = (await client.api(`/sites/${siteId}/lists/${listId}`).get()) as { id: string };
    const waited = performance.now() - started;
    expect(list.id).toBe(listId);
    expect(app.local365.faults.failedCount).toBe(2);
    expect(waited).toBeGreaterThanOrEqual(1900);
    await fetch(`${app.baseUrl}/local365/faults`, { method: 'DELETE' });
  });
});

describe('the v1.0 surface', () => {
  it('refuses a path that Microsoft Graph v1.0 does not have', async () => {
    const err = await graphError(client.api(`/sites/${siteId}/pupils`).get());
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain("Resource not found for the segment 'pupils'");
  });

  it('refuses a query option the operation does not take', async () => {
    const err = await graphError(client.api(`/sites/${siteId}`).query({ $top: '5' }).get());
    expect(err.statusCode).toBe(400);
  });

  it('answers 401 in Graph’s shape without a token', async () => {
    const res = await fetch(`${app.config.graphRoot}/v1.0/sites/${siteId}`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('serves /me to a delegated token', async () => {
    const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
    const me = (await app.userGraph(senco.upn).client.api('/me').get()) as { userPrincipalName: string };
    expect(me.userPrincipalName).toBe(senco.upn);
  });
});
