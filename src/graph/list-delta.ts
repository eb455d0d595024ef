import { runBatch } from './batch.ts';
import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { graphGet, pagesOf } from './graph-requests.ts';
import type { ListDefinition } from './list-definition.ts';
import type { SharePointItem } from './list-fields.ts';
import { ge, itemsQueryString } from './odata.ts';

/**
 * Reading one list's changes as SharePoint Online sends them, into a map of what the mirror holds (see
 * list-mirror.ts). Each function reads; `apply` (the mirror's) decides what an item does to the map.
 *
 * Delta (https://learn.microsoft.com/graph/api/listitem-delta) is taken as real SharePoint sends it: an item
 * with fields; an item without them (delta links are not documented to keep `$expand`), read again by id
 * through `$batch`; a deletion as `{ id, deleted }` or `{ id, '@removed' }`; or an inline `{ error }` entry with
 * no id, as SharePoint Online has sent for a deleted item
 * (https://github.com/microsoftgraph/msgraph-sdk-typescript/issues/544), which makes the mirror list the ids
 * SharePoint still has and drop the ones it held that are gone.
 */

export type DeltaList<E> = {
  connection: GraphConnection;
  def: ListDefinition;
  /** `/sites/{site}/lists/{list}/items` */
  itemsPath: string;
  pageSize: number;
  /** Applies one item (or a deletion) to `target`; false when nothing changed. */
  apply(target: Map<string, E>, item: SharePointItem): boolean;
  /** A list held over a window only: its indexed instant column and the window's start (ISO, to the second). */
  window?: { column: string; start(): string };
};

/** A delta entry: an item (fields may be missing), a deletion, or an inline error standing for a deletion. */
type DeltaEntry = SharePointItem & { error?: unknown; '@removed'?: unknown };

const selected = (def: ListDefinition) => ['Title', ...def.columns.map((c) => c.name)];

/** The first delta request of a list: every column the mirror reads, `pageSize` a page. */
export function deltaStart(list: DeltaList<unknown>): string {
  const select = selected(list.def).join(',');
  return `${list.itemsPath}/delta?$expand=${encodeURIComponent(`fields($select=${select})`)}&$top=${list.pageSize}`;
}

/**
 * Pages of a delta feed applied to `target`. The last occurrence of an id wins. `unread`: ids that came without
 * fields; `unnamedDeletion`: an entry stood for a deletion without saying of what.
 */
export async function readDelta<E>(
  list: DeltaList<E>,
  start: string,
  target: Map<string, E>,
): Promise<{
  applied: boolean;
  deltaLink: string | undefined;
  unread: Set<string>;
  unnamedDeletion: boolean;
}> {
  let applied = false;
  let deltaLink: string | undefined;
  let unnamedDeletion = false;
  const unread = new Set<string>();
  for await (const page of pagesOf<DeltaEntry>(list.connection, start, `sync ${list.def.displayName}`)) {
    for (const entry of page.value) {
      if (entry.error !== undefined || typeof entry.id !== 'string') {
        unnamedDeletion = true;
        continue;
      }
      unread.delete(entry.id);
      if (entry.deleted !== undefined || entry['@removed'] !== undefined) {
        if (target.delete(entry.id)) applied = true;
      } else if (entry.fields === undefined) {
        unread.add(entry.id);
      } else if (list.apply(target, entry)) {
        applied = true;
      }
    }
    deltaLink = page.deltaLink ?? deltaLink;
  }
  return { applied, deltaLink, unread, unnamedDeletion };
}

/** Items read again by id through $batch (with their fields); one gone meanwhile (404) is removed. */
export async function readItemsById<E>(
  list: DeltaList<E>,
  target: Map<string, E>,
  ids: readonly string[],
): Promise<boolean> {
  const operation = `sync ${list.def.displayName} (reading changed items by id)`;
  const select = selected(list.def).join(',');
  const results = await runBatch(
    list.connection,
    ids.map((id) => ({
      id,
      method: 'GET',
      url: `${list.itemsPath}/${id}?$expand=${encodeURIComponent(`fields($select=${select})`)}`,
    })),
    { operation },
  );
  let changed = false;
  for (const id of ids) {
    const result = results.get(id);
    if (result && !result.error) {
      if (list.apply(target, result.body as SharePointItem)) changed = true;
    } else if (result?.error?.status === 404) {
      if (target.delete(id)) changed = true;
    } else {
      throw result?.error ?? new GraphRequestError({ status: 0, message: 'No result', operation });
    }
  }
  return changed;
}

/**
 * Every item of the list with its fields, applied to a first enumeration whose delta pages came without them.
 * Listed after the delta began, so anything changed meanwhile comes again by the deltaLink.
 */
export async function readAllItems<E>(list: DeltaList<E>, target: Map<string, E>): Promise<boolean> {
  const query = itemsQueryString({ select: selected(list.def), top: list.pageSize });
  let changed = false;
  for await (const page of pagesOf<SharePointItem>(
    list.connection,
    `${list.itemsPath}${query}`,
    `sync ${list.def.displayName} (reading items without fields)`,
  ))
    for (const item of page.value) if (list.apply(target, item)) changed = true;
  return changed;
}

/**
 * A deletion came without an id: every item held before the sweep that SharePoint no longer lists is
 * removed. (Items added meanwhile are not in the snapshot, so our own new writes are never swept away.)
 * A windowed list is swept over its window only, by its indexed column.
 */
export async function sweepDeleted<E>(list: DeltaList<E>, target: Map<string, E>): Promise<boolean> {
  const held = [...target.keys()];
  const query = itemsQueryString({
    select: ['Title'],
    top: list.pageSize,
    ...(list.window ? { filter: ge(list.window.column, { instant: list.window.start() }) } : {}),
  });
  const present = new Set<string>();
  for await (const page of pagesOf<SharePointItem>(
    list.connection,
    `${list.itemsPath}${query}`,
    `sync ${list.def.displayName} (finding deleted items)`,
  ))
    for (const item of page.value) present.add(item.id);
  let changed = false;
  for (const id of held) if (!present.has(id) && target.delete(id)) changed = true;
  return changed;
}

/**
 * A windowed list's first load: a deltaLink from now on (`token=latest`), then the window's items by an
 * indexed filter. In that order, an item written in between comes by delta next time (kept once, by id).
 */
export async function loadWindow<E>(
  list: DeltaList<E> & { window: NonNullable<DeltaList<E>['window']> },
  target: Map<string, E>,
): Promise<string | undefined> {
  const operation = `sync ${list.def.displayName}`;
  const latest = await graphGet<{ '@odata.deltaLink'?: string }>(
    list.connection,
    `${deltaStart(list)}&token=latest`,
    operation,
  );
  const query = itemsQueryString({
    filter: ge(list.window.column, { instant: list.window.start() }),
    select: selected(list.def),
    top: list.pageSize,
  });
  for await (const page of pagesOf<SharePointItem>(list.connection, `${list.itemsPath}${query}`, operation))
    for (const item of page.value) list.apply(target, item);
  return latest['@odata.deltaLink'];
}
