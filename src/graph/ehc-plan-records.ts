import { ehcPlanSchema, type EhcPlan } from '../domain/ehc-plan.schema.ts';
import { byReviewDate, reviewSchema, type Review } from '../domain/review.schema.ts';
import { ehcPlanWrites } from './ehc-plan-writes.ts';
import { byItemId, groupBy, versioned, type RecordsContext } from './replica-lists.ts';
import type { SendRecords, Versioned } from './send-records.ts';

/**
 * EHC plans as the replica reads them: the pupil's plan item joined with its review items (`byReviewDate`),
 * and each review record with its own version; writes in ehc-plan-writes.ts.
 */

/** A stored review's dates, for ordering before it is checked (a malformed one is refused by the plan's schema). */
const datesOf = (review: Record<string, unknown>) => review as Pick<Review, 'meetingOn' | 'heldOn'>;

export function ehcPlanRecords(ctx: RecordsContext) {
  const { mirror } = ctx;

  const ehcPlansView = mirror.view(['ehcPlans', 'ehcPlanReviews'], () => {
    const reviews = groupBy(mirror.entries('ehcPlanReviews').values(), (e) => e.row.ehcPlanId);
    const byPupil = new Map<string, Versioned<EhcPlan>>();
    for (const entry of mirror.entries('ehcPlans').values()) {
      const planReviews = (reviews.get(entry.row.id) ?? [])
        .sort(byItemId)
        .map((e) => e.row.review)
        .sort((a, b) => byReviewDate(datesOf(a), datesOf(b)));
      const plan = ctx.parse('EHC plan', entry.row.id, ehcPlanSchema, { ...entry.row, reviews: planReviews });
      if (plan) byPupil.set(plan.pupilId, versioned(entry, plan));
    }
    return byPupil;
  });

  /** Each review record with its own version (the one an update of its trail quotes), by review id. */
  const ehcPlanReviewsView = mirror.view(['ehcPlans', 'ehcPlanReviews'], () => {
    const pupilOfPlan = new Map(
      [...mirror.entries('ehcPlans').values()].map((e) => [e.row.id, e.row.pupilId]),
    );
    const byId = new Map<string, { pupilId: string; review: Versioned<Review> }>();
    for (const entry of mirror.entries('ehcPlanReviews').values()) {
      const pupilId = pupilOfPlan.get(entry.row.ehcPlanId);
      const id = String(entry.row.review['id']);
      const review = pupilId && ctx.parse('EHC plan review', id, reviewSchema, entry.row.review);
      if (pupilId && review) byId.set(id, { pupilId, review: versioned(entry, review) });
    }
    return byId;
  });

  const ehcPlan = (pupilId: string) => ehcPlansView().get(pupilId);
  const ehcPlanReview = (pupilId: string, reviewId: string) => {
    const found = ehcPlanReviewsView().get(reviewId);
    return found?.pupilId === pupilId ? found.review : undefined;
  };

  const changes = ehcPlanWrites({
    writes: mirror.writes,
    newId: ctx.newId,
    planItem: (pupilId) => {
      const entry = mirror.find('ehcPlans', (row) => row.pupilId === pupilId);
      return entry && { itemId: entry.itemId, eTag: entry.eTag };
    },
    reviewItem: (reviewId) => {
      const entry = mirror.find('ehcPlanReviews', (row) => row.review['id'] === reviewId);
      return entry && { itemId: entry.itemId, eTag: entry.eTag, raw: entry.row.review };
    },
    plan: ehcPlan,
    review: ehcPlanReview,
    applyOwn: (key, item) => void mirror.applyOwn(key, item),
    syncLists: mirror.syncLists,
  });

  const records: Pick<SendRecords, 'ehcPlan' | 'ehcPlanReview' | 'saveEhcPlan' | 'saveEhcPlanReview'> = {
    ehcPlan,
    ehcPlanReview,
    saveEhcPlan: (input) => changes.savePlan(input),
    saveEhcPlanReview: (input) => changes.saveReview(input),
  };
  return records;
}
