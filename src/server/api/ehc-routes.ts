import express from 'express';
import { ehcPlanTimeline, type EhcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import { markNonWorkingDays } from '../../domain/timeline-step.ts';
import type { BankHolidays } from '../../domain/working-days.ts';
import { englishBankHolidaysAround } from '../bank-holidays.ts';
import { findPupilRecord } from './pupil-lookup.ts';
import { auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';

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
 * `today` the school's date in England. SENCO and SEND team only; 404 for everyone else.
 */
export function ehcRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/pupils/:pupilId/ehc-plan', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const plan = records.ehcPlan(pupil.id);
    await deps.audit.record(auditEntry(context, { action: 'read', resource: 'ehc-plan', pupilId: pupil.id }));
    const bankHolidays = englishBankHolidaysAround(context.today);
    if (!plan) {
      res.json({ pupilId: pupil.id, today: context.today, plan: null, timeline: null });
      return;
    }
    res.json({
      pupilId: pupil.id,
      today: context.today,
      plan: plan.value,
      eTag: plan.eTag,
      modifiedAt: plan.modifiedAt,
      modifiedBy: plan.modifiedBy ?? null,
      timeline: withWorkingDays(
        ehcPlanTimeline({
          plan: plan.value,
          pupil,
          settings: records.settings().value,
          today: context.today,
          bankHolidays,
        }),
        bankHolidays,
      ),
    });
  });

  return router;
}
