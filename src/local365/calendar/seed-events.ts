import type { DemoReviewBooking, DemoSchool } from '../seed/demo-school.types.ts';
import { withJoinBlock } from './calendar-routes.ts';
import { NO_RESPONSE_TIME } from './event-shape.ts';
import type { CalendarStore, StoredEvent } from './calendar-store.ts';
import { wallTimeToInstant } from './time-zones.ts';

/**
 * The demo school's booked reviews as Outlook has them: in the SENCO's calendar, the event a booking
 * through Graph makes (POST /users/{id}/events with transactionId, isOnlineMeeting and teamsForBusiness,
 * Europe/London times, attendees by address), and a tentative copy in each internal attendee's calendar
 * (https://learn.microsoft.com/graph/api/user-post-events). Run once, as the demo school is seeded.
 */

const LONDON = 'Europe/London';

function instant(date: string, time: string, plusMinutes = 0): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const start = wallTimeToInstant({ year, month, day, hour, minute, second: 0 }, LONDON);
  return new Date(start.getTime() + plusMinutes * 60_000).toISOString();
}

function agenda(booking: DemoReviewBooking): string {
  const items = [
    'Welcome and introductions',
    'The views of the child and family',
    'Progress towards the outcomes in the plan',
    'Advice received and whether the plan still meets the child’s needs',
    booking.kind === 'phase-transfer' ? 'The move to the next school' : 'Next steps',
    'Recommendation to the local authority',
  ];
  return `<p>Annual review of an EHC plan (Children and Families Act 2014 s 44).</p><ol>${items.map((i) => `<li>${i}</li>`).join('')}</ol>`;
}

/** The organizer's event for a booking, as the calendar routes would have stored it. */
export function bookedEvent(
  booking: DemoReviewBooking,
  organizer: { id: string; address: string; name: string },
  bookedAt: string,
): StoredEvent {
  const start = instant(booking.meetingOn, booking.startsAt);
  return {
    id: booking.event.id,
    mailboxId: organizer.id,
    iCalUId: booking.event.iCalUId,
    transactionId: booking.event.transactionId,
    createdDateTime: bookedAt,
    lastModifiedDateTime: bookedAt,
    changeKey: Buffer.from(booking.event.id.slice(-24)).toString('base64').slice(0, 24),
    subject: booking.event.subject,
    body: withJoinBlock({ contentType: 'html', content: agenda(booking) }, booking.event.joinUrl),
    start,
    end: instant(booking.meetingOn, booking.startsAt, booking.durationMinutes),
    originalStartTimeZone: 'GMT Standard Time',
    originalEndTimeZone: 'GMT Standard Time',
    isAllDay: false,
    showAs: 'busy',
    importance: 'normal',
    sensitivity: 'normal',
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    categories: [],
    location: { displayName: booking.location },
    attendees: booking.invitees.map((i) => ({
      type: 'required',
      address: i.email,
      name: i.name,
      response: 'none',
      responseTime: NO_RESPONSE_TIME,
    })),
    organizer: { address: organizer.address, name: organizer.name },
    isOrganizer: true,
    responseStatus: { response: 'organizer', time: NO_RESPONSE_TIME },
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    joinUrl: booking.event.joinUrl,
    isCancelled: false,
    responseRequested: true,
    allowNewTimeProposals: true,
    hideAttendees: false,
  };
}

/** Puts every booked review of the demo school in the SENCO's calendar, with the attendees' copies. */
export function seedBookedReviews(store: CalendarStore, school: DemoSchool): number {
  const staffById = new Map(school.staff.map((s) => [s.id, s]));
  const staffByUpn = new Map(school.staff.map((s) => [s.upn.toLowerCase(), s]));
  let count = 0;
  // In the order they were booked, so the message log reads as it happened.
  const bookings = school.pupils
    .flatMap((p) => p.send?.ehcPlan?.nextReview ?? [])
    .sort((a, b) => a.bookedOn.localeCompare(b.bookedOn));
  for (const booking of bookings) {
    const senco = staffById.get(booking.event.organizerId);
    if (!senco)
      throw new Error(`local365 seed: the organizer of ${booking.event.subject} is not on the staff`);
    const bookedAt = `${booking.bookedOn}T08:30:00.000Z`;
    const event = bookedEvent(
      booking,
      { id: senco.id, address: senco.upn, name: senco.displayName },
      bookedAt,
    );
    store.insert(event);
    // The invitations Exchange sent when the review was booked, as the inspector's Outlook view lists them.
    store.recordActivity({
      at: bookedAt,
      kind: 'invitation',
      organizer: event.organizer.address,
      subject: event.subject,
      recipients: event.attendees.map((a) => a.address),
      externalRecipients: event.attendees
        .filter((a) => !staffByUpn.has(a.address.toLowerCase()))
        .map((a) => a.address),
      start: event.start,
      end: event.end,
      ...(event.joinUrl ? { joinUrl: event.joinUrl } : {}),
      eventId: event.id,
      iCalUId: event.iCalUId,
    });
    for (const [i, attendee] of event.attendees.entries()) {
      const colleague = staffByUpn.get(attendee.address.toLowerCase());
      if (!colleague) continue;
      store.insert({
        ...event,
        id: `${event.id.slice(0, -4)}${String(i).padStart(4, '0')}`,
        mailboxId: colleague.id,
        transactionId: null,
        isOrganizer: false,
        responseStatus: { response: 'notResponded', time: NO_RESPONSE_TIME },
        showAs: 'tentative',
      });
    }
    count++;
  }
  return count;
}
