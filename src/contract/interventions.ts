import type { CalendarDate } from '../domain/calendar-date.ts';
import type { InterventionView, ProvisionSummary } from '../domain/provision-views.ts';
import type { InterventionAnswer } from './provision.ts';

/**
 * The provision map as read, sessions and measures (its editing: provision.ts):
 *
 * GET  /api/interventions                                  → InterventionsAnswer (full for the SEND team,
 *                                                            delivered for staff who run an intervention)
 * POST /api/interventions/{id}/sessions                    → SessionRecordedAnswer (201)
 * PUT  /api/interventions/{id}/pupils/{pupilId}/measures   → InterventionAnswer
 * GET  /api/provision/summary                              → ProvisionSummaryAnswer (no pupil in it)
 */

export type InterventionsAnswer = { interventions: InterventionView[] };

/** A session as recorded: who came, who did not, and who recorded it (by name). */
export type SessionRecordedAnswer = {
  interventionId: string;
  date: CalendarDate;
  attendedPupilIds: string[];
  absentPupilIds: string[];
  note?: string;
  recordedBy: string;
};

export type MeasuresSavedAnswer = InterventionAnswer;

export type ProvisionSummaryAnswer = ProvisionSummary;
