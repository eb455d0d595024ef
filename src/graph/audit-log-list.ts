import {
  choiceColumn,
  dateTimeColumn,
  noteColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import { fieldReader, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';
import type { AuditEntry } from './send-records.ts';

/**
 * Who read or changed which pupil's record, when and from where. EntryId is unique, so an entry sent twice
 * (a retried batch) is stored once. SharePoint keeps instants to the second.
 *
 * Since v6 the entries of one send are kept in one item (a "group"): `Entries` holds them as JSON, its
 * EntryId is the group's id, and its PupilId is AUDIT_GROUP_PUPIL, so the indexed PupilId column still finds
 * a group item (`PupilId eq '*'`) beside the single entries naming a pupil (`PupilId eq '{id}'`): a class view
 * costs one list item instead of one per pupil. Entries is plain multi-line text, which holds up to 63,999
 * characters and can be neither indexed nor filtered on (SharePoint's column limits:
 * https://learn.microsoft.com/en-us/office365/servicedescriptions/sharepoint-online-service-description/sharepoint-online-limits);
 * a group is kept under AUDIT_GROUP_MAX_CHARS. Items written before v6 (one entry each) are read as they were.
 */

export const AUDIT_ACTIONS = ['read', 'create', 'update', 'delete', 'acknowledge', 'export'] as const;

export const AUDIT_LOG_LIST: ListDefinition = {
  key: 'auditLog',
  displayName: 'SENCO Hub Audit Log',
  description: 'Every read of a pupil record and every change (SENCO Hub).',
  keyColumn: 'EntryId',
  since: 1,
  columns: [
    textColumn('EntryId', { unique: true }),
    dateTimeColumn('At', { indexed: true }),
    textColumn('ActorUserId', { indexed: true }),
    textColumn('ActorUpn'),
    choiceColumn('Action', AUDIT_ACTIONS, { indexed: true }),
    textColumn('Resource'),
    textColumn('PupilId', { indexed: true }),
    noteColumn('Detail'),
    textColumn('From', { description: 'Client address as the server saw it' }),
    noteColumn('Entries', {
      since: 6,
      description: 'The entries of one send, as JSON, when the item holds several (PupilId is then *)',
    }),
  ],
};

/** The PupilId of an item holding a group of entries (no pupil id is '*'). */
export const AUDIT_GROUP_PUPIL = '*';

/** The most characters of JSON one group item holds: under the 63,999 of a multi-line text column. */
export const AUDIT_GROUP_MAX_CHARS = 60_000;

/** An entry as a group item holds it: short keys, so a class of thirty fits many times over. */
type StoredEntry = {
  i: string;
  t: string;
  u: string;
  n: string;
  a: string;
  r: string;
  p?: string;
  d?: string;
  f?: string;
};

const stored = (e: AuditEntry & { id: string }): StoredEntry => ({
  i: e.id,
  t: e.at,
  u: e.actor.userId,
  n: e.actor.upn,
  a: e.action,
  r: e.resource,
  ...(e.pupilId !== undefined ? { p: e.pupilId } : {}),
  ...(e.detail !== undefined ? { d: e.detail } : {}),
  ...(e.from !== undefined ? { f: e.from } : {}),
});

/** The text of a group's Entries column. */
export const auditGroupText = (entries: readonly (AuditEntry & { id: string })[]): string =>
  JSON.stringify(entries.map(stored));

/** Whether these entries fit in one group item. */
export const auditGroupFits = (entries: readonly (AuditEntry & { id: string })[]): boolean =>
  auditGroupText(entries).length <= AUDIT_GROUP_MAX_CHARS;

/**
 * The characters one entry adds to a group's text (its JSON and a comma): a group of entries is
 * `2 + Σ chars − 1` long, so a sender can fill a group without serialising it again for each entry.
 */
export const auditGroupChars = (entry: AuditEntry & { id: string }): number =>
  JSON.stringify(stored(entry)).length + 1;

/** A group item's fields: its columns say when the first entry was made and by whom; Entries holds them all. */
export function auditGroupToFields(
  groupId: string,
  entries: readonly (AuditEntry & { id: string })[],
): Fields {
  const first = entries[0];
  if (!first) throw new Error('An audit group holds at least one entry');
  const at = entries.reduce((min, e) => (e.at < min ? e.at : min), first.at);
  const sameActor = entries.every((e) => e.actor.userId === first.actor.userId);
  const sameAction = entries.every((e) => e.action === first.action);
  const text = auditGroupText(entries);
  if (text.length > AUDIT_GROUP_MAX_CHARS)
    throw new Error(
      `An audit group of ${entries.length} entries is ${text.length} characters, over ${AUDIT_GROUP_MAX_CHARS}`,
    );
  return {
    Title: titleValue(`${entries.length} audit entries`),
    EntryId: groupId,
    At: at,
    ActorUserId: sameActor ? first.actor.userId : 'several',
    ActorUpn: sameActor ? first.actor.upn : '',
    Action: sameAction ? first.action : 'read',
    Resource: 'audit-group',
    PupilId: AUDIT_GROUP_PUPIL,
    Entries: text,
  };
}

export function auditEntryToFields(entryId: string, e: AuditEntry): Fields {
  return {
    Title: titleValue(`${e.action} ${e.resource}`),
    EntryId: entryId,
    At: e.at,
    ActorUserId: e.actor.userId,
    ActorUpn: e.actor.upn,
    Action: e.action,
    Resource: e.resource,
    PupilId: opt(e.pupilId),
    Detail: opt(e.detail),
    From: opt(e.from),
  };
}

/**
 * The entries an item holds: the group's, or the one entry of an item that is not a group (every item
 * written before v6).
 */
export function auditEntriesFromItem(item: SharePointItem): AuditEntry[] {
  const f = fieldReader(AUDIT_LOG_LIST, item);
  const text = f.optionalText('Entries');
  if (text === undefined) return [auditEntryFromItem(item)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw f.fail('Entries', 'is not JSON');
  }
  if (!Array.isArray(parsed)) throw f.fail('Entries', 'is not a list of entries');
  return parsed.map((raw, index) => {
    const e = raw as Partial<StoredEntry> | null;
    const text = (v: unknown) => typeof v === 'string' && v !== '';
    if (!e || !text(e.i) || !text(e.t) || !text(e.u) || typeof e.n !== 'string' || !text(e.r))
      throw f.fail('Entries', `entry ${index + 1} lacks its id, time, actor or resource`);
    if (!(AUDIT_ACTIONS as readonly string[]).includes(e.a ?? ''))
      throw f.fail('Entries', `entry ${index + 1}: '${e.a}' is not an action`);
    return {
      id: e.i!,
      at: e.t!,
      actor: { userId: e.u!, upn: e.n },
      action: e.a as AuditEntry['action'],
      resource: e.r!,
      ...(typeof e.p === 'string' ? { pupilId: e.p } : {}),
      ...(typeof e.d === 'string' ? { detail: e.d } : {}),
      ...(typeof e.f === 'string' ? { from: e.f } : {}),
    };
  });
}

/** The entry of an item holding one entry. */
export function auditEntryFromItem(item: SharePointItem): AuditEntry {
  const f = fieldReader(AUDIT_LOG_LIST, item);
  const action = f.text('Action');
  if (!(AUDIT_ACTIONS as readonly string[]).includes(action))
    throw f.fail('Action', `'${action}' is not an action`);
  const pupilId = f.optionalText('PupilId');
  const detail = f.optionalText('Detail');
  const from = f.optionalText('From');
  return {
    id: f.text('EntryId'),
    at: f.text('At'),
    actor: { userId: f.text('ActorUserId'), upn: f.optionalText('ActorUpn') ?? '' },
    action: action as AuditEntry['action'],
    resource: f.text('Resource'),
    ...(pupilId ? { pupilId } : {}),
    ...(detail ? { detail } : {}),
    ...(from ? { from } : {}),
  };
}
