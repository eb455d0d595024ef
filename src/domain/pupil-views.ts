import type { CalendarDate } from './calendar-date.ts';
import type { ExamAccessArrangement, ExamArrangement } from './exam-access.schema.ts';
import type { BroadAreaOfNeed, SenNeed, SenNeedCode } from './needs.ts';
import type { Passport, PassportAcknowledgement } from './passport.schema.ts';
import type { Contact } from './pupil.schema.ts';
import type { ClassRef } from './roll.ts';
import type { SenProvisionCode, SenProvisionPeriod } from './sen-status.ts';
import type { TimelineStep } from './timeline-step.ts';
import type { YearGroup } from './year-group.ts';

/**
 * What the API sends of a pupil to each kind of access: the one definition the server builds to
 * (src/server/access/pupil-views.ts) and the tab reads. 'class' is what a class teacher or TA sees; 'full' is
 * the SENCO's and the SEND team's view. Types only: JSON shapes, so dates are CalendarDate strings and
 * timestamps ISO strings.
 */

export type PupilSummary = {
  id: string;
  displayName: string;
  yearGroup: YearGroup | null;
  classes: ClassRef[];
  senStatus: SenProvisionCode;
  senStatusLabel: string;
  primaryAreaOfNeed: BroadAreaOfNeed | null;
};

export type PupilFlags = {
  lookedAfter: boolean;
  pupilPremium: boolean;
  freeSchoolMeals: boolean;
  eal: boolean;
  topUpFunding: boolean;
};

export type ClassRegisterRow = PupilSummary & { access: 'class' };

export type FullRegisterRow = PupilSummary & {
  access: 'full';
  upn: string;
  primaryNeed: SenNeedCode | null;
  secondaryNeed: SenNeedCode | null;
  flags: PupilFlags;
  hasEhcPlan: boolean;
  /** EHC plan: the day the annual review must be finished by; SEN support: the current cycle's review date. */
  nextReviewDueOn: CalendarDate | null;
  passportReviewDueOn: CalendarDate | null;
};

export type RegisterRow = ClassRegisterRow | FullRegisterRow;

/** The passport as staff who teach the pupil see it. */
export type StaffPassport = {
  version: number;
  aboutMe: string;
  strengths: string[];
  whatIFindHard: string[];
  whatHelpsMe: string[];
  communication: string | null;
  accessArrangements: string[];
  reviewedOn: CalendarDate;
  reviewDueOn: CalendarDate;
};

export type MyAcknowledgement = { passportVersion: number; at: string };

export type ClassPupilView = PupilSummary & {
  access: 'class';
  passport: StaffPassport | null;
  /** Approved, unexpired arrangements: what to give the pupil in class tests too (normal way of working). */
  examAccessArrangements: { arrangement: ExamArrangement }[];
  /** When the caller confirmed reading the current passport version; null if they have not. */
  myAcknowledgement: MyAcknowledgement | null;
};

export type FullPupilView = PupilSummary & {
  access: 'full';
  upn: string;
  legalForename: string;
  legalSurname: string;
  preferredForename: string | null;
  dateOfBirth: CalendarDate;
  yearGroupOffset: number;
  primaryNeed: SenNeedCode | null;
  secondaryNeed: SenNeedCode | null;
  needs: SenNeed[];
  senProvision: SenProvisionPeriod[];
  flags: PupilFlags;
  pepReviewedOn: CalendarDate | null;
  contacts: Contact[];
  passport: (StaffPassport & { updatedBy: string | null }) | null;
  passportETag: string | null;
  examAccessArrangements: ExamAccessArrangement[];
  acknowledgements: PassportAcknowledgement[];
  myAcknowledgement: MyAcknowledgement | null;
  hasEhcPlan: boolean;
  hasSenSupportPlan: boolean;
};

export type PupilView = ClassPupilView | FullPupilView;

/** GET /api/pupils: one page of the register, `total` rows in all. */
export type RegisterPage = { total: number; offset: number; limit: number; pupils: RegisterRow[] };

/** GET /api/classes/{teamGroupId}/pupils: the class's pupils with SEND, as the caller may see them. */
export type ClassPupils = { class: ClassRef; pupils: ClassPupilView[] };

/** GET /api/pupils/{id}/passport as the SENCO and SEND team get it: with its version tag and who read it. */
export type FullPassportAnswer = {
  pupilId: string;
  passport: Passport | null;
  eTag: string | null;
  modifiedAt: string | null;
  modifiedBy: string | null;
  reviewStep: TimelineStep | null;
  /** Who read the current version. */
  acknowledgements: PassportAcknowledgement[];
  myAcknowledgement: MyAcknowledgement | null;
};

/** … and as class staff get it. */
export type ClassPassportAnswer = {
  pupilId: string;
  passport: StaffPassport | null;
  myAcknowledgement: MyAcknowledgement | null;
};

export type PassportAnswer = FullPassportAnswer | ClassPassportAnswer;
