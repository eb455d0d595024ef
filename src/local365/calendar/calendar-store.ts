import { migrate, type Db } from '../database.ts';

export type FreeBusyStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export type AttendeeType = 'required' | 'optional' | 'resource';
export type ResponseType =
  'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export type StoredAttendee = {
  type: AttendeeType;
  address: string;
  name: string;
  response: ResponseType;
  responseTime: string;
};

/** One event in one mailbox. A meeting is one event per mailbox (organizer's and each internal attendee's), sharing iCalUId. */
export type StoredEvent = {
  id: string;
  mailboxId: string;
  iCalUId: string;
  transactionId: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  subject: string;
  body: { contentType: 'html' | 'text'; content: string };
  /** ISO instants (UTC). */
  start: string;
  end: string;
  originalStartTimeZone: string;
  originalEndTimeZone: string;
  isAllDay: boolean;
  showAs: FreeBusyStatus;
  importance: 'low' | 'normal' | 'high';
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  categories: string[];
  location: { displayName: string };
  attendees: StoredAttendee[];
  organizer: { address: string; name: string };
  isOrganizer: boolean;
  responseStatus: { response: ResponseType; time: string };
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  joinUrl: string | null;
  isCancelled: boolean;
  responseRequested: boolean;
  allowNewTimeProposals: boolean;
  hideAttendees: boolean;
};

export type CalendarMessageKind = 'invitation' | 'update' | 'cancellation';

/** A meeting message Exchange sent on the organizer's behalf (what the inspector shows). */
export type CalendarActivity = {
  at: string;
  kind: CalendarMessageKind;
  organizer: string;
  subject: string;
  recipients: string[];
  /** Recipients outside the school's tenant (they got an email, not a calendar item). */
  externalRecipients: string[];
  start: string;
  end: string;
  joinUrl?: string;
  eventId: string;
  iCalUId: string;
  /** The organizer's message with a cancellation. */
  comment?: string;
};

const SCHEMA = `
CREATE TABLE cal_events (
  id TEXT PRIMARY KEY,
  mailbox_id TEXT NOT NULL,
  ical_uid TEXT NOT NULL,
  transaction_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  start_utc TEXT NOT NULL,
  end_utc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX cal_events_mailbox ON cal_events (mailbox_id, deleted, start_utc);
CREATE INDEX cal_events_ical ON cal_events (ical_uid);
CREATE UNIQUE INDEX cal_events_transaction ON cal_events (mailbox_id, transaction_id) WHERE transaction_id IS NOT NULL AND deleted = 0;
CREATE TABLE cal_activity (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
`;

/** Every write to an event takes the next change number: what calendarView delta reads (calendar-delta.ts). */
const CHANGE_TRACKING = `
ALTER TABLE cal_events ADD COLUMN change_no INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cal_events_changes ON cal_events (mailbox_id, change_no);
CREATE INDEX cal_events_change_no ON cal_events (change_no);
`;
const NEXT_CHANGE = '(SELECT COALESCE(MAX(change_no), 0) + 1 FROM cal_events)';

export type EventChange = { event: StoredEvent; deleted: boolean; changeNo: number };

type Row = { data: string };
const parse = (row: Row | undefined) => (row ? (JSON.parse(row.data) as StoredEvent) : undefined);

export class CalendarStore {
  constructor(private readonly db: Db) {
    migrate(db, 'calendar-v1', SCHEMA);
    migrate(db, 'calendar-v2-change-tracking', CHANGE_TRACKING);
  }

  insert(event: StoredEvent): void {
    const seq =
      this.db.prepare<[], { n: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM cal_events').get()?.n ??
      1;
    this.db
      .prepare(
        `INSERT INTO cal_events (id, mailbox_id, ical_uid, transaction_id, start_utc, end_utc, seq, data, change_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${NEXT_CHANGE})`,
      )
      .run(
        event.id,
        event.mailboxId,
        event.iCalUId,
        event.transactionId,
        event.start,
        event.end,
        seq,
        JSON.stringify(event),
      );
  }

  update(event: StoredEvent): void {
    this.db
      .prepare(
        `UPDATE cal_events SET start_utc = ?, end_utc = ?, data = ?, change_no = ${NEXT_CHANGE} WHERE id = ?`,
      )
      .run(event.start, event.end, JSON.stringify(event), event.id);
  }

  /** Moves the event to Deleted Items: it no longer answers GET or counts in free/busy. */
  markDeleted(id: string): void {
    this.db.prepare(`UPDATE cal_events SET deleted = 1, change_no = ${NEXT_CHANGE} WHERE id = ?`).run(id);
  }

  /** The last change number given (0 before any). */
  latestChangeNo(): number {
    return (
      this.db.prepare<[], { n: number }>('SELECT COALESCE(MAX(change_no), 0) AS n FROM cal_events').get()
        ?.n ?? 0
    );
  }

  /**
   * The mailbox's events overlapping [start, end) as they stood at change `upTo`'s time or later, in (change,
   * id) order after `after`, at most `limit`: the first enumeration of a calendarView delta.
   */
  inWindow(
    mailboxId: string,
    window: { start: Date; end: Date },
    upTo: number,
    after: { changeNo: number; id: string },
    limit: number,
  ): EventChange[] {
    return this.db
      .prepare<[string, string, string, number, number, number, string, number], Row & { change_no: number }>(
        `SELECT data, change_no FROM cal_events WHERE mailbox_id = ? AND deleted = 0 AND start_utc < ? AND end_utc > ?
         AND change_no <= ? AND (change_no > ? OR (change_no = ? AND id > ?)) ORDER BY change_no, id LIMIT ?`,
      )
      .all(
        mailboxId,
        window.end.toISOString(),
        window.start.toISOString(),
        upTo,
        after.changeNo,
        after.changeNo,
        after.id,
        limit,
      )
      .map((r) => ({ event: JSON.parse(r.data) as StoredEvent, deleted: false, changeNo: r.change_no }));
  }

  /** The mailbox's events last changed in (after, upTo], deleted ones too, in change order, at most `limit`. */
  changes(mailboxId: string, after: number, upTo: number, limit: number): EventChange[] {
    return this.db
      .prepare<[string, number, number, number], Row & { deleted: number; change_no: number }>(
        'SELECT data, deleted, change_no FROM cal_events WHERE mailbox_id = ? AND change_no > ? AND change_no <= ? ORDER BY change_no LIMIT ?',
      )
      .all(mailboxId, after, upTo, limit)
      .map((r) => ({
        event: JSON.parse(r.data) as StoredEvent,
        deleted: r.deleted === 1,
        changeNo: r.change_no,
      }));
  }

  find(mailboxId: string, id: string): StoredEvent | undefined {
    return parse(
      this.db
        .prepare<[string, string], Row>(
          'SELECT data FROM cal_events WHERE mailbox_id = ? AND id = ? AND deleted = 0',
        )
        .get(mailboxId, id),
    );
  }

  findByTransactionId(mailboxId: string, transactionId: string): StoredEvent | undefined {
    return parse(
      this.db
        .prepare<[string, string], Row>(
          'SELECT data FROM cal_events WHERE mailbox_id = ? AND transaction_id = ? AND deleted = 0',
        )
        .get(mailboxId, transactionId),
    );
  }

  /** The mailbox's events in creation order. */
  list(mailboxId: string): StoredEvent[] {
    return this.db
      .prepare<[string], Row>('SELECT data FROM cal_events WHERE mailbox_id = ? AND deleted = 0 ORDER BY seq')
      .all(mailboxId)
      .map((r) => JSON.parse(r.data) as StoredEvent);
  }

  /** Events of the mailbox overlapping [start, end). */
  overlapping(mailboxId: string, start: Date, end: Date): StoredEvent[] {
    return this.db
      .prepare<[string, string, string], Row>(
        'SELECT data FROM cal_events WHERE mailbox_id = ? AND deleted = 0 AND start_utc < ? AND end_utc > ? ORDER BY start_utc, seq',
      )
      .all(mailboxId, end.toISOString(), start.toISOString())
      .map((r) => JSON.parse(r.data) as StoredEvent);
  }

  /** The attendees' copies of a meeting (every mailbox but the organizer's). */
  copiesOf(iCalUId: string, exceptId: string): StoredEvent[] {
    return this.db
      .prepare<[string, string], Row>(
        'SELECT data FROM cal_events WHERE ical_uid = ? AND id <> ? AND deleted = 0 ORDER BY seq',
      )
      .all(iCalUId, exceptId)
      .map((r) => JSON.parse(r.data) as StoredEvent);
  }

  recordActivity(activity: CalendarActivity): void {
    this.db
      .prepare('INSERT INTO cal_activity (at, kind, data) VALUES (?, ?, ?)')
      .run(activity.at, activity.kind, JSON.stringify(activity));
  }

  /** Oldest first. */
  listActivity(): CalendarActivity[] {
    return this.db
      .prepare<[], Row>('SELECT data FROM cal_activity ORDER BY id')
      .all()
      .map((r) => JSON.parse(r.data) as CalendarActivity);
  }
}
