import type { CalendarDate } from '../domain/calendar-date.ts';
import type { EhcNeedsAssessment } from '../domain/ehc-needs-assessment.schema.ts';
import type { EhcPlan } from '../domain/ehc-plan.schema.ts';
import type { ExamAccessArrangement } from '../domain/exam-access.schema.ts';
import type { Intervention, InterventionPupil } from '../domain/intervention.schema.ts';
import type { Meeting } from '../domain/meeting.schema.ts';
import type { Passport, PassportAcknowledgement } from '../domain/passport.schema.ts';
import type { ExternalProfessional } from '../domain/professional.schema.ts';
import type { Pupil } from '../domain/pupil.schema.ts';
import type { Referral } from '../domain/referral.schema.ts';
import type { SenSupportPlan } from '../domain/sen-support-plan.schema.ts';

/**
 * A subject access export (UK GDPR Art 15): everything SENCO Hub holds about one pupil.
 *
 * GET /api/pupils/{pupilId}/subject-access-export              → SubjectAccessExport (JSON)
 * GET /api/pupils/{pupilId}/subject-access-export?format=html  → the same as a printable document
 */

export const SUBJECT_ACCESS_FORMATS = ['json', 'html'] as const;

export type SubjectAccessExport = {
  kind: 'senco-hub-subject-access-export';
  /** The school's name from the settings, when recorded. */
  school: string | null;
  /** When the export was made (an instant) and on which school day. */
  generatedAt: string;
  generatedOn: CalendarDate;
  /** Who made it (a member of the SEND team). */
  generatedBy: string;
  pupil: Pupil & { displayName: string; classNames: string[] };
  passports: { versions: Passport[]; readBy: PassportAcknowledgement[] };
  senSupportPlan: SenSupportPlan | null;
  /** With its review records. */
  ehcPlan: EhcPlan | null;
  needsAssessments: EhcNeedsAssessment[];
  examAccessArrangements: ExamAccessArrangement[];
  interventions: {
    intervention: Pick<
      Intervention,
      'id' | 'name' | 'areaOfNeed' | 'delivery' | 'startOn' | 'endOn' | 'staff'
    >;
    participation: InterventionPupil;
    sessions: { date: CalendarDate; attended: boolean }[];
  }[];
  professionals: ExternalProfessional[];
  referrals: Referral[];
  /** Meetings about the pupil; other pupils' ids are left out, and the notes of a meeting about others too. */
  meetings: (Omit<Meeting, 'notes'> & { notes: string | null; notesWithheld: boolean })[];
  /** Teaching assistants assigned to support the pupil (by their staff id), with dates. */
  taAssignments: { staffUserId: string; from: CalendarDate; to: CalendarDate | null }[];
  /** Who read or changed the pupil's records and when; null when the exporter may not read the audit log. */
  audit:
    | { at: string; who: string; action: string; what: string; detail: string | null; from: string | null }[]
    | null;
  /** What is left out, and why. */
  notes: string[];
};
