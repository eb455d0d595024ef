import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StandInContext } from '../context.ts';
import { signedInUser } from '../directory/directory-access.ts';
import { DirectoryStore } from '../directory/directory-store.ts';
import { odataContext } from '../directory/odata.ts';
import { requirePermission, type PermissionNeed } from '../directory/permissions.ts';
import type { RouteRequest } from '../graph/dispatcher.ts';
import { GraphError, badRequest } from '../graph/graph-error.ts';
import { CalendarStore, type EventChange } from './calendar-store.ts';
import { graphEvent } from './event-shape.ts';
import { preferredZone } from './time-zones.ts';

/**
 * GET /me/calendarView/delta, as Graph answers it (https://learn.microsoft.com/en-us/graph/api/event-delta):
 * the first request names the window (`startDateTime`, `endDateTime`, both required) and pages through the
 * events in it; the last page carries an `@odata.deltaLink`, and that link later answers only what changed
 * since: events changed (in full), and events deleted, cancelled or moved out of the window as
 * `{ id, "@removed": { reason: "deleted" } }`. Pages follow `Prefer: odata.maxpagesize` (default 10, as
 * Graph's calendar pages), with `Preference-Applied`. `$select`, `$filter`, `$orderby`, `$expand`, `$search`
 * and `$top` are refused, as the page says they are not supported. Links are opaque: a `$skiptoken` or
 * `$deltatoken` is signed by the stand-in and bound to the mailbox; one altered, from another mailbox or not
 * from here is refused with 410 (start again without it), and any other option beside it with 400.
 */

const READ: PermissionNeed = {
  delegated: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  application: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
};
const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;
const UNSUPPORTED = ['$select', '$filter', '$orderby', '$expand', '$search', '$top', '$skip', '$count'];

type State = {
  /** Mailbox. */ m: string;
  /** Window, ISO instants. */ s: string;
  e: string;
  /** 'i': first enumeration up to change u, after key (c, d); 'c': changes in (p, u] after change c; 'd': deltaLink after p. */
  k: 'i' | 'c' | 'd';
  p: number;
  u: number;
  c: number;
  d: string;
};

export function registerCalendarDeltaRoute(ctx: StandInContext): void {
  const directory = new DirectoryStore(ctx.db);
  const store = new CalendarStore(ctx.db);
  const secret = randomBytes(32);
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest('base64url');
  const seal = (state: State) => {
    const body = Buffer.from(JSON.stringify(state)).toString('base64url');
    return `${body}.${mac(body)}`;
  };
  const gone = () =>
    new GraphError(
      410,
      'SyncStateNotFound',
      'The sync state is not valid or has expired: start again with startDateTime and endDateTime.',
    );
  function unseal(token: string, mailboxId: string): State {
    const [body = '', sig = ''] = token.split('.');
    const expected = Buffer.from(mac(body));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw gone();
    const state = JSON.parse(Buffer.from(body, 'base64url').toString()) as State;
    if (state.m !== mailboxId || state.u > store.latestChangeNo() || state.p > store.latestChangeNo())
      throw gone();
    return state;
  }

  function pageSizeOf(req: RouteRequest): { size: number; applied: Record<string, string> } {
    const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(req.headers['prefer'] ?? '');
    if (!m) return { size: DEFAULT_PAGE, applied: {} };
    const size = Math.min(Math.max(Number(m[1]), 1), MAX_PAGE);
    return { size, applied: { 'Preference-Applied': `odata.maxpagesize=${size}` } };
  }

  function instant(req: RouteRequest, name: 'startDateTime' | 'endDateTime'): Date {
    const raw = req.query.get(name);
    if (!raw)
      throw badRequest(
        `The parameter '${name}' is required for calendarView delta.`,
        'ErrorInvalidParameter',
      );
    const at = new Date(raw);
    if (Number.isNaN(at.getTime()))
      throw badRequest(`The parameter '${name}' is not a valid date and time.`, 'ErrorInvalidParameter');
    return at;
  }

  function firstState(req: RouteRequest, mailboxId: string): State {
    const start = instant(req, 'startDateTime');
    const end = instant(req, 'endDateTime');
    if (end <= start)
      throw badRequest("'endDateTime' must be after 'startDateTime'.", 'ErrorInvalidParameter');
    return {
      m: mailboxId,
      s: start.toISOString(),
      e: end.toISOString(),
      k: 'i',
      p: 0,
      u: store.latestChangeNo(),
      c: -1,
      d: '',
    };
  }

  ctx.dispatcher.register('GET', '/me/calendarView/delta', (req) => {
    const user = signedInUser(directory, req.caller);
    requirePermission(req.caller, READ, 'outlook');
    const refused = UNSUPPORTED.find((o) => req.query.has(o));
    if (refused)
      throw badRequest(
        `The query option '${refused}' is not supported on calendarView delta.`,
        'ErrorInvalidUrlQuery',
      );
    const token = req.query.get('$skiptoken') ?? req.query.get('$deltatoken');
    if (token !== null && [...req.query.keys()].some((k) => k !== '$skiptoken' && k !== '$deltatoken'))
      throw badRequest(
        'A delta or skip token is used alone: follow the link as it was given.',
        'ErrorInvalidUrlQuery',
      );
    let state = token === null ? firstState(req, user.id) : unseal(token, user.id);
    // A deltaLink followed: the changes since its position, up to now.
    if (state.k === 'd') state = { ...state, k: 'c', u: store.latestChangeNo(), c: state.p };
    const { size, applied } = pageSizeOf(req);
    const window = { start: new Date(state.s), end: new Date(state.e) };
    const rows: EventChange[] =
      state.k === 'i'
        ? store.inWindow(user.id, window, state.u, { changeNo: state.c, id: state.d }, size + 1)
        : store.changes(user.id, state.c, state.u, size + 1);
    const more = rows.length > size;
    const served = rows.slice(0, size);
    const zone = preferredZone(req.headers);
    const value = served.map(({ event, deleted }) => {
      const inWindow =
        Date.parse(event.start) < window.end.getTime() && Date.parse(event.end) > window.start.getTime();
      return deleted || event.isCancelled || !inWindow
        ? { '@odata.type': '#microsoft.graph.event', id: event.id, '@removed': { reason: 'deleted' } }
        : graphEvent(event, zone);
    });
    const last = served.at(-1);
    const link = (name: '$skiptoken' | '$deltatoken', next: State) =>
      `${ctx.graphBaseUrl()}/me/calendarView/delta?${name}=${encodeURIComponent(seal(next))}`;
    const body: Record<string, unknown> = {
      '@odata.context': odataContext(ctx, 'Collection(event)'),
      ...(more && last
        ? { '@odata.nextLink': link('$skiptoken', { ...state, c: last.changeNo, d: last.event.id }) }
        : { '@odata.deltaLink': link('$deltatoken', { ...state, k: 'd', p: state.u, c: state.u, d: '' }) }),
      value,
    };
    return {
      status: 200,
      headers: {
        ...applied,
        ...(zone
          ? {
              'Preference-Applied': [applied['Preference-Applied'], `outlook.timezone="${zone.label}"`]
                .filter(Boolean)
                .join(', '),
            }
          : {}),
      },
      body,
    };
  });
}
