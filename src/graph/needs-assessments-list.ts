import { REQUESTERS } from '../domain/ehc-plan.schema.ts';
import type { EhcNeedsAssessment } from '../domain/ehc-needs-assessment.schema.ts';
import {
  CHANGED_BY_COLUMNS,
  choiceColumn,
  dateColumn,
  jsonColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import { fieldReader, jsonValue, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';

/**
 * EHC needs assessment requests (SEND Regulations 2014 regs 5, 10 and 13,
 * https://www.legislation.gov.uk/uksi/2014/1530), one item per request. The dates every time limit counts
 * from are columns; what the LA has done since (decision whether to assess, school advice, decision not to
 * issue, draft and final plan, consultation, mediation, recorded exceptions) is the JSON column Milestones,
 * so a milestone is one PATCH of one item.
 */

export const NEEDS_ASSESSMENTS_LIST: ListDefinition = {
  key: 'needsAssessments',
  displayName: 'SENCO Hub EHC Needs Assessments',
  description: 'EHC needs assessment requests and their statutory milestones (SENCO Hub).',
  keyColumn: 'AssessmentId',
  since: 4,
  columns: [
    textColumn('AssessmentId', { unique: true, since: 4 }),
    textColumn('PupilId', { indexed: true, since: 4 }),
    dateColumn('RequestedOn', { since: 4, description: 'The day the request was sent to the LA' }),
    dateColumn('ReceivedOn', { indexed: true, since: 4, description: 'The day the LA received it' }),
    choiceColumn('RequestedBy', REQUESTERS, { since: 4 }),
    jsonColumn('Milestones', { since: 4 }),
    ...CHANGED_BY_COLUMNS.map((c) => ({ ...c, since: 4 })),
  ],
};

/** The milestones as stored in the JSON column: the record without the columns above. */
function milestonesOf(a: EhcNeedsAssessment): Record<string, unknown> {
  const { id: _id, pupilId: _pupil, requestedBy: _by, requestedOn: _req, receivedByLaOn: _rec, ...rest } = a;
  return rest;
}

export function needsAssessmentToFields(a: EhcNeedsAssessment): Fields {
  return {
    Title: titleValue(`EHC needs assessment request ${a.receivedByLaOn} (pupil ${a.pupilId})`),
    AssessmentId: a.id,
    PupilId: a.pupilId,
    RequestedOn: opt(a.requestedOn),
    ReceivedOn: a.receivedByLaOn,
    RequestedBy: a.requestedBy,
    Milestones: jsonValue(milestonesOf(a)),
  };
}

/** Unchecked: the replica parses it with ehcNeedsAssessmentSchema. */
export function needsAssessmentFromItem(item: SharePointItem): Record<string, unknown> & {
  id: string;
  pupilId: string;
} {
  const f = fieldReader(NEEDS_ASSESSMENTS_LIST, item);
  const milestones = f.json('Milestones');
  return {
    ...(milestones && typeof milestones === 'object' ? (milestones as Record<string, unknown>) : {}),
    id: f.text('AssessmentId'),
    pupilId: f.text('PupilId'),
    requestedBy: f.text('RequestedBy'),
    requestedOn: f.optionalDate('RequestedOn'),
    receivedByLaOn: f.date('ReceivedOn'),
  };
}
