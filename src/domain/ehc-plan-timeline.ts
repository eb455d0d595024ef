import { annualReviewTimeline, type AnnualReviewTimeline } from './annual-review-timeline.ts';
import type { CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import { phaseTransferSteps } from './phase-transfer.ts';
import type { Pupil } from './pupil.schema.ts';
import { reassessmentSteps } from './reassessment.ts';
import { adviceReceivedSteps, ceaseWarnings } from './review-trail.ts';
import { byDueDate, type TimelineStep } from './timeline-step.ts';

export type EhcPlanTimeline = {
  readonly annualReview: AnnualReviewTimeline;
  /** Annual review, phase transfer and re-assessment steps together, by due date. */
  readonly steps: readonly TimelineStep[];
  readonly warnings: readonly string[];
};

/** Everything the plan's dates require, for the pupil's timeline view. */
export function ehcPlanTimeline(input: {
  plan: EhcPlan;
  pupil: Pick<Pupil, 'dateOfBirth' | 'yearGroupOffset' | 'lookedAfter'>;
  settings: DomainSettings;
  today: CalendarDate;
  /** English bank holidays, for appeal windows under the Tribunal Rules (see appeal-window.ts). */
  bankHolidays?: ReadonlySet<CalendarDate> | readonly CalendarDate[] | undefined;
  /** Start times ('HH:MM') of booked review meetings, by review id. */
  bookedTimes?: Readonly<Record<string, string>> | undefined;
}): EhcPlanTimeline {
  // A plan issued anew after a re-assessment starts its own cycle: reviews of the plan it replaced are history.
  const plan = {
    ...input.plan,
    reviews: input.plan.reviews.filter((r) => !(r.heldOn && r.heldOn < input.plan.issuedOn)),
  };
  const annualReview = annualReviewTimeline({ ...input, plan });
  const warnings = [...annualReview.warnings, ...ceaseWarnings(plan)];
  if (plan.ceasedOn && plan.ceasedOn <= input.today) {
    return { annualReview, steps: [], warnings };
  }
  // In a phase-transfer year the annual review's own meeting step already carries the phase-transfer rule.
  const phase = phaseTransferSteps({ ...input, plan }).filter(
    (s) => !(annualReview.phaseTransferYear && s.id === 'phase-transfer-meeting-by'),
  );
  return {
    annualReview,
    steps: [
      ...annualReview.steps,
      ...adviceReceivedSteps({ plan, settings: input.settings, today: input.today }),
      ...phase,
      ...reassessmentSteps({ ...input, plan }),
    ].sort(byDueDate),
    warnings,
  };
}
