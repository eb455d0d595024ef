import { randomUUID } from 'node:crypto';
import { GraphError, badRequest, notFound, preconditionFailed } from '../graph/graph-error.ts';
import { isLookupType } from './columns.ts';
import { toGraphInstant } from './date-time.ts';
import {
  applyFieldWrites,
  columnValue,
  eTagMatches,
  uniqueKey,
  withDefaults,
  type FieldContext,
} from './field-values.ts';
import type {
  ColumnDef,
  IdentitySet,
  ItemRecord,
  ListRecord,
  SharePointDb,
  SiteRecord,
} from './sharepoint-db.ts';

/** Who writes: the identitySet Graph shows and the writer's id in the site's User Information List. */
export type Actor = { identitySet: IdentitySet; lookupId: number };

/** SharePoint's fixed User Information List ids for app-only callers and for SharePoint itself. */
export const SHAREPOINT_APP_LOOKUP_ID = 1073741822;
export const SYSTEM_ACCOUNT_LOOKUP_ID = 1073741823;

export const SYSTEM_ACTOR: Actor = {
  identitySet: { user: { displayName: 'System Account' } },
  lookupId: SYSTEM_ACCOUNT_LOOKUP_ID,
};

const DUPLICATE_VALUES =
  'The list item could not be added or updated because duplicate values were found in one or more fields in the list.';

/**
 * A value another item holds in an enforceUniqueValues column. SharePoint raises SPDuplicateValuesFoundException,
 * which reaches callers as HTTP 500 with the text above (REST: pnp/pnpcore issue 1280; CSOM's ServerErrorTypeName:
 * pnp/PnP-Sites-Core pull 608), not as a 409: a client cannot tell it from any other server failure by status.
 */
export const duplicateValues = () => new GraphError(500, 'generalException', DUPLICATE_VALUES);
const DUPLICATES_EXIST =
  'This field contains duplicate values. Remove all duplicate values and try the operation again.';

export const itemNotFound = () => notFound('Item not found');

/**
 * List items: create, update, delete, each in one SQLite transaction that also keeps the unique-value
 * index and the change log (delta's positions) in step.
 */
export class ListItemService {
  constructor(
    private readonly db: SharePointDb,
    private readonly now: () => Date,
  ) {}

  /** What field writes and reads need to know about a list's columns and its site. */
  fieldContext(
    site: SiteRecord,
    list: ListRecord,
    columns: ColumnDef[] = this.db.columns(list.id),
  ): FieldContext {
    const userList = this.db.systemList(site.id, 'userInformation');
    return {
      columns,
      timeZone: site.timeZone,
      lookupExists: (column, id) => {
        if (column.type === 'personOrGroup')
          return userList !== undefined && this.db.item(userList.id, id) !== undefined;
        const target = typeof column.facet.listId === 'string' ? column.facet.listId : '';
        return this.db.item(target, id) !== undefined;
      },
      lookupText: (column, id) => {
        if (column.type === 'personOrGroup') {
          if (id === SHAREPOINT_APP_LOOKUP_ID) return 'SharePoint App';
          if (id === SYSTEM_ACCOUNT_LOOKUP_ID) return 'System Account';
          const user = userList && this.db.item(userList.id, id);
          return user && typeof user.fields.Title === 'string' ? user.fields.Title : undefined;
        }
        const targetListId = typeof column.facet.listId === 'string' ? column.facet.listId : '';
        const target = this.db.item(targetListId, id);
        if (!target) return undefined;
        const targetColumn = this.db.columns(targetListId).find((c) => c.name === column.facet.columnName);
        const value = targetColumn && columnValue(targetColumn, target);
        return value === undefined ? undefined : String(value);
      },
    };
  }

  get(list: ListRecord, itemId: string): ItemRecord {
    const id = parseItemId(itemId);
    const item = id === undefined ? undefined : this.db.item(list.id, id);
    if (!item) throw itemNotFound();
    return item;
  }

  create(site: SiteRecord, list: ListRecord, input: Record<string, unknown>, actor: Actor): ItemRecord {
    return this.db.transaction(() => this.insert(list, this.fieldContext(site, list), input, actor));
  }

  /** Many creates in one transaction (seed data, large-list tests). */
  createMany(
    site: SiteRecord,
    list: ListRecord,
    inputs: Record<string, unknown>[],
    actor: Actor,
  ): ItemRecord[] {
    return this.db.transaction(() => {
      const ctx = this.fieldContext(site, list);
      return inputs.map((input) => this.insert(list, ctx, input, actor));
    });
  }

  private insert(
    list: ListRecord,
    ctx: FieldContext,
    input: Record<string, unknown>,
    actor: Actor,
  ): ItemRecord {
    const fields = withDefaults(applyFieldWrites({}, input, ctx), ctx);
    const at = toGraphInstant(this.now());
    const item: ItemRecord = {
      listId: list.id,
      id: this.db.takeNextItemId(list.id),
      uniqueId: randomUUID(),
      version: 1,
      fields,
      createdAt: at,
      modifiedAt: at,
      createdBy: actor.identitySet,
      modifiedBy: actor.identitySet,
      authorId: actor.lookupId,
      editorId: actor.lookupId,
    };
    this.claimUniqueValues(list, ctx.columns, item);
    this.db.insertItem(item);
    this.db.appendChange(list.id, item.id, 'upsert', at);
    return item;
  }

  /** PATCH …/items/{id}/fields: If-Match is checked against the current version inside the transaction. */
  updateFields(
    site: SiteRecord,
    list: ListRecord,
    itemId: string,
    input: Record<string, unknown>,
    ifMatch: string | undefined,
    actor: Actor,
  ): ItemRecord {
    return this.db.transaction(() => {
      const current = this.get(list, itemId);
      if (ifMatch !== undefined && !eTagMatches(ifMatch, current)) throw preconditionFailed();
      const ctx = this.fieldContext(site, list);
      const at = toGraphInstant(this.now());
      const item: ItemRecord = {
        ...current,
        fields: applyFieldWrites(current.fields, input, ctx),
        version: current.version + 1,
        modifiedAt: at,
        modifiedBy: actor.identitySet,
        editorId: actor.lookupId,
      };
      this.claimUniqueValues(list, ctx.columns, item);
      this.db.updateItem(item);
      this.db.appendChange(list.id, item.id, 'upsert', at);
      return item;
    });
  }

  delete(list: ListRecord, itemId: string, ifMatch: string | undefined): void {
    this.db.transaction(() => {
      const current = this.get(list, itemId);
      if (ifMatch !== undefined && !eTagMatches(ifMatch, current)) throw preconditionFailed();
      this.db.deleteUniqueForItem(list.id, current.id);
      this.db.deleteItem(list.id, current.id);
      this.db.appendChange(list.id, current.id, 'delete', toGraphInstant(this.now()));
    });
  }

  /** Refuses a value another item already holds in an enforceUniqueValues column, then records the item's values. */
  private claimUniqueValues(list: ListRecord, columns: ColumnDef[], item: ItemRecord): void {
    const unique = columns.filter((c) => c.enforceUniqueValues);
    if (unique.length === 0) return;
    const claims: { column: ColumnDef; key: string }[] = [];
    for (const column of unique) {
      const value = columnValue(column, item);
      if (value === undefined) continue;
      const key = uniqueKey(column, value);
      const owner = this.db.uniqueOwner(list.id, column.id, key);
      if (owner !== undefined && owner !== item.id) throw duplicateValues();
      claims.push({ column, key });
    }
    this.db.deleteUniqueForItem(list.id, item.id);
    for (const { column, key } of claims) this.db.insertUnique(list.id, column.id, key, item.id);
  }

  /** After a column starts (or stops) enforcing unique values: rebuild its part of the unique index. */
  reindexUnique(list: ListRecord, column: ColumnDef): void {
    this.db.deleteUniqueForColumn(list.id, column.id);
    if (!column.enforceUniqueValues) return;
    const seen = new Set<string>();
    for (const item of this.db.items(list.id)) {
      const value = columnValue(column, item);
      if (value === undefined) continue;
      const key = uniqueKey(column, value);
      if (seen.has(key)) throw badRequest(DUPLICATES_EXIST);
      seen.add(key);
      this.db.insertUnique(list.id, column.id, key, item.id);
    }
  }

  /** A column can go only if no other list looks it up (SharePoint keeps lookups consistent). */
  assertNotLookedUp(site: SiteRecord, list: ListRecord): void {
    for (const other of this.db.lists(site.id)) {
      if (other.id === list.id) continue;
      const refs = this.db.columns(other.id).filter((c) => isLookupType(c) && c.facet.listId === list.id);
      if (refs.length > 0) {
        throw new GraphError(
          400,
          'invalidRequest',
          `The list is used by the lookup column '${refs[0]!.name}' of list '${other.displayName}'.`,
        );
      }
    }
  }
}

export function parseItemId(raw: string): number | undefined {
  return /^\d{1,10}$/.test(raw) ? Number(raw) : undefined;
}
