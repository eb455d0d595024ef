import { createFaultState } from '../faults.ts';
import { createTestGraph, userCaller, type TestGraph } from '../sharepoint/sharepoint-testing.ts';
import { MAX_BATCH_REQUESTS, registerBatchRoute } from './batch-route.ts';

type InnerResponse = {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code: string; message: string }; id?: string };
};
type BatchBody = { responses: InnerResponse[] };
type ErrorBody = { error: { code: string; message: string } };

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('POST /$batch', () => {
  const faults = createFaultState(() => 0);
  let graph: TestGraph;
  let listId: string;
  let items: string;

  beforeEach(async () => {
    faults.clear();
    graph = createTestGraph({ fault: (req) => faults.decide(req), register: registerBatchRoute });
    listId = await graph.createList('Pupils', [
      { name: 'Upn', text: {}, indexed: true, enforceUniqueValues: true },
    ]);
    items = `/sites/${graph.siteId}/lists/${listId}/items`;
  });

  const post = (id: string, upn: string, extra: Record<string, unknown> = {}) => ({
    id,
    method: 'POST',
    url: items,
    headers: JSON_HEADERS,
    body: { fields: { Title: `Pupil ${upn}`, Upn: upn } },
    ...extra,
  });

  const byId = (body: BatchBody) => Object.fromEntries(body.responses.map((r) => [r.id, r]));

  it('answers each request with its own status, headers and body inside a 200', async () => {
    graph.store.addItems(graph.siteId, listId, [{ Title: 'Existing', Upn: 'UPN1' }]);
    const res = await graph.ok<BatchBody>('POST', '/$batch', {
      status: 200,
      body: {
        requests: [
          post('1', 'UPN2'),
          { id: '2', method: 'GET', url: `${items}/1?$expand=fields($select=Upn)` },
          post('3', 'UPN1'),
          { id: '4', method: 'GET', url: `/sites/${graph.siteId}/pupils` },
        ],
      },
    });
    const r = byId(res);
    expect(r['1']).toMatchObject({
      status: 201,
      headers: { 'Content-Type': 'application/json' },
      body: { id: '2' },
    });
    expect(r['1']?.headers['request-id']).toEqual(expect.any(String));
    expect(r['2']).toMatchObject({ status: 200, body: { fields: { Upn: 'UPN1' } } });
    // A duplicate in a unique column is SharePoint's 500 (https://github.com/pnp/pnpcore/issues/1280).
    expect(r['3']?.status).toBe(500);
    expect(r['3']?.body?.error?.message).toContain('duplicate values were found');
    expect(r['4']?.status).toBe(400);
  });

  it('does not keep request order in the answer (clients must match on id)', async () => {
    const res = await graph.ok<BatchBody>('POST', '/$batch', {
      status: 200,
      body: { requests: [post('a', 'A'), post('b', 'B'), post('c', 'C')] },
    });
    expect(res.responses.map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('runs dependsOn in order and answers 424 to the dependents of a failed request, transitively', async () => {
    graph.store.addItems(graph.siteId, listId, [{ Title: 'Existing', Upn: 'TAKEN' }]);
    const res = await graph.ok<BatchBody>('POST', '/$batch', {
      status: 200,
      body: {
        requests: [
          post('3', 'C', { dependsOn: ['2'] }),
          post('1', 'TAKEN'),
          post('2', 'B', { dependsOn: ['1'] }),
          post('4', 'D'),
          post('5', 'E', { dependsOn: ['4'] }),
        ],
      },
    });
    const r = byId(res);
    expect(Object.fromEntries(Object.entries(r).map(([id, v]) => [id, v.status]))).toEqual({
      '1': 500,
      '2': 424,
      '3': 424,
      '4': 201,
      '5': 201,
    });
    expect(r['2']?.body?.error?.code).toBe('FailedDependency');
    // The dependents never ran: B and C were not written.
    const written = await graph.ok<{ value: unknown[] }>(
      'GET',
      `${items}?$filter=fields/Upn eq 'B' or fields/Upn eq 'C'`,
    );
    expect(written.value).toEqual([]);
  });

  it('puts an inner 429 from the fault switches inside a 200, with its Retry-After', async () => {
    faults.set({ failure: { status: 429, count: 1, retryAfterSeconds: 3, pathPrefix: '/sites/' } });
    const res = await graph.ok<BatchBody>('POST', '/$batch', {
      status: 200,
      body: { requests: [post('1', 'X'), post('2', 'Y')] },
    });
    const r = byId(res);
    expect(r['1']).toMatchObject({ status: 429, headers: { 'Retry-After': '3' } });
    expect(r['2']?.status).toBe(201);
    expect(faults.failedCount).toBe(1);
  });

  it('runs inner requests as the outer caller', async () => {
    const res = await graph.ok<BatchBody>('POST', '/$batch', {
      status: 200,
      body: { requests: [post('1', 'U')] },
      caller: userCaller(),
    });
    const created = res.responses[0]?.body as { createdBy: { user: { email: string } } };
    expect(created.createdBy.user.email).toBe('j.okafor@oakfield.example.org');
  });

  it(`accepts ${MAX_BATCH_REQUESTS} requests and refuses ${MAX_BATCH_REQUESTS + 1} with 400`, async () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: items }));
    expect((await graph.call('POST', '/$batch', { body: { requests: many(20) } })).status).toBe(200);
    const res = await graph.call('POST', '/$batch', { body: { requests: many(21) } });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.code).toBe('BadRequest');
  });

  // Rows build their requests when the test runs, once the list exists.
  it.each<[string, () => unknown[]]>([
    ['a duplicate id (ids are not case-sensitive)', () => [post('a', 'A'), post('A', 'B')]],
    ['an absolute URL', () => [{ id: '1', method: 'GET', url: `https://graph.microsoft.com/v1.0${items}` }]],
    [
      'a body without Content-Type',
      () => [{ id: '1', method: 'POST', url: items, body: { fields: { Title: 'x' } } }],
    ],
    [
      'a write without a body',
      () => [{ id: '1', method: 'PATCH', url: `${items}/1/fields`, headers: JSON_HEADERS }],
    ],
    ['a dependsOn naming no request', () => [post('1', 'A', { dependsOn: ['9'] })]],
    ['a dependsOn cycle', () => [post('1', 'A', { dependsOn: ['2'] }), post('2', 'B', { dependsOn: ['1'] })]],
    ['a request without an id', () => [{ method: 'GET', url: items }]],
    ['an unknown method', () => [{ id: '1', method: 'FETCH', url: items }]],
  ])('refuses the whole batch with 400 for %s, running nothing', async (_what, requests) => {
    const res = await graph.call('POST', '/$batch', {
      body: { requests: [post('ok', 'FIRST'), ...requests()] },
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.code).toBe('BadRequest');
    // Not even the valid request before the bad one ran.
    expect((await graph.ok<{ value: unknown[] }>('GET', items)).value).toEqual([]);
  });

  it('refuses a body without a requests array', async () => {
    expect((await graph.call('POST', '/$batch', { body: { request: [] } })).status).toBe(400);
  });

  it('answers a nested $batch inside the batch with 400, not the envelope', async () => {
    const res = await graph.ok<BatchBody>('POST', '/$batch', {
      status: 200,
      body: {
        requests: [
          { id: '1', method: 'POST', url: '/$batch', headers: JSON_HEADERS, body: { requests: [] } },
        ],
      },
    });
    expect(res.responses[0]?.status).toBe(400);
  });

  it('accepts relative URLs without a leading slash, as Learn’s example writes them', async () => {
    const res = await graph.ok<BatchBody>('POST', '/$batch', {
      status: 200,
      body: { requests: [{ id: '1', method: 'GET', url: items.slice(1) }] },
    });
    expect(res.responses[0]?.status).toBe(200);
  });
});
