import { bookedReviewTimes } from '../../domain/meeting.schema.ts';
import express from 'express';
import type { EhcPlanAnswer } from '../../contract/ehc-plans.ts';
import { appealDeadline } from '../../domain/appeal-window.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { mayCeaseFrom } from '../../domain/ehc-plan-changes.ts';
import { ehcPlanTimeline, type EhcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import { markNonWorkingDays } from '../../domain/timeline-step.ts';
import type { BankHolidays } from '../../domain/working-days.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import { englishBankHolidaysAround } from '../bank-holidays.ts';
import { findPupilRecord } from './pupil-lookup.ts';
import { auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';
import { setETagHeader } from './validation.ts';

/** Each open step whose last day is a weekend or bank holiday says so, with the working day before it. */
function withWorkingDays(timeline: EhcPlanTimeline, bankHolidays: BankHolidays): EhcPlanTimeline {
  return {
    ...timeline,
    steps: markNonWorkingDays(timeline.steps, bankHolidays),
    annualReview: {
      ...timeline.annualReview,
      steps: markNonWorkingDays(timeline.annualReview.steps, bankHolidays),
    },
  };
}

/**
 * GET /api/pupils/{id}/ehc-plan: the plan and every date it requires, from the domain's timeline engine with
 * `today` the school's date in England, the version of the plan and of each review record, and what a
 * decision to cease means today. SENCO and SEND team only; 404 for everyone else.
 */
export function ehcRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/pupils/:pupilId/ehc-plan', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(auditEntry(context, { action: 'read', resource: 'ehc-plan', pupilId: pupil.id }));
    const answer = ehcPlanAnswer(records, pupil, context.today);
    if (answer.plan) setETagHeader(res, answer.eTag);
    res.json(answer);
  });

  return router;
}

/** The pupil's plan as the tab shows it, or null when none is recorded. */
export function ehcPlanAnswer(
  records: Pick<SendRecordsReader, 'ehcPlan' | 'ehcPlanReview' | 'settings' | 'meetingsFor'>,
  pupil: Pupil,
  today: CalendarDate,
): EhcPlanAnswer {
  const plan = records.ehcPlan(pupil.id);
  const bankHolidays = englishBankHolidaysAround(today);
  if (!plan) return { pupilId: pupil.id, today, plan: null, timeline: null };
  const decision = plan.value.ceaseDecision;
  const reviewETags: Record<string, string> = {};
  for (const review of plan.value.reviews) {
    const eTag = records.ehcPlanReview(pupil.id, review.id)?.eTag;
    if (eTag) reviewETags[review.id] = eTag;
  }
  return {
    pupilId: pupil.id,
    today,
    plan: plan.value,
    eTag: plan.eTag,
    modifiedAt: plan.modifiedAt,
    modifiedBy: plan.modifiedBy ?? null,
    timeline: withWorkingDays(
      ehcPlanTimeline({
        plan: plan.value,
        pupil,
        settings: records.settings().value,
        today,
        bankHolidays,
        bookedTimes: bookedReviewTimes(records.meetingsFor(pupil.id)),
      }),
      bankHolidays,
    ),
    reviewETags,
    cease: decision
      ? {
          decision,
          lastDayToAppeal: appealDeadline({
            decisionOn: decision.notifiedOn,
            mediationCertificateOn: decision.mediationCertificateOn,
            bankHolidays,
          }),
          mayCeaseFrom: mayCeaseFrom(decision, bankHolidays) ?? null,
        }
      : null,
  } satisfies EhcPlanAnswer;
}
