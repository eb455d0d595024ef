import express from 'express';
import type { Server } from 'node:http';
import { buildSenSupportPupil, buildSettings } from '../../domain/testing/builders.ts';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { createAppTokenProvider } from '../../graph/app-token-provider.ts';
import { createGraphConnection, type GraphConnection } from '../../graph/graph-client.ts';
import { importSendRecords } from '../../graph/import-records.ts';
import {
  createSendRecords,
  type SendRecordsOptions,
  type SendRecordsReplica,
} from '../../graph/send-records-replica.ts';
import type { Actor } from '../../graph/send-records.ts';
import { provisionSite } from '../../graph/site-provisioning.ts';
import { findSiteId } from '../../graph/site.ts';
import { listNotificationsRouter } from './list-notifications-route.ts';

/**
 * Change notifications instead of idle polling, through the real replica, Graph client and endpoint against
 * the stand-in's subscriptions (src/local365/sharepoint/subscriptions.ts): an instance told of another's write,
 * renewal, expiry and refusal falling back to polling, a forged notification ignored, and an idle instance
 * that asks Graph nothing while it is subscribed.
 */

let app: TestApp;
let siteId: string;
const senco: Actor = { userId: 'senco-user-id', upn: 'senco@example.org', name: 'Jo SENCO' };
const started: SendRecordsReplica[] = [];

/** A connection that counts the requests it sends (each through the token middleware once). */
function countingConnection(): { connection: GraphConnection; requests: () => number } {
  let requests = 0;
  const token = createAppTokenProvider({
    kind: 'local',
    tokenUrl: `${app.baseUrl}/local365/token`,
    clientId: app.config.clientId,
  });
  const connection = createGraphConnection({
    root: app.config.graphRoot,
    getToken: () => {
      requests += 1;
      return token();
    },
    retry: { maxRetries: 3, delaySeconds: 0 },
  });
  return { connection, requests: () => requests };
}

/**
 * Our notification endpoint on a port of its own; `refuseValidation` makes the handshake fail, `drop` loses
 * every notification on the way (answered, never handed on).
 */
async function endpoint(accept: (body: unknown) => number) {
  const web = express();
  const state = { url: '', refuseValidation: false, drop: false, close: () => Promise.resolve() };
  web.use('/notifications/lists', (req, res, next) => {
    if (state.refuseValidation && req.query['validationToken'] !== undefined) res.status(503).end();
    else if (state.drop && req.query['validationToken'] === undefined) res.status(202).end();
    else next();
  });
  web.use('/notifications/lists', listNotificationsRouter(accept));
  const server: Server = await new Promise((resolve) => {
    const s = web.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  state.url = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/notifications/lists`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

async function subscribed(
  notifications: Omit<
    NonNullable<SendRecordsOptions['notifications']>,
    'notificationUrl' | 'clientState'
  > = {},
  options: Partial<SendRecordsOptions> = {},
) {
  const counted = countingConnection();
  const holder: { replica?: SendRecordsReplica } = {};
  const hook = await endpoint((body) => holder.replica?.acceptListNotifications(body) ?? 0);
  const replica = createSendRecords({
    connection: counted.connection,
    siteId,
    pollIntervalMs: 60 * 60_000,
    notifications: { notificationUrl: hook.url, clientState: 'a-secret-of-this-test', ...notifications },
    ...options,
  });
  holder.replica = replica;
  started.push(replica);
  await replica.start();
  // Subscriptions are made in the background once the records are loaded.
  await vi.waitFor(() => expect(replica.listNotificationsActive()).toBe(true), { timeout: 5000 });
  return { replica, hook, requests: counted.requests };
}

async function writer() {
  const replica = createSendRecords({
    connection: countingConnection().connection,
    siteId,
    pollIntervalMs: 60 * 60_000,
  });
  started.push(replica);
  await replica.start();
  return replica;
}

const changeSettings = (by: SendRecordsReplica, dueSoonDays: number) =>
  by.saveSettings({ settings: buildSettings({ dueSoonDays }), expectedETag: by.settings().eTag, by: senco });

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const team = app.local365.school.classes[7]!.mailNickname;
  app.grantSite(`/sites/${team}`);
  const { connection } = countingConnection();
  siteId = await findSiteId({
    connection,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}/sites/${team}`,
  });
  await provisionSite({ connection, siteId });
  await importSendRecords({ connection, siteId, records: { pupils: [buildSenSupportPupil({})] } });
});

afterEach(async () => {
  await Promise.allSettled(started.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await app?.stop();
});

describe('change notifications on the lists', () => {
  it('subscribes to every list it holds and is told of another instance’s write (no polling: an hour between ticks)', async () => {
    const { replica, hook } = await subscribed();
    try {
      await vi.waitFor(() => expect(replica.listNotificationsActive()).toBe(true), { timeout: 5000 });
      const ours = app.local365.sharePoint.subscriptions.list().filter((s) => s.notificationUrl === hook.url);
      expect(ours.length).toBeGreaterThanOrEqual(19);
      const other = await writer();
      await changeSettings(other, 21);
      await vi.waitFor(() => expect(replica.settings().value.dueSoonDays).toBe(21), { timeout: 5000 });
    } finally {
      await replica.stop();
      await hook.close();
    }
    // Stopping deletes them.
    expect(
      app.local365.sharePoint.subscriptions.list().filter((s) => s.notificationUrl === hook.url),
    ).toEqual([]);
  });

  it('asks Graph nothing while idle and subscribed, where polling asks once a tick', async () => {
    const quiet = await subscribed({ safetySweepEvery: 1000 }, { pollIntervalMs: 100 });
    const polling = countingConnection();
    const poller = createSendRecords({ connection: polling.connection, siteId, pollIntervalMs: 100 });
    started.push(poller);
    await poller.start();
    const [quietBefore, pollingBefore] = [quiet.requests(), polling.requests()];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(quiet.requests() - quietBefore).toBe(0);
    expect(polling.requests() - pollingBefore).toBeGreaterThanOrEqual(5);
    await quiet.hook.close();
  });

  it('ignores a notification with the wrong clientState or for a subscription not its own, and answers Graph 202 all the same', async () => {
    const { replica, hook } = await subscribed();
    const id = app.local365.sharePoint.subscriptions.list().find((s) => s.notificationUrl === hook.url)!.id;
    const forged = [
      { value: [{ subscriptionId: id, clientState: 'a-guess', changeType: 'updated' }] },
      { value: [{ subscriptionId: id, changeType: 'updated' }] },
      { value: [{ subscriptionId: 'not-ours', clientState: 'a-secret-of-this-test' }] },
      { value: 'nonsense' },
    ];
    for (const body of forged) {
      expect(replica.acceptListNotifications(body)).toBe(0);
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(202);
    }
    expect(
      replica.acceptListNotifications({
        value: [{ subscriptionId: id, clientState: 'a-secret-of-this-test' }],
      }),
    ).toBe(1);
    await hook.close();
  });

  it('renews each subscription before it ends, keeping it', async () => {
    // Three-second subscriptions renewed when within two seconds of their end, a tick every 200 ms.
    const { replica, hook } = await subscribed(
      { lifetimeMinutes: 0.05, renewBeforeMs: 2000, safetySweepEvery: 1000 },
      { pollIntervalMs: 200 },
    );
    const mine = () =>
      app.local365.sharePoint.subscriptions.list().filter((s) => s.notificationUrl === hook.url);
    const first = mine().map((s) => ({ ...s }));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await vi.waitFor(() => expect(replica.listNotificationsActive()).toBe(true), { timeout: 5000 });
    expect(
      mine()
        .map((s) => s.id)
        .sort(),
    ).toEqual(first.map((s) => s.id).sort());
    expect(Date.parse(mine()[0]!.expirationDateTime)).toBeGreaterThan(
      Date.parse(first[0]!.expirationDateTime),
    );
    await hook.close();
  });

  it('polls when its subscriptions lapse and cannot be made again, and subscribes again once it can', async () => {
    const { replica, hook } = await subscribed(
      // Two-second subscriptions, never renewed in time; a new try a second after a failure.
      { lifetimeMinutes: 2 / 60, renewBeforeMs: 0, retryAfterMs: 1000, safetySweepEvery: 1000 },
      { pollIntervalMs: 200 },
    );
    await vi.waitFor(() => expect(replica.listNotificationsActive()).toBe(true), { timeout: 5000 });
    hook.refuseValidation = true;
    await vi.waitFor(() => expect(replica.listNotificationsActive()).toBe(false), { timeout: 5000 });
    // Not told any more, yet another instance's write arrives: by polling the change journal.
    const other = await writer();
    await changeSettings(other, 30);
    await vi.waitFor(() => expect(replica.settings().value.dueSoonDays).toBe(30), { timeout: 5000 });
    hook.refuseValidation = false;
    await vi.waitFor(() => expect(replica.listNotificationsActive()).toBe(true), { timeout: 5000 });
    await hook.close();
  });

  it('falls back to polling when a subscription cannot be made at all (an endpoint Graph cannot reach)', async () => {
    const replica = createSendRecords({
      connection: countingConnection().connection,
      siteId,
      pollIntervalMs: 200,
      notifications: {
        notificationUrl: 'http://school.example/notifications/lists',
        clientState: 'x'.repeat(40),
      },
      onProblem: () => undefined,
    });
    started.push(replica);
    await replica.start();
    expect(replica.listNotificationsActive()).toBe(false);
    const other = await writer();
    await changeSettings(other, 7);
    await vi.waitFor(() => expect(replica.settings().value.dueSoonDays).toBe(7), { timeout: 5000 });
  });

  it('finds an unannounced change by its safety sweep and subscribes again', async () => {
    const { replica, hook } = await subscribed({ safetySweepEvery: 1 }, { pollIntervalMs: 200 });
    const before = app.local365.sharePoint.subscriptions.list().filter((s) => s.notificationUrl === hook.url);
    // The notifications are lost on the way (answered, never handed on).
    hook.drop = true;
    const other = await writer();
    await changeSettings(other, 45);
    await vi.waitFor(() => expect(replica.settings().value.dueSoonDays).toBe(45), { timeout: 10_000 });
    hook.drop = false;
    await vi.waitFor(
      () => {
        const now = app.local365.sharePoint.subscriptions
          .list()
          .filter((s) => s.notificationUrl === hook.url);
        expect(now.some((s) => !before.some((b) => b.id === s.id))).toBe(true);
      },
      { timeout: 10_000 },
    );
    await hook.close();
  });
});
