import { CHANGED_BY_COLUMNS, dateColumn, textColumn, type ListDefinition } from './list-definition.ts';
import { fieldReader, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';
import type { TaAssignment } from './send-records.ts';

/** Teaching assistants the SENCO has assigned to support pupils, with dates. */

export const TA_ASSIGNMENTS_LIST: ListDefinition = {
  key: 'taAssignments',
  displayName: 'SENCO Hub TA Assignments',
  description: 'Teaching assistants assigned to support pupils (SENCO Hub).',
  keyColumn: 'AssignmentKey',
  since: 1,
  columns: [
    textColumn('AssignmentKey', { unique: true, description: 'PupilId|StaffUserId|FromOn' }),
    textColumn('PupilId', { indexed: true }),
    textColumn('StaffUserId', { indexed: true }),
    dateColumn('FromOn'),
    dateColumn('ToOn', { indexed: true }),
    ...CHANGED_BY_COLUMNS,
  ],
};

export const taAssignmentKey = (a: TaAssignment) => `${a.pupilId}|${a.staffUserId}|${a.from}`;

export function taAssignmentToFields(a: TaAssignment): Fields {
  return {
    Title: titleValue(taAssignmentKey(a)),
    AssignmentKey: taAssignmentKey(a),
    PupilId: a.pupilId,
    StaffUserId: a.staffUserId,
    FromOn: a.from,
    ToOn: opt(a.to),
  };
}

export function taAssignmentFromItem(item: SharePointItem): TaAssignment {
  const f = fieldReader(TA_ASSIGNMENTS_LIST, item);
  const to = f.optionalDate('ToOn');
  return {
    pupilId: f.text('PupilId'),
    staffUserId: f.text('StaffUserId'),
    from: f.date('FromOn'),
    ...(to ? { to } : {}),
  };
}
