import { z } from 'zod';
import { type CalendarDate } from '../domain/calendar-date.ts';
import { calendarDateField } from '../domain/calendar-date-field.ts';
import type { Intervention, InterventionPupil } from '../domain/intervention.schema.ts';
import type { MeetingKind } from '../domain/meeting.schema.ts';
import { SEN_NEED_CODES, type BroadAreaOfNeed, type SenNeedCode } from '../domain/needs.ts';
import type { ClassPupils, PupilView } from '../domain/pupil-views.ts';
import {
  SEN_PROVISION_CODES,
  type AnySenProvisionCode,
  type SenProvisionCode,
} from '../domain/sen-status.ts';
import { expectedETagField } from './version-tag.ts';

/**
 * One pupil, and the class view, between the tab and the server:
 *
 * GET  /api/pupils/{id}                    → PupilAnswer (the whole record, or the class view: by access)
 * GET  /api/pupils/{id}/interventions      → PupilInterventionsAnswer
 * GET  /api/pupils/{id}/meetings           → PupilMeetingsAnswer
 * GET  /api/pupils/{id}/history            → SenHistoryAnswer
 * POST /api/pupils/{id}/sen-status         senStatusBody → SenHistoryAnswer
 * POST /api/pupils/{id}/needs              needsBody → SenHistoryAnswer
 * GET  /api/classes/{teamGroupId}/pupils   → ClassPupilsAnswer
 */

export type PupilAnswer = PupilView;
export type ClassPupilsAnswer = ClassPupils;

/** An intervention the pupil is in, with their entry and exit measures and their share of its cost. */
export type PupilIntervention = {
  id: string;
  name: string;
  areaOfNeed: BroadAreaOfNeed;
  delivery: Intervention['delivery'];
  staff: Intervention['staff'];
  startOn: CalendarDate;
  endOn: CalendarDate | null;
  measureName: string | null;
  participation: InterventionPupil;
  costShare: number | null;
};
export type PupilInterventionsAnswer = { pupilId: string; interventions: PupilIntervention[] };

/** A meeting about the pupil. Notes are left out: a meeting about several pupils may note the others. */
export type PupilMeeting = {
  id: string;
  kind: MeetingKind;
  on: CalendarDate;
  startsAt: string | null;
  durationMinutes: number | null;
  location: string | null;
  attendees: { name: string; role: string | null }[];
  upcoming: boolean;
};
export type PupilMeetingsAnswer = { pupilId: string; meetings: PupilMeeting[] };

/** SEN status and needs over time, with the version a change quotes. */
export type SenHistoryAnswer = {
  pupilId: string;
  senStatus: SenProvisionCode;
  primaryNeed: SenNeedCode | null;
  secondaryNeed: SenNeedCode | null;
  senProvision: {
    code: AnySenProvisionCode;
    label: string;
    startOn: CalendarDate;
    endOn: CalendarDate | null;
  }[];
  needs: {
    code: SenNeedCode;
    description: string;
    broadArea: BroadAreaOfNeed;
    rank: 1 | 2;
    startOn: CalendarDate | null;
    endOn: CalendarDate | null;
  }[];
  eTag: string;
  /** Who last changed the status or needs in SENCO Hub, and when. */
  modifiedAt: string | null;
  modifiedBy: string | null;
};

const fromField = calendarDateField('From date');

export const senStatusBody = z.strictObject({
  code: z.enum(SEN_PROVISION_CODES, { error: 'SEN status must be N, K or E' }),
  from: fromField,
  expectedETag: expectedETagField,
});
export type SenStatusBody = z.input<typeof senStatusBody>;

const needCode = (label: string) =>
  z.enum(SEN_NEED_CODES, { error: `${label} must be one of ${SEN_NEED_CODES.join(', ')}` });

export const needsBody = z.strictObject({
  primaryNeed: needCode('Primary need'),
  /** null or left out: no secondary need. */
  secondaryNeed: needCode('Secondary need').nullable().optional(),
  from: fromField,
  expectedETag: expectedETagField,
});
export type NeedsBody = z.input<typeof needsBody>;
