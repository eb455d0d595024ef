import type { RouteRequest } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import { itemBody, itemShape } from './items-routes.ts';
import {
  continuationLink,
  decodeToken,
  encodePath,
  encodeToken,
  pageSize,
  queryString,
} from './odata-options.ts';
import { listContextStem } from './resource-json.ts';
import type { ItemRecord, ListRecord } from './sharepoint-db.ts';
import { siteAndList, type SharePointServices } from './sharepoint-services.ts';

/**
 * GET …/items/delta over the change log. A token is a position in the log, so a deltaLink means "changes
 * after change N". The first enumeration pages through the items as they are and then hands back a deltaLink
 * at the position it started from: anything changed meanwhile comes again next time (Graph: use the last
 * occurrence of an item). Every token carries the list's delta epoch; bumping it expires them all.
 */

type DeltaToken =
  /** Initial enumeration: items after id `a`, started at change `s`. */
  | { l: string; e: number; m: 'i'; s: number; a: number }
  /** Changes in (s, u], continuing after change `a`. */
  | { l: string; e: number; m: 'c'; s: number; u: number; a: number }
  /** A deltaLink: changes after position `p`. */
  | { l: string; e: number; m: 'd'; p: number };

const TOKEN_PARAMS = ['token', '$deltatoken', '$skiptoken', 'deltatoken', 'skiptoken'];

/** Graph's message for an expired delta token (driveItem and listItem delta answer it with 410 Gone). */
export const RESYNC_MESSAGE =
  "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about.";

function isToken(value: unknown): value is DeltaToken {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  const n = (k: string) => typeof t[k] === 'number' && Number.isInteger(t[k]) && Number(t[k]) >= 0;
  if (typeof t.l !== 'string' || !n('e')) return false;
  if (t.m === 'i') return n('s') && n('a');
  if (t.m === 'c') return n('s') && n('u') && n('a');
  if (t.m === 'd') return n('p');
  return false;
}

/** Graph's inline entry for a deleted item, as SharePoint Online has been seen to send it: no id at all. */
export const DELETED_ITEM_ERROR_MESSAGE =
  'Cannot write a deleted resource, link, deleted link, or nested delta resource set within a resource set; they must be written within a delta resource set.';

/** The delta URL with the request's options and `token` (none: where a fresh enumeration starts). */
function deltaUrl(sp: SharePointServices, req: RouteRequest, token?: DeltaToken): string {
  const base = sp.ctx.graphBaseUrl();
  const dropExpand = sp.ctx.sharePointQuirks?.().deltaLinksDropExpand === true;
  if (token)
    return continuationLink(
      base,
      req.path,
      req.query,
      { name: 'token', value: encodeToken(token) },
      dropExpand ? [...TOKEN_PARAMS, '$expand'] : TOKEN_PARAMS,
    );
  const qs = queryString([...req.query].filter(([k]) => !TOKEN_PARAMS.includes(k)));
  return `${base}${encodePath(req.path)}${qs ? `?${qs}` : ''}`;
}

/** 410 Gone with resyncChangesApplyDifferences; Location restarts the enumeration. */
function resync(sp: SharePointServices, req: RouteRequest): GraphError {
  return new GraphError(410, 'resyncChangesApplyDifferences', RESYNC_MESSAGE, {
    Location: deltaUrl(sp, req),
  });
}

function readToken(
  sp: SharePointServices,
  req: RouteRequest,
  list: ListRecord,
): DeltaToken | 'latest' | undefined {
  const raw = TOKEN_PARAMS.map((p) => req.query.get(p)).find((v): v is string => typeof v === 'string');
  if (raw === undefined) return undefined;
  if (raw === 'latest') return 'latest';
  const token = decodeToken(raw);
  // A token from another list, an older epoch, or beyond the end of the log was not issued for this state.
  if (!isToken(token) || token.l !== list.id || token.e !== list.deltaEpoch) throw resync(sp, req);
  const position = token.m === 'd' ? token.p : token.s;
  if (position > sp.db.latestChangeNo()) throw resync(sp, req);
  return token;
}

export function registerDeltaRoute(sp: SharePointServices): void {
  sp.ctx.dispatcher.register('GET', '/sites/{site-id}/lists/{list-id}/items/delta', (req) => {
    const { site, list } = siteAndList(sp, req);
    const shape = itemShape(req.query);
    const size = pageSize(req.query);
    const fieldCtx = sp.items.fieldContext(site, list);
    const token = readToken(sp, req, list);
    // Delta entries carry no createdBy/lastModifiedBy: "The delta response doesn't currently return
    // lastModifiedBy" (https://github.com/OneDrive/onedrive-api-docs/issues/214; the delta page lists both among
    // the properties it leaves out, https://github.com/microsoftgraph/microsoft-graph-docs/issues/1431).
    const toJson = (item: ItemRecord) => {
      const { createdBy: _c, lastModifiedBy: _m, ...body } = itemBody(sp, site, list, item, shape, fieldCtx);
      return body;
    };
    const deletesAsErrors = (sp.ctx.sharePointQuirks?.().deltaDeletes ?? 'error') === 'error';
    const deletedEntry = (itemId: number) =>
      deletesAsErrors
        ? {
            error: {
              code: 'InternalServerError',
              message: DELETED_ITEM_ERROR_MESSAGE,
              innerError: {
                date: sp.ctx
                  .now()
                  .toISOString()
                  .replace(/\.\d{3}Z$/, ''),
                'request-id': req.requestId,
              },
            },
          }
        : { id: String(itemId), deleted: { state: 'deleted' } };
    const mark = { l: list.id, e: list.deltaEpoch };
    const answer = (value: unknown[], link: { next: DeltaToken } | { delta: DeltaToken }) => ({
      status: 200,
      body: {
        '@odata.context': `${listContextStem(sp.ctx.graphBaseUrl(), site, list)}/items/delta`,
        value,
        ...('next' in link
          ? { '@odata.nextLink': deltaUrl(sp, req, link.next) }
          : { '@odata.deltaLink': deltaUrl(sp, req, link.delta) }),
      },
    });

    if (token === 'latest') return answer([], { delta: { ...mark, m: 'd', p: sp.db.latestChangeNo() } });

    if (token === undefined || token.m === 'i') {
      const snapshot = token?.s ?? sp.db.latestChangeNo();
      const rows = sp.db.itemsAfter(list.id, token?.a ?? 0, size + 1);
      const page = rows.slice(0, size);
      if (rows.length > size)
        return answer(page.map(toJson), { next: { ...mark, m: 'i', s: snapshot, a: page.at(-1)!.id } });
      return answer(page.map(toJson), { delta: { ...mark, m: 'd', p: snapshot } });
    }

    const window =
      token.m === 'd'
        ? { since: token.p, until: sp.db.latestChangeNo(), after: token.p }
        : { since: token.s, until: token.u, after: token.a };
    const changed = sp.db.changedItems(list.id, { ...window, limit: size + 1 });
    const page = changed.slice(0, size);
    const current = new Map(
      sp.db
        .itemsByIds(
          list.id,
          page.map((c) => c.itemId),
        )
        .map((i) => [i.id, i]),
    );
    const value = page.map((c) => {
      const item = current.get(c.itemId);
      return item ? toJson(item) : deletedEntry(c.itemId);
    });
    if (changed.length > size) {
      return answer(value, {
        next: { ...mark, m: 'c', s: window.since, u: window.until, a: page.at(-1)!.changeNo },
      });
    }
    return answer(value, { delta: { ...mark, m: 'd', p: window.until } });
  });
}
