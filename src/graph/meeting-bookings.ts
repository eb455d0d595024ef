import type { CalendarDate } from '../domain/calendar-date.ts';
import { meetingSchema, type Meeting } from '../domain/meeting.schema.ts';
import { reviewSchema, type Review } from '../domain/review.schema.ts';
import { reviewToFields } from './ehc-plans-list.ts';
import { GraphRequestError } from './graph-request-error.ts';
import type { Fields, SharePointItem } from './list-fields.ts';
import type { ListWrites } from './list-writes.ts';
import { meetingToFields } from './meetings-list.ts';
import type { EventDraft, OutlookCalendar, OutlookEvent } from './outlook-calendar.ts';
import type { Actor } from './send-records.ts';

/**
 * Meetings booked in the organiser's Outlook from SENCO Hub, kept true both ways. SharePoint and Outlook cannot
 * change together, so a booking is written in steps that can each be repeated:
 *
 * 1. The meeting item, keyed by the booking request's id, as 'pending' ("not booked — retry" until step 4).
 * 2. The Outlook event, with a transactionId derived from the same id: a retried or doubled request gets the
 *    event the first attempt made, never a second one.
 * 3. For a review: the review record's meeting date and invitees (created if the plan has no open review).
 * 4. The meeting item marked 'booked' with the event's id, iCalUId and Teams join URL.
 *
 * Throttling or a crash between steps leaves a pending meeting that the same request, sent again, finishes.
 * A pending item never invites anyone that a retry would invite twice.
 */

export type MeetingBookingDeps = {
  writes: ListWrites<'meetings' | 'ehcPlanReviews'>;
  newId: () => string;
  /** The meeting item as the replica holds it. */
  meetingItem(meetingId: string): { itemId: string; eTag: string; meeting: Meeting } | undefined;
  /** The review item as the replica holds it. */
  reviewItem(
    reviewId: string,
  ): { itemId: string; eTag: string; plan: { id: string; pupilId: string }; review: Review } | undefined;
  /** Our own write, as SharePoint answered it, into the replica. */
  applyOwn(key: 'meetings' | 'ehcPlanReviews', item: SharePointItem): void;
};

/** The review a booking sets the meeting of: an existing open review, or a new one to create. */
export type ReviewBookingLink = {
  plan: { id: string; pupilId: string };
  review: Review;
};

export type BookingRequest = {
  /** Pending, with `id` the booking request's id; `outlook` is set here. */
  meeting: Meeting;
  /** The event to create; its transactionId comes from the meeting id. */
  event: Omit<EventDraft, 'transactionId'>;
  review?: ReviewBookingLink;
  calendar: OutlookCalendar;
  organizerUserId: string;
  by: Actor;
};

/** A meeting that cannot be booked as asked: already cancelled, or booked by someone else. */
export class MeetingStateError extends Error {
  override name = 'MeetingStateError';
}

/** What opening a meeting found in Outlook. */
export type OutlookChange =
  | { kind: 'none' }
  | { kind: 'moved'; from: CalendarDate; meeting: Meeting }
  | { kind: 'cancelled'; meeting: Meeting };

export const transactionIdOf = (meetingId: string) => `sencohub-meeting-${meetingId}`;

const wallClock = (meeting: Pick<Meeting, 'on' | 'startsAt' | 'durationMinutes'>) => {
  const start = `${meeting.on}T${meeting.startsAt ?? '09:00'}`;
  const minutes = meeting.durationMinutes ?? 60;
  const [h, m] = (meeting.startsAt ?? '09:00').split(':').map(Number) as [number, number];
  const endMinutes = h * 60 + m + minutes;
  const end = `${meeting.on}T${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
  return { start, end };
};

/** The meeting as Outlook now places it: date, start time and length from the event's wall-clock times. */
function placedAt(meeting: Meeting, event: OutlookEvent): Meeting {
  const on = event.start.slice(0, 10) as CalendarDate;
  const startsAt = event.start.slice(11, 16);
  const minutes = Math.round((Date.parse(`${event.end}:00Z`) - Date.parse(`${event.start}:00Z`)) / 60_000);
  return { ...meeting, on, startsAt, durationMinutes: Math.min(480, Math.max(5, minutes)) };
}

export function meetingBookings(deps: MeetingBookingDeps) {
  const changedBy = (by: Actor): Fields => ({
    ChangedByUserId: by.userId,
    ChangedByName: by.name,
    WriteId: deps.newId(),
  });

  async function writeMeeting(meeting: Meeting, by: Actor, operation: string): Promise<Meeting> {
    const parsed = meetingSchema.parse(meeting);
    const fields = { ...meetingToFields(parsed), ...changedBy(by) };
    const held = deps.meetingItem(parsed.id);
    const item = held
      ? await deps.writes.patch('meetings', held.itemId, fields, operation)
      : await deps.writes.createOnce('meetings', fields, operation);
    deps.applyOwn('meetings', item);
    return parsed;
  }

  /**
   * Sets the review's meeting date and invitees, keeping whatever else the review trail holds: written with
   * If-Match, and made again on the newer version when someone changed the review meanwhile.
   */
  async function writeReview(link: ReviewBookingLink, change: Partial<Review>, by: Actor): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const held = deps.reviewItem(link.review.id);
      if (!held) {
        const review = reviewSchema.parse({ ...link.review, ...change });
        const fields = { ...reviewToFields(link.plan, review), ...changedBy(by) };
        deps.applyOwn(
          'ehcPlanReviews',
          await deps.writes.createOnce('ehcPlanReviews', fields, 'create review for a booked meeting'),
        );
        return;
      }
      const review = reviewSchema.parse({ ...held.review, ...change });
      const fields = { ...reviewToFields(held.plan, review), ...changedBy(by) } as Fields & {
        WriteId: string;
      };
      try {
        const item = await deps.writes.patchIfMatch({
          key: 'ehcPlanReviews',
          itemId: held.itemId,
          fields,
          version: held.eTag,
          operation: 'set the meeting of a review',
          conflict: (current) => {
            deps.applyOwn('ehcPlanReviews', current);
            return new ReviewChangedMeanwhile();
          },
        });
        deps.applyOwn('ehcPlanReviews', item);
        return;
      } catch (err) {
        if (!(err instanceof ReviewChangedMeanwhile)) throw err;
      }
    }
    throw new MeetingStateError('The review kept changing while its meeting was being set. Try again.');
  }

  return {
    async book(request: BookingRequest): Promise<Meeting> {
      const { by } = request;
      const held = deps.meetingItem(request.meeting.id)?.meeting;
      if (held?.status === 'booked') return held;
      if (held?.status === 'cancelled')
        throw new MeetingStateError('This meeting was cancelled. Book a new one instead.');
      const pending: Meeting = { ...request.meeting, status: 'pending' };
      if (!held) await writeMeeting(pending, by, 'record a meeting being booked');

      const event = await request.calendar.createMeeting({
        ...request.event,
        transactionId: transactionIdOf(request.meeting.id),
      });
      const booked: Meeting = {
        ...placedAt(pending, event),
        status: 'booked',
        outlook: {
          eventId: event.id,
          iCalUId: event.iCalUId,
          organizerUserId: request.organizerUserId,
          ...(event.joinUrl ? { joinUrl: event.joinUrl } : {}),
        },
      };
      if (request.review) {
        await writeReview(
          request.review,
          { meetingOn: booked.on, invitees: request.review.review.invitees },
          by,
        );
      }
      return writeMeeting(booked, by, 'record a booked meeting');
    },

    /** Moves the meeting in Outlook (attendees get the update), then the records. */
    async reschedule(input: {
      meetingId: string;
      to: Pick<Meeting, 'on' | 'startsAt' | 'durationMinutes'>;
      calendar: OutlookCalendar;
      review?: ReviewBookingLink;
      by: Actor;
    }): Promise<Meeting> {
      const meeting = bookedMeeting(input.meetingId);
      const { start, end } = wallClock(input.to);
      const event = await input.calendar.updateMeeting(meeting.outlook!.eventId, { start, end });
      const moved = placedAt(meeting, event);
      if (input.review) await writeReview(input.review, { meetingOn: moved.on }, input.by);
      return writeMeeting(moved, input.by, 'record a moved meeting');
    },

    /** Cancels in Outlook with a message to the attendees, then the records. */
    async cancel(input: {
      meetingId: string;
      comment: string;
      calendar: OutlookCalendar;
      review?: ReviewBookingLink;
      by: Actor;
    }): Promise<Meeting> {
      const meeting = deps.meetingItem(input.meetingId)?.meeting;
      if (!meeting) throw new MeetingStateError('There is no such meeting.');
      if (meeting.status === 'cancelled') return meeting;
      if (meeting.outlook) await input.calendar.cancelMeeting(meeting.outlook.eventId, input.comment);
      if (input.review) await writeReview(input.review, { meetingOn: undefined }, input.by);
      return writeMeeting({ ...meeting, status: 'cancelled' }, input.by, 'record a cancelled meeting');
    },

    /**
     * Reads the event from the organiser's Outlook and brings the records into line with it: a meeting moved
     * there is moved here; one cancelled or deleted there is cancelled here.
     */
    async checkOutlook(input: {
      meetingId: string;
      calendar: OutlookCalendar;
      review?: ReviewBookingLink;
      by: Actor;
    }): Promise<OutlookChange> {
      const meeting = deps.meetingItem(input.meetingId)?.meeting;
      if (!meeting?.outlook || meeting.status !== 'booked') return { kind: 'none' };
      let event: OutlookEvent | undefined;
      try {
        event = await input.calendar.readMeeting(meeting.outlook.eventId);
      } catch (err) {
        // The organiser may have moved it to another calendar (its id changes): nothing to conclude.
        if (err instanceof GraphRequestError && err.status === 400) return { kind: 'none' };
        throw err;
      }
      if (!event || event.isCancelled) {
        if (input.review) await writeReview(input.review, { meetingOn: undefined }, input.by);
        const cancelled = await writeMeeting(
          { ...meeting, status: 'cancelled' },
          input.by,
          'record a meeting cancelled in Outlook',
        );
        return { kind: 'cancelled', meeting: cancelled };
      }
      const now = placedAt(meeting, event);
      if (
        now.on === meeting.on &&
        now.startsAt === meeting.startsAt &&
        now.durationMinutes === meeting.durationMinutes
      )
        return { kind: 'none' };
      if (input.review) await writeReview(input.review, { meetingOn: now.on }, input.by);
      const moved = await writeMeeting(now, input.by, 'record a meeting moved in Outlook');
      return { kind: 'moved', from: meeting.on, meeting: moved };
    },
  };

  function bookedMeeting(meetingId: string): Meeting {
    const meeting = deps.meetingItem(meetingId)?.meeting;
    if (!meeting) throw new MeetingStateError('There is no such meeting.');
    if (meeting.status !== 'booked' || !meeting.outlook)
      throw new MeetingStateError(
        meeting.status === 'cancelled'
          ? 'This meeting was cancelled.'
          : 'This meeting is not booked in Outlook yet: book it again to finish.',
      );
    return meeting;
  }
}

class ReviewChangedMeanwhile extends Error {
  override name = 'ReviewChangedMeanwhile';
}
