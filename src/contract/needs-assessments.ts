import { z } from 'zod';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { ehcNeedsAssessmentSchema, type EhcNeedsAssessment } from '../domain/ehc-needs-assessment.schema.ts';
import type { TimelineStep } from '../domain/timeline-step.ts';

/**
 * EHC needs assessment requests (SEND Regulations 2014 regs 5, 10 and 13,
 * https://www.legislation.gov.uk/uksi/2014/1530): recording a request, recording the LA's milestones, and
 * the clock the server computes for each. Field names and messages are the domain schema's.
 */

const fields = ehcNeedsAssessmentSchema.shape;

/** POST /api/pupils/{pupilId}/needs-assessments: a request the school knows of. */
export const needsAssessmentRequestBody = z.strictObject({
  requestedBy: fields.requestedBy,
  requestedOn: fields.requestedOn,
  receivedByLaOn: fields.receivedByLaOn,
});
export type NeedsAssessmentRequestBody = z.input<typeof needsAssessmentRequestBody>;

/**
 * PUT /api/pupils/{pupilId}/needs-assessments/{assessmentId}: the request as it now stands, every milestone
 * recorded so far (one left out is not recorded). The server adds `expectedETag`: the version it was read at.
 */
export const needsAssessmentMilestonesBody = z.strictObject({
  requestedBy: fields.requestedBy,
  requestedOn: fields.requestedOn,
  receivedByLaOn: fields.receivedByLaOn,
  decisionToAssess: fields.decisionToAssess,
  schoolAdvice: fields.schoolAdvice,
  notToIssueNotifiedOn: fields.notToIssueNotifiedOn,
  draftPlanServedOn: fields.draftPlanServedOn,
  consultation: fields.consultation,
  finalPlanIssuedOn: fields.finalPlanIssuedOn,
  mediationCertificateOn: fields.mediationCertificateOn,
  exceptions: fields.exceptions.optional(),
});
export type NeedsAssessmentMilestonesBody = z.input<typeof needsAssessmentMilestonesBody>;

/** One request with its version and its clock (open steps on a weekend or bank holiday say so). */
export type NeedsAssessmentView = {
  assessment: EhcNeedsAssessment;
  eTag: string;
  modifiedAt: string | null;
  modifiedBy: string | null;
  timeline: TimelineStep[];
};

/** GET: a pupil's requests, oldest first. POST and PUT answer with the one saved as `saved`. */
export type NeedsAssessmentsAnswer = {
  pupilId: string;
  today: CalendarDate;
  assessments: NeedsAssessmentView[];
};

export type NeedsAssessmentSavedAnswer = { pupilId: string; today: CalendarDate; saved: NeedsAssessmentView };
