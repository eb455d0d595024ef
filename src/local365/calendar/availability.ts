import type { WorkingHours } from '../directory/directory-store.ts';
import type { AttendeeType, FreeBusyStatus, StoredEvent } from './calendar-store.ts';
import { wallClock } from './time-zones.ts';

/**
 * Free/busy as Exchange computes it for getSchedule and findMeetingTimes [C4][C5]. Pure functions over a
 * mailbox's events and working hours.
 */

const SEVERITY: Record<FreeBusyStatus, number> = {
  free: 0,
  unknown: 0,
  workingElsewhere: 1,
  tentative: 2,
  busy: 3,
  oof: 4,
};

/** getSchedule's availabilityView digit: 0 free (or working elsewhere), 1 tentative, 2 busy, 3 out of office. */
const DIGIT: Record<FreeBusyStatus, string> = {
  free: '0',
  unknown: '0',
  workingElsewhere: '0',
  tentative: '1',
  busy: '2',
  oof: '3',
};

/** An event that takes time on the calendar: not cancelled, not shown as free. */
export function blocksTime(event: StoredEvent): boolean {
  return !event.isCancelled && event.showAs !== 'free' && event.showAs !== 'unknown';
}

/** The strongest status among the blocking events overlapping [start, end). */
export function statusDuring(events: StoredEvent[], start: Date, end: Date): FreeBusyStatus {
  let status: FreeBusyStatus = 'free';
  for (const e of events) {
    if (!blocksTime(e)) continue;
    if (
      Date.parse(e.start) < end.getTime() &&
      Date.parse(e.end) > start.getTime() &&
      SEVERITY[e.showAs] > SEVERITY[status]
    )
      status = e.showAs;
  }
  return status;
}

/** One digit per `intervalMs` slot from `start` to `end` (the last slot may be partial). */
export function availabilityView(events: StoredEvent[], start: Date, end: Date, intervalMs: number): string {
  let view = '';
  for (let t = start.getTime(); t < end.getTime(); t += intervalMs) {
    view += DIGIT[statusDuring(events, new Date(t), new Date(Math.min(t + intervalMs, end.getTime())))];
  }
  return view;
}

const minutesOf = (hhmmss: string) => {
  const [h = '0', m = '0'] = hhmmss.split(':');
  return Number(h) * 60 + Number(m);
};

/**
 * Whether [start, end) lies inside working hours. 'work' checks days and times; 'personal' checks times on
 * any day of the week; 'unrestricted' accepts everything.
 */
export function withinWorkingHours(
  hours: WorkingHours,
  start: Date,
  end: Date,
  domain: ActivityDomain = 'work',
): boolean {
  if (domain === 'unrestricted') return true;
  const wall = wallClock(start, hours.timeZone);
  if (domain === 'work' && !hours.daysOfWeek.includes(wall.weekday)) return false;
  const from = wall.hour * 60 + wall.minute + wall.second / 60;
  const to = from + (end.getTime() - start.getTime()) / 60_000;
  return from >= minutesOf(hours.startTime) && to <= minutesOf(hours.endTime);
}

export type ActivityDomain = 'work' | 'personal' | 'unrestricted';

/** An attendee of a findMeetingTimes request; `events` undefined means their calendar is unknown (external). */
export type MeetingParticipant = {
  type: AttendeeType;
  address: string;
  name?: string;
  events?: StoredEvent[];
  workingHours?: WorkingHours;
};

export type MeetingSuggestion = {
  start: Date;
  end: Date;
  confidence: number;
  organizerAvailability: FreeBusyStatus;
  attendeeAvailability: { attendee: MeetingParticipant; availability: FreeBusyStatus }[];
};

export type EmptySuggestionsReason =
  '' | 'AttendeesUnavailable' | 'AttendeesUnavailableOrUnknown' | 'OrganizerUnavailable';

export type SuggestMeetingTimesInput = {
  organizer: { events: StoredEvent[]; workingHours: WorkingHours; optional: boolean };
  attendees: MeetingParticipant[];
  windows: { start: Date; end: Date }[];
  durationMs: number;
  activityDomain: ActivityDomain;
  maxCandidates: number;
  minimumAttendeePercentage: number;
};

/** Chance that an attendee with this status attends, as findMeetingTimes documents it: free 100, unknown 49, busy 0. */
function chance(status: FreeBusyStatus): number {
  if (status === 'unknown') return 49;
  if (status === 'busy' || status === 'oof') return 0;
  return 100;
}

const SLOT_STEP_MS = 30 * 60_000;

/**
 * Meeting time suggestions: candidate starts on the half hour inside each window, within the working hours
 * of the organizer and of every attendee whose calendar is known, the organizer available unless optional,
 * and a confidence (average chance of attendance) at or above the minimum. Ordered by confidence, then the
 * organizer's own availability (free before tentative), then time.
 */
export function suggestMeetingTimes(input: SuggestMeetingTimesInput): {
  suggestions: MeetingSuggestion[];
  emptySuggestionsReason: EmptySuggestionsReason;
} {
  const candidates: MeetingSuggestion[] = [];
  let organizerPossible = false;
  let sawUnknown = false;
  for (const window of input.windows) {
    const first = Math.ceil(window.start.getTime() / SLOT_STEP_MS) * SLOT_STEP_MS;
    for (let t = first; t + input.durationMs <= window.end.getTime(); t += SLOT_STEP_MS) {
      const start = new Date(t);
      const end = new Date(t + input.durationMs);
      const organizerAvailability = statusDuring(input.organizer.events, start, end);
      if (!input.organizer.optional) {
        if (!withinWorkingHours(input.organizer.workingHours, start, end, input.activityDomain)) continue;
        if (organizerAvailability === 'busy' || organizerAvailability === 'oof') continue;
      }
      organizerPossible = true;
      // Attendees with known calendars are only asked inside their own working hours.
      if (
        input.attendees.some(
          (a) =>
            a.events &&
            a.workingHours &&
            !withinWorkingHours(a.workingHours, start, end, input.activityDomain),
        )
      )
        continue;
      const attendeeAvailability = input.attendees.map((attendee) => {
        const availability: FreeBusyStatus = attendee.events
          ? statusDuring(attendee.events, start, end)
          : 'unknown';
        return { attendee, availability };
      });
      if (attendeeAvailability.some((a) => a.availability === 'unknown')) sawUnknown = true;
      const confidence = attendeeAvailability.length
        ? Math.round(
            (attendeeAvailability.reduce((sum, a) => sum + chance(a.availability), 0) /
              attendeeAvailability.length) *
              100,
          ) / 100
        : 100;
      if (confidence < input.minimumAttendeePercentage) continue;
      candidates.push({ start, end, confidence, organizerAvailability, attendeeAvailability });
    }
  }
  const rank = (s: MeetingSuggestion) => (s.organizerAvailability === 'free' ? 0 : 1);
  candidates.sort(
    (a, b) => b.confidence - a.confidence || rank(a) - rank(b) || a.start.getTime() - b.start.getTime(),
  );
  const suggestions = candidates.slice(0, input.maxCandidates);
  if (suggestions.length) return { suggestions, emptySuggestionsReason: '' };
  if (!organizerPossible) return { suggestions, emptySuggestionsReason: 'OrganizerUnavailable' };
  return {
    suggestions,
    emptySuggestionsReason: sawUnknown ? 'AttendeesUnavailableOrUnknown' : 'AttendeesUnavailable',
  };
}
