import { EXAM_ARRANGEMENTS, type ExamAccessArrangement } from '../domain/exam-access.schema.ts';
import {
  CHANGED_BY_COLUMNS,
  choiceColumn,
  dateColumn,
  integerColumn,
  jsonColumn,
  noteColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import { fieldReader, jsonValue, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';

/** JCQ exam access arrangements, one item each. JSON column: Form8 (assessment date, assessor, scores). */

export const ACCESS_ARRANGEMENTS_LIST: ListDefinition = {
  key: 'accessArrangements',
  displayName: 'SENCO Hub Access Arrangements',
  description: 'JCQ exam access arrangements (SENCO Hub).',
  keyColumn: 'ArrangementId',
  since: 1,
  columns: [
    textColumn('ArrangementId', { unique: true }),
    textColumn('PupilId', { indexed: true }),
    choiceColumn('Arrangement', EXAM_ARRANGEMENTS),
    choiceColumn('Route', ['delegated', 'aao']),
    choiceColumn('Status', ['proposed', 'applied', 'approved', 'rejected', 'withdrawn'], { indexed: true }),
    integerColumn('RegulationsAcademicYear'),
    noteColumn('NormalWayOfWorkingEvidence'),
    jsonColumn('Form8'),
    dateColumn('ApprovedOn'),
    dateColumn('ExpiresOn', { indexed: true }),
    noteColumn('Notes'),
    ...CHANGED_BY_COLUMNS,
  ],
};

export function accessArrangementToFields(a: ExamAccessArrangement): Fields {
  return {
    Title: titleValue(a.arrangement),
    ArrangementId: a.id,
    PupilId: a.pupilId,
    Arrangement: a.arrangement,
    Route: a.route,
    Status: a.status,
    RegulationsAcademicYear: a.regulationsAcademicYear,
    NormalWayOfWorkingEvidence: opt(a.normalWayOfWorkingEvidence),
    Form8: jsonValue(a.form8),
    ApprovedOn: opt(a.approvedOn),
    ExpiresOn: opt(a.expiresOn),
    Notes: opt(a.notes),
  };
}

/** Unchecked: the replica parses it with examAccessArrangementSchema. */
export function accessArrangementFromItem(
  item: SharePointItem,
): Record<string, unknown> & { pupilId: string } {
  const f = fieldReader(ACCESS_ARRANGEMENTS_LIST, item);
  return {
    id: f.text('ArrangementId'),
    pupilId: f.text('PupilId'),
    arrangement: f.text('Arrangement'),
    route: f.text('Route'),
    status: f.text('Status'),
    regulationsAcademicYear: f.number('RegulationsAcademicYear'),
    normalWayOfWorkingEvidence: f.optionalText('NormalWayOfWorkingEvidence'),
    form8: f.json('Form8'),
    approvedOn: f.optionalDate('ApprovedOn'),
    expiresOn: f.optionalDate('ExpiresOn'),
    notes: f.optionalText('Notes'),
  };
}
