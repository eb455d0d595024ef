import { EHC_PLAN_ORIGINS, type EhcPlan } from '../domain/ehc-plan.schema.ts';
import { REVIEW_KINDS, type Review } from '../domain/review.schema.ts';
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
 * EHC plans (one item per pupil) and their reviews (one item per review, in their own list so a review can be
 * booked and recorded without rewriting the plan). JSON columns: EhcPlans.Reassessments,
 * EhcPlans.PlannedPost16Transfer, EhcPlanReviews.Details (invitees, advice requests, recommendation, LA
 * decision, notes: the review without its id, kind and dates, which are columns). Since v4 a plan written in the
 * app also has Origin, Placement (section I) and JSON columns Outcomes (section E), Provision (section F),
 * CeaseDecision and Changes (every change recorded, dated). Sections are capped (ehc-plan.schema.ts) so each
 * JSON column stays well inside a multi-line text column's size.
 */

export const EHC_PLANS_LIST: ListDefinition = {
  key: 'ehcPlans',
  displayName: 'SENCO Hub EHC Plans',
  description: 'Education, health and care plans, one per pupil (SENCO Hub).',
  keyColumn: 'EhcPlanId',
  since: 1,
  columns: [
    textColumn('EhcPlanId', { unique: true }),
    textColumn('PupilId', { unique: true }),
    textColumn('LocalAuthority'),
    dateColumn('IssuedOn', { indexed: true }),
    dateColumn('LastAssessedOn'),
    textColumn('CoordinatorName'),
    textColumn('CoordinatorEmail'),
    jsonColumn('Reassessments'),
    jsonColumn('PlannedPost16Transfer'),
    dateColumn('CeasedOn'),
    ...CHANGED_BY_COLUMNS,
    choiceColumn('Origin', EHC_PLAN_ORIGINS, { since: 4 }),
    textColumn('Placement', { since: 4 }),
    jsonColumn('Outcomes', { since: 4, description: 'Section E: outcomes by area of need, as JSON' }),
    jsonColumn('Provision', { since: 4, description: 'Section F: provision by area of need, as JSON' }),
    jsonColumn('CeaseDecision', { since: 4, description: 'The LA’s decision to cease the plan, as JSON' }),
    jsonColumn('Changes', { since: 4, description: 'Every change recorded in SENCO Hub, dated, as JSON' }),
  ],
};

export const EHC_PLAN_REVIEWS_LIST: ListDefinition = {
  key: 'ehcPlanReviews',
  displayName: 'SENCO Hub EHC Plan Reviews',
  description: 'Annual, interim and phase transfer reviews of EHC plans (SENCO Hub).',
  keyColumn: 'ReviewId',
  since: 1,
  columns: [
    textColumn('ReviewId', { unique: true }),
    textColumn('EhcPlanId', { indexed: true }),
    textColumn('PupilId', { indexed: true }),
    choiceColumn('Kind', REVIEW_KINDS, { indexed: true }),
    dateColumn('MeetingOn', { indexed: true }),
    dateColumn('HeldOn'),
    jsonColumn('Details'),
    ...CHANGED_BY_COLUMNS,
  ],
};

export function ehcPlanToFields(plan: EhcPlan): Fields {
  return {
    Title: titleValue(`EHC plan (${plan.localAuthority})`),
    EhcPlanId: plan.id,
    PupilId: plan.pupilId,
    LocalAuthority: plan.localAuthority,
    IssuedOn: plan.issuedOn,
    LastAssessedOn: opt(plan.lastAssessedOn),
    CoordinatorName: plan.coordinator.name,
    CoordinatorEmail: opt(plan.coordinator.email),
    Reassessments: jsonValue(plan.reassessments),
    PlannedPost16Transfer: jsonValue(plan.plannedPost16Transfer),
    CeasedOn: opt(plan.ceasedOn),
    Origin: opt(plan.origin),
    Placement: opt(plan.placement),
    Outcomes: jsonValue(plan.outcomes),
    Provision: jsonValue(plan.provision),
    CeaseDecision: jsonValue(plan.ceaseDecision),
    Changes: jsonValue(plan.changes),
  };
}

/** The plan without its reviews (they are items of their own). Unchecked: the replica parses with ehcPlanSchema. */
export function ehcPlanFromItem(
  item: SharePointItem,
): Record<string, unknown> & { id: string; pupilId: string } {
  const f = fieldReader(EHC_PLANS_LIST, item);
  const email = f.optionalText('CoordinatorEmail');
  return {
    id: f.text('EhcPlanId'),
    pupilId: f.text('PupilId'),
    localAuthority: f.text('LocalAuthority'),
    issuedOn: f.date('IssuedOn'),
    lastAssessedOn: f.optionalDate('LastAssessedOn'),
    coordinator: { name: f.text('CoordinatorName'), ...(email ? { email } : {}) },
    reassessments: f.json('Reassessments') ?? [],
    plannedPost16Transfer: f.json('PlannedPost16Transfer'),
    ceasedOn: f.optionalDate('CeasedOn'),
    origin: f.optionalText('Origin'),
    placement: f.optionalText('Placement'),
    outcomes: f.json('Outcomes') ?? [],
    provision: f.json('Provision') ?? [],
    ceaseDecision: f.json('CeaseDecision'),
    changes: f.json('Changes') ?? [],
  };
}

export function reviewToFields(plan: Pick<EhcPlan, 'id' | 'pupilId'>, review: Review): Fields {
  const { id, kind, meetingOn, heldOn, ...details } = review;
  return {
    Title: titleValue(`${kind} review${meetingOn ? ` on ${meetingOn}` : ''}`),
    ReviewId: id,
    EhcPlanId: plan.id,
    PupilId: plan.pupilId,
    Kind: kind,
    MeetingOn: opt(meetingOn),
    HeldOn: opt(heldOn),
    Details: JSON.stringify(details),
  };
}

/** Unchecked: parsed with reviewSchema as part of the plan. */
export function reviewFromItem(item: SharePointItem): { ehcPlanId: string; review: Record<string, unknown> } {
  const f = fieldReader(EHC_PLAN_REVIEWS_LIST, item);
  const details = f.json('Details') ?? {};
  if (typeof details !== 'object' || details === null || Array.isArray(details))
    throw f.fail('Details', 'expected a JSON object');
  return {
    ehcPlanId: f.text('EhcPlanId'),
    review: {
      ...details,
      id: f.text('ReviewId'),
      kind: f.text('Kind'),
      meetingOn: f.optionalDate('MeetingOn'),
      heldOn: f.optionalDate('HeldOn'),
    },
  };
}
