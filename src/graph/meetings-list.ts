import { MEETING_KINDS, type Meeting } from '../domain/meeting.schema.ts';
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
 * the Outlook event that invites people. JSON columns: PupilIds, Attendees.
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
  ],
};

export function meetingToFields(meeting: Meeting, outlookEventId?: string): Fields {
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
    OutlookEventId: opt(outlookEventId),
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
  };
}
