import { randomUUID } from 'node:crypto';
import express from 'express';
import {
  createSenSupportPlanBody,
  parentMeetingBody,
  recordReviewBody,
  updateSenSupportPlanBody,
  type ClassSenSupportPlan,
  type FullSenSupportPlanAnswer,
  type SenSupportPlanAnswer,
} from '../../contract/sen-support-plans.ts';
import {
  newSenSupportPlan,
  withParentMeeting,
  withPlanStage,
  withReview,
  type PlanChange,
} from '../../domain/sen-support-plan-changes.ts';
import type { SenSupportPlan } from '../../domain/sen-support-plan.schema.ts';
import {
  currentCycle,
  planParentReviewCadence,
  planPastParentReviewYears,
  senSupportReviewStep,
} from '../../domain/sen-support-plan.ts';
import { nextSenSupportReviewDate } from '../../domain/sen-support-review-date.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { ForbiddenError, NotFoundError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { findVisiblePupil } from './pupil-lookup.ts';
import { actorOf, auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';
import { expectedETagOf, fieldProblems, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * SEN support plans (assess-plan-do-review). Read: the SENCO and the SEND team see the whole plan; the
 * pupil's class teachers and assigned TAs see the outcomes and the support for each (CoP 6.48), not the
 * assessment, review notes or what was said with the parents; anyone else gets 404. Write: the SENCO and the
 * SEND team (403 for class staff). Every change but the first quotes the version it was made from; a stale one
 * is 409 with the plan now stored, to merge from. Every read and change is audited.
 */

/** Term dates are not yet a school setting: until they are, reviews are proposed on weekdays. */
const TERMS = [] as const;

function classPlan(plan: SenSupportPlan): ClassSenSupportPlan | null {
  const cycle = currentCycle(plan);
  if (!cycle) return null;
  return {
    layer: plan.layer ?? null,
    startedOn: cycle.startedOn,
    reviewOn: cycle.reviewOn,
    pupilViews: cycle.pupilViews ?? null,
    outcomes: cycle.outcomes.map((o) => ({
      description: o.description,
      measure: o.measure ?? null,
      provision: [...(o.provision ?? [])],
    })),
  };
}

export function senSupportRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  function fullAnswer(
    pupilId: string,
    plan: Versioned<SenSupportPlan> | undefined,
    today: FullSenSupportPlanAnswer['proposedReviewOn'],
  ): FullSenSupportPlanAnswer {
    const settings = records.settings().value;
    const proposedReviewOn = nextSenSupportReviewDate({ from: today, today, terms: TERMS });
    if (!plan)
      return {
        access: 'full',
        pupilId,
        plan: null,
        eTag: null,
        modifiedAt: null,
        modifiedBy: null,
        reviewStep: null,
        parentReviewCadence: null,
        pastParentReviewYears: [],
        proposedReviewOn,
      };
    return {
      access: 'full',
      pupilId,
      plan: plan.value,
      eTag: plan.eTag,
      modifiedAt: plan.modifiedAt,
      modifiedBy: plan.modifiedBy ?? null,
      reviewStep: senSupportReviewStep({ plan: plan.value, settings, today }) ?? null,
      parentReviewCadence: planParentReviewCadence({ plan: plan.value, settings, today }),
      // Years already over, each met or missed: this year's answer is never final before 1 September.
      pastParentReviewYears: planPastParentReviewYears({ plan: plan.value, settings, today }),
      proposedReviewOn,
    };
  }

  /** The pupil, if the caller may change their plan: 404 if they may not see them, 403 if only in class. */
  function writablePupil(req: express.Request, res: express.Response) {
    const context = contextOf(res);
    const { pupil, access } = findVisiblePupil(records, context, param(req, 'pupilId'));
    if (access !== 'full')
      throw new ForbiddenError('Only the SENCO and the SEND team can write SEN support plans.');
    return { context, pupil };
  }

  /** Applies a domain change to the stored plan and saves it over the version the client quoted. */
  async function change(
    req: express.Request,
    res: express.Response,
    target: ReturnType<typeof writablePupil>,
    input: { bodyETag: string | undefined; detail: string; make: (plan: SenSupportPlan) => PlanChange },
  ) {
    const { context, pupil } = target;
    const stored = records.senSupportPlan(pupil.id);
    if (!stored) throw new NotFoundError('This pupil has no SEN support plan yet: write one first.');
    const eTag = requireExpectedETag(expectedETagOf(req, input.bodyETag), 'SEN support plan');
    const made = input.make(stored.value);
    if (!made.ok) throw fieldProblems(made.problems);
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: 'update',
          resource: 'sen-support-plan',
          pupilId: pupil.id,
          detail: input.detail,
        }),
        () => records.saveSenSupportPlan({ plan: made.plan, expectedETag: eTag, by: actorOf(context) }),
      )
      .catch(
        conflictAnswer({
          shape: (current: SenSupportPlan) => current,
          audit: {
            logger: deps.audit,
            entry: auditEntry(context, {
              action: 'read',
              resource: 'sen-support-plan',
              pupilId: pupil.id,
              detail: 'conflict answer',
            }),
          },
        }),
      );
    setETagHeader(res, saved.eTag);
    res.json(fullAnswer(pupil.id, saved, context.today) satisfies SenSupportPlanAnswer);
  }

  router.get('/pupils/:pupilId/sen-support-plan', async (req, res) => {
    const context = contextOf(res);
    const { pupil, access } = findVisiblePupil(records, context, param(req, 'pupilId'));
    const plan = records.senSupportPlan(pupil.id);
    await deps.audit.record(
      auditEntry(context, {
        action: 'read',
        resource: 'sen-support-plan',
        pupilId: pupil.id,
        detail: access,
      }),
    );
    if (access === 'class') {
      res.json({
        access: 'class',
        pupilId: pupil.id,
        classPlan: plan ? classPlan(plan.value) : null,
      } satisfies SenSupportPlanAnswer);
      return;
    }
    if (plan) setETagHeader(res, plan.eTag);
    res.json(fullAnswer(pupil.id, plan, context.today) satisfies SenSupportPlanAnswer);
  });

  router.post('/pupils/:pupilId/sen-support-plan', async (req, res) => {
    const { context, pupil } = writablePupil(req, res);
    const { startedOn, layer, ...stage } = createSenSupportPlanBody.parse(req.body);
    const made = newSenSupportPlan({
      id: randomUUID(),
      pupilId: pupil.id,
      cycleId: randomUUID(),
      layer,
      startedOn,
      stage,
    });
    if (!made.ok) throw fieldProblems(made.problems);
    const saved = await deps.audit
      .change(
        auditEntry(context, { action: 'create', resource: 'sen-support-plan', pupilId: pupil.id }),
        () => records.createSenSupportPlan({ plan: made.plan, by: actorOf(context) }),
      )
      .catch(conflictAnswer({ shape: (current: SenSupportPlan) => current }));
    setETagHeader(res, saved.eTag);
    res.status(201).json(fullAnswer(pupil.id, saved, context.today) satisfies SenSupportPlanAnswer);
  });

  router.put('/pupils/:pupilId/sen-support-plan', async (req, res) => {
    const target = writablePupil(req, res);
    const { cycleId, layer, expectedETag, ...stage } = updateSenSupportPlanBody.parse(req.body);
    await change(req, res, target, {
      bodyETag: expectedETag,
      detail: 'plan stage',
      make: (plan) => withPlanStage(plan, { cycleId, layer, stage }),
    });
  });

  router.post('/pupils/:pupilId/sen-support-plan/reviews', async (req, res) => {
    const target = writablePupil(req, res);
    const { expectedETag, nextReviewOn, ...review } = recordReviewBody.parse(req.body);
    const today = target.context.today;
    await change(req, res, target, {
      bodyETag: expectedETag,
      detail: `review on ${review.reviewedOn}${review.parentMeeting ? ' with the parents' : ''}`,
      make: (plan) =>
        withReview(
          plan,
          {
            ...review,
            ...(nextReviewOn ? { next: { cycleId: randomUUID(), reviewOn: nextReviewOn } } : {}),
          },
          today,
        ),
    });
  });

  router.post('/pupils/:pupilId/sen-support-plan/parent-meetings', async (req, res) => {
    const target = writablePupil(req, res);
    const { expectedETag, ...meeting } = parentMeetingBody.parse(req.body);
    const today = target.context.today;
    await change(req, res, target, {
      bodyETag: expectedETag,
      detail: `parent meeting on ${meeting.on}`,
      make: (plan) => withParentMeeting(plan, meeting, today),
    });
  });

  return router;
}
