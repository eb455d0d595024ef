import { nextApdrReviewOn } from '../domain/sen-support-plan.ts';
import { SUPPORT_LAYERS, type SenSupportPlan } from '../domain/sen-support-plan.schema.ts';
import {
  CHANGED_BY_COLUMNS,
  choiceColumn,
  dateColumn,
  jsonColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import { fieldReader, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';

/**
 * SEN support plans: the graduated approach as assess-plan-do-review cycles, one item per pupil. JSON column:
 * Cycles (each with outcomes, provision and parent meetings). NextReviewOn repeats the open cycle's review date
 * as an indexed column, for "APDR reviews due" queries. Layer (since 4): the layer of support the Schools
 * White Paper (February 2026) proposes to tag Individual Support Plans with, indexed for counts by layer.
 */

export const SEN_SUPPORT_PLANS_LIST: ListDefinition = {
  key: 'senSupportPlans',
  displayName: 'SENCO Hub SEN Support Plans',
  description: 'SEN support plans as assess-plan-do-review cycles, one per pupil (SENCO Hub).',
  keyColumn: 'PlanId',
  since: 1,
  columns: [
    textColumn('PlanId', { unique: true }),
    textColumn('PupilId', { unique: true }),
    jsonColumn('Cycles', { description: 'APDR cycles, oldest first, as JSON' }),
    dateColumn('NextReviewOn', {
      indexed: true,
      description: 'Review date of the latest cycle not yet reviewed',
    }),
    choiceColumn('Layer', SUPPORT_LAYERS, { since: 4, indexed: true }),
    ...CHANGED_BY_COLUMNS,
  ],
};

export function senSupportPlanToFields(plan: SenSupportPlan): Fields {
  return {
    Title: titleValue(`SEN support plan (${plan.cycles.length} cycle${plan.cycles.length === 1 ? '' : 's'})`),
    PlanId: plan.id,
    PupilId: plan.pupilId,
    Cycles: JSON.stringify(plan.cycles),
    NextReviewOn: opt(nextApdrReviewOn(plan)),
    Layer: opt(plan.layer),
  };
}

/** Unchecked: the replica parses it with senSupportPlanSchema. */
export function senSupportPlanFromItem(item: SharePointItem): Record<string, unknown> & { pupilId: string } {
  const f = fieldReader(SEN_SUPPORT_PLANS_LIST, item);
  return {
    id: f.text('PlanId'),
    pupilId: f.text('PupilId'),
    layer: f.optionalText('Layer'),
    cycles: f.json('Cycles') ?? [],
  };
}
