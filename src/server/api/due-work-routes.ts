import express from 'express';
import { dueWorkQueryParams, type DueWorkAnswer } from '../../contract/due-work.ts';
import { addDays, isOnOrBefore } from '../../domain/calendar-date.ts';
import type { DueKind } from '../../domain/due-work-views.ts';
import { needsAssessmentDueWork } from '../../domain/ehc-needs-assessment-due.ts';
import { ehcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import { bookedReviewTimes } from '../../domain/meeting.schema.ts';
import { passportReviewStep } from '../../domain/passport.ts';
import { pupilDisplayName } from '../../domain/pupil.schema.ts';
import { senSupportReviewStep } from '../../domain/sen-support-plan.ts';
import { provisionOn } from '../../domain/sen-status.ts';
import { byUrgency, markNonWorkingDays, type TimelineStep } from '../../domain/timeline-step.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { englishBankHolidaysAround } from '../bank-holidays.ts';
import { ForbiddenError } from './api-errors.ts';
import { auditEntry, contextOf, listedPupils, type ApiDeps } from './request-context.ts';
import { referralDueWork } from './referral-due-work.ts';

/**
 * GET /api/due-work: the SENCO's Monday list. Every statutory and school step across the
 * register that is overdue or due within `within` days (default 42): EHC plan timelines (reviews,
 * invitations, advice, reports, LA decisions, phase transfers, re-assessments), EHC needs assessment
 * requests, SEN support reviews and passport reviews, referral responses (referral-due-work.ts), most urgent
 * first. It names pupils: the SENCO and the SEND team only.
 */

/** Groups a timeline step for the home page by what the SENCO has to do. */
export function dueKindOf(stepId: string): DueKind {
  if (stepId === 'passport-review-by') return 'passport';
  if (stepId === 'sen-support-review-by') return 'sen-support-review';
  if (stepId === 'invitations-sent-by') return 'invitations';
  if (stepId.startsWith('advice-')) return 'advice';
  if (stepId.startsWith('phase-transfer-') || stepId.startsWith('post-16-transfer-')) return 'phase-transfer';
  if (stepId.endsWith('review-report-sent-by')) return 'report';
  if (stepId.endsWith('la-decision-by') || stepId.endsWith('final-amended-plan-by')) return 'la-decision';
  if (['review-due-by', 'next-review-due-by', 'meeting-held-by', 'under-five-review-by'].includes(stepId)) {
    return 'ehc-review';
  }
  return 'other';
}

export function dueWorkRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/due-work', async (req, res) => {
    const context = contextOf(res);
    if (!capabilitiesOf(context.caller).fullRecords) {
      throw new ForbiddenError('The list of due work names pupils: it is for the SENCO and the SEND team.');
    }
    const { within } = dueWorkQueryParams.parse(req.query);
    const { today } = context;
    const horizon = addDays(today, within);
    const settings = records.settings().value;
    const bankHolidays = englishBankHolidaysAround(today);
    const items = records.pupils().flatMap((pupil) => {
      // A request for assessment may come before a pupil is on the register (a parent's, say).
      const assessments = records.needsAssessments(pupil.id).map((a) => a.value);
      const requests = needsAssessmentDueWork({ pupil, assessments, settings, today, within, bankHolidays });
      const status = provisionOn(pupil.senProvision, today);
      if (status === 'N') return requests;
      const steps: TimelineStep[] = [];
      const ehcPlan = records.ehcPlan(pupil.id)?.value;
      if (ehcPlan)
        steps.push(
          ...ehcPlanTimeline({
            plan: ehcPlan,
            pupil,
            settings,
            today,
            bankHolidays,
            bookedTimes: bookedReviewTimes(records.meetingsFor(pupil.id)),
          }).steps,
        );
      const supportPlan = records.senSupportPlan(pupil.id)?.value;
      if (status === 'K' && supportPlan) {
        const review = senSupportReviewStep({ plan: supportPlan, settings, today });
        if (review) steps.push(review);
      }
      const passport = records.passport(pupil.id)?.value;
      if (passport) steps.push(passportReviewStep({ passport, settings, today }));
      return [
        ...requests,
        ...markNonWorkingDays(steps, bankHolidays)
          .filter((step) => step.status !== 'done' && isOnOrBefore(step.due, horizon))
          .map((step) => ({
            pupilId: pupil.id,
            pupilName: pupilDisplayName(pupil),
            kind: dueKindOf(step.id),
            step,
          })),
      ];
    });
    items.push(...referralDueWork({ records, settings, today, horizon }));
    items.sort((a, b) => byUrgency(a.step, b.step) || a.pupilName.localeCompare(b.pupilName, 'en-GB'));
    await deps.audit.record(
      auditEntry(context, {
        action: 'read',
        resource: 'due-work',
        detail: listedPupils([...new Set(items.map((i) => i.pupilId))]),
      }),
    );
    res.json({ today, within, items } satisfies DueWorkAnswer);
  });

  return router;
}
