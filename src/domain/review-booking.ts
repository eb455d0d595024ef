import {
  addDays,
  addWeeks,
  earliestOf,
  formatCalendarDate,
  isAfter,
  isBefore,
  isoWeekdayOf,
  latestOf,
  type CalendarDate,
} from './calendar-date.ts';
import { adviceRequestDueBy, invitationsDueBy } from './annual-review-timeline.ts';
import { PHASE_TRANSFER_LABELS, type PhaseTransfer } from './phase-transfer.ts';
import type { Pupil } from './pupil.schema.ts';
import { REVIEW_ADVICE_CIRCULATION_DAYS, REVIEW_NOTICE_DAYS } from './statutory-rules.ts';

/**
 * Booking an EHC plan review meeting: the window to book in, and what is wrong with a chosen date before it
 * is booked. Pure: today, the timeline's latest meeting date, any phase transfer and the holiday list are
 * inputs.
 *
 * - reg 20(3): at least two weeks' notice of the meeting to those invited.
 * - reg 20(4): the advice and information gathered circulated at least two weeks before the meeting.
 * - CFA 2014 s 44(1) and reg 20(10): the meeting leaves the LA four weeks to decide inside the 12 months
 *   (`latestMeetingDate` from annual-review-timeline.ts).
 * - reg 18: in a phase-transfer year the amended plan must be issued before 15 February (31 March for
 *   secondary to post-16), so the meeting comes earlier (phase-transfer.ts `meetingBy`).
 * https://www.legislation.gov.uk/uksi/2014/1530/regulation/20, https://www.legislation.gov.uk/uksi/2014/1530/regulation/18
 */

export type BookingWindow = {
  /** The earliest date that gives two weeks' notice and professionals time to send advice. */
  readonly earliest: CalendarDate;
  /** The last school day on or before the latest meeting date the rules allow. */
  readonly latest: CalendarDate;
  /** The latest meeting date the rules allow (may fall at a weekend). */
  readonly latestAllowed: CalendarDate;
  /** Set when the latest date was brought forward for a phase transfer. */
  readonly phaseTransfer?: { readonly label: string; readonly amendedBy: CalendarDate };
};

export type BookingWarningCode =
  | 'short-notice'
  | 'advice-late'
  | 'after-latest'
  | 'after-phase-transfer-deadline'
  | 'in-the-past'
  | 'not-a-school-day'
  | 'outside-school-hours';

export type BookingWarning = { readonly code: BookingWarningCode; readonly message: string };

export type BookingInput = {
  readonly today: CalendarDate;
  /** From annualReviewTimeline: the latest meeting that leaves the LA its four weeks. */
  readonly latestMeetingDate: CalendarDate;
  /** The pupil's next phase transfer (nextPhaseTransfer), if any. */
  readonly phaseTransfer?: PhaseTransfer | undefined;
  /** School setting: weeks before the meeting that advice is requested (reg 20(4) leaves two for circulation). */
  readonly adviceRequestWeeksBeforeMeeting: number;
  /** When advice was first requested for this review; undefined when not yet. */
  readonly adviceRequestedOn?: CalendarDate | undefined;
  /** True when every piece of advice asked for has come in. */
  readonly adviceAllReceived?: boolean;
  /** Bank holidays and school closure days. */
  readonly holidays?: readonly CalendarDate[];
};

/**
 * The transfer governs this review when the review could otherwise meet inside the 12 months before the
 * transfer (reg 18 then applies to it), until the amendment deadline has passed.
 */
function applicableTransfer(input: BookingInput): PhaseTransfer | undefined {
  const t = input.phaseTransfer;
  if (!t) return undefined;
  if (isBefore(input.latestMeetingDate, t.windowOpensOn) || isAfter(input.today, t.amendedBy))
    return undefined;
  return t;
}

export function reviewBookingWindow(input: BookingInput): BookingWindow {
  const requestFrom = input.adviceRequestedOn ?? input.today;
  const noticeFrom = addDays(input.today, REVIEW_NOTICE_DAYS);
  const adviceFrom = input.adviceAllReceived
    ? noticeFrom
    : addWeeks(requestFrom, input.adviceRequestWeeksBeforeMeeting);
  const transfer = applicableTransfer(input);
  const latest = transfer ? earliestOf(input.latestMeetingDate, transfer.meetingBy) : input.latestMeetingDate;
  return {
    earliest: nextSchoolDay(latestOf(noticeFrom, adviceFrom), input.holidays ?? []),
    latest: previousSchoolDay(latest, input.holidays ?? []),
    latestAllowed: latest,
    ...(transfer
      ? { phaseTransfer: { label: PHASE_TRANSFER_LABELS[transfer.kind], amendedBy: transfer.amendedBy } }
      : {}),
  };
}

export function isSchoolDay(date: CalendarDate, holidays: readonly CalendarDate[] = []): boolean {
  return isoWeekdayOf(date) <= 5 && !holidays.includes(date);
}

export function previousSchoolDay(date: CalendarDate, holidays: readonly CalendarDate[] = []): CalendarDate {
  let day = date;
  while (!isSchoolDay(day, holidays)) day = addDays(day, -1);
  return day;
}

export function nextSchoolDay(date: CalendarDate, holidays: readonly CalendarDate[] = []): CalendarDate {
  let day = date;
  while (!isSchoolDay(day, holidays)) day = addDays(day, 1);
  return day;
}

/** Everything that would make a meeting on `meetingOn` break a rule, in the order a SENCO would fix them. */
export function reviewBookingWarnings(input: BookingInput & { meetingOn: CalendarDate }): BookingWarning[] {
  const { meetingOn, today } = input;
  const on = formatCalendarDate(meetingOn);
  const warnings: BookingWarning[] = [];
  if (isBefore(meetingOn, today)) {
    warnings.push({ code: 'in-the-past', message: `${on} has already passed.` });
    return warnings;
  }
  if (!isSchoolDay(meetingOn, input.holidays ?? []))
    warnings.push({ code: 'not-a-school-day', message: `${on} is not a school day.` });
  if (isAfter(today, invitationsDueBy(meetingOn)))
    warnings.push({
      code: 'short-notice',
      message: `Invitations sent today give less than two weeks’ notice (reg 20(3)): book on or after ${formatCalendarDate(addDays(today, REVIEW_NOTICE_DAYS))}.`,
    });
  if (!input.adviceAllReceived) {
    const requestedOn = input.adviceRequestedOn ?? today;
    const requestBy = adviceRequestDueBy(meetingOn, input.adviceRequestWeeksBeforeMeeting);
    if (isAfter(requestedOn, requestBy))
      warnings.push({
        code: 'advice-late',
        message: `Advice ${input.adviceRequestedOn ? 'requested' : 'asked for today'} on ${formatCalendarDate(requestedOn)} leaves professionals less than ${input.adviceRequestWeeksBeforeMeeting - REVIEW_ADVICE_CIRCULATION_DAYS / 7} weeks before it must be circulated on ${formatCalendarDate(addDays(meetingOn, -REVIEW_ADVICE_CIRCULATION_DAYS))} (reg 20(4)).`,
      });
  }
  const window = reviewBookingWindow(input);
  if (isAfter(meetingOn, window.latestAllowed)) {
    warnings.push(
      window.phaseTransfer && window.latestAllowed !== input.latestMeetingDate
        ? {
            code: 'after-phase-transfer-deadline',
            message: `${on} is after ${formatCalendarDate(window.latestAllowed)}: for the ${window.phaseTransfer.label} transfer the amended plan must be issued by ${formatCalendarDate(window.phaseTransfer.amendedBy)} (reg 18), which needs the meeting 12 weeks before.`,
          }
        : {
            code: 'after-latest',
            message: `${on} is after ${formatCalendarDate(window.latestAllowed)}, the latest date that leaves the local authority its four weeks to decide within the 12 months (CFA 2014 s 44, reg 20(10)).`,
          },
    );
  }
  return warnings;
}

/**
 * The school days from `from` to `to` (at most `maxDays` of them) as school-hours slots for a free-time
 * search: 'YYYY-MM-DDTHH:MM' wall-clock times in the school's zone.
 */
export function schoolHourSlots(input: {
  from: CalendarDate;
  to: CalendarDate;
  dayStarts: string;
  dayEnds: string;
  holidays?: readonly CalendarDate[];
  maxDays: number;
}): { start: string; end: string }[] {
  const slots: { start: string; end: string }[] = [];
  for (let day = input.from; !isAfter(day, input.to) && slots.length < input.maxDays; day = addDays(day, 1)) {
    if (isSchoolDay(day, input.holidays ?? []))
      slots.push({ start: `${day}T${input.dayStarts}`, end: `${day}T${input.dayEnds}` });
  }
  return slots;
}

/**
 * The calendar subject: initials and the kind of meeting, never a name, need or diagnosis — calendars are
 * widely visible (free/busy, shared diaries, lock-screen notifications).
 */
export function meetingSubject(
  pupil: Pick<Pupil, 'legalForename' | 'legalSurname' | 'preferredForename'>,
  what: string,
): string {
  const initial = (name: string) => (name.trim()[0] ?? '').toUpperCase();
  return `${initial(pupil.preferredForename ?? pupil.legalForename)}.${initial(pupil.legalSurname)}. ${what}`;
}

/**
 * The agenda of an annual review meeting (SEND Code of Practice 9.176), with preparing for adulthood from
 * Year 9 (CoP 8.9, 9.166). No diagnosis or need appears: the invitation goes to people outside the school.
 */
export function reviewAgenda(input: { preparingForAdulthood: boolean; phaseTransfer?: string }): string[] {
  return [
    'Welcome and introductions',
    'The pupil’s views, wishes and feelings, and those of their parents or carers',
    'Progress towards the outcomes in the EHC plan',
    'Advice and information received',
    'Whether the special educational provision, and health and social care provision, is still right',
    ...(input.preparingForAdulthood
      ? ['Preparing for adulthood: employment, independent living, friends and community, and good health']
      : []),
    ...(input.phaseTransfer ? [`The ${input.phaseTransfer} transfer and the next setting`] : []),
    'Whether the plan should be kept, amended or ceased: the recommendation to the local authority',
    'Actions, who will do them, and by when',
  ];
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * A meeting starting before the school day or ending after it (the school's setting): staff may be teaching
 * or gone, and parents were told school hours. Ending exactly as the day ends is inside.
 */
export function schoolHoursWarning(input: {
  startsAt: string;
  durationMinutes: number;
  schoolDay: { starts: string; ends: string };
}): BookingWarning | undefined {
  const start = minutesOf(input.startsAt);
  const end = start + input.durationMinutes;
  if (start >= minutesOf(input.schoolDay.starts) && end <= minutesOf(input.schoolDay.ends)) return undefined;
  return {
    code: 'outside-school-hours',
    message: `${input.startsAt} to ${clock(end)} is outside school hours (${input.schoolDay.starts} to ${input.schoolDay.ends}).`,
  };
}
