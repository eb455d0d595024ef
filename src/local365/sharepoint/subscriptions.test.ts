import express from 'express';
import type { Server } from 'node:http';
import { createTestGraph, type TestGraph } from './sharepoint-testing.ts';

/** A webhook endpoint on this machine: how it answers the handshake is up to the test. */
type Endpoint = {
  url: string;
  received: { clientState: unknown; subscriptionId: unknown; resource: unknown }[];
  validation: (token: string) => { status: number; type: string; body: string };
  close(): Promise<void>;
};

async function endpoint(): Promise<Endpoint> {
  const app = express();
  const state: Endpoint = {
    url: '',
    received: [],
    validation: (token) => ({ status: 200, type: 'text/plain', body: token }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  app.post('/hook', express.json(), (req, res) => {
    const token = req.query['validationToken'];
    if (typeof token === 'string') {
      const answer = state.validation(token);
      res.status(answer.status).type(answer.type).send(answer.body);
      return;
    }
    state.received.push(...(req.body as { value: Endpoint['received'] }).value);
    res.status(202).end();
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  state.url = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/hook`;
  return state;
}

let graph: TestGraph;
let hook: Endpoint;
let listId: string;

const inMinutes = (minutes: number) => new Date(graph.ctx.now().getTime() + minutes * 60_000).toISOString();
const body = (overrides: Record<string, unknown> = {}) => ({
  changeType: 'updated',
  notificationUrl: hook.url,
  resource: `sites/${graph.siteId}/lists/${listId}`,
  expirationDateTime: inMinutes(42_000),
  clientState: 'our-secret',
  ...overrides,
});

beforeEach(async () => {
  graph = createTestGraph();
  hook = await endpoint();
  listId = await graph.createList('Watched', [{ name: 'Note', text: {} }]);
});

afterEach(async () => {
  await hook.close();
});

describe('subscriptions to a list, as Graph makes them', () => {
  it('makes one after the handshake and notifies the endpoint of an item change, with the clientState and no data', async () => {
    const created = await graph.ok<{ id: string; expirationDateTime: string }>('POST', '/subscriptions', {
      body: body(),
    });
    await graph.ok('POST', `/sites/${graph.siteId}/lists/${listId}/items`, {
      body: { fields: { Title: 'a' } },
    });
    await vi.waitFor(() => expect(hook.received).toHaveLength(1));
    expect(hook.received[0]).toMatchObject({
      subscriptionId: created.id,
      clientState: 'our-secret',
      resource: `sites/${graph.siteId}/lists/${listId}`,
    });
    expect(Object.keys(hook.received[0]!)).not.toContain('resourceData');
  });

  it('refuses an endpoint that does not echo the token as text/plain with 200', async () => {
    for (const answer of [
      { status: 200, type: 'text/plain', body: 'something else' },
      { status: 202, type: 'text/plain', body: '' },
      { status: 200, type: 'application/json', body: '' },
    ]) {
      hook.validation = (token) => ({ ...answer, body: answer.body || token });
      const res = await graph.call('POST', '/subscriptions', { body: body() });
      expect(res.status, JSON.stringify(answer)).toBe(400);
      expect(JSON.stringify(res.body)).toContain('validation request failed');
    }
    expect(graph.store.subscriptions.list()).toEqual([]);
  });

  it('refuses what Graph refuses: http to another host, changeType other than updated, expiry past 42,300 minutes, an over-long clientState', async () => {
    const refused = [
      body({ notificationUrl: 'http://school.example/hook' }),
      body({ changeType: 'created' }),
      body({ expirationDateTime: inMinutes(42_301) }),
      body({ expirationDateTime: inMinutes(-1) }),
      body({ clientState: 'x'.repeat(129) }),
      body({ resource: `sites/${graph.siteId}/lists` }),
    ];
    for (const b of refused)
      expect((await graph.call('POST', '/subscriptions', { body: b })).status).toBe(400);
    expect(graph.store.subscriptions.list()).toEqual([]);
  });

  it('renews within the limit, expires, and is deleted; an expired or deleted one notifies nobody', async () => {
    const { id } = await graph.ok<{ id: string }>('POST', '/subscriptions', {
      body: body({ expirationDateTime: inMinutes(60) }),
    });
    expect(
      (await graph.call('PATCH', `/subscriptions/${id}`, { body: { expirationDateTime: inMinutes(50_000) } }))
        .status,
    ).toBe(400);
    const renewed = await graph.ok<{ expirationDateTime: string }>('PATCH', `/subscriptions/${id}`, {
      body: { expirationDateTime: inMinutes(120) },
    });
    expect(renewed.expirationDateTime).toBe(inMinutes(120));
    graph.advance(121 * 60_000);
    expect((await graph.call('GET', `/subscriptions/${id}`)).status).toBe(404);
    expect(
      (await graph.call('PATCH', `/subscriptions/${id}`, { body: { expirationDateTime: inMinutes(60) } }))
        .status,
    ).toBe(404);
    await graph.ok('POST', `/sites/${graph.siteId}/lists/${listId}/items`, {
      body: { fields: { Title: 'b' } },
    });

    const second = await graph.ok<{ id: string }>('POST', '/subscriptions', { body: body() });
    await graph.ok('DELETE', `/subscriptions/${second.id}`);
    await graph.ok('POST', `/sites/${graph.siteId}/lists/${listId}/items`, {
      body: { fields: { Title: 'c' } },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.received).toEqual([]);
  });

  it('refuses an app that may only read the site', async () => {
    const reader = { kind: 'app' as const, appId: 'reader-app', tenantId: 't', roles: ['Sites.Read.All'] };
    expect((await graph.call('POST', '/subscriptions', { body: body(), caller: reader })).status).toBe(403);
  });

  it('shows an app only its own subscriptions', async () => {
    const { id } = await graph.ok<{ id: string }>('POST', '/subscriptions', { body: body() });
    const other = { kind: 'app' as const, appId: 'another-app', tenantId: 't', roles: ['Sites.Read.All'] };
    expect((await graph.call('GET', `/subscriptions/${id}`, { caller: other })).status).toBe(404);
    expect((await graph.call('DELETE', `/subscriptions/${id}`, { caller: other })).status).toBe(404);
    expect(graph.store.subscriptions.list()).toHaveLength(1);
  });
});
