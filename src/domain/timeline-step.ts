import { daysBetween, isAfter, type CalendarDate } from './calendar-date.ts';
import type { Rule } from './statutory-rules.ts';
import { nonWorkingDeadline, type BankHolidays, type NonWorkingDeadline } from './working-days.ts';

export type StepStatus = 'upcoming' | 'due-soon' | 'overdue' | 'done';

/** Who has to act: the school's own deadlines versus ones it chases. */
export type StepOwner = 'school' | 'local-authority' | 'family';

export type TimelineStep = {
  /** Stable kebab id, e.g. 'invitations-sent-by'. */
  readonly id: string;
  /** UK English, e.g. 'Send invitations'. */
  readonly label: string;
  /** The last day on which the step is on time. */
  readonly due: CalendarDate;
  readonly rule: Rule;
  readonly owner: StepOwner;
  readonly status: StepStatus;
  readonly completedOn?: CalendarDate;
  /**
   * True when `due` is projected from a date not yet fixed (e.g. from the latest possible meeting date
   * because no meeting is booked): the date will move once the real one is recorded.
   */
  readonly provisional: boolean;
  readonly warnings: readonly string[];
  /**
   * Set when `due` falls on a weekend or bank holiday: the last working day before it, to act by
   * ('Sun 14 Feb — act by Fri 12 Feb'). Added by markNonWorkingDays where the holiday list is known.
   */
  readonly nonWorkingDay?: NonWorkingDeadline;
  /**
   * Set on a meeting step once the meeting is booked and not yet held: the step reads "Booked for 14 January
   * 2027 at 15:30" rather than "hold the meeting by"; `due` stays the latest date the rules allow.
   */
  readonly booked?: BookedMeeting;
};

export type BookedMeeting = {
  readonly on: CalendarDate;
  /** 'HH:MM', school-local, when known (booked through SENCO Hub). */
  readonly startsAt?: string;
  /** The latest date the rules allow the meeting. */
  readonly latestAllowed: CalendarDate;
};

/**
 * done when its completion is recorded; overdue when today is after the due day; due-soon from
 * `dueSoonDays` before the due day up to and including it; upcoming otherwise.
 */
export function stepStatus(
  step: { due: CalendarDate; completedOn?: CalendarDate | undefined },
  today: CalendarDate,
  dueSoonDays: number,
): StepStatus {
  if (step.completedOn !== undefined) return 'done';
  if (isAfter(today, step.due)) return 'overdue';
  return daysBetween(today, step.due) <= dueSoonDays ? 'due-soon' : 'upcoming';
}

export function isOverdue(
  step: { due: CalendarDate; completedOn?: CalendarDate | undefined },
  today: CalendarDate,
): boolean {
  return step.completedOn === undefined && isAfter(today, step.due);
}

/** True when a recorded completion came after the due day. */
export function wasCompletedLate(step: {
  due: CalendarDate;
  completedOn?: CalendarDate | undefined;
}): boolean {
  return step.completedOn !== undefined && isAfter(step.completedOn, step.due);
}

export type StepSpec = {
  id: string;
  label: string;
  due: CalendarDate;
  rule: Rule;
  owner: StepOwner;
  completedOn?: CalendarDate | undefined;
  provisional?: boolean;
  warnings?: readonly string[];
  booked?: BookedMeeting;
};

/** Binds "today" and the due-soon window once, then builds steps with their status. */
export function stepBuilder(context: {
  today: CalendarDate;
  dueSoonDays: number;
}): (spec: StepSpec) => TimelineStep {
  return (spec) => ({
    id: spec.id,
    label: spec.label,
    due: spec.due,
    rule: spec.rule,
    owner: spec.owner,
    status: stepStatus(spec, context.today, context.dueSoonDays),
    ...(spec.completedOn !== undefined ? { completedOn: spec.completedOn } : {}),
    provisional: spec.provisional ?? false,
    warnings: spec.warnings ?? [],
    ...(spec.booked ? { booked: spec.booked } : {}),
  });
}

const URGENCY: Record<StepStatus, number> = { overdue: 0, 'due-soon': 1, upcoming: 2, done: 3 };

/** Chronological order; ties broken by id so the order is stable. */
/**
 * Earliest first. A booked meeting sits at the day it is booked for, not at the latest day it could have been
 * held: the advice due before it and the report due after it read in the order they will happen.
 */
export function byDueDate(a: TimelineStep, b: TimelineStep): number {
  const on = (s: TimelineStep) => s.booked?.on ?? s.due;
  if (on(a) !== on(b)) return on(a) < on(b) ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Overdue first, then due soon, upcoming, done; by date within each. For a SENCO's Monday list. */
export function byUrgency(a: TimelineStep, b: TimelineStep): number {
  return URGENCY[a.status] - URGENCY[b.status] || byDueDate(a, b);
}

/**
 * Marks each open step whose last day is not a working day with the working day before it. Where the law
 * itself moves a deadline (the Tribunal Rules' r 12 for appeals), the step's `due` is already the moved day.
 */
export function markNonWorkingDays(
  steps: readonly TimelineStep[],
  bankHolidays: BankHolidays,
): TimelineStep[] {
  return steps.map((step) => {
    if (step.status === 'done') return step;
    const nonWorkingDay = nonWorkingDeadline(step.due, bankHolidays);
    return nonWorkingDay ? { ...step, nonWorkingDay } : step;
  });
}
