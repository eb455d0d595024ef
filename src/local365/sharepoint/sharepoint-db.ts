import type { Statement } from 'better-sqlite3';
import { migrate, type Db } from '../database.ts';

/** Graph's identitySet, e.g. { user: { id, displayName, email } } or { application: {…}, user: {…} }. */
export type IdentitySet = Record<string, Record<string, string>>;

export type SiteRecord = {
  /** Graph's composite id: 'hostname,{site-collection-guid},{web-guid}'. */
  id: string;
  hostname: string;
  /** '/' for a host's root site, else e.g. '/sites/senco-hub'. */
  serverRelativePath: string;
  displayName: string;
  description: string;
  groupId: string | null;
  /** IANA zone standing for the site's regional settings. */
  timeZone: string;
  createdAt: string;
  modifiedAt: string;
};

export type ListRecord = {
  id: string;
  siteId: string;
  displayName: string;
  name: string;
  description: string;
  template: string;
  hidden: boolean;
  /** The site's User Information List, which SharePoint keeps itself. */
  systemKind: 'userInformation' | null;
  nextItemId: number;
  /** Delta tokens carry this; bumping it expires every outstanding token (410 resync). */
  deltaEpoch: number;
  version: number;
  createdAt: string;
  modifiedAt: string;
  createdBy: IdentitySet;
  modifiedBy: IdentitySet;
};

export type ColumnType =
  'text' | 'number' | 'dateTime' | 'choice' | 'boolean' | 'personOrGroup' | 'lookup' | 'counter' | 'computed';

/** A list column as the stand-in keeps it; `facet` is Graph's type facet as answered (e.g. `text: {…}`). */
export type ColumnDef = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  columnGroup: string;
  type: ColumnType;
  facet: Record<string, unknown>;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
  builtIn: boolean;
  defaultValue: string | null;
};

export type StoredValue = string | number | boolean;
/** Column values by column name; person and lookup columns hold the numeric lookup id. */
export type StoredFields = Record<string, StoredValue>;

export type ItemRecord = {
  listId: string;
  id: number;
  uniqueId: string;
  version: number;
  fields: StoredFields;
  createdAt: string;
  modifiedAt: string;
  createdBy: IdentitySet;
  modifiedBy: IdentitySet;
  authorId: number;
  editorId: number;
};

export type ChangedItem = { itemId: number; changeNo: number };

const SCHEMA = `
CREATE TABLE sp_sites (
  id TEXT PRIMARY KEY,
  id_key TEXT NOT NULL UNIQUE,
  hostname TEXT NOT NULL,
  server_relative_path TEXT NOT NULL,
  path_key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  group_id TEXT,
  time_zone TEXT NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sp_sites_group ON sp_sites (group_id) WHERE group_id IS NOT NULL;

CREATE TABLE sp_lists (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sp_sites (id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  template TEXT NOT NULL,
  hidden INTEGER NOT NULL,
  system_kind TEXT,
  next_item_id INTEGER NOT NULL,
  delta_epoch INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  modified_by TEXT NOT NULL
);
CREATE UNIQUE INDEX sp_lists_title ON sp_lists (site_id, title_key);

CREATE TABLE sp_columns (
  list_id TEXT NOT NULL REFERENCES sp_lists (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (list_id, id)
);
CREATE UNIQUE INDEX sp_columns_name ON sp_columns (list_id, name_key);

CREATE TABLE sp_items (
  list_id TEXT NOT NULL REFERENCES sp_lists (id) ON DELETE CASCADE,
  id INTEGER NOT NULL,
  unique_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  modified_by TEXT NOT NULL,
  author_id INTEGER NOT NULL,
  editor_id INTEGER NOT NULL,
  PRIMARY KEY (list_id, id)
);

-- One row per value of an enforceUniqueValues column: the primary key is the uniqueness check.
CREATE TABLE sp_unique_values (
  list_id TEXT NOT NULL REFERENCES sp_lists (id) ON DELETE CASCADE,
  column_id TEXT NOT NULL,
  value_key TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  PRIMARY KEY (list_id, column_id, value_key)
);
CREATE INDEX sp_unique_values_item ON sp_unique_values (list_id, item_id);

-- The change log behind delta: a token is a position (change_no) in it.
CREATE TABLE sp_changes (
  change_no INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id TEXT NOT NULL REFERENCES sp_lists (id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('upsert', 'delete')),
  changed_at TEXT NOT NULL
);
CREATE INDEX sp_changes_list ON sp_changes (list_id, change_no);

-- Entra principals known to a site, with their id in its User Information List.
CREATE TABLE sp_site_users (
  site_id TEXT NOT NULL REFERENCES sp_sites (id) ON DELETE CASCADE,
  principal TEXT NOT NULL,
  lookup_id INTEGER NOT NULL,
  PRIMARY KEY (site_id, principal)
);
`;

type SiteRow = {
  id: string;
  hostname: string;
  server_relative_path: string;
  display_name: string;
  description: string;
  group_id: string | null;
  time_zone: string;
  created_at: string;
  modified_at: string;
};

type ListRow = {
  id: string;
  site_id: string;
  display_name: string;
  name: string;
  description: string;
  template: string;
  hidden: number;
  system_kind: string | null;
  next_item_id: number;
  delta_epoch: number;
  version: number;
  created_at: string;
  modified_at: string;
  created_by: string;
  modified_by: string;
};

type ItemRow = {
  list_id: string;
  id: number;
  unique_id: string;
  version: number;
  fields: string;
  created_at: string;
  modified_at: string;
  created_by: string;
  modified_by: string;
  author_id: number;
  editor_id: number;
};

const parse = <T>(json: string): T => JSON.parse(json) as T;

function toSite(row: SiteRow): SiteRecord {
  return {
    id: row.id,
    hostname: row.hostname,
    serverRelativePath: row.server_relative_path,
    displayName: row.display_name,
    description: row.description,
    groupId: row.group_id,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
}

function toList(row: ListRow): ListRecord {
  return {
    id: row.id,
    siteId: row.site_id,
    displayName: row.display_name,
    name: row.name,
    description: row.description,
    template: row.template,
    hidden: row.hidden === 1,
    systemKind: row.system_kind === 'userInformation' ? 'userInformation' : null,
    nextItemId: row.next_item_id,
    deltaEpoch: row.delta_epoch,
    version: row.version,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
    createdBy: parse<IdentitySet>(row.created_by),
    modifiedBy: parse<IdentitySet>(row.modified_by),
  };
}

function toItem(row: ItemRow): ItemRecord {
  return {
    listId: row.list_id,
    id: row.id,
    uniqueId: row.unique_id,
    version: row.version,
    fields: parse<StoredFields>(row.fields),
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
    createdBy: parse<IdentitySet>(row.created_by),
    modifiedBy: parse<IdentitySet>(row.modified_by),
    authorId: row.author_id,
    editorId: row.editor_id,
  };
}

/** Case-insensitive key for names SharePoint compares without case (titles, paths, column names). */
export const nameKey = (value: string) => value.normalize('NFC').toLocaleLowerCase('en-GB');

/**
 * The SharePoint stand-in's tables and nothing else: plain reads and writes, no Graph rules. Callers wrap
 * related writes in `transaction` so a request is applied whole or not at all.
 */
export class SharePointDb {
  private readonly stmts = new Map<string, Statement>();

  constructor(readonly db: Db) {
    migrate(db, 'sharepoint-1', SCHEMA);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private stmt(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  // ── sites ─────────────────────────────────────────────────────────────

  insertSite(site: SiteRecord): void {
    this.stmt(
      `INSERT INTO sp_sites (id, id_key, hostname, server_relative_path, path_key, display_name, description, group_id, time_zone, created_at, modified_at)
       VALUES (@id, @idKey, @hostname, @path, @pathKey, @displayName, @description, @groupId, @timeZone, @createdAt, @modifiedAt)`,
    ).run({
      id: site.id,
      idKey: site.id.toLowerCase(),
      hostname: site.hostname,
      path: site.serverRelativePath,
      pathKey: sitePathKey(site.hostname, site.serverRelativePath),
      displayName: site.displayName,
      description: site.description,
      groupId: site.groupId?.toLowerCase() ?? null,
      timeZone: site.timeZone,
      createdAt: site.createdAt,
      modifiedAt: site.modifiedAt,
    });
  }

  updateSite(site: SiteRecord): void {
    this.stmt(
      `UPDATE sp_sites SET display_name = @displayName, description = @description, group_id = @groupId, time_zone = @timeZone, modified_at = @modifiedAt WHERE id = @id`,
    ).run({
      id: site.id,
      displayName: site.displayName,
      description: site.description,
      groupId: site.groupId?.toLowerCase() ?? null,
      timeZone: site.timeZone,
      modifiedAt: site.modifiedAt,
    });
  }

  siteById(id: string): SiteRecord | undefined {
    const row = this.stmt('SELECT * FROM sp_sites WHERE id_key = ?').get(id.toLowerCase()) as
      SiteRow | undefined;
    return row && toSite(row);
  }

  siteByPath(hostname: string, serverRelativePath: string): SiteRecord | undefined {
    const row = this.stmt('SELECT * FROM sp_sites WHERE path_key = ?').get(
      sitePathKey(hostname, serverRelativePath),
    ) as SiteRow | undefined;
    return row && toSite(row);
  }

  siteByGroup(groupId: string): SiteRecord | undefined {
    const row = this.stmt('SELECT * FROM sp_sites WHERE group_id = ?').get(groupId.toLowerCase()) as
      SiteRow | undefined;
    return row && toSite(row);
  }

  sites(): SiteRecord[] {
    return (
      this.stmt('SELECT * FROM sp_sites ORDER BY hostname, server_relative_path').all() as SiteRow[]
    ).map(toSite);
  }

  // ── lists ─────────────────────────────────────────────────────────────

  insertList(list: ListRecord): void {
    this.stmt(
      `INSERT INTO sp_lists (id, site_id, display_name, title_key, name, description, template, hidden, system_kind, next_item_id, delta_epoch, version, created_at, modified_at, created_by, modified_by)
       VALUES (@id, @siteId, @displayName, @titleKey, @name, @description, @template, @hidden, @systemKind, @nextItemId, @deltaEpoch, @version, @createdAt, @modifiedAt, @createdBy, @modifiedBy)`,
    ).run(this.listParams(list));
  }

  updateList(list: ListRecord): void {
    this.stmt(
      `UPDATE sp_lists SET display_name = @displayName, title_key = @titleKey, name = @name, description = @description, hidden = @hidden,
         version = @version, modified_at = @modifiedAt, modified_by = @modifiedBy
       WHERE id = @id`,
    ).run(this.listUpdateParams(list));
  }

  /** Counters (next item id, delta floor) change only through their own statements, never from a stale record. */
  private listUpdateParams(list: ListRecord) {
    return {
      id: list.id,
      displayName: list.displayName,
      titleKey: nameKey(list.displayName),
      name: list.name,
      description: list.description,
      hidden: list.hidden ? 1 : 0,
      version: list.version,
      modifiedAt: list.modifiedAt,
      modifiedBy: JSON.stringify(list.modifiedBy),
    };
  }

  private listParams(list: ListRecord) {
    return {
      id: list.id,
      siteId: list.siteId,
      displayName: list.displayName,
      titleKey: nameKey(list.displayName),
      name: list.name,
      description: list.description,
      template: list.template,
      hidden: list.hidden ? 1 : 0,
      systemKind: list.systemKind,
      nextItemId: list.nextItemId,
      deltaEpoch: list.deltaEpoch,
      version: list.version,
      createdAt: list.createdAt,
      modifiedAt: list.modifiedAt,
      createdBy: JSON.stringify(list.createdBy),
      modifiedBy: JSON.stringify(list.modifiedBy),
    };
  }

  listById(siteId: string, listId: string): ListRecord | undefined {
    const row = this.stmt('SELECT * FROM sp_lists WHERE site_id = ? AND lower(id) = ?').get(
      siteId,
      listId.toLowerCase(),
    ) as ListRow | undefined;
    return row && toList(row);
  }

  listByTitle(siteId: string, displayName: string): ListRecord | undefined {
    const row = this.stmt('SELECT * FROM sp_lists WHERE site_id = ? AND title_key = ?').get(
      siteId,
      nameKey(displayName),
    ) as ListRow | undefined;
    return row && toList(row);
  }

  systemList(siteId: string, kind: 'userInformation'): ListRecord | undefined {
    const row = this.stmt('SELECT * FROM sp_lists WHERE site_id = ? AND system_kind = ?').get(
      siteId,
      kind,
    ) as ListRow | undefined;
    return row && toList(row);
  }

  lists(siteId: string): ListRecord[] {
    return (
      this.stmt('SELECT * FROM sp_lists WHERE site_id = ? ORDER BY created_at, display_name').all(
        siteId,
      ) as ListRow[]
    ).map(toList);
  }

  /** Hands out the list's next item id; SharePoint never reuses an id, even after a delete. */
  takeNextItemId(listId: string): number {
    const row = this.stmt(
      'UPDATE sp_lists SET next_item_id = next_item_id + 1 WHERE id = ? RETURNING next_item_id - 1 AS id',
    ).get(listId) as { id: number } | undefined;
    if (!row) throw new Error(`local365: no list ${listId}`);
    return row.id;
  }

  bumpDeltaEpoch(listId: string): void {
    this.stmt('UPDATE sp_lists SET delta_epoch = delta_epoch + 1 WHERE id = ?').run(listId);
  }

  deleteList(listId: string): void {
    this.stmt('DELETE FROM sp_lists WHERE id = ?').run(listId);
  }

  // ── columns ───────────────────────────────────────────────────────────

  insertColumn(listId: string, column: ColumnDef, position: number): void {
    this.stmt(
      'INSERT INTO sp_columns (list_id, id, name_key, position, definition) VALUES (?, ?, ?, ?, ?)',
    ).run(listId, column.id, nameKey(column.name), position, JSON.stringify(column));
  }

  updateColumn(listId: string, column: ColumnDef): void {
    this.stmt('UPDATE sp_columns SET definition = ? WHERE list_id = ? AND id = ?').run(
      JSON.stringify(column),
      listId,
      column.id,
    );
  }

  columns(listId: string): ColumnDef[] {
    return (
      this.stmt('SELECT definition FROM sp_columns WHERE list_id = ? ORDER BY position').all(listId) as {
        definition: string;
      }[]
    ).map((r) => parse<ColumnDef>(r.definition));
  }

  // ── items ─────────────────────────────────────────────────────────────

  insertItem(item: ItemRecord): void {
    this.stmt(
      `INSERT INTO sp_items (list_id, id, unique_id, version, fields, created_at, modified_at, created_by, modified_by, author_id, editor_id)
       VALUES (@listId, @id, @uniqueId, @version, @fields, @createdAt, @modifiedAt, @createdBy, @modifiedBy, @authorId, @editorId)`,
    ).run(this.itemParams(item));
  }

  updateItem(item: ItemRecord): void {
    this.stmt(
      `UPDATE sp_items SET version = @version, fields = @fields, modified_at = @modifiedAt, modified_by = @modifiedBy, editor_id = @editorId
       WHERE list_id = @listId AND id = @id`,
    ).run(this.itemParams(item));
  }

  private itemParams(item: ItemRecord) {
    return {
      listId: item.listId,
      id: item.id,
      uniqueId: item.uniqueId,
      version: item.version,
      fields: JSON.stringify(item.fields),
      createdAt: item.createdAt,
      modifiedAt: item.modifiedAt,
      createdBy: JSON.stringify(item.createdBy),
      modifiedBy: JSON.stringify(item.modifiedBy),
      authorId: item.authorId,
      editorId: item.editorId,
    };
  }

  deleteItem(listId: string, itemId: number): void {
    this.stmt('DELETE FROM sp_items WHERE list_id = ? AND id = ?').run(listId, itemId);
  }

  item(listId: string, itemId: number): ItemRecord | undefined {
    const row = this.stmt('SELECT * FROM sp_items WHERE list_id = ? AND id = ?').get(listId, itemId) as
      ItemRow | undefined;
    return row && toItem(row);
  }

  /** Every item of a list in id order (filters and sorts are evaluated over this). */
  items(listId: string): ItemRecord[] {
    return (this.stmt('SELECT * FROM sp_items WHERE list_id = ? ORDER BY id').all(listId) as ItemRow[]).map(
      toItem,
    );
  }

  /** Keyset page in id order: the unfiltered read touches only the rows it answers. */
  itemsAfter(listId: string, afterId: number, limit: number): ItemRecord[] {
    return (
      this.stmt('SELECT * FROM sp_items WHERE list_id = ? AND id > ? ORDER BY id LIMIT ?').all(
        listId,
        afterId,
        limit,
      ) as ItemRow[]
    ).map(toItem);
  }

  itemsByOffset(listId: string, limit: number, offset: number): ItemRecord[] {
    return (
      this.stmt('SELECT * FROM sp_items WHERE list_id = ? ORDER BY id LIMIT ? OFFSET ?').all(
        listId,
        limit,
        offset,
      ) as ItemRow[]
    ).map(toItem);
  }

  itemsByIds(listId: string, ids: number[]): ItemRecord[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT * FROM sp_items WHERE list_id = ? AND id IN (${ids.map(() => '?').join(',')})`)
      .all(listId, ...ids) as ItemRow[];
    return rows.map(toItem);
  }

  itemCount(listId: string): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM sp_items WHERE list_id = ?').get(listId) as { n: number }).n;
  }

  // ── unique values ─────────────────────────────────────────────────────

  uniqueOwner(listId: string, columnId: string, valueKey: string): number | undefined {
    const row = this.stmt(
      'SELECT item_id FROM sp_unique_values WHERE list_id = ? AND column_id = ? AND value_key = ?',
    ).get(listId, columnId, valueKey) as { item_id: number } | undefined;
    return row?.item_id;
  }

  insertUnique(listId: string, columnId: string, valueKey: string, itemId: number): void {
    this.stmt(
      'INSERT INTO sp_unique_values (list_id, column_id, value_key, item_id) VALUES (?, ?, ?, ?)',
    ).run(listId, columnId, valueKey, itemId);
  }

  deleteUniqueForItem(listId: string, itemId: number): void {
    this.stmt('DELETE FROM sp_unique_values WHERE list_id = ? AND item_id = ?').run(listId, itemId);
  }

  deleteUniqueForColumn(listId: string, columnId: string): void {
    this.stmt('DELETE FROM sp_unique_values WHERE list_id = ? AND column_id = ?').run(listId, columnId);
  }

  // ── change log ────────────────────────────────────────────────────────

  private readonly changeListeners: ((listId: string) => void)[] = [];

  /** Called after every item change recorded (change notifications, subscriptions.ts). */
  onChange(listener: (listId: string) => void): void {
    this.changeListeners.push(listener);
  }

  appendChange(listId: string, itemId: number, kind: 'upsert' | 'delete', at: string): number {
    for (const listener of this.changeListeners) listener(listId);
    return Number(
      this.stmt('INSERT INTO sp_changes (list_id, item_id, kind, changed_at) VALUES (?, ?, ?, ?)').run(
        listId,
        itemId,
        kind,
        at,
      ).lastInsertRowid,
    );
  }

  /** The newest position in the change log (0 when empty); positions only grow. */
  latestChangeNo(): number {
    const row = this.stmt("SELECT seq FROM sqlite_sequence WHERE name = 'sp_changes'").get() as
      { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /**
   * Items changed in (since, until], one row per item with its last change in that window, in the order of
   * that change, starting after change `after`.
   */
  changedItems(
    listId: string,
    window: { since: number; until: number; after: number; limit: number },
  ): ChangedItem[] {
    return this.stmt(
      `SELECT item_id AS itemId, MAX(change_no) AS changeNo FROM sp_changes
       WHERE list_id = @listId AND change_no > @since AND change_no <= @until
       GROUP BY item_id HAVING MAX(change_no) > @after ORDER BY changeNo LIMIT @limit`,
    ).all({ listId, ...window }) as ChangedItem[];
  }

  // ── site users ────────────────────────────────────────────────────────

  siteUserLookupId(siteId: string, principal: string): number | undefined {
    const row = this.stmt('SELECT lookup_id FROM sp_site_users WHERE site_id = ? AND principal = ?').get(
      siteId,
      principal.toLowerCase(),
    ) as { lookup_id: number } | undefined;
    return row?.lookup_id;
  }

  insertSiteUser(siteId: string, principal: string, lookupId: number): void {
    this.stmt('INSERT INTO sp_site_users (site_id, principal, lookup_id) VALUES (?, ?, ?)').run(
      siteId,
      principal.toLowerCase(),
      lookupId,
    );
  }
}

export function sitePathKey(hostname: string, serverRelativePath: string): string {
  return `${hostname.toLowerCase()}|${nameKey(serverRelativePath)}`;
}
