import type { StoredEvent } from './calendar-store.ts';
import { UTC_ZONE, formatDateTimeTimeZone, type Zone } from './time-zones.ts';

/** Outlook writes instants with seven fractional digits. */
export function outlookInstant(iso: string): string {
  return iso.replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** The zero time Outlook puts on responses nobody has made yet. */
export const NO_RESPONSE_TIME = '0001-01-01T00:00:00Z';

/** Plain text of an HTML body, as Outlook's bodyPreview (first 255 characters). */
export function bodyPreview(body: StoredEvent['body']): string {
  const text =
    body.contentType === 'html'
      ? body.content
          .replace(/<[^>]*>/g, ' ')
          .replace(/&nbsp;/g, ' ')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
      : body.content;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

function location(displayName: string) {
  return {
    displayName,
    locationType: 'default',
    uniqueId: displayName || null,
    uniqueIdType: displayName ? 'private' : 'unknown',
    address: {},
    coordinates: {},
  };
}

/** Graph's event JSON, times in `zone` (UTC unless the client asked otherwise with Prefer). */
export function graphEvent(event: StoredEvent, zone: Zone = UTC_ZONE): Record<string, unknown> {
  return {
    '@odata.etag': `W/"${event.changeKey}"`,
    id: event.id,
    createdDateTime: outlookInstant(event.createdDateTime),
    lastModifiedDateTime: outlookInstant(event.lastModifiedDateTime),
    changeKey: event.changeKey,
    categories: event.categories,
    transactionId: event.transactionId,
    originalStartTimeZone: event.originalStartTimeZone,
    originalEndTimeZone: event.originalEndTimeZone,
    iCalUId: event.iCalUId,
    uid: event.iCalUId,
    reminderMinutesBeforeStart: event.reminderMinutesBeforeStart,
    isReminderOn: event.isReminderOn,
    hasAttachments: false,
    subject: event.subject,
    bodyPreview: bodyPreview(event.body),
    importance: event.importance,
    sensitivity: event.sensitivity,
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    isOrganizer: event.isOrganizer,
    responseRequested: event.responseRequested,
    seriesMasterId: null,
    showAs: event.showAs,
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
    // Legacy and null for Teams meetings: the join link is onlineMeeting.joinUrl [C2].
    onlineMeetingUrl: null,
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider,
    allowNewTimeProposals: event.allowNewTimeProposals,
    occurrenceId: null,
    isDraft: false,
    hideAttendees: event.hideAttendees,
    responseStatus: event.responseStatus,
    body: event.body,
    start: formatDateTimeTimeZone(new Date(event.start), zone),
    end: formatDateTimeTimeZone(new Date(event.end), zone),
    location: location(event.location.displayName),
    locations: event.location.displayName ? [location(event.location.displayName)] : [],
    recurrence: null,
    attendees: event.attendees.map((a) => ({
      type: a.type,
      status: { response: a.response, time: a.responseTime },
      emailAddress: { name: a.name, address: a.address },
    })),
    organizer: { emailAddress: { name: event.organizer.name, address: event.organizer.address } },
    onlineMeeting: event.joinUrl
      ? {
          joinUrl: event.joinUrl,
          conferenceId: null,
          tollNumber: null,
          tollFreeNumbers: null,
          quickDial: null,
          phones: [],
        }
      : null,
  };
}
