import express from 'express';
import {
  needsAssessmentMilestonesBody,
  needsAssessmentRequestBody,
  type NeedsAssessmentSavedAnswer,
  type NeedsAssessmentsAnswer,
  type NeedsAssessmentView,
} from '../../contract/needs-assessments.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { needsAssessmentProblems } from '../../domain/ehc-needs-assessment-record.ts';
import { ehcNeedsAssessmentTimeline } from '../../domain/ehc-needs-assessment.ts';
import type { EhcNeedsAssessment } from '../../domain/ehc-needs-assessment.schema.ts';
import { markNonWorkingDays } from '../../domain/timeline-step.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { englishBankHolidaysAround } from '../bank-holidays.ts';
import { NotFoundError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { findPupilRecord } from './pupil-lookup.ts';
import { actorOf, auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';
import {
  expectedETagField,
  expectedETagOf,
  fieldProblems,
  requireExpectedETag,
  setETagHeader,
} from './validation.ts';

/**
 * A pupil's EHC needs assessment requests and the statutory clock of each (SEND Regulations 2014 regs 5, 10
 * and 13, https://www.legislation.gov.uk/uksi/2014/1530), `today` the school's date in England and English
 * bank holidays marked. SENCO and SEND team only; 404 for everyone else. A milestone quotes the version it
 * was made from (If-Match or expectedETag); a change someone else made in between is a 409 with the request
 * as now stored.
 */

const milestonesBody = needsAssessmentMilestonesBody.extend({ expectedETag: expectedETagField });

export function needsAssessmentRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  function viewOf(record: Versioned<EhcNeedsAssessment>, today: CalendarDate): NeedsAssessmentView {
    const bankHolidays = englishBankHolidaysAround(today);
    const steps = ehcNeedsAssessmentTimeline({
      assessment: record.value,
      settings: records.settings().value,
      today,
      bankHolidays,
    });
    return {
      assessment: record.value,
      eTag: record.eTag,
      modifiedAt: record.modifiedAt || null,
      modifiedBy: record.modifiedBy ?? null,
      timeline: markNonWorkingDays(steps, bankHolidays),
    };
  }

  router.get('/pupils/:pupilId/needs-assessments', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'needs-assessment', pupilId: pupil.id }),
    );
    res.json({
      pupilId: pupil.id,
      today: context.today,
      assessments: records.needsAssessments(pupil.id).map((a) => viewOf(a, context.today)),
    } satisfies NeedsAssessmentsAnswer);
  });

  router.post('/pupils/:pupilId/needs-assessments', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = needsAssessmentRequestBody.parse(req.body);
    const assessment = { ...body, pupilId: pupil.id, exceptions: [] };
    const problems = needsAssessmentProblems(assessment, context.today);
    if (problems.length > 0) throw fieldProblems(problems);
    const saved = await deps.audit.change(
      auditEntry(context, {
        action: 'create',
        resource: 'needs-assessment',
        pupilId: pupil.id,
        detail: `request received by the LA on ${assessment.receivedByLaOn}`,
      }),
      () => records.createNeedsAssessment({ assessment, by: actorOf(context) }),
      { detail: (s, entry) => `${entry.detail ?? ''} (${s.value.id})` },
    );
    setETagHeader(res, saved.eTag);
    res.status(201).json({
      pupilId: pupil.id,
      today: context.today,
      saved: viewOf(saved, context.today),
    } satisfies NeedsAssessmentSavedAnswer);
  });

  router.put('/pupils/:pupilId/needs-assessments/:assessmentId', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const { expectedETag, ...body } = milestonesBody.parse(req.body);
    const current = records.needsAssessments(pupil.id).find((a) => a.value.id === param(req, 'assessmentId'));
    if (!current) throw new NotFoundError('No such EHC needs assessment request for this pupil.');
    const eTag = requireExpectedETag(expectedETagOf(req, expectedETag), 'EHC needs assessment request');
    const assessment: EhcNeedsAssessment = {
      ...body,
      exceptions: body.exceptions ?? current.value.exceptions,
      id: current.value.id,
      pupilId: pupil.id,
    };
    const problems = needsAssessmentProblems(assessment, context.today);
    if (problems.length > 0) throw fieldProblems(problems);
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: 'update',
          resource: 'needs-assessment',
          pupilId: pupil.id,
          detail: `milestones of ${assessment.id}, replacing ${eTag}`,
        }),
        () => records.updateNeedsAssessment({ assessment, expectedETag: eTag, by: actorOf(context) }),
      )
      // The request as now stored, to merge from: a read of it, audited.
      .catch(
        conflictAnswer({
          shape: (stored: EhcNeedsAssessment) => stored,
          audit: {
            logger: deps.audit,
            entry: auditEntry(context, {
              action: 'read',
              resource: 'needs-assessment',
              pupilId: pupil.id,
              detail: 'conflict answer',
            }),
          },
        }),
      );
    setETagHeader(res, saved.eTag);
    res.json({
      pupilId: pupil.id,
      today: context.today,
      saved: viewOf(saved, context.today),
    } satisfies NeedsAssessmentSavedAnswer);
  });

  return router;
}
