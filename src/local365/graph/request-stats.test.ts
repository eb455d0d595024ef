import { createFaultState } from '../faults.ts';
import { createTestGraph, type TestGraph } from '../sharepoint/sharepoint-testing.ts';
import { registerBatchRoute } from './batch-route.ts';

describe('Graph requests served (GET /local365/stats)', () => {
  const faults = createFaultState(() => 0);
  let graph: TestGraph;
  let items: string;

  beforeEach(async () => {
    faults.clear();
    graph = createTestGraph({ fault: (req) => faults.decide(req), register: registerBatchRoute });
    const listId = await graph.createList('Pupils', [{ name: 'Upn', text: {}, indexed: true }]);
    items = `/sites/${graph.siteId}/lists/${listId}/items`;
    graph.ctx.dispatcher.stats.reset();
  });

  it('counts each request inside a $batch as one request, and the envelope apart', async () => {
    await graph.ok('POST', '/$batch', {
      status: 200,
      body: {
        requests: [
          { id: '1', method: 'GET', url: items },
          { id: '2', method: 'GET', url: items },
          { id: '3', method: 'GET', url: `${items}/1` },
        ],
      },
    });
    await graph.ok('GET', items, { status: 200 });
    const stats = graph.ctx.dispatcher.stats.snapshot();
    expect(stats.requests).toBe(4);
    expect(stats.batchEnvelopes).toBe(1);
    expect(stats.byOperation[0]).toEqual({
      operation: 'GET /sites/{site-id}/lists/{list-id}/items',
      count: 3,
    });
    expect(stats.byOperation.map((o) => o.operation)).not.toContain('POST /$batch');
  });

  it('counts throttled requests under their operation, as failed', async () => {
    faults.set({ failure: { status: 429, count: 2 } });
    await graph.call('GET', items);
    await graph.call('GET', items);
    await graph.ok('GET', items, { status: 200 });
    const stats = graph.ctx.dispatcher.stats.snapshot();
    expect(stats).toMatchObject({ requests: 3, failed: 2 });
    expect(stats.byOperation).toEqual([{ operation: 'GET /sites/{site-id}/lists/{list-id}/items', count: 3 }]);
  });

  it('starts again from zero on reset', async () => {
    await graph.ok('GET', items, { status: 200 });
    graph.ctx.dispatcher.stats.reset();
    expect(graph.ctx.dispatcher.stats.snapshot()).toMatchObject({ requests: 0, batchEnvelopes: 0, byOperation: [] });
  });
});
