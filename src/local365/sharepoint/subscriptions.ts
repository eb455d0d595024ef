import { randomUUID } from 'node:crypto';
import type { Caller, RouteRequest } from '../graph/dispatcher.ts';
import { badRequest, forbidden, notFound } from '../graph/graph-error.ts';
import type { SharePointServices } from './sharepoint-services.ts';

/**
 * Change notifications on SharePoint lists (https://learn.microsoft.com/en-us/graph/api/resources/subscription,
 * https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks), as strictly as Graph:
 *
 * - `POST /subscriptions` takes `resource` `sites/{site-id}/lists/{list-id}`, `changeType` `updated` (the only
 *   one lists support), an `expirationDateTime` in the future and at most 42,300 minutes away (a list's
 *   maximum), an optional `clientState` of at most 128 characters, and a `notificationUrl` that must be
 *   `https`. Before answering, it POSTs `{notificationUrl}?validationToken=…` and refuses the subscription
 *   (400) unless the endpoint answers 200, `text/plain`, with the token as its body, within 10 seconds.
 *   The one leniency, since local mode has no TLS: `http` is accepted for a loopback host (localhost,
 *   127.0.0.1, ::1) — nothing outside this machine can be reached, as Graph could not reach it either.
 * - The caller needs write access to the list's site (SharePoint asks for edit rights on the list; a
 *   Sites.Selected write grant counts here — whether Graph takes Sites.Selected for list subscriptions is not
 *   documented, and a server refused one polls instead); it sees and changes only its own subscriptions (404
 *   for another app's).
 * - After any change to a list item (create, update, delete, through Graph or the seed), every live
 *   subscription on that list gets one notification POSTed, asynchronously: `{ value: [{ subscriptionId,
 *   clientState, changeType: 'updated', resource, subscriptionExpirationDateTime, tenantId }] }`, with no data
 *   about the item — the subscriber reads the list by delta. Changes within `deliveryDelayMs` share one
 *   notification. A delivery that fails is dropped (Graph retries for a while, then drops: a subscriber must
 *   cope with a lost notification either way).
 * - `PATCH /subscriptions/{id}` renews (`expirationDateTime` only, same limits); `DELETE` removes it; an
 *   expired subscription delivers nothing and is gone (404).
 * Subscriptions are held in memory: a restarted stand-in has none, as if Graph had dropped them.
 */
export const LIST_SUBSCRIPTION_MAX_MINUTES = 42_300;
const VALIDATION_TIMEOUT_MS = 10_000;

export type ListSubscription = {
  id: string;
  resource: string;
  listId: string;
  changeType: string;
  notificationUrl: string;
  clientState: string | undefined;
  expirationDateTime: string;
  applicationId: string;
};

export type SubscriptionStore = {
  list(): readonly ListSubscription[];
  /** Notifications POSTed so far (successful or not), for tests and the inspector. */
  deliveries(): readonly { subscriptionId: string; status: number | 'failed' }[];
  /** Forgets every subscription, as Graph does when it drops them. */
  clear(): void;
};

const RESOURCE = /^\/?sites\/([^/]+)\/lists\/([^/]+)$/;

export function registerSubscriptionRoutes(
  sp: SharePointServices,
  options: { deliveryDelayMs?: number; validationTimeoutMs?: number } = {},
): SubscriptionStore {
  const { dispatcher } = sp.ctx;
  const subscriptions = new Map<string, ListSubscription>();
  const deliveries: { subscriptionId: string; status: number | 'failed' }[] = [];
  const now = () => sp.ctx.now();

  const appOf = (caller: Caller) => (caller.kind === 'app' ? caller.appId : caller.userId);
  const live = (s: ListSubscription) => Date.parse(s.expirationDateTime) > now().getTime();
  const json = (s: ListSubscription) => ({
    '@odata.context': `${sp.ctx.graphBaseUrl()}/$metadata#subscriptions/$entity`,
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState ?? null,
    notificationUrl: s.notificationUrl,
    expirationDateTime: s.expirationDateTime,
    latestSupportedTlsVersion: 'v1_2',
    notificationQueryOptions: null,
    includeResourceData: false,
  });

  function expiry(value: unknown): string {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      throw badRequest('expirationDateTime is required: an ISO 8601 date and time.', 'InvalidRequest');
    const at = Date.parse(value);
    if (at <= now().getTime())
      throw badRequest('Subscription expiration must be in the future.', 'InvalidRequest');
    if (at > now().getTime() + LIST_SUBSCRIPTION_MAX_MINUTES * 60_000)
      throw badRequest(
        `Subscription expiration can only be ${LIST_SUBSCRIPTION_MAX_MINUTES} minutes in the future.`,
        'InvalidRequest',
      );
    return new Date(at).toISOString();
  }

  function notificationUrl(value: unknown): string {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw badRequest('notificationUrl is required: an absolute https URL.', 'InvalidRequest');
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
      throw badRequest('The notificationUrl must use https.', 'InvalidRequest');
    return url.toString();
  }

  async function validate(url: string): Promise<void> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    let ok = false;
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(options.validationTimeoutMs ?? VALIDATION_TIMEOUT_MS),
      });
      const body = await res.text();
      ok =
        res.status === 200 &&
        (res.headers.get('content-type') ?? '').startsWith('text/plain') &&
        body === token;
    } catch {
      ok = false;
    }
    if (!ok)
      throw badRequest(
        'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
        'ValidationError',
      );
  }

  function own(req: RouteRequest): ListSubscription {
    const found = subscriptions.get(req.params['subscription-id'] ?? '');
    if (!found || !live(found) || found.applicationId !== appOf(req.caller)) {
      if (found && !live(found)) subscriptions.delete(found.id);
      throw notFound(`The object was not found.`, 'ResourceNotFound');
    }
    return found;
  }

  dispatcher.register('POST', '/subscriptions', async (req) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const resource = typeof body['resource'] === 'string' ? body['resource'] : '';
    const match = RESOURCE.exec(resource);
    if (!match)
      throw badRequest(
        `The resource '${resource}' is not one local365 supports for subscriptions (a SharePoint list: sites/{site-id}/lists/{list-id}).`,
        'InvalidRequest',
      );
    if (body['changeType'] !== 'updated')
      throw badRequest("The changeType for a list must be 'updated'.", 'InvalidRequest');
    const clientState = body['clientState'];
    if (clientState !== undefined && (typeof clientState !== 'string' || clientState.length > 128))
      throw badRequest('clientState must be text of at most 128 characters.', 'InvalidRequest');
    const site = sp.sites.resolve(match[1]!);
    // SharePoint asks for at least edit rights on the list to subscribe to it
    // (https://learn.microsoft.com/en-us/sharepoint/dev/apis/webhooks/lists/create-subscription).
    if (!sp.permissions.allows(req.caller, site, 'write')) throw forbidden();
    const list = sp.lists.resolve(site, match[2]!);
    const expirationDateTime = expiry(body['expirationDateTime']);
    const url = notificationUrl(body['notificationUrl']);
    await validate(url);
    const subscription: ListSubscription = {
      id: randomUUID(),
      resource,
      listId: list.id,
      changeType: 'updated',
      notificationUrl: url,
      clientState: typeof clientState === 'string' ? clientState : undefined,
      expirationDateTime,
      applicationId: appOf(req.caller),
    };
    subscriptions.set(subscription.id, subscription);
    return { status: 201, body: json(subscription) };
  });

  dispatcher.register('GET', '/subscriptions', (req) => ({
    status: 200,
    body: {
      value: [...subscriptions.values()]
        .filter((s) => live(s) && s.applicationId === appOf(req.caller))
        .map(json),
    },
  }));
  dispatcher.register('GET', '/subscriptions/{subscription-id}', (req) => ({
    status: 200,
    body: json(own(req)),
  }));
  dispatcher.register('PATCH', '/subscriptions/{subscription-id}', (req) => {
    const found = own(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const other = Object.keys(body).filter((k) => k !== 'expirationDateTime');
    if (other.length > 0)
      throw badRequest(
        `local365 renews subscriptions only; it does not change ${other.join(', ')}.`,
        'InvalidRequest',
      );
    found.expirationDateTime = expiry(body['expirationDateTime']);
    return { status: 200, body: json(found) };
  });
  dispatcher.register('DELETE', '/subscriptions/{subscription-id}', (req) => {
    subscriptions.delete(own(req).id);
    return { status: 204 };
  });

  // ---- delivery ------------------------------------------------------------------------------------------
  const waiting = new Set<string>();
  async function deliver(subscriptionId: string): Promise<void> {
    waiting.delete(subscriptionId);
    const s = subscriptions.get(subscriptionId);
    if (!s || !live(s)) return;
    const notification = {
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: s.expirationDateTime,
          changeType: 'updated',
          resource: s.resource,
          clientState: s.clientState ?? null,
          tenantId: sp.ctx.tenantId,
        },
      ],
    };
    try {
      const res = await fetch(s.notificationUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(notification),
        signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      deliveries.push({ subscriptionId, status: res.status });
    } catch {
      deliveries.push({ subscriptionId, status: 'failed' });
    }
  }

  sp.db.onChange((listId) => {
    for (const s of subscriptions.values()) {
      if (s.listId !== listId || !live(s) || waiting.has(s.id)) continue;
      waiting.add(s.id);
      setTimeout(() => void deliver(s.id), options.deliveryDelayMs ?? 50).unref();
    }
  });

  return {
    list: () => [...subscriptions.values()].filter(live),
    deliveries: () => deliveries,
    clear: () => subscriptions.clear(),
  };
}
