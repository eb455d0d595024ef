import type { CalendarDate } from './calendar-date.ts';
import type { TimelineStep } from './timeline-step.ts';

/**
 * GET /api/due-work as the server sends it (src/server/api/due-work-routes.ts) and the tab reads it.
 * Types only: JSON shapes.
 */

/** What a piece of due work is about, for grouping and wording on the SENCO's home. */
export type DueKind =
  | 'ehc-review'
  | 'invitations'
  | 'advice'
  | 'report'
  | 'la-decision'
  | 'phase-transfer'
  | 'sen-support-review'
  | 'passport'
  | 'needs-assessment'
  /** A referral to a service outside the school whose response is due or overdue (referral.ts). */
  | 'referral'
  | 'other';

export type DueWorkItem = { pupilId: string; pupilName: string; kind: DueKind; step: TimelineStep };

/**
 * Every step across the register that is overdue or due within `within` days, from each pupil's EHC plan
 * timeline, EHC needs assessment requests, SEN support plan and passport, most urgent first (SEND team).
 */
export type DueWork = { today: CalendarDate; within: number; items: DueWorkItem[] };
