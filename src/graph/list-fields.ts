import { isCalendarDate, type CalendarDate } from '../domain/calendar-date.ts';
import { repairStoredText } from '../domain/text-input.ts';
import type { ListDefinition } from './list-definition.ts';

/**
 * A listItem as Graph returns it with `$expand=fields`, and typed reading of its fields. SharePoint shapes stop
 * here: the list files turn them into domain types. A value that cannot be read throws a FieldError naming the
 * list, the item and the column, so a hand-edited item is reported rather than silently mis-read.
 */

export type SharePointItem = {
  id: string;
  eTag: string;
  lastModifiedDateTime: string;
  lastModifiedBy?: { user?: { displayName?: string }; application?: { displayName?: string } };
  fields?: Record<string, unknown>;
  /** Present on delta entries for deleted items. */
  deleted?: { state?: string };
};

/** Field values as written: null clears a column. */
export type FieldValue = string | number | boolean | null;
export type Fields = Record<string, FieldValue>;

export class FieldError extends Error {
  override name = 'FieldError';
  constructor(
    readonly list: string,
    readonly itemId: string,
    readonly column: string | undefined,
    message: string,
  ) {
    super(`${list}, item ${itemId}${column ? `, ${column}` : ''}: ${message}`);
  }
}

export type FieldReader = ReturnType<typeof fieldReader>;

export function fieldReader(list: Pick<ListDefinition, 'displayName'>, item: SharePointItem) {
  const fields = item.fields ?? {};
  const fail = (column: string | undefined, message: string) =>
    new FieldError(list.displayName, item.id, column, message);
  const raw = (name: string): unknown => {
    const value = fields[name];
    return value === null || value === '' ? undefined : value;
  };
  const optionalText = (name: string): string | undefined => {
    const value = raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw fail(name, 'expected text');
    // Text stored before the input rule (or typed into SharePoint) is made safe rather than refused.
    return repairStoredText(value);
  };
  const text = (name: string): string => {
    const value = optionalText(name);
    if (value === undefined) throw fail(name, 'is empty');
    return value;
  };
  const optionalDate = (name: string): CalendarDate | undefined => {
    const value = optionalText(name);
    if (value === undefined) return undefined;
    if (!isCalendarDate(value)) throw fail(name, `'${value}' is not a date (YYYY-MM-DD)`);
    return value;
  };
  const optionalNumber = (name: string): number | undefined => {
    const value = raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(name, 'expected a number');
    return value;
  };
  return {
    itemId: item.id,
    fail,
    text,
    optionalText,
    date(name: string): CalendarDate {
      const value = optionalDate(name);
      if (value === undefined) throw fail(name, 'is empty');
      return value;
    },
    optionalDate,
    number(name: string): number {
      const value = optionalNumber(name);
      if (value === undefined) throw fail(name, 'is empty');
      return value;
    },
    optionalNumber,
    /** An empty Yes/No column reads as No. */
    boolean(name: string): boolean {
      const value = raw(name);
      if (value === undefined) return false;
      if (typeof value !== 'boolean') throw fail(name, 'expected Yes/No');
      return value;
    },
    /** JSON text; undefined when empty. Shape is checked by the domain schema the caller parses with. */
    json(name: string): unknown {
      const value = optionalText(name);
      if (value === undefined) return undefined;
      try {
        return JSON.parse(value, (_key, inner: unknown) =>
          typeof inner === 'string' ? repairStoredText(inner) : inner,
        ) as unknown;
      } catch {
        throw fail(name, 'is not valid JSON');
      }
    },
  };
}

/** Written values: undefined becomes null (clears the column on update; left out on create). */
export const opt = <T extends FieldValue>(value: T | undefined): T | null =>
  value === undefined ? null : value;

/** Nested data as JSON text; empty arrays and undefined are written as null. */
export function jsonValue(value: unknown): string | null {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  return JSON.stringify(value);
}

/** Single-line text columns hold 255 characters; a title longer than that is shortened, not refused. */
export function titleValue(text: string): string {
  return text.length <= 255 ? text : `${text.slice(0, 254)}…`;
}

/** The fields of a create: nulls left out (nothing to clear on a new item). */
export function createFields(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
}

/** The version number in SharePoint's eTag `"{guid},{version}"`, when it has that shape. */
export function eTagVersion(eTag: string): { id: string; version: number } | undefined {
  const m = /^(?:W\/)?"?\{?([0-9a-f-]+)\}?,(\d+)"?$/i.exec(eTag.trim());
  return m ? { id: m[1]!.toLowerCase(), version: Number(m[2]) } : undefined;
}

/** eTags compare ignoring quotes, braces, case and a weak prefix (as SharePoint does for If-Match). */
export function sameETag(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const normal = (s: string) =>
    s
      .trim()
      .replace(/^W\//, '')
      .replace(/["{}\s]/g, '')
      .toLowerCase();
  return normal(a) === normal(b);
}
