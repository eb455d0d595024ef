import {
  addDays,
  daysBetween,
  isAfter,
  isOnOrAfter,
  isOnOrBefore,
  type CalendarDate,
} from './calendar-date.ts';
import { censusCheck } from './census-check.ts';
import { nextCensusDay } from './census-days.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import { ehcPlanTimeline } from './ehc-plan-timeline.ts';
import type { Intervention } from './intervention.schema.ts';
import { passportReviewStep } from './passport.ts';
import type { Passport } from './passport.schema.ts';
import type { Pupil } from './pupil.schema.ts';
import { isSchoolDay, nthSchoolDayFrom, weekStartOf, type SchoolCalendar } from './school-calendar.ts';
import { provisionOn } from './sen-status.ts';
import { senSupportReviewStep } from './sen-support-plan.ts';
import type { SenSupportPlan } from './sen-support-plan.schema.ts';
import type { TimelineStep } from './timeline-step.ts';

/**
 * Which reminders the bot should post into the staff channel on a school day: event-driven nudges computed
 * from the records and "today", and the weekly digest. Each has a stable key (kind | subject | due date), so
 * whoever posts it can make sure it is posted once. Nothing here names a pupil's needs, diagnosis or passport
 * text: a reminder says whose (first name, last name's initial) and what is due.
 *
 * A nudge becomes due on its `sendFrom` day and may still be posted on the school days after it (up to
 * CATCH_UP_SCHOOL_DAYS), so a server that was down catches up; older ones are left to the weekly digest,
 * which counts everything overdue or due soon.
 */

export const REMINDER_KINDS = [
  'weekly-digest',
  'book-review',
  'invitations',
  'advice',
  'report-to-la',
  'la-decision-overdue',
  'amended-plan-overdue',
  'passport-review',
  'sen-support-review',
  'intervention-ending',
  'phase-transfer',
  'census',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** School days, counting the first, on which a nudge missed on its day is still posted. */
export const CATCH_UP_SCHOOL_DAYS = 5;

/** Days before the due day a nudge is posted (negative: after it, for what others do late). */
const LEAD_DAYS: Record<Exclude<ReminderKind, 'weekly-digest' | 'book-review' | 'census'>, number> = {
  invitations: 7,
  advice: 7,
  'report-to-la': 5,
  'la-decision-overdue': -1,
  'amended-plan-overdue': -1,
  'passport-review': 7,
  'sen-support-review': 14,
  'intervention-ending': 7,
  'phase-transfer': 28,
};
/** Census data problems are raised this many days before census day. */
const CENSUS_LEAD_DAYS = 14;
/** The review window opens this long before advice must be requested for a meeting on the latest lawful day. */
const BOOKING_LEAD_DAYS = 14;

export type PupilRef = { readonly id: string; readonly firstName: string; readonly lastName: string };

export type DigestSummary = {
  readonly overdue: number;
  /** Due in the next 7 days, not overdue. */
  readonly dueThisWeek: number;
  /** Counts by what is to be done, overdue and due this week together, most first. */
  readonly byKind: readonly { readonly label: string; readonly count: number }[];
};

export type Reminder = {
  /** `kind|subject|due`: the same reminder always has the same key. */
  readonly key: string;
  readonly kind: ReminderKind;
  /** Pupil id, intervention id, or 'school'. */
  readonly subjectId: string;
  readonly pupil?: PupilRef;
  readonly due: CalendarDate;
  readonly sendFrom: CalendarDate;
  /** What is due, in the school's words, naming no need. */
  readonly title: string;
  /** The tab's page the card links to: `pupil/<id>/ehc-plan`, `provision`, `register`, `home`. */
  readonly page: string;
  readonly digest?: DigestSummary;
  /** Census: how many data problems. Intervention ending: how many pupils without an exit measure. */
  readonly count?: number;
};

export type PupilRecords = {
  readonly pupil: Pupil;
  readonly ehcPlan?: EhcPlan | undefined;
  readonly senSupportPlan?: SenSupportPlan | undefined;
  readonly passport?: Passport | undefined;
};

export type ReminderInput = {
  readonly today: CalendarDate;
  readonly settings: DomainSettings;
  readonly bankHolidays: readonly CalendarDate[];
  readonly pupils: readonly PupilRecords[];
  readonly interventions: readonly Intervention[];
};

export function schoolCalendarOf(input: Pick<ReminderInput, 'settings' | 'bankHolidays'>): SchoolCalendar {
  return { terms: input.settings.termDates, bankHolidays: input.bankHolidays };
}

export function reminderKey(kind: ReminderKind, subjectId: string, due: CalendarDate): string {
  return `${kind}|${subjectId}|${due}`;
}

/** A timeline step's nudge kind, or undefined for steps that get none (they are in the digest). */
export function nudgeKindOfStep(stepId: string): ReminderKind | undefined {
  if (stepId === 'passport-review-by') return 'passport-review';
  if (stepId === 'sen-support-review-by') return 'sen-support-review';
  if (stepId === 'invitations-sent-by') return 'invitations';
  if (stepId.startsWith('advice-')) return 'advice';
  if (stepId.startsWith('phase-transfer-') || stepId.startsWith('post-16-transfer-')) return 'phase-transfer';
  if (stepId.endsWith('review-report-sent-by')) return 'report-to-la';
  if (stepId.endsWith('la-decision-by')) return 'la-decision-overdue';
  if (stepId.endsWith('final-amended-plan-by')) return 'amended-plan-overdue';
  return undefined;
}

const TITLES: Record<Exclude<ReminderKind, 'weekly-digest' | 'intervention-ending' | 'census'>, string> = {
  'book-review': 'Annual review window open: book the review meeting',
  invitations: 'Send the annual review invitations',
  advice: 'Annual review advice due',
  'report-to-la': 'Send the review report to the local authority',
  'la-decision-overdue': 'The local authority’s decision after the review is overdue: chase it',
  'amended-plan-overdue': 'The final amended EHC plan is overdue: chase the local authority',
  'passport-review': 'Review the pupil passport',
  'sen-support-review': 'SEN support review due with the pupil and parents',
  'phase-transfer': 'Phase-transfer deadline approaching',
};

const PAGE_OF: Partial<Record<ReminderKind, string>> = {
  'passport-review': 'passport',
  'sen-support-review': 'sen-support',
};

function pupilRef(pupil: Pupil): PupilRef {
  return {
    id: pupil.id,
    firstName: pupil.preferredForename ?? pupil.legalForename,
    lastName: pupil.legalSurname,
  };
}

type Candidate = Omit<Reminder, 'key'>;

function pupilNudges(records: PupilRecords, input: ReminderInput): Candidate[] {
  const { pupil } = records;
  const { today, settings } = input;
  const status = provisionOn(pupil.senProvision, today);
  if (status === 'N') return [];
  const out: Candidate[] = [];
  const ref = pupilRef(pupil);
  const pupilPage = (kind: ReminderKind) =>
    `pupil/${encodeURIComponent(pupil.id)}/${PAGE_OF[kind] ?? 'ehc-plan'}`;
  const steps: TimelineStep[] = [];
  if (records.ehcPlan) {
    const timeline = ehcPlanTimeline({ plan: records.ehcPlan, pupil, settings, today });
    steps.push(...timeline.steps);
    const meeting = timeline.steps.find((s) => s.id === 'meeting-held-by');
    if (meeting && meeting.status !== 'done' && timeline.annualReview.meetingOn === undefined) {
      const opens = addDays(meeting.due, -(settings.adviceRequestWeeksBeforeMeeting * 7 + BOOKING_LEAD_DAYS));
      out.push({
        kind: 'book-review',
        subjectId: pupil.id,
        pupil: ref,
        due: meeting.due,
        sendFrom: opens,
        title: TITLES['book-review'],
        page: pupilPage('book-review'),
      });
    }
  }
  if (records.senSupportPlan && status === 'K') {
    const step = senSupportReviewStep({ plan: records.senSupportPlan, settings, today });
    if (step) steps.push(step);
  }
  if (records.passport) steps.push(passportReviewStep({ passport: records.passport, settings, today }));
  for (const step of steps) {
    const kind = nudgeKindOfStep(step.id);
    // Projected dates move once a meeting is booked: the booking nudge covers them until then.
    if (!kind || step.status === 'done' || step.provisional) continue;
    if (
      kind === 'book-review' ||
      kind === 'weekly-digest' ||
      kind === 'census' ||
      kind === 'intervention-ending'
    )
      continue;
    out.push({
      kind,
      subjectId: pupil.id,
      pupil: ref,
      due: step.due,
      sendFrom: addDays(step.due, -LEAD_DAYS[kind]),
      title: TITLES[kind],
      page: pupilPage(kind),
    });
  }
  return out;
}

function interventionNudges(input: ReminderInput): Candidate[] {
  return input.interventions.flatMap((intervention) => {
    const { endOn } = intervention;
    if (!endOn) return [];
    const missing = intervention.pupils.filter(
      (p) => p.exitMeasure === undefined && !(p.leftOn && isAfter(endOn, p.leftOn)),
    ).length;
    if (missing === 0) return [];
    return [
      {
        kind: 'intervention-ending' as const,
        subjectId: intervention.id,
        due: endOn,
        sendFrom: addDays(endOn, -LEAD_DAYS['intervention-ending']),
        title: `Intervention ending: record exit data for ${missing} ${missing === 1 ? 'pupil' : 'pupils'}`,
        page: 'provision',
        count: missing,
      },
    ];
  });
}

function censusNudge(input: ReminderInput): Candidate[] {
  const census = nextCensusDay(input.today);
  const sendFrom = addDays(census.date, -CENSUS_LEAD_DAYS);
  if (isAfter(sendFrom, input.today)) return [];
  const result = censusCheck({
    pupils: input.pupils.map((p) => p.pupil),
    plans: input.pupils.flatMap((p) => (p.ehcPlan ? [p.ehcPlan] : [])),
    on: census.date,
  });
  if (result.errorCount === 0) return [];
  return [
    {
      kind: 'census',
      subjectId: 'school',
      due: census.date,
      sendFrom,
      title: `Census day approaching: ${result.errorCount} SEN data ${result.errorCount === 1 ? 'problem' : 'problems'} to fix`,
      page: 'register',
      count: result.errorCount,
    },
  ];
}

/** The day this week's digest is posted: the first school day on or after the chosen weekday, up to Friday. */
export function digestDayOfWeek(
  weekStart: CalendarDate,
  input: Pick<ReminderInput, 'settings' | 'bankHolidays'>,
) {
  const calendar = schoolCalendarOf(input);
  for (let weekday = input.settings.reminders.digestWeekday; weekday <= 5; weekday += 1) {
    const day = addDays(weekStart, weekday - 1);
    if (isSchoolDay(day, calendar)) return day;
  }
  return undefined;
}

const DIGEST_LABELS: Record<string, string> = {
  'book-review': 'annual review meetings to hold',
  invitations: 'review invitations to send',
  advice: 'review advice to request or circulate',
  'report-to-la': 'review reports to send to the local authority',
  'la-decision-overdue': 'local authority decisions to chase',
  'amended-plan-overdue': 'amended EHC plans to chase',
  'passport-review': 'passport reviews',
  'sen-support-review': 'SEN support reviews',
  'phase-transfer': 'phase-transfer steps',
  'review-due': 'annual reviews to complete',
  other: 'other statutory steps',
};

function digestKindOf(step: TimelineStep): string {
  if (step.id === 'meeting-held-by') return 'book-review';
  if (['review-due-by', 'next-review-due-by', 'under-five-review-by'].includes(step.id)) return 'review-due';
  return nudgeKindOfStep(step.id) ?? 'other';
}

/** Everything overdue or due in the next 7 days across the register, counted by what is to be done. */
export function digestSummary(input: ReminderInput): DigestSummary {
  const { today, settings } = input;
  const horizon = addDays(today, 7);
  const counts = new Map<string, number>();
  let overdue = 0;
  let dueThisWeek = 0;
  for (const { pupil, ehcPlan, senSupportPlan, passport } of input.pupils) {
    const status = provisionOn(pupil.senProvision, today);
    if (status === 'N') continue;
    const steps: TimelineStep[] = [];
    if (ehcPlan) steps.push(...ehcPlanTimeline({ plan: ehcPlan, pupil, settings, today }).steps);
    if (senSupportPlan && status === 'K') {
      const step = senSupportReviewStep({ plan: senSupportPlan, settings, today });
      if (step) steps.push(step);
    }
    if (passport) steps.push(passportReviewStep({ passport, settings, today }));
    for (const step of steps) {
      if (step.status === 'done' || !isOnOrBefore(step.due, horizon)) continue;
      if (step.status === 'overdue') overdue += 1;
      else dueThisWeek += 1;
      const label = DIGEST_LABELS[digestKindOf(step)] ?? DIGEST_LABELS['other']!;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  const byKind = [...counts.entries()]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en-GB'));
  return { overdue, dueThisWeek, byKind };
}

function digestReminder(input: ReminderInput): Candidate[] {
  const day = digestDayOfWeek(weekStartOf(input.today), input);
  if (!day || isAfter(day, input.today)) return [];
  return [
    {
      kind: 'weekly-digest',
      subjectId: 'school',
      due: day,
      sendFrom: day,
      title: 'This week’s SEND reminders',
      page: 'home',
      digest: digestSummary(input),
    },
  ];
}

/**
 * The reminders to post on `today`, if it is a school day (none otherwise): this week's digest once its day has
 * come (until the week ends), and each nudge from its `sendFrom` day for CATCH_UP_SCHOOL_DAYS school days.
 * Keys are unique in the answer; the order is digest first, then by due date.
 */
export function remindersDue(input: ReminderInput): Reminder[] {
  const calendar = schoolCalendarOf(input);
  if (!isSchoolDay(input.today, calendar)) return [];
  const nudges = [
    ...input.pupils.flatMap((records) => pupilNudges(records, input)),
    ...interventionNudges(input),
    ...censusNudge(input),
  ].filter((n) => {
    if (isAfter(n.sendFrom, input.today)) return false;
    const last = nthSchoolDayFrom(n.sendFrom, CATCH_UP_SCHOOL_DAYS, calendar);
    return last !== undefined && isOnOrBefore(input.today, last);
  });
  nudges.sort(
    (a, b) =>
      daysBetween(b.due, a.due) || a.kind.localeCompare(b.kind) || a.subjectId.localeCompare(b.subjectId),
  );
  const seen = new Set<string>();
  const out: Reminder[] = [];
  for (const candidate of [...digestReminder(input), ...nudges]) {
    const key = reminderKey(candidate.kind, candidate.subjectId, candidate.due);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, ...candidate });
  }
  return out;
}

/** True when `day` is within a nudge's posting window (for tests and the simulated run's explanations). */
export function isInPostingWindow(
  reminder: Pick<Reminder, 'sendFrom'>,
  day: CalendarDate,
  calendar: SchoolCalendar,
) {
  const last = nthSchoolDayFrom(reminder.sendFrom, CATCH_UP_SCHOOL_DAYS, calendar);
  return (
    isOnOrAfter(day, reminder.sendFrom) &&
    last !== undefined &&
    isOnOrBefore(day, last) &&
    isSchoolDay(day, calendar)
  );
}
