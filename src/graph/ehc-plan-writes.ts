import type { EhcPlan } from '../domain/ehc-plan.schema.ts';
import type { Review } from '../domain/review.schema.ts';
import { ehcPlanToFields, reviewToFields } from './ehc-plans-list.ts';
import { ConflictError, GraphRequestError } from './graph-request-error.ts';
import { sameETag, type Fields, type SharePointItem } from './list-fields.ts';
import type { ListWrites } from './list-writes.ts';
import type { Actor, Versioned } from './send-records.ts';

/**
 * Writes to a pupil's EHC plan (one item in EHC Plans, unique by pupil) and its review records (one item each
 * in EHC Plan Reviews). Every write is to one item: the plan with its dated changes in the same PATCH, or one
 * review. A change quotes the version it was made from and goes with If-Match, so of two changes made from
 * one version only one lands; the other is a ConflictError with the record as now stored.
 *
 * A review item's Details column may carry keys this module does not know (written by the booking of the
 * meeting): they are kept, never dropped by an update of the trail.
 */

type Key = 'ehcPlans' | 'ehcPlanReviews';

export type EhcPlanWritesDeps = {
  writes: ListWrites<Key>;
  newId: () => string;
  /** The plan item of a pupil as the replica holds it. */
  planItem(pupilId: string): { itemId: string; eTag: string } | undefined;
  /** A review item as the replica holds it, with its Details as stored (unknown keys kept). */
  reviewItem(reviewId: string): { itemId: string; eTag: string; raw: Record<string, unknown> } | undefined;
  plan(pupilId: string): Versioned<EhcPlan> | undefined;
  review(pupilId: string, reviewId: string): Versioned<Review> | undefined;
  applyOwn(key: Key, item: SharePointItem): void;
  syncLists(keys: readonly Key[]): Promise<void>;
};

const changedBy = (by: Actor, writeId: string) => ({
  ChangedByUserId: by.userId,
  ChangedByName: by.name,
  WriteId: writeId,
});

export function ehcPlanWrites(deps: EhcPlanWritesDeps) {
  /** The replica may be behind: look again before calling a version stale. */
  async function ensureCurrent<T>(
    key: Key,
    current: () => Versioned<T> | undefined,
    expected: string | undefined,
  ): Promise<void> {
    if (sameETag(current()?.eTag, expected)) return;
    await deps.syncLists([key]);
    if (!sameETag(current()?.eTag, expected))
      throw new ConflictError(key === 'ehcPlans' ? 'EHC plan' : 'review record', current());
  }

  const readBack = <T>(value: Versioned<T> | undefined, what: string): Versioned<T> => {
    if (!value) throw new Error(`The ${what} was saved but could not be read back`);
    return value;
  };

  return {
    /**
     * The pupil's plan as given. `expectedETag` undefined: the pupil has no plan item yet and one is created
     * (a plan recorded meanwhile by someone else is a ConflictError); otherwise the item is changed If-Match.
     */
    async savePlan(input: {
      plan: EhcPlan;
      expectedETag: string | undefined;
      by: Actor;
    }): Promise<Versioned<EhcPlan>> {
      const { plan, by } = input;
      const pupilId = plan.pupilId;
      const what = `EHC plan of pupil ${pupilId}`;
      await ensureCurrent('ehcPlans', () => deps.plan(pupilId), input.expectedETag);
      const writeId = deps.newId();
      const fields: Fields = { ...ehcPlanToFields(plan), ...changedBy(by, writeId) };
      const existing = deps.planItem(pupilId);
      let item: SharePointItem;
      if (!existing) {
        try {
          item = await deps.writes.createOnce('ehcPlans', fields, `record the ${what}`);
        } catch (err) {
          // PupilId is unique: a plan recorded for the pupil by someone else first is refused (SharePoint: 500).
          if (!(err instanceof GraphRequestError)) throw err;
          await deps.syncLists(['ehcPlans']);
          const now = deps.plan(pupilId);
          if (now) throw new ConflictError('EHC plan', now, { cause: err });
          throw err;
        }
        if (item.fields?.['WriteId'] !== writeId) {
          await deps.syncLists(['ehcPlans']);
          throw new ConflictError('EHC plan', deps.plan(pupilId));
        }
      } else {
        // The item keeps its id: reviews of an earlier plan stay linked, as history.
        const { EhcPlanId: _kept, ...rest } = fields;
        item = await deps.writes.patchIfMatch({
          key: 'ehcPlans',
          itemId: existing.itemId,
          fields: { ...rest, WriteId: writeId },
          version: input.expectedETag ?? existing.eTag,
          operation: `save the ${what}`,
          conflict: (stored, cause) => {
            deps.applyOwn('ehcPlans', stored);
            return new ConflictError('EHC plan', deps.plan(pupilId), { cause });
          },
        });
      }
      deps.applyOwn('ehcPlans', item);
      return readBack(deps.plan(pupilId), what);
    },

    /**
     * A review record as given, its unknown Details keys kept. `expectedETag` undefined: a new record (a
     * review recorded after the fact); otherwise an update If-Match.
     */
    async saveReview(input: {
      plan: Pick<EhcPlan, 'id' | 'pupilId'>;
      review: Review;
      expectedETag: string | undefined;
      by: Actor;
    }): Promise<Versioned<Review>> {
      const { plan, review, by } = input;
      const what = `review record ${review.id} of pupil ${plan.pupilId}`;
      const existing = deps.reviewItem(review.id);
      const writeId = deps.newId();
      if (input.expectedETag === undefined) {
        if (existing) throw new ConflictError('review record', deps.review(plan.pupilId, review.id));
        const item = await deps.writes.createOnce(
          'ehcPlanReviews',
          { ...reviewToFields(plan, review), ...changedBy(by, writeId) },
          `record the ${what}`,
        );
        if (item.fields?.['WriteId'] !== writeId) throw new ConflictError('review record', undefined);
        deps.applyOwn('ehcPlanReviews', item);
        return readBack(deps.review(plan.pupilId, review.id), what);
      }
      await ensureCurrent('ehcPlanReviews', () => deps.review(plan.pupilId, review.id), input.expectedETag);
      const stored = deps.reviewItem(review.id);
      if (!stored) throw new ConflictError('review record', undefined);
      const fields = reviewToFields(plan, review);
      const { id: _i, kind: _k, meetingOn: _m, heldOn: _h, ...known } = review;
      const { id: _ri, kind: _rk, meetingOn: _rm, heldOn: _rh, ...storedDetails } = stored.raw;
      // Known keys left out of the new review are cleared; keys only the booking writes are kept.
      const cleared = Object.fromEntries(REVIEW_DETAIL_KEYS.map((k) => [k, undefined]));
      const details = JSON.stringify({ ...storedDetails, ...cleared, ...known });
      const item = await deps.writes.patchIfMatch({
        key: 'ehcPlanReviews',
        itemId: stored.itemId,
        fields: { ...fields, Details: details, ...changedBy(by, writeId) },
        version: input.expectedETag,
        operation: `save the ${what}`,
        conflict: (current, cause) => {
          deps.applyOwn('ehcPlanReviews', current);
          return new ConflictError('review record', deps.review(plan.pupilId, review.id), { cause });
        },
      });
      deps.applyOwn('ehcPlanReviews', item);
      return readBack(deps.review(plan.pupilId, review.id), what);
    },
  };
}

/** The Details keys a review record has in the domain (review.schema.ts), besides its columns. */
const REVIEW_DETAIL_KEYS = [
  'invitees',
  'adviceRequests',
  'adviceCirculatedOn',
  'preparingForAdulthoodOnAgenda',
  'pepAlignmentNote',
  'recommendation',
  'amendmentsRecommended',
  'reportSentOn',
  'laDecision',
  'finalAmendedPlanIssuedOn',
  'notes',
] as const;

export type EhcPlanWrites = ReturnType<typeof ehcPlanWrites>;
