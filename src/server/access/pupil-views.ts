import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { ExamAccessArrangement } from '../../domain/exam-access.schema.ts';
import {
  broadAreaOf,
  primaryNeedOn,
  secondaryNeedOn,
  type BroadAreaOfNeed,
  type SenNeed,
  type SenNeedCode,
} from '../../domain/needs.ts';
import type { Passport } from '../../domain/passport.schema.ts';
import { pupilDisplayName, pupilYearGroupOn, type Contact, type Pupil } from '../../domain/pupil.schema.ts';
import {
  provisionOn,
  SEN_PROVISION_LABELS,
  type SenProvisionCode,
  type SenProvisionPeriod,
} from '../../domain/sen-status.ts';
import type { YearGroup } from '../../domain/year-group.ts';
import type { ClassRef } from '../../graph/directory.ts';
import type { PassportAcknowledgement, Versioned } from '../../graph/send-records.ts';

/**
 * What each kind of access shows of a pupil. Built field by field (never by spreading a record and deleting),
 * so a field added to the record later stays private until someone decides who should see it.
 *
 * A class teacher or TA ('class') sees, as a SENCO would share it: name, year, class, that the pupil is on
 * SEN support or has an EHC plan, the broad area of their primary need, the passport (what helps me,
 * strengths, what I find hard, communication, access arrangements), approved exam access arrangements and
 * whether they have read the current passport. Not theirs: census need codes, dates of birth, UPNs, contacts,
 * looked-after and pupil premium flags, plans, professionals and history.
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
  examAccessArrangements: { arrangement: ExamAccessArrangement['arrangement'] }[];
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

export type PupilFacts = {
  pupil: Pupil;
  /** Class display names by id. */
  classNames: ReadonlyMap<string, string>;
  today: CalendarDate;
};

export function pupilSummary({ pupil, classNames, today }: PupilFacts): PupilSummary {
  const senStatus = provisionOn(pupil.senProvision, today);
  const primary = primaryNeedOn(pupil.needs, today);
  return {
    id: pupil.id,
    displayName: pupilDisplayName(pupil),
    yearGroup: pupilYearGroupOn(pupil, today) ?? null,
    classes: pupil.classIds.map((id) => ({ id, displayName: classNames.get(id) ?? id })),
    senStatus,
    senStatusLabel: SEN_PROVISION_LABELS[senStatus],
    primaryAreaOfNeed: senStatus !== 'N' && primary ? broadAreaOf(primary) : null,
  };
}

function flagsOf(pupil: Pupil): PupilFlags {
  return {
    lookedAfter: pupil.lookedAfter,
    pupilPremium: pupil.pupilPremium,
    freeSchoolMeals: pupil.freeSchoolMeals,
    eal: pupil.eal,
    topUpFunding: pupil.topUpFunding,
  };
}

export function classRegisterRow(facts: PupilFacts): ClassRegisterRow {
  return { access: 'class', ...pupilSummary(facts) };
}

export function fullRegisterRow(
  facts: PupilFacts & {
    hasEhcPlan: boolean;
    nextReviewDueOn: CalendarDate | undefined;
    passportReviewDueOn: CalendarDate | undefined;
  },
): FullRegisterRow {
  const { pupil, today } = facts;
  return {
    access: 'full',
    ...pupilSummary(facts),
    upn: pupil.upn,
    primaryNeed: primaryNeedOn(pupil.needs, today) ?? null,
    secondaryNeed: secondaryNeedOn(pupil.needs, today) ?? null,
    flags: flagsOf(pupil),
    hasEhcPlan: facts.hasEhcPlan,
    nextReviewDueOn: facts.nextReviewDueOn ?? null,
    passportReviewDueOn: facts.passportReviewDueOn ?? null,
  };
}

export function staffPassport(passport: Passport): StaffPassport {
  return {
    version: passport.version,
    aboutMe: passport.aboutMe,
    strengths: [...passport.strengths],
    whatIFindHard: [...passport.whatIFindHard],
    whatHelpsMe: [...passport.whatHelpsMe],
    communication: passport.communication ?? null,
    accessArrangements: [...passport.accessArrangements],
    reviewedOn: passport.reviewedOn,
    reviewDueOn: passport.reviewDueOn,
  };
}

/** The caller's own acknowledgement of the current passport version, if any. */
export function myAcknowledgementOf(input: {
  acknowledgements: readonly PassportAcknowledgement[];
  passport: Passport | undefined;
  userId: string;
}): MyAcknowledgement | null {
  const mine = input.acknowledgements.find(
    (a) => a.userId === input.userId && a.passportVersion === input.passport?.version,
  );
  return mine ? { passportVersion: mine.passportVersion, at: mine.at } : null;
}

export type ClassPupilFacts = PupilFacts & {
  passport: Versioned<Passport> | undefined;
  examAccessArrangements: readonly ExamAccessArrangement[];
  acknowledgements: readonly PassportAcknowledgement[];
  callerUserId: string;
};

export type FullPupilFacts = ClassPupilFacts & { hasEhcPlan: boolean; hasSenSupportPlan: boolean };

export function classPupilView(facts: ClassPupilFacts): ClassPupilView {
  const passport = facts.passport?.value;
  return {
    access: 'class',
    ...pupilSummary(facts),
    passport: passport ? staffPassport(passport) : null,
    examAccessArrangements: facts.examAccessArrangements
      .filter((a) => a.status === 'approved' && (a.expiresOn === undefined || a.expiresOn >= facts.today))
      .map((a) => ({ arrangement: a.arrangement })),
    myAcknowledgement: myAcknowledgementOf({
      acknowledgements: facts.acknowledgements,
      passport,
      userId: facts.callerUserId,
    }),
  };
}

export function fullPupilView(facts: FullPupilFacts): FullPupilView {
  const { pupil, today } = facts;
  const passport = facts.passport?.value;
  return {
    access: 'full',
    ...pupilSummary(facts),
    upn: pupil.upn,
    legalForename: pupil.legalForename,
    legalSurname: pupil.legalSurname,
    preferredForename: pupil.preferredForename ?? null,
    dateOfBirth: pupil.dateOfBirth,
    yearGroupOffset: pupil.yearGroupOffset,
    primaryNeed: primaryNeedOn(pupil.needs, today) ?? null,
    secondaryNeed: secondaryNeedOn(pupil.needs, today) ?? null,
    needs: [...pupil.needs],
    senProvision: [...pupil.senProvision],
    flags: flagsOf(pupil),
    pepReviewedOn: pupil.pepReviewedOn ?? null,
    contacts: [...pupil.contacts],
    passport: passport ? { ...staffPassport(passport), updatedBy: passport.updatedBy ?? null } : null,
    passportETag: facts.passport?.eTag ?? null,
    examAccessArrangements: [...facts.examAccessArrangements],
    acknowledgements: [...facts.acknowledgements],
    myAcknowledgement: myAcknowledgementOf({
      acknowledgements: facts.acknowledgements,
      passport,
      userId: facts.callerUserId,
    }),
    hasEhcPlan: facts.hasEhcPlan,
    hasSenSupportPlan: facts.hasSenSupportPlan,
  };
}
