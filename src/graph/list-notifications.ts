import { timingSafeEqual } from 'node:crypto';
import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { graphDelete, graphPatch, graphPost } from './graph-requests.ts';

/**
 * Graph change notifications on the lists the mirror holds, so an idle server asks Graph nothing: SharePoint
 * tells it when a list changed, and delta on that list is the catch-up (a list notification carries no data).
 * https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks,
 * https://learn.microsoft.com/en-us/graph/api/resources/subscription.
 *
 * One subscription per list (`changeType` `updated`, the only one lists take), for as long as a list allows
 * (42,300 minutes; asked a little under), renewed a day before it ends, created again when Graph has dropped it
 * (renewal answered 404). A notification is believed only if it names one of these subscriptions and carries
 * this server's `clientState`, a secret Graph echoes back. `active()` is false while any list is without a live
 * subscription, or after `suspect()`: the mirror then polls as it did before (list-mirror.ts), and tries to
 * subscribe again no more often than every `retryAfterMs`.
 */
export const LIST_SUBSCRIPTION_MAX_MINUTES = 42_300;

export type ListNotificationsOptions<K extends string> = {
  connection: GraphConnection;
  siteId: string;
  /** Our public HTTPS endpoint Graph POSTs to (validation handshake and notifications). */
  notificationUrl: string;
  /** The secret Graph sends back in every notification (at most 128 characters). */
  clientState: string;
  now: () => Date;
  /** Lifetime asked for. Default: the list maximum less an hour. */
  lifetimeMinutes?: number;
  /** Renewed when it would end within this. Default one day. */
  renewBeforeMs?: number;
  /** After a failed subscribe, the next try waits this long. Default 10 minutes. */
  retryAfterMs?: number;
  /** Lists a believed notification named (called after the answer to Graph has gone). */
  onChanged: (keys: K[]) => void;
  report: (error: Error) => void;
};

type Watched<K> = {
  key: K;
  listId: string;
  subscriptionId?: string;
  expiresAt?: number;
  failedAt?: number;
};

export type ListNotifications<K extends string> = ReturnType<typeof createListNotifications<K>>;

export function createListNotifications<K extends string>(options: ListNotificationsOptions<K>) {
  const { connection, siteId, now } = options;
  const lifetimeMs = (options.lifetimeMinutes ?? LIST_SUBSCRIPTION_MAX_MINUTES - 60) * 60_000;
  const renewBeforeMs = options.renewBeforeMs ?? 24 * 3_600_000;
  const retryAfterMs = options.retryAfterMs ?? 10 * 60_000;
  const secret = Buffer.from(options.clientState);
  const watched: Watched<K>[] = [];
  const bySubscription = new Map<string, Watched<K>>();
  let suspected = false;
  let stopped = false;

  const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
  const expiry = () => new Date(now().getTime() + lifetimeMs).toISOString();
  const live = (w: Watched<K>) => w.subscriptionId !== undefined && (w.expiresAt ?? 0) > now().getTime();

  function forget(w: Watched<K>): void {
    if (w.subscriptionId) bySubscription.delete(w.subscriptionId);
    delete w.subscriptionId;
    delete w.expiresAt;
  }

  async function subscribe(w: Watched<K>): Promise<void> {
    try {
      const created = await graphPost<{ id: string; expirationDateTime: string }>(
        connection,
        '/subscriptions',
        {
          changeType: 'updated',
          notificationUrl: options.notificationUrl,
          resource: `sites/${siteId}/lists/${w.listId}`,
          expirationDateTime: expiry(),
          clientState: options.clientState,
        },
        'subscribe to changes of a list',
      );
      forget(w);
      w.subscriptionId = created.id;
      w.expiresAt = Date.parse(created.expirationDateTime);
      delete w.failedAt;
      bySubscription.set(created.id, w);
    } catch (err) {
      w.failedAt = now().getTime();
      options.report(asError(err));
    }
  }

  async function renew(w: Watched<K>): Promise<void> {
    try {
      const renewed = await graphPatch<{ expirationDateTime: string }>(
        connection,
        `/subscriptions/${w.subscriptionId}`,
        { expirationDateTime: expiry() },
        'renew a subscription to changes of a list',
      );
      w.expiresAt = Date.parse(renewed.expirationDateTime);
    } catch (err) {
      // Gone (expired, or dropped by Graph): made again below. Anything else: tried again next time.
      if (err instanceof GraphRequestError && err.status === 404) forget(w);
      else options.report(asError(err));
    }
  }

  return {
    /** The lists to watch (once, before the first `maintain`). */
    watch(lists: readonly { key: K; listId: string }[]): void {
      for (const { key, listId } of lists) watched.push({ key, listId });
    },

    /** Every list has a live subscription and none is suspected of missing a change. */
    active: (): boolean => !stopped && !suspected && watched.length > 0 && watched.every(live),

    /**
     * Renews what ends soon, makes what is missing (not more often than `retryAfterMs` after a failure). Makes no
     * request while every subscription is far from its end.
     */
    async maintain(): Promise<void> {
      if (stopped) return;
      const at = now().getTime();
      if (suspected) {
        // A change went unannounced: every subscription made again (the old ones deleted, best effort).
        suspected = false;
        for (const w of watched) {
          const old = w.subscriptionId;
          forget(w);
          if (old)
            await graphDelete(connection, `/subscriptions/${old}`, 'delete a subscription').catch(
              () => undefined,
            );
        }
      }
      for (const w of watched) {
        if (live(w) && (w.expiresAt ?? 0) - at < renewBeforeMs) await renew(w);
        if (!live(w)) {
          forget(w);
          if (w.failedAt === undefined || at - w.failedAt >= retryAfterMs) await subscribe(w);
        }
      }
    },

    /** A change was found that no notification announced: poll until subscriptions are made again. */
    suspect(): void {
      suspected = true;
      for (const w of watched) delete w.failedAt;
    },

    /**
     * A POST Graph made to our endpoint: the lists its believed notifications name are handed to `onChanged`
     * after this returns. Returns how many notifications were believed (the rest: unknown subscription or
     * wrong clientState, ignored).
     */
    accept(body: unknown): number {
      const value = (body as { value?: unknown } | null)?.value;
      if (!Array.isArray(value)) return 0;
      const keys = new Set<K>();
      let believed = 0;
      for (const n of value as { subscriptionId?: unknown; clientState?: unknown }[]) {
        const w = typeof n?.subscriptionId === 'string' ? bySubscription.get(n.subscriptionId) : undefined;
        const state = typeof n?.clientState === 'string' ? Buffer.from(n.clientState) : undefined;
        if (!w || !state || state.length !== secret.length || !timingSafeEqual(state, secret)) continue;
        believed += 1;
        keys.add(w.key);
      }
      if (keys.size > 0) setImmediate(() => options.onChanged([...keys]));
      return believed;
    },

    /** Deletes the subscriptions (best effort: what is not deleted ends by itself). */
    async stop(): Promise<void> {
      stopped = true;
      await Promise.allSettled(
        watched
          .filter(live)
          .map((w) => graphDelete(connection, `/subscriptions/${w.subscriptionId}`, 'delete a subscription')),
      );
      for (const w of watched) forget(w);
    },
  };
}
