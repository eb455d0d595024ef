/**
 * Pupils as the server shows them to the tab (src/server/access/pupil-views.ts is the source of truth; the
 * tab may not import the server, so the shapes are repeated here). 'class' is what a class teacher or TA
 * sees; 'full' is the SENCO's and the SEND team's view.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { ExamAccessArrangement, ExamArrangement } from '../../domain/exam-access.schema.ts';
import type { BroadAreaOfNeed, SenNeed, SenNeedCode } from '../../domain/needs.ts';
import type { Contact } from '../../domain/pupil.schema.ts';
import type { SenProvisionCode, SenProvisionPeriod } from '../../domain/sen-status.ts';
import type { YearGroup } from '../../domain/year-group.ts';

export type ClassRef = { id: string; displayName: string };

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

export type PassportAcknowledgement = {
  pupilId: string;
  passportVersion: number;
  userId: string;
  name: string;
  at: string;
};

export type ClassPupilView = PupilSummary & {
  access: 'class';
  passport: StaffPassport | null;
  examAccessArrangements: { arrangement: ExamArrangement }[];
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

export const FLAG_LABELS: Record<keyof PupilFlags, { short: string; long: string }> = {
  lookedAfter: { short: 'LAC', long: 'Looked after' },
  pupilPremium: { short: 'PP', long: 'Pupil premium' },
  freeSchoolMeals: { short: 'FSM', long: 'Free school meals' },
  eal: { short: 'EAL', long: 'English as an additional language' },
  topUpFunding: { short: 'Top-up', long: 'High-needs top-up funding' },
};

export const EXAM_ARRANGEMENT_LABELS: Record<ExamArrangement, string> = {
  'extra-time-25': '25% extra time',
  'extra-time-up-to-50': 'Up to 50% extra time',
  'supervised-rest-breaks': 'Supervised rest breaks',
  reader: 'Reader',
  'computer-reader': 'Computer reader',
  scribe: 'Scribe',
  'speech-recognition': 'Speech recognition',
  'word-processor': 'Word processor',
  'separate-room': 'Separate room',
  prompter: 'Prompter',
  'modified-paper': 'Modified paper',
  other: 'Other arrangement',
};
