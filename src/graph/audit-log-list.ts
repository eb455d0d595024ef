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
  ],
};

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
