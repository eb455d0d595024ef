import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { ExamAccessArrangement } from '../../domain/exam-access.schema.ts';
import { broadAreaOf, primaryNeedOn, secondaryNeedOn } from '../../domain/needs.ts';
import type { Passport, PassportAcknowledgement } from '../../domain/passport.schema.ts';
import { pupilDisplayName, pupilYearGroupOn, type Pupil } from '../../domain/pupil.schema.ts';
import type {
  ClassPupilView,
  ClassRegisterRow,
  FullPupilView,
  FullRegisterRow,
  MyAcknowledgement,
  PupilFlags,
  PupilSummary,
  StaffPassport,
} from '../../domain/pupil-views.ts';
import { provisionOn, SEN_PROVISION_LABELS } from '../../domain/sen-status.ts';
import type { Versioned } from '../../graph/send-records.ts';

/**
 * What each kind of access shows of a pupil. Built field by field (never by spreading a record and deleting),
 * so a field added to the record later stays private until someone decides who should see it.
 *
 * A class teacher or TA ('class') sees, as a SENCO would share it: name, year, class, that the pupil is on
 * SEN support or has an EHC plan, the broad area of their primary need, the passport (what helps me,
 * strengths, what I find hard, communication, access arrangements), approved exam access arrangements and
 * whether they have read the current passport. Not theirs: census need codes, dates of birth, UPNs, contacts,
 * looked-after and pupil premium flags, plans, professionals and history.
 *
 * The shapes themselves are in src/domain/pupil-views.ts, shared with the tab.
 */

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
