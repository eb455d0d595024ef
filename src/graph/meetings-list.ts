import {
  MEETING_KINDS,
  MEETING_STATUSES,
  MULTI_AGENCY_PURPOSES,
  type Meeting,
} from '../domain/meeting.schema.ts';
import {
  CHANGED_BY_COLUMNS,
  choiceColumn,
  dateColumn,
  integerColumn,
  jsonColumn,
  noteColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import { fieldReader, jsonValue, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';

/**
 * Meetings on the SENCO's calendar (reviews, parent meetings, multi-agency). OutlookEventId links the item to
 * the Outlook event that invites people. JSON columns: PupilIds, Attendees, Actions (v4).
 * v4: booking from SENCO Hub (Status, the event's iCalUId, Teams join URL and organiser; purpose and actions
 * of multi-agency meetings).
 */

export const MEETINGS_LIST: ListDefinition = {
  key: 'meetings',
  displayName: 'SENCO Hub Meetings',
  description: 'Review, parent and multi-agency meetings (SENCO Hub).',
  keyColumn: 'MeetingId',
  since: 1,
  columns: [
    textColumn('MeetingId', { unique: true }),
    choiceColumn('Kind', MEETING_KINDS, { indexed: true }),
    dateColumn('MeetingOn', { indexed: true }),
    jsonColumn('PupilIds'),
    textColumn('ReviewId', { indexed: true }),
    textColumn('StartsAt', { description: 'School-local wall-clock time, HH:MM' }),
    integerColumn('DurationMinutes'),
    textColumn('Location'),
    jsonColumn('Attendees'),
    noteColumn('Notes'),
    textColumn('OutlookEventId', { indexed: true }),
    ...CHANGED_BY_COLUMNS,
    choiceColumn('Status', MEETING_STATUSES, { since: 4 }),
    choiceColumn('Purpose', MULTI_AGENCY_PURPOSES, { since: 4 }),
    jsonColumn('Actions', { since: 4 }),
    // Outlook ids are about 150 characters and Teams join URLs longer than a text column's 255.
    noteColumn('OutlookICalUId', { since: 4 }),
    noteColumn('TeamsJoinUrl', { since: 4 }),
    textColumn('OrganizerUserId', { since: 4 }),
  ],
};

export function meetingToFields(meeting: Meeting, outlookEventId?: string): Fields {
  const eventId = meeting.outlook?.eventId ?? outlookEventId;
  return {
    Title: titleValue(`${meeting.kind} on ${meeting.on}`),
    MeetingId: meeting.id,
    Kind: meeting.kind,
    MeetingOn: meeting.on,
    PupilIds: jsonValue(meeting.pupilIds),
    ReviewId: opt(meeting.reviewId),
    StartsAt: opt(meeting.startsAt),
    DurationMinutes: opt(meeting.durationMinutes),
    Location: opt(meeting.location),
    Attendees: jsonValue(meeting.attendees),
    Notes: opt(meeting.notes),
    OutlookEventId: opt(eventId),
    Status: meeting.status,
    Purpose: opt(meeting.purpose),
    Actions: jsonValue(meeting.actions),
    OutlookICalUId: opt(meeting.outlook?.iCalUId),
    TeamsJoinUrl: opt(meeting.outlook?.joinUrl),
    OrganizerUserId: opt(meeting.outlook?.organizerUserId),
  };
}

/** Unchecked: parse with meetingSchema. */
export function meetingFromItem(item: SharePointItem): Record<string, unknown> {
  const f = fieldReader(MEETINGS_LIST, item);
  return {
    id: f.text('MeetingId'),
    kind: f.text('Kind'),
    on: f.date('MeetingOn'),
    pupilIds: f.json('PupilIds') ?? [],
    reviewId: f.optionalText('ReviewId'),
    startsAt: f.optionalText('StartsAt'),
    durationMinutes: f.optionalNumber('DurationMinutes'),
    location: f.optionalText('Location'),
    attendees: f.json('Attendees') ?? [],
    notes: f.optionalText('Notes'),
    purpose: f.optionalText('Purpose'),
    actions: f.json('Actions') ?? [],
    status: f.optionalText('Status'),
    outlook: outlookOf(
      f.optionalText('OutlookEventId'),
      f.optionalText('OutlookICalUId'),
      f.optionalText('TeamsJoinUrl'),
      f.optionalText('OrganizerUserId'),
    ),
  };
}

function outlookOf(
  eventId: string | undefined,
  iCalUId: string | undefined,
  joinUrl: string | undefined,
  organizerUserId: string | undefined,
) {
  if (!eventId || !iCalUId || !organizerUserId) return undefined;
  return { eventId, iCalUId, organizerUserId, ...(joinUrl ? { joinUrl } : {}) };
}
