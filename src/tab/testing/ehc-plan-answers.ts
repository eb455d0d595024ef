/**
 * EHC plan answers for the tab's tests, typed by the contract: one plan and one answer shape every EHC plan
 * form's test starts from, so a change to the answer breaks them here at type-check, once.
 */
import type { EhcPlanAnswer, ReviewAnswer } from '../../contract/ehc-plans.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { EhcPlan } from '../../domain/ehc-plan.schema.ts';
import type { EhcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import type { Review } from '../../domain/review.schema.ts';
import { d, TODAY } from './builders.ts';

/** A plan issued last December by Northshire, nothing else recorded yet. */
export function buildEhcPlan(overrides: Partial<EhcPlan> = {}): EhcPlan {
  return {
    id: 'plan-1',
    pupilId: 'pupil-1',
    localAuthority: 'Northshire County Council',
    issuedOn: d('2025-12-01'),
    coordinator: { name: 'Rubina Butt' },
    reviews: [],
    reassessments: [],
    outcomes: [],
    provision: [],
    changes: [],
    ...overrides,
  };
}

/** The timeline a plan answer carries: the annual review due by 30 November 2026 unless said, no steps. */
export function buildTimeline(
  options: { currentReviewId?: string; reviewDueBy?: CalendarDate } = {},
): EhcPlanTimeline {
  const { currentReviewId, reviewDueBy = d('2026-11-30') } = options;
  return {
    annualReview: {
      anchor: { on: d('2025-12-01'), basis: 'plan-issued' },
      reviewDueBy,
      latestMeetingDate: d('2026-11-02'),
      phaseTransferYear: false,
      ...(currentReviewId ? { currentReviewId } : {}),
      preparingForAdulthoodRequired: false,
      steps: [],
      warnings: [],
    },
    steps: [],
    warnings: [],
  };
}

type StoredAnswer = Extract<EhcPlanAnswer, { plan: EhcPlan }>;

/** GET /api/pupils/pupil-1/ehc-plan as the server answers it for this plan, last changed by Katie Dawson. */
export function buildEhcPlanAnswer(plan: EhcPlan, overrides: Partial<StoredAnswer> = {}): StoredAnswer {
  return {
    pupilId: plan.pupilId,
    today: TODAY,
    plan,
    eTag: '"p1"',
    modifiedAt: '2026-11-20T09:00:00Z',
    modifiedBy: 'Katie Dawson',
    reviewETags: {},
    cease: null,
    timeline: buildTimeline(),
    ...overrides,
  };
}

/** The answer to a write of one review record. */
export function buildReviewAnswer(review: Review, eTag = '"r2"'): ReviewAnswer {
  return {
    pupilId: 'pupil-1',
    review,
    eTag,
    modifiedAt: '2026-11-23T10:00:00Z',
    modifiedBy: 'Katie Dawson',
  };
}
