import { senSupportPlanSchema, type SenSupportPlan } from '../domain/sen-support-plan.schema.ts';
import { ConflictError } from './graph-request-error.ts';
import { sameETag, type SharePointItem } from './list-fields.ts';
import type { ListWrites } from './list-writes.ts';
import type { Actor, Versioned } from './send-records.ts';
import { senSupportPlanToFields } from './sen-support-plans-list.ts';

/**
 * Writing a pupil's SEN support plan: one item per pupil (PupilId is unique), so every change — the plan
 * stage, a review, a parent meeting — is one write of one item and is never half-made. A new plan is created
 * under its PlanId; a change quotes the version it was made from (If-Match), so of two changes made from one
 * version only one lands and the other is a ConflictError carrying the plan as now stored.
 */

export type SenSupportPlanWritesDeps = {
  writes: ListWrites<'senSupportPlans'>;
  newId: () => string;
  /** The pupil's plan item as the replica holds it. */
  planItem(pupilId: string): { itemId: string; eTag: string } | undefined;
  plan(pupilId: string): Versioned<SenSupportPlan> | undefined;
  applyOwn(item: SharePointItem): void;
  syncPlans(): Promise<void>;
};

export function senSupportPlanWrites(deps: SenSupportPlanWritesDeps) {
  const conflict = (pupilId: string, cause?: unknown) =>
    new ConflictError('SEN support plan', deps.plan(pupilId), { cause });
  const changedBy = (by: Actor, writeId: string) => ({
    ChangedByUserId: by.userId,
    ChangedByName: by.name,
    WriteId: writeId,
  });
  const readBack = (pupilId: string, what: string) => {
    const saved = deps.plan(pupilId);
    if (!saved) throw new Error(`The ${what} was saved but could not be read back`);
    return saved;
  };

  return {
    /** A pupil's first plan. ConflictError (with the plan now stored) if the pupil has one already. */
    async create(input: { plan: SenSupportPlan; by: Actor }): Promise<Versioned<SenSupportPlan>> {
      const plan = senSupportPlanSchema.parse(input.plan);
      const what = `SEN support plan of pupil ${plan.pupilId}`;
      if (!deps.planItem(plan.pupilId)) await deps.syncPlans();
      if (deps.planItem(plan.pupilId)) throw conflict(plan.pupilId);
      const writeId = deps.newId();
      let item: SharePointItem;
      try {
        item = await deps.writes.createOnce(
          'senSupportPlans',
          { ...senSupportPlanToFields(plan), ...changedBy(input.by, writeId) },
          `create the ${what}`,
        );
      } catch (err) {
        // PupilId is unique: someone else's plan for the pupil, created meanwhile, refuses ours.
        await deps.syncPlans().catch(() => undefined);
        if (deps.planItem(plan.pupilId)) throw conflict(plan.pupilId, err);
        throw err;
      }
      if (item.fields?.['WriteId'] !== writeId) {
        await deps.syncPlans();
        throw conflict(plan.pupilId);
      }
      deps.applyOwn(item);
      return readBack(plan.pupilId, what);
    },

    /** The whole plan as given, over the version `expectedETag`; ConflictError if that is not the stored one. */
    async save(input: {
      plan: SenSupportPlan;
      expectedETag: string;
      by: Actor;
    }): Promise<Versioned<SenSupportPlan>> {
      const plan = senSupportPlanSchema.parse(input.plan);
      const what = `SEN support plan of pupil ${plan.pupilId}`;
      if (!sameETag(deps.planItem(plan.pupilId)?.eTag, input.expectedETag)) {
        // Our replica may be behind: look again before calling it a conflict.
        await deps.syncPlans();
        if (!sameETag(deps.planItem(plan.pupilId)?.eTag, input.expectedETag)) throw conflict(plan.pupilId);
      }
      const stored = deps.plan(plan.pupilId);
      const item = deps.planItem(plan.pupilId);
      if (!stored || !item) throw conflict(plan.pupilId);
      if (stored.value.id !== plan.id)
        throw new RangeError(`Cannot save the ${what}: it has another plan id`);
      const writeId = deps.newId();
      const saved = await deps.writes.patchIfMatch({
        key: 'senSupportPlans',
        itemId: item.itemId,
        fields: { ...senSupportPlanToFields(plan), ...changedBy(input.by, writeId) },
        version: input.expectedETag,
        operation: `save the ${what}`,
        conflict: (current, cause) => {
          deps.applyOwn(current);
          return conflict(plan.pupilId, cause);
        },
      });
      deps.applyOwn(saved);
      return readBack(plan.pupilId, what);
    },
  };
}

export type SenSupportPlanWrites = ReturnType<typeof senSupportPlanWrites>;
