import { academicYearLabel, academicYearOf } from './academic-year.ts';
import { formatCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { ExamAccessArrangement, ExamArrangement } from './exam-access.schema.ts';
import { pupilYearGroupOn, type Pupil } from './pupil.schema.ts';
import { RULES, type Rule } from './statutory-rules.ts';
import { yearGroupNumber } from './year-group.ts';

/** Below-average standardised score for Form 8 (secondary source: check the current JCQ edition). */
export const FORM_8_BELOW_AVERAGE_MAX = 84;
/** Low-average band that can pair with one below-average score. */
export const FORM_8_LOW_AVERAGE = { from: 85, to: 89 } as const;
/** Form 8 assessments count from Year 9 (secondary source). */
export const FORM_8_EARLIEST_YEAR = 9;

/**
 * 25% extra time by Form 8: two below-average scores (84 or less), or one of 84 or less and one of
 * 85-89, in speed-of-working tests.
 */
export function form8SupportsExtraTime(scores: readonly number[]): boolean {
  const below = scores.filter((s) => s <= FORM_8_BELOW_AVERAGE_MAX).length;
  const lowAverage = scores.filter((s) => s >= FORM_8_LOW_AVERAGE.from && s <= FORM_8_LOW_AVERAGE.to).length;
  return below >= 2 || (below >= 1 && lowAverage >= 1);
}

export type AccessArrangementIssue = { readonly message: string; readonly rule: Rule };

/** What a SENCo should check before exams, for one arrangement. */
export function accessArrangementIssues(input: {
  arrangement: ExamAccessArrangement;
  pupil: Pick<Pupil, 'dateOfBirth' | 'yearGroupOffset'>;
  today: CalendarDate;
}): AccessArrangementIssue[] {
  const { arrangement: a, pupil, today } = input;
  if (a.status === 'withdrawn' || a.status === 'rejected') return [];
  const issues: AccessArrangementIssue[] = [];
  const currentYear = academicYearOf(today);
  if (a.regulationsAcademicYear !== currentYear) {
    issues.push({
      message: `Checked against the ${academicYearLabel(a.regulationsAcademicYear)} JCQ regulations: check it against ${academicYearLabel(currentYear)}`,
      rule: RULES.jcqRegulationsYear,
    });
  }
  if (!a.normalWayOfWorkingEvidence) {
    issues.push({
      message: 'No evidence recorded that this is the candidate’s normal way of working',
      rule: RULES.jcqNormalWayOfWorking,
    });
  }
  if (a.expiresOn && a.expiresOn < today) {
    issues.push({
      message: `The approval expired on ${formatCalendarDate(a.expiresOn)}`,
      rule: RULES.jcqRegulationsYear,
    });
  }
  if (a.form8) {
    const yearGroup = pupilYearGroupOn(pupil, a.form8.assessedOn);
    if (yearGroup !== undefined && yearGroupNumber(yearGroup) < FORM_8_EARLIEST_YEAR) {
      issues.push({
        message: `The Form 8 assessment on ${formatCalendarDate(a.form8.assessedOn)} was in ${yearGroup}: it must be from Year 9`,
        rule: RULES.jcqForm8ExtraTime,
      });
    }
    if (
      a.arrangement === 'extra-time-25' &&
      !form8SupportsExtraTime(a.form8.scores.map((s) => s.standardisedScore))
    ) {
      issues.push({
        message: 'The Form 8 scores do not reach the usual threshold for 25% extra time',
        rule: RULES.jcqForm8ExtraTime,
      });
    }
  } else if (a.arrangement === 'extra-time-25' && a.route === 'aao') {
    issues.push({
      message: 'No Form 8 assessment is recorded for 25% extra time',
      rule: RULES.jcqForm8ExtraTime,
    });
  }
  return issues;
}

/** Words that name an exam arrangement in free text (a passport's "access arrangements"). */
const MENTIONS: readonly (readonly [ExamArrangement, RegExp])[] = [
  ['extra-time-25', /\b25\s*%|\bextra time\b/i],
  ['extra-time-up-to-50', /\b50\s*%/i],
  ['supervised-rest-breaks', /\brest breaks?\b/i],
  ['computer-reader', /\bcomputer reader\b|\btext[- ]to[- ]speech\b/i],
  ['reader', /\breader\b/i],
  ['scribe', /\bscribe\b/i],
  ['speech-recognition', /\bspeech recognition\b|\bvoice typing\b/i],
  ['word-processor', /\bword processor\b|\blaptop\b/i],
  ['separate-room', /\bseparate room\b|\bsmall room\b/i],
  ['prompter', /\bprompter\b/i],
  ['modified-paper', /\bmodified paper\b|\benlarged paper\b/i],
];

/** The exam arrangements a line of free text names (a computer reader is not also a reader). */
export function examArrangementsNamedIn(text: string): ExamArrangement[] {
  const named = MENTIONS.filter(([, pattern]) => pattern.test(text)).map(([a]) => a);
  return named.includes('computer-reader') ? named.filter((a) => a !== 'reader') : named;
}

/**
 * The passport's free-text access arrangements that name an exam arrangement with no live record (none, or
 * only rejected or withdrawn ones). They stay on the passport as written (how the pupil works in class, the
 * "normal way of working" JCQ asks for); the SENCO is asked to record the exam arrangement itself.
 */
export function unrecordedPassportArrangements(input: {
  passportItems: readonly string[];
  recorded: readonly Pick<ExamAccessArrangement, 'arrangement' | 'status'>[];
}): string[] {
  const live = new Set(
    input.recorded
      .filter((a) => a.status !== 'rejected' && a.status !== 'withdrawn')
      .map((a) => a.arrangement),
  );
  return input.passportItems.filter((item) => {
    const named = examArrangementsNamedIn(item);
    return named.length > 0 && named.some((a) => !live.has(a));
  });
}
