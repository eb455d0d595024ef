import { GraphError, badRequest } from '../graph/graph-error.ts';
import { columnForKey, isLookupType } from './columns.ts';
import { parseSharePointDateTime, startOfLocalDay, toGraphInstant } from './date-time.ts';
import {
  nameKey,
  type ColumnDef,
  type ItemRecord,
  type StoredFields,
  type StoredValue,
} from './sharepoint-db.ts';

/**
 * A listItem's fieldValueSet: how SharePoint takes values in (types checked, dates normalised, person and
 * lookup columns written as `<Name>LookupId` strings) and how Graph gives them back.
 */

export type FieldContext = {
  columns: ColumnDef[];
  /** The site's zone: dateOnly values are midnight there. */
  timeZone: string;
  /** Does this person (site user) or lookup target item exist? */
  lookupExists: (column: ColumnDef, id: number) => boolean;
  /** The text a lookup shows: a site user's name, or the target item's lookup column. */
  lookupText: (column: ColumnDef, id: number) => string | undefined;
};

/** The eTag Graph shows for a list item: `"{uniqueId},{version}"`, quotes included. */
export function itemETag(item: Pick<ItemRecord, 'uniqueId' | 'version'>): string {
  return `"${item.uniqueId},${item.version}"`;
}

/** If-Match matches when it names this item's current eTag (braces, case and weak prefix aside), or is `*`. */
export function eTagMatches(ifMatch: string, item: Pick<ItemRecord, 'uniqueId' | 'version'>): boolean {
  const wanted = ifMatch.trim();
  if (wanted === '*') return true;
  const normal = (s: string) =>
    s
      .replace(/^W\//, '')
      .replace(/["{}\s]/g, '')
      .toLowerCase();
  return normal(wanted) === normal(itemETag(item));
}

const EDM: Record<string, string> = {
  text: 'Edm.String',
  choice: 'Edm.String',
  number: 'Edm.Double',
  boolean: 'Edm.Boolean',
  dateTime: 'Edm.DateTimeOffset',
  personOrGroup: 'Edm.String',
  lookup: 'Edm.String',
};

function typeMismatch(key: string, column: ColumnDef, value: unknown): GraphError {
  return badRequest(
    `Cannot convert the value ${JSON.stringify(value)} of field '${key}' to the expected type '${EDM[column.type] ?? 'Edm.String'}'.`,
  );
}

function normaliseValue(key: string, column: ColumnDef, value: unknown, ctx: FieldContext): StoredValue {
  switch (column.type) {
    case 'text': {
      if (typeof value !== 'string') throw typeMismatch(key, column, value);
      const max = typeof column.facet.maxLength === 'number' ? column.facet.maxLength : 255;
      if (column.facet.allowMultipleLines !== true && value.length > max) {
        throw badRequest(
          `The value of field '${key}' is longer than its maximum length of ${max} characters.`,
        );
      }
      return value;
    }
    case 'choice': {
      if (typeof value !== 'string') throw typeMismatch(key, column, value);
      const choices = Array.isArray(column.facet.choices) ? (column.facet.choices as string[]) : [];
      if (column.facet.allowTextEntry !== true && !choices.includes(value)) {
        throw badRequest(
          `The value '${value}' is not one of the choices of field '${key}': ${choices.join(', ')}.`,
        );
      }
      return value;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw typeMismatch(key, column, value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw typeMismatch(key, column, value);
      return value;
    case 'dateTime': {
      if (typeof value !== 'string') throw typeMismatch(key, column, value);
      const ms = parseSharePointDateTime(value, ctx.timeZone);
      if (ms === undefined) throw typeMismatch(key, column, value);
      return toGraphInstant(
        new Date(column.facet.format === 'dateOnly' ? startOfLocalDay(ms, ctx.timeZone) : ms),
      );
    }
    case 'personOrGroup':
    case 'lookup': {
      // Graph takes lookup ids as strings; a JSON number fails inside SharePoint (observed).
      if (typeof value === 'number')
        throw new GraphError(500, 'generalException', 'General exception while processing');
      if (typeof value !== 'string' || !/^\d+$/.test(value)) throw typeMismatch(key, column, value);
      const id = Number(value);
      if (!ctx.lookupExists(column, id)) {
        throw badRequest(
          column.type === 'personOrGroup'
            ? `The user with id '${value}' is not in this site's User Information List (field '${key}').`
            : `The lookup value '${value}' of field '${key}' does not match an item of the lookup list.`,
        );
      }
      return id;
    }
    default:
      throw badRequest(`Field '${key}' is read-only.`);
  }
}

/**
 * Applies a write (`fields` of POST …/items, or the body of PATCH …/fields) to the stored values.
 * Unknown names are refused with Graph's "Field 'X' is not recognized"; `null` clears a value.
 */
export function applyFieldWrites(
  current: StoredFields,
  input: Record<string, unknown>,
  ctx: FieldContext,
): StoredFields {
  const next: StoredFields = { ...current };
  for (const [key, value] of Object.entries(input)) {
    // OData annotations such as '@odata.etag' or 'Owner@odata.type' carry no value.
    if (key.includes('@')) continue;
    const found = columnForKey(ctx.columns, key);
    if (!found) throw badRequest(`Field '${key}' is not recognized`);
    const { column, lookupId } = found;
    if (column.readOnly || column.type === 'counter' || column.type === 'computed')
      throw badRequest(`Field '${key}' is read-only.`);
    if (isLookupType(column) && !lookupId) {
      throw badRequest(
        `Field '${key}' is a ${column.type === 'lookup' ? 'lookup' : 'person'} column: write its id as '${key}LookupId'.`,
      );
    }
    if (value === null) {
      delete next[column.name];
      continue;
    }
    next[column.name] = normaliseValue(key, column, value, ctx);
  }
  return next;
}

/** Default values of columns a new item leaves empty. */
export function withDefaults(fields: StoredFields, ctx: FieldContext): StoredFields {
  const out = { ...fields };
  for (const column of ctx.columns) {
    if (column.defaultValue === null || out[column.name] !== undefined || column.builtIn) continue;
    const raw = column.defaultValue;
    if (column.type === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw)))
      out[column.name] = Number(raw);
    else if (column.type === 'boolean') out[column.name] = raw === '1' || raw.toLowerCase() === 'true';
    else if (column.type === 'text' || column.type === 'choice') out[column.name] = raw;
  }
  return out;
}

/** A column's value on an item, typed for comparison: lookup ids as numbers, dates as ISO instants. */
export function columnValue(column: ColumnDef, item: ItemRecord): StoredValue | undefined {
  if (!column.builtIn || column.name === 'Title') return item.fields[column.name];
  switch (column.name) {
    case 'ID':
      return item.id;
    case 'Created':
      return item.createdAt;
    case 'Modified':
      return item.modifiedAt;
    case 'Author':
      return item.authorId;
    case 'Editor':
      return item.editorId;
    case 'ContentType':
      return 'Item';
    case '_UIVersionString':
      return `${item.version}.0`;
    case 'Attachments':
      return false;
    case 'Edit':
      return '';
    case 'LinkTitle':
    case 'LinkTitleNoMenu':
      return item.fields.Title;
    case 'ItemChildCount':
    case 'FolderChildCount':
      return '0';
    default:
      return item.fields[column.name] ?? (column.type === 'computed' ? '' : undefined);
  }
}

/** The key for uniqueness checks: text compares case-insensitively, as SharePoint's collation does. */
export function uniqueKey(column: ColumnDef, value: StoredValue): string {
  return column.type === 'text' || column.type === 'choice' ? nameKey(String(value)) : String(value);
}

function outputValue(column: ColumnDef, value: StoredValue): StoredValue {
  return column.name === 'ID' || isLookupType(column) ? String(value) : value;
}

/** Graph's order: Title first, then the list's own columns, then SharePoint's. */
function outputOrder(columns: ColumnDef[]): ColumnDef[] {
  const title = columns.filter((c) => c.name === 'Title' || c.name === 'LinkTitle');
  const own = columns.filter((c) => !c.builtIn);
  const rest = columns.filter((c) => c.builtIn && c.name !== 'Title' && c.name !== 'LinkTitle');
  return [...title, ...own, ...rest];
}

/**
 * The fieldValueSet Graph answers. Without `select`, every column with a value (person and lookup columns as
 * `<Name>LookupId`); with it, only the named ones, where naming a person or lookup column gives its text.
 */
export function fieldValueSet(
  item: ItemRecord,
  ctx: FieldContext,
  select?: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': itemETag(item) };
  if (select && select.length > 0) {
    for (const name of select) {
      if (name === 'id' || name === 'ID') {
        out[name] = String(item.id);
        continue;
      }
      const found = columnForKey(ctx.columns, name);
      if (!found)
        throw badRequest(`Column '${name}' does not exist. It may have been deleted by another user.`);
      const value = columnValue(found.column, item);
      if (value === undefined) continue;
      if (isLookupType(found.column) && !found.lookupId) {
        const text = ctx.lookupText(found.column, Number(value));
        if (text !== undefined) out[name] = text;
      } else out[name] = outputValue(found.column, value);
    }
    return out;
  }
  for (const column of outputOrder(ctx.columns)) {
    // Values of hidden columns come back only when selected by name.
    if (column.hidden && !column.builtIn) continue;
    const value = columnValue(column, item);
    if (value === undefined) continue;
    if (column.name === 'ID') out.id = String(value);
    else if (isLookupType(column)) out[`${column.name}LookupId`] = String(value);
    else out[column.name] = value;
  }
  return out;
}
