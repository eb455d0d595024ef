import { randomUUID } from 'node:crypto';
import express from 'express';
import { ConflictError } from '../../graph/graph-request-error.ts';
import {
  ceaseDecisionBody,
  ceaseEhcPlanBody,
  changeEhcPlanBody,
  recordEhcPlanBody,
  recordReviewBody,
  reviewTrailBody,
  withdrawCeaseDecisionBody,
  type ReviewAnswer,
} from '../../contract/ehc-plans.ts';
import {
  amendEhcPlan,
  ceaseEhcPlan,
  recordCeaseDecision,
  recordEhcPlan,
  reissueEhcPlan,
  withdrawCeaseDecision,
  type EhcPlanDetails,
  type PlanChangeResult,
} from '../../domain/ehc-plan-changes.ts';
import type { EhcPlan } from '../../domain/ehc-plan.schema.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import { trailProblems } from '../../domain/review-trail.ts';
import { reviewSchema, type Review } from '../../domain/review.schema.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { NotFoundError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { ehcPlanAnswer } from './ehc-routes.ts';
import { findPupilRecord } from './pupil-lookup.ts';
import {
  actorOf,
  auditEntry,
  contextOf,
  param,
  type ApiDeps,
  type RequestContext,
} from './request-context.ts';
import {
  expectedETagField,
  expectedETagOf,
  fieldProblems,
  requireExpectedETag,
  setETagHeader,
} from './validation.ts';
import { englishBankHolidaysAround } from '../bank-holidays.ts';

/**
 * Writing a pupil's EHC plan and its review records: SENCO and SEND team only (everyone else is told there
 * is no such pupil, as for reading the plan). Bodies are the contract's (src/contract/ehc-plans.ts), the
 * rules the domain's (ehc-plan-changes.ts, review-trail.ts); each refusal names the field. Every change
 * quotes the version it was made from (If-Match or expectedETag); a stale one is 409 with the plan or review
 * as now stored, to merge from. Every change is journaled in the audit log with the write.
 */

/** The contract's bodies, with the server's check of the version tag (one printable tag, not `*`). */
const eTagField = { expectedETag: expectedETagField };
const bodies = {
  record: recordEhcPlanBody.extend(eTagField),
  change: changeEhcPlanBody.extend(eTagField),
  ceaseDecision: ceaseDecisionBody.extend(eTagField),
  withdrawal: withdrawCeaseDecisionBody.extend(eTagField),
  cessation: ceaseEhcPlanBody.extend(eTagField),
  trail: reviewTrailBody.extend(eTagField),
};

function detailsOf(body: EhcPlanDetails): EhcPlanDetails {
  const { localAuthority, coordinator, outcomes, provision, placement } = body;
  return { localAuthority, coordinator, outcomes, provision, placement };
}

export function ehcPlanWriteRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  const changeContext = (context: RequestContext) => ({
    today: context.today,
    now: context.now,
    by: context.caller.name,
    bankHolidays: englishBankHolidaysAround(context.today),
  });

  /** A stale change: the plan now stored (the plan alone), a read of it, audited. */
  const planConflict = (context: RequestContext, pupilId: string) =>
    conflictAnswer({
      shape: (current: EhcPlan) => current,
      audit: {
        logger: deps.audit,
        entry: auditEntry(context, {
          action: 'read',
          resource: 'ehc-plan',
          pupilId,
          detail: 'conflict answer',
        }),
      },
    });

  const currentPlan = (pupilId: string): Versioned<EhcPlan> => {
    const plan = records.ehcPlan(pupilId);
    if (!plan) throw new NotFoundError('No EHC plan is recorded for this pupil: record it first.');
    return plan;
  };

  /** Saves the plan the domain made (a refused change is a 400 naming each field) and answers with it. */
  async function savePlan(input: {
    req: express.Request;
    res: express.Response;
    pupil: Pupil;
    eTag: string | undefined;
    result: PlanChangeResult;
    status?: number;
  }): Promise<void> {
    const { res, pupil, eTag, result } = input;
    const context = contextOf(res);
    if (!result.ok) {
      // Refused against a newer plan than the one edited (someone else withdrew or ended it meanwhile): that is
      // a conflict to show, not the caller's mistake.
      const stored = eTag === undefined ? undefined : records.ehcPlan(pupil.id);
      if (stored && stored.eTag !== eTag) {
        await Promise.reject(new ConflictError('EHC plan', stored)).catch(planConflict(context, pupil.id));
      }
      throw fieldProblems(result.problems);
    }
    const change = result.plan.changes.at(-1);
    await deps.audit
      .change(
        auditEntry(context, {
          action: eTag === undefined ? 'create' : 'update',
          resource: 'ehc-plan',
          pupilId: pupil.id,
          detail: `${change?.kind ?? 'changed'} on ${change?.on ?? context.today}`,
        }),
        () => records.saveEhcPlan({ plan: result.plan, expectedETag: eTag, by: actorOf(context) }),
      )
      .catch(planConflict(context, pupil.id));
    const answer = ehcPlanAnswer(records, pupil, context.today);
    if (answer.plan) setETagHeader(res, answer.eTag);
    res.status(input.status ?? 200).json(answer);
  }

  router.post('/pupils/:pupilId/ehc-plan', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = bodies.record.parse(req.body);
    const eTag = expectedETagOf(req, body.expectedETag);
    const existing = records.ehcPlan(pupil.id);
    // A pupil has one plan: a new one only replaces a plan that has ended, quoting its version.
    if (existing && !existing.value.ceasedOn) {
      throw fieldProblems([
        { field: 'issuedOn', message: 'This pupil already has an EHC plan: amend or re-issue it instead' },
      ]);
    }
    if (existing) requireExpectedETag(eTag, 'ended EHC plan');
    const result = recordEhcPlan(
      {
        id: existing?.value.id ?? randomUUID(),
        pupilId: pupil.id,
        details: detailsOf(body),
        issuedOn: body.issuedOn,
        origin: body.origin,
        lastAssessedOn: body.lastAssessedOn,
      },
      changeContext(context),
    );
    // The ended plan's own changes stay with the new one, as its history.
    const withHistory: PlanChangeResult =
      result.ok && existing
        ? { ok: true, plan: { ...result.plan, changes: [...existing.value.changes, ...result.plan.changes] } }
        : result;
    await savePlan({ req, res, pupil, eTag: existing ? eTag : undefined, result: withHistory, status: 201 });
  });

  router.put('/pupils/:pupilId/ehc-plan', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = bodies.change.parse(req.body);
    const eTag = requireExpectedETag(expectedETagOf(req, body.expectedETag), 'EHC plan');
    const plan = currentPlan(pupil.id).value;
    const result =
      body.change === 'amended'
        ? amendEhcPlan(
            plan,
            { details: detailsOf(body), amendedOn: body.on, summary: body.summary },
            changeContext(context),
          )
        : reissueEhcPlan(
            plan,
            { details: detailsOf(body), issuedOn: body.on, summary: body.summary },
            changeContext(context),
          );
    // The domain names the date field by its own name; the form's is `on`.
    const named: PlanChangeResult = result.ok
      ? result
      : {
          ok: false,
          problems: result.problems.map((p) =>
            p.field === 'amendedOn' || p.field === 'issuedOn' ? { ...p, field: 'on' } : p,
          ),
        };
    await savePlan({ req, res, pupil, eTag, result: named });
  });

  router.put('/pupils/:pupilId/ehc-plan/cease-decision', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const { expectedETag, ...decision } = bodies.ceaseDecision.parse(req.body);
    const eTag = requireExpectedETag(expectedETagOf(req, expectedETag), 'EHC plan');
    const result = recordCeaseDecision(currentPlan(pupil.id).value, decision, changeContext(context));
    await savePlan({ req, res, pupil, eTag, result });
  });

  router.post('/pupils/:pupilId/ehc-plan/cease-decision/withdrawal', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = bodies.withdrawal.parse(req.body);
    const eTag = requireExpectedETag(expectedETagOf(req, body.expectedETag), 'EHC plan');
    const result = withdrawCeaseDecision(currentPlan(pupil.id).value, body, changeContext(context));
    await savePlan({ req, res, pupil, eTag, result });
  });

  router.post('/pupils/:pupilId/ehc-plan/cessation', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = bodies.cessation.parse(req.body);
    const eTag = requireExpectedETag(expectedETagOf(req, body.expectedETag), 'EHC plan');
    const result = ceaseEhcPlan(currentPlan(pupil.id).value, body, changeContext(context));
    await savePlan({ req, res, pupil, eTag, result });
  });

  /** Saves a review the trail rules accept and answers with it. */
  async function saveReview(input: {
    res: express.Response;
    pupil: Pupil;
    plan: EhcPlan;
    review: unknown;
    eTag: string | undefined;
    status: number;
  }): Promise<void> {
    const { res, pupil, plan, eTag } = input;
    const context = contextOf(res);
    const parsed = reviewSchema.safeParse(input.review);
    if (!parsed.success) throw parsed.error;
    const problems = trailProblems(parsed.data, context.today);
    if (problems.length > 0) throw fieldProblems(problems);
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: eTag === undefined ? 'create' : 'update',
          resource: 'ehc-plan-review',
          pupilId: pupil.id,
          detail: `review ${parsed.data.id}`,
        }),
        () =>
          records.saveEhcPlanReview({ plan, review: parsed.data, expectedETag: eTag, by: actorOf(context) }),
      )
      .catch(
        conflictAnswer({
          shape: (current: Review) => current,
          audit: {
            logger: deps.audit,
            entry: auditEntry(context, {
              action: 'read',
              resource: 'ehc-plan-review',
              pupilId: pupil.id,
              detail: 'conflict answer',
            }),
          },
        }),
      );
    setETagHeader(res, saved.eTag);
    res.status(input.status).json({
      pupilId: pupil.id,
      review: saved.value,
      eTag: saved.eTag,
      modifiedAt: saved.modifiedAt,
      modifiedBy: saved.modifiedBy ?? null,
    } satisfies ReviewAnswer);
  }

  router.put('/pupils/:pupilId/ehc-plan/reviews/:reviewId', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const { expectedETag, ...trail } = bodies.trail.parse(req.body);
    const eTag = requireExpectedETag(expectedETagOf(req, expectedETag), 'review record');
    const plan = currentPlan(pupil.id).value;
    const current = records.ehcPlanReview(pupil.id, param(req, 'reviewId'));
    if (!current) throw new NotFoundError('No such review of this pupil’s EHC plan.');
    // The trail replaces the trail; what the booking recorded (kind, meeting, invitees, agenda) stays.
    const { id, kind, meetingOn, invitees, preparingForAdulthoodOnAgenda, pepAlignmentNote } = current.value;
    await saveReview({
      res,
      pupil,
      plan,
      review: { id, kind, meetingOn, invitees, preparingForAdulthoodOnAgenda, pepAlignmentNote, ...trail },
      eTag,
      status: 200,
    });
  });

  router.post('/pupils/:pupilId/ehc-plan/reviews', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const { attendees, id = randomUUID(), ...body } = recordReviewBody.parse(req.body);
    const plan = currentPlan(pupil.id).value;
    // The same request again: the review it recorded is the answer, and nothing is recorded twice.
    const recorded = records.ehcPlanReview(pupil.id, id);
    if (recorded && recorded.value.kind === body.kind && recorded.value.meetingOn === body.meetingOn) {
      await deps.audit.record(
        auditEntry(context, {
          action: 'read',
          resource: 'ehc-plan-review',
          pupilId: pupil.id,
          detail: `review ${id}, recorded before`,
        }),
      );
      setETagHeader(res, recorded.eTag);
      res.status(200).json({
        pupilId: pupil.id,
        review: recorded.value,
        eTag: recorded.eTag,
        modifiedAt: recorded.modifiedAt,
        modifiedBy: recorded.modifiedBy ?? null,
      } satisfies ReviewAnswer);
      return;
    }
    if (body.meetingOn > context.today) {
      throw fieldProblems([
        {
          field: 'meetingOn',
          message: 'Meeting date cannot be in the future: book a review that is still to come',
        },
      ]);
    }
    await saveReview({
      res,
      pupil,
      plan,
      // Held outside SENCO Hub's booking: those who came are recorded as invitees who attended.
      review: { id, invitees: attendees.map((a) => ({ ...a, attended: true })), ...body },
      eTag: undefined,
      status: 201,
    });
  });

  return router;
}
