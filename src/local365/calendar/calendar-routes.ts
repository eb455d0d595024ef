import { randomBytes, randomUUID } from 'node:crypto';
import type { StandInContext } from '../context.ts';
import { signedInUser } from '../directory/directory-access.ts';
import { DirectoryStore, type DirectoryUser } from '../directory/directory-store.ts';
import {
  applyFilter,
  applyOrderBy,
  applySelect,
  collectionBody,
  odataContext,
  page,
  refuseUnimplemented,
} from '../directory/odata.ts';
import { accessDenied, requirePermission, type PermissionNeed } from '../directory/permissions.ts';
import type { RouteRequest } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import {
  availabilityView,
  blocksTime,
  suggestMeetingTimes,
  type ActivityDomain,
  type MeetingParticipant,
} from './availability.ts';
import {
  CalendarStore,
  type AttendeeType,
  type CalendarMessageKind,
  type FreeBusyStatus,
  type StoredAttendee,
  type StoredEvent,
} from './calendar-store.ts';
import { registerCalendarDeltaRoute } from './calendar-delta.ts';
import { NO_RESPONSE_TIME, graphEvent } from './event-shape.ts';
import {
  UTC_ZONE,
  formatDateTimeTimeZone,
  parseDateTimeTimeZone,
  parseDuration,
  preferenceApplied,
  preferredZone,
  windowsZoneName,
  type Zone,
} from './time-zones.ts';

const READ: PermissionNeed = {
  delegated: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  application: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
};
const WRITE: PermissionNeed = { delegated: ['Calendars.ReadWrite'], application: ['Calendars.ReadWrite'] };
const FREE_BUSY: PermissionNeed = {
  delegated: [
    'Calendars.ReadBasic',
    'Calendars.Read',
    'Calendars.ReadWrite',
    'Calendars.Read.Shared',
    'Calendars.ReadWrite.Shared',
  ],
  application: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
};
/** findMeetingTimes: "Application: Not supported" [C4]. */
const FIND_TIMES: PermissionNeed = { delegated: ['Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'] };

const EVENT_PAGE = { defaultSize: 10, maxSize: 1000, style: 'skip' as const };
const DEFAULT_MAX_CANDIDATES = 5;

/** Every property of Graph's event resource: accepted in a body (read-only ones are ignored); anything else is a 400. */
const EVENT_PROPERTIES = new Set([
  '@odata.type',
  '@odata.etag',
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'transactionId',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'iCalUId',
  'uid',
  'reminderMinutesBeforeStart',
  'isReminderOn',
  'hasAttachments',
  'subject',
  'bodyPreview',
  'importance',
  'sensitivity',
  'isAllDay',
  'isCancelled',
  'isOrganizer',
  'responseRequested',
  'seriesMasterId',
  'showAs',
  'type',
  'webLink',
  'onlineMeetingUrl',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'allowNewTimeProposals',
  'occurrenceId',
  'isDraft',
  'hideAttendees',
  'responseStatus',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'recurrence',
  'attendees',
  'organizer',
  'onlineMeeting',
  'originalStart',
  'cancelledOccurrences',
  'exceptionOccurrences',
  'extensions',
  'attachments',
  'singleValueExtendedProperties',
  'multiValueExtendedProperties',
  'calendar',
  'instances',
]);

const eventNotFound = () =>
  new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
const invalidRequest = (message: string) =>
  new GraphError(400, 'ErrorInvalidRequest', `Your request can't be completed. ${message}`);

function requestBody(req: RouteRequest): Record<string, unknown> {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
    throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  return req.body as Record<string, unknown>;
}

function checkEventProperties(body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    if (!EVENT_PROPERTIES.has(key) && !key.includes('@')) {
      throw new GraphError(
        400,
        'RequestBodyRead',
        `The property '${key}' does not exist on type 'Microsoft.OutlookServices.Event'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
  }
}

const asBool = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;
const asNumber = (v: unknown): number | undefined =>
  typeof v === 'number'
    ? v
    : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))
      ? Number(v)
      : undefined;

function newEventId(): string {
  return `AAMkAD${randomBytes(96).toString('base64url')}`;
}

function newChangeKey(): string {
  return randomBytes(16).toString('base64');
}

/** A Teams meeting join URL in the shape Teams issues (meetup-join with the tenant and organizer in context). */
function teamsJoinUrl(tenantId: string, organizerId: string): string {
  const thread = Buffer.from(randomUUID()).toString('base64');
  const context = encodeURIComponent(JSON.stringify({ Tid: tenantId, Oid: organizerId })).replace(
    /%[0-9A-F]{2}/g,
    (m) => m.toLowerCase(),
  );
  return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0?context=${context}`;
}

/** Exchange appends the Teams join block to the body of an online meeting. */
export function withJoinBlock(body: StoredEvent['body'], joinUrl: string): StoredEvent['body'] {
  if (body.content.includes(joinUrl)) return body;
  const rule = '_'.repeat(80);
  return body.contentType === 'html'
    ? {
        contentType: 'html',
        content: `${body.content}<br><div style="width:100%">${rule}</div><div class="me-email-text" lang="en-GB"><div style="margin-bottom:24px"><span style="font-size:24px;font-weight:700">Microsoft Teams meeting</span></div><div style="margin-bottom:6px"><a class="me-email-headline" href="${joinUrl}" target="_blank" rel="noreferrer noopener">Join the meeting now</a></div></div><div style="width:100%">${rule}</div>`,
      }
    : {
        contentType: 'text',
        content: `${body.content}\n\n${rule}\nMicrosoft Teams meeting\nJoin the meeting now: ${joinUrl}\n${rule}`,
      };
}

function parseBody(value: unknown): StoredEvent['body'] {
  if (value === undefined || value === null) return { contentType: 'html', content: '' };
  const v = value as { contentType?: unknown; content?: unknown };
  const type = typeof v.contentType === 'string' ? v.contentType.toLowerCase() : 'text';
  if (type !== 'html' && type !== 'text')
    throw invalidRequest(`'${String(v.contentType)}' is not a body content type (html or text).`);
  return { contentType: type, content: typeof v.content === 'string' ? v.content : '' };
}

const FREE_BUSY_VALUES: FreeBusyStatus[] = [
  'free',
  'tentative',
  'busy',
  'oof',
  'workingElsewhere',
  'unknown',
];

/**
 * Outlook calendar [C1]–[C6]: events (create with Teams link and transactionId idempotency, read, list with
 * $filter/$orderby/$top/$select, update, delete, cancel), getSchedule and findMeetingTimes, with
 * `Prefer: outlook.timezone`. A meeting puts a copy on each internal attendee's calendar (tentative until they
 * answer), and every invitation, update and cancellation Exchange would send is recorded for the inspector.
 */
export function registerCalendarRoutes(ctx: StandInContext): void {
  const directory = new DirectoryStore(ctx.db);
  const store = new CalendarStore(ctx.db);
  const d = ctx.dispatcher;
  const now = () => ctx.now().toISOString();

  const isExternal = (address: string) => !directory.findUserByAddress(address);

  /** The mailbox a request addresses: /me → the signed-in user; /users/{id|upn} → that user (delegated callers: only their own). */
  function mailbox(
    req: RouteRequest,
    need: PermissionNeed,
    options: { anyUser?: boolean } = {},
  ): DirectoryUser {
    let user: DirectoryUser;
    const id = req.params['user-id'];
    if (id === undefined) {
      user = signedInUser(directory, req.caller);
      requirePermission(req.caller, need, 'outlook');
    } else {
      requirePermission(req.caller, need, 'outlook');
      const found = directory.findUser(id);
      if (!found) throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`);
      user = found;
    }
    if (!options.anyUser && req.caller.kind === 'user' && req.caller.userId !== user.id)
      throw accessDenied('outlook', req.caller, need);
    return user;
  }

  function respondEvent(status: number, req: RouteRequest, user: DirectoryUser, event: StoredEvent) {
    const zone = preferredZone(req.headers);
    const shape = applySelect(graphEvent(event, zone), req.query, 'microsoft.graph.event', [
      '@odata.etag',
      'id',
    ]);
    return {
      status,
      headers: preferenceApplied(zone),
      body: { '@odata.context': odataContext(ctx, `users('${user.id}')/events/$entity`), ...shape },
    };
  }

  function parseAttendees(value: unknown): StoredAttendee[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalidRequest("'attendees' must be a collection.");
    const seen = new Set<string>();
    const out: StoredAttendee[] = [];
    for (const raw of value as { type?: unknown; emailAddress?: { address?: unknown; name?: unknown } }[]) {
      const address = raw?.emailAddress?.address;
      if (typeof address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(address))
        throw new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
      if (seen.has(address.toLowerCase())) continue;
      seen.add(address.toLowerCase());
      const type = (typeof raw.type === 'string' ? raw.type.toLowerCase() : 'required') as AttendeeType;
      if (!['required', 'optional', 'resource'].includes(type))
        throw invalidRequest(`'${String(raw.type)}' is not an attendee type.`);
      const internal = directory.findUserByAddress(address);
      const name =
        typeof raw.emailAddress?.name === 'string' && raw.emailAddress.name
          ? raw.emailAddress.name
          : (internal?.displayName ?? address);
      out.push({ type, address, name, response: 'none', responseTime: NO_RESPONSE_TIME });
    }
    return out;
  }

  function record(
    kind: CalendarMessageKind,
    event: StoredEvent,
    recipients: StoredAttendee[],
    comment: string | null = null,
  ): void {
    if (recipients.length === 0) return;
    store.recordActivity({
      at: now(),
      kind,
      organizer: event.organizer.address,
      subject: event.subject,
      recipients: recipients.map((r) => r.address),
      externalRecipients: recipients.filter((r) => isExternal(r.address)).map((r) => r.address),
      start: event.start,
      end: event.end,
      ...(event.joinUrl ? { joinUrl: event.joinUrl } : {}),
      eventId: event.id,
      iCalUId: event.iCalUId,
      ...(comment !== null ? { comment } : {}),
    });
  }

  /** Puts (or refreshes) the meeting on an internal attendee's calendar, tentative until they answer. */
  function upsertCopy(organizerEvent: StoredEvent, attendee: StoredAttendee): void {
    const user = directory.findUserByAddress(attendee.address);
    if (!user || user.id === organizerEvent.mailboxId) return;
    const existing = store
      .copiesOf(organizerEvent.iCalUId, organizerEvent.id)
      .find((c) => c.mailboxId === user.id);
    const shared = {
      subject: organizerEvent.subject,
      body: organizerEvent.body,
      start: organizerEvent.start,
      end: organizerEvent.end,
      originalStartTimeZone: organizerEvent.originalStartTimeZone,
      originalEndTimeZone: organizerEvent.originalEndTimeZone,
      isAllDay: organizerEvent.isAllDay,
      importance: organizerEvent.importance,
      sensitivity: organizerEvent.sensitivity,
      location: organizerEvent.location,
      attendees: organizerEvent.attendees,
      organizer: organizerEvent.organizer,
      isOnlineMeeting: organizerEvent.isOnlineMeeting,
      onlineMeetingProvider: organizerEvent.onlineMeetingProvider,
      joinUrl: organizerEvent.joinUrl,
      isCancelled: false,
      lastModifiedDateTime: now(),
      changeKey: newChangeKey(),
    };
    if (existing) {
      store.update({ ...existing, ...shared });
      return;
    }
    store.insert({
      ...organizerEvent,
      ...shared,
      id: newEventId(),
      mailboxId: user.id,
      transactionId: null,
      createdDateTime: now(),
      isOrganizer: false,
      responseStatus: { response: 'notResponded', time: NO_RESPONSE_TIME },
      showAs: 'tentative',
      categories: [],
    });
  }

  /** Marks the attendees' copies cancelled, as a cancellation message does when it arrives. */
  function cancelCopies(organizerEvent: StoredEvent, addresses: Set<string>): void {
    for (const copy of store.copiesOf(organizerEvent.iCalUId, organizerEvent.id)) {
      const owner = directory.findUser(copy.mailboxId);
      if (!owner || !addresses.has(owner.mail.toLowerCase())) continue;
      store.update({
        ...copy,
        isCancelled: true,
        subject: `Canceled: ${organizerEvent.subject}`,
        lastModifiedDateTime: now(),
        changeKey: newChangeKey(),
      });
    }
  }

  /** Ends a meeting from the organizer's side (DELETE or cancel): attendees get a cancellation. */
  function endMeeting(event: StoredEvent, comment: string | null): void {
    if (event.isOrganizer && event.attendees.length && !event.isCancelled) {
      cancelCopies(event, new Set(event.attendees.map((a) => a.address.toLowerCase())));
      record('cancellation', event, event.attendees, comment);
    }
    store.markDeleted(event.id);
  }

  function applyScalarProperties(target: StoredEvent, body: Record<string, unknown>): void {
    if (typeof body.subject === 'string') target.subject = body.subject;
    if (body.showAs !== undefined) {
      if (typeof body.showAs !== 'string' || !FREE_BUSY_VALUES.includes(body.showAs as FreeBusyStatus))
        throw invalidRequest(`${JSON.stringify(body.showAs)} is not a showAs value.`);
      target.showAs = body.showAs as FreeBusyStatus;
    }
    if (typeof body.importance === 'string') target.importance = body.importance as StoredEvent['importance'];
    if (typeof body.sensitivity === 'string')
      target.sensitivity = body.sensitivity as StoredEvent['sensitivity'];
    const reminderOn = asBool(body.isReminderOn);
    if (reminderOn !== undefined) target.isReminderOn = reminderOn;
    const reminder = asNumber(body.reminderMinutesBeforeStart);
    if (reminder !== undefined) target.reminderMinutesBeforeStart = reminder;
    if (Array.isArray(body.categories)) target.categories = body.categories.map(String);
    const allDay = asBool(body.isAllDay);
    if (allDay !== undefined) target.isAllDay = allDay;
    const responseRequested = asBool(body.responseRequested);
    if (responseRequested !== undefined) target.responseRequested = responseRequested;
    const proposals = asBool(body.allowNewTimeProposals);
    if (proposals !== undefined) target.allowNewTimeProposals = proposals;
    const hide = asBool(body.hideAttendees);
    if (hide !== undefined) target.hideAttendees = hide;
    if (body.location !== undefined) {
      const loc = body.location;
      target.location = {
        displayName:
          loc && typeof loc === 'object' && 'displayName' in loc && typeof loc.displayName === 'string'
            ? loc.displayName
            : '',
      };
    }
  }

  function applyTimes(target: StoredEvent, body: Record<string, unknown>): void {
    if (body.start !== undefined) {
      const { instant, zone } = parseDateTimeTimeZone(body.start, 'start');
      target.start = instant.toISOString();
      target.originalStartTimeZone = zone.label;
    }
    if (body.end !== undefined) {
      const { instant, zone } = parseDateTimeTimeZone(body.end, 'end');
      target.end = instant.toISOString();
      target.originalEndTimeZone = zone.label;
    }
    if (Date.parse(target.end) < Date.parse(target.start))
      throw invalidRequest('The end time of the event is before its start time.');
  }

  /** Once online, always online [C2]; turning it on creates the Teams meeting and its join link. */
  function applyOnlineMeeting(target: StoredEvent, body: Record<string, unknown>, organizerId: string): void {
    const online = asBool(body.isOnlineMeeting);
    if (online && !target.isOnlineMeeting) {
      target.isOnlineMeeting = true;
      target.onlineMeetingProvider =
        typeof body.onlineMeetingProvider === 'string' ? body.onlineMeetingProvider : 'teamsForBusiness';
      if (target.onlineMeetingProvider === 'teamsForBusiness')
        target.joinUrl = teamsJoinUrl(ctx.tenantId, organizerId);
    }
    if (target.joinUrl) target.body = withJoinBlock(target.body, target.joinUrl);
  }

  // ---- events ----------------------------------------------------------------------------------

  const createEvent = (req: RouteRequest) => {
    const user = mailbox(req, WRITE);
    const body = requestBody(req);
    checkEventProperties(body);
    if (body.recurrence !== undefined && body.recurrence !== null)
      throw new GraphError(
        501,
        'notImplemented',
        'local365 does not implement recurring events, though Microsoft Graph v1.0 has them.',
      );
    const transactionId =
      typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : null;
    if (transactionId) {
      // A retried create with the same transactionId gets the event the first attempt made [C2].
      const existing = store.findByTransactionId(user.id, transactionId);
      if (existing) return respondEvent(201, req, user, existing);
    }
    if (body.start === undefined || body.end === undefined)
      throw invalidRequest('An event needs both start and end.');
    const created = now();
    const event: StoredEvent = {
      id: newEventId(),
      mailboxId: user.id,
      iCalUId: `040000008200E00074C5B7101A82E008${randomBytes(40).toString('hex').toUpperCase()}`,
      transactionId,
      createdDateTime: created,
      lastModifiedDateTime: created,
      changeKey: newChangeKey(),
      subject: '',
      body: parseBody(body.body),
      start: created,
      end: created,
      originalStartTimeZone: 'UTC',
      originalEndTimeZone: 'UTC',
      isAllDay: false,
      showAs: 'busy',
      importance: 'normal',
      sensitivity: 'normal',
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
      categories: [],
      location: { displayName: '' },
      attendees: parseAttendees(body.attendees),
      organizer: { address: user.mail, name: user.displayName },
      isOrganizer: true,
      responseStatus: { response: 'organizer', time: NO_RESPONSE_TIME },
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      joinUrl: null,
      isCancelled: false,
      responseRequested: true,
      allowNewTimeProposals: true,
      hideAttendees: false,
    };
    applyScalarProperties(event, body);
    applyTimes(event, body);
    applyOnlineMeeting(event, body, user.id);
    store.insert(event);
    for (const a of event.attendees) upsertCopy(event, a);
    // "When an event is sent, the server sends invitations to all the attendees" [C1].
    record('invitation', event, event.attendees);
    return respondEvent(201, req, user, event);
  };

  const listEvents = (req: RouteRequest) => {
    const user = mailbox(req, READ);
    refuseUnimplemented(req.query, ['$search', '$count', '$expand'], req.path);
    const unsupported = (p: string) =>
      new GraphError(400, 'ErrorInvalidProperty', `The property '${p}' does not support filtering.`);
    let events = applyFilter(
      store.list(user.id),
      req.query,
      {
        'start/dateTime': (e) => new Date(e.start),
        'end/dateTime': (e) => new Date(e.end),
        subject: (e) => e.subject,
        isCancelled: (e) => e.isCancelled,
        isOrganizer: (e) => e.isOrganizer,
        isOnlineMeeting: (e) => e.isOnlineMeeting,
        showAs: (e) => e.showAs,
        iCalUId: (e) => e.iCalUId,
        transactionId: (e) => e.transactionId,
        'organizer/emailAddress/address': (e) => e.organizer.address,
        categories: (e) => e.categories,
        createdDateTime: (e) => new Date(e.createdDateTime),
        lastModifiedDateTime: (e) => new Date(e.lastModifiedDateTime),
      },
      unsupported,
    );
    events = applyOrderBy(
      events,
      req.query,
      {
        'start/dateTime': (e) => Date.parse(e.start),
        'end/dateTime': (e) => Date.parse(e.end),
        subject: (e) => e.subject,
        createdDateTime: (e) => Date.parse(e.createdDateTime),
        lastModifiedDateTime: (e) => Date.parse(e.lastModifiedDateTime),
      },
      (p) => new GraphError(400, 'ErrorInvalidProperty', `The property '${p}' does not support sorting.`),
    );
    const zone = preferredZone(req.headers);
    const result = page(ctx, req, events, EVENT_PAGE);
    return {
      status: 200,
      headers: preferenceApplied(zone),
      body: collectionBody(ctx, `users('${user.id}')/events`, {
        ...result,
        value: result.value.map((e) =>
          applySelect(graphEvent(e, zone), req.query, 'microsoft.graph.event', ['@odata.etag', 'id']),
        ),
      }),
    };
  };

  const getEvent = (req: RouteRequest) => {
    const user = mailbox(req, READ);
    const event = store.find(user.id, req.params['event-id'] ?? '');
    if (!event) throw eventNotFound();
    return respondEvent(200, req, user, event);
  };

  const updateEvent = (req: RouteRequest) => {
    const user = mailbox(req, WRITE);
    const body = requestBody(req);
    checkEventProperties(body);
    const before = store.find(user.id, req.params['event-id'] ?? '');
    if (!before) throw eventNotFound();
    if (body.recurrence !== undefined && body.recurrence !== null)
      throw new GraphError(
        501,
        'notImplemented',
        'local365 does not implement recurring events, though Microsoft Graph v1.0 has them.',
      );
    if (typeof body.transactionId === 'string' && body.transactionId !== before.transactionId)
      throw invalidRequest('The transactionId of an event cannot be changed.');
    const after: StoredEvent = structuredClone(before);
    applyScalarProperties(after, body);
    if (body.body !== undefined) after.body = parseBody(body.body);
    applyTimes(after, body);
    if (body.attendees !== undefined) {
      const previous = new Map(before.attendees.map((a) => [a.address.toLowerCase(), a]));
      after.attendees = parseAttendees(body.attendees).map((a) => previous.get(a.address.toLowerCase()) ?? a);
    }
    applyOnlineMeeting(after, body, before.isOrganizer ? user.id : before.mailboxId);
    after.lastModifiedDateTime = now();
    after.changeKey = newChangeKey();
    store.update(after);

    // The organizer's changes reach the attendees; an attendee's changes stay on their own calendar.
    if (after.isOrganizer) {
      const beforeSet = new Set(before.attendees.map((a) => a.address.toLowerCase()));
      const afterSet = new Set(after.attendees.map((a) => a.address.toLowerCase()));
      const added = after.attendees.filter((a) => !beforeSet.has(a.address.toLowerCase()));
      const removed = before.attendees.filter((a) => !afterSet.has(a.address.toLowerCase()));
      const kept = after.attendees.filter((a) => beforeSet.has(a.address.toLowerCase()));
      const meetingChanged =
        before.subject !== after.subject ||
        before.start !== after.start ||
        before.end !== after.end ||
        before.location.displayName !== after.location.displayName ||
        before.body.content !== after.body.content ||
        before.joinUrl !== after.joinUrl;
      for (const a of after.attendees) upsertCopy(after, a);
      cancelCopies(before, new Set(removed.map((a) => a.address.toLowerCase())));
      record('invitation', after, added);
      record('cancellation', before, removed);
      if (meetingChanged) record('update', after, kept);
    }
    return respondEvent(200, req, user, after);
  };

  const deleteEvent = (req: RouteRequest) => {
    const user = mailbox(req, WRITE);
    const event = store.find(user.id, req.params['event-id'] ?? '');
    if (!event) throw eventNotFound();
    // "If the event is a meeting, deleting the event on the organizer's calendar sends a cancellation message."
    endMeeting(event, null);
    return { status: 204 };
  };

  const cancelEvent = (req: RouteRequest) => {
    const user = mailbox(req, WRITE);
    const event = store.find(user.id, req.params['event-id'] ?? '');
    if (!event) throw eventNotFound();
    if (!event.isOrganizer) throw invalidRequest('You need to be an organizer to cancel a meeting.');
    const body = (req.body ?? {}) as { comment?: unknown; Comment?: unknown };
    const comment =
      typeof body.comment === 'string'
        ? body.comment
        : typeof body.Comment === 'string'
          ? body.Comment
          : null;
    endMeeting(event, comment);
    return { status: 202 };
  };

  for (const root of ['/me', '/me/calendar', '/users/{user-id}', '/users/{user-id}/calendar']) {
    d.register('POST', `${root}/events`, createEvent);
    d.register('GET', `${root}/events`, listEvents);
    d.register('GET', `${root}/events/{event-id}`, getEvent);
    d.register('PATCH', `${root}/events/{event-id}`, updateEvent);
    d.register('DELETE', `${root}/events/{event-id}`, deleteEvent);
    d.register('POST', `${root}/events/{event-id}/cancel`, cancelEvent);
  }

  // ---- free/busy -------------------------------------------------------------------------------

  const getSchedule = (req: RouteRequest) => {
    mailbox(req, FREE_BUSY);
    const body = requestBody(req);
    if (
      !Array.isArray(body.schedules) ||
      body.schedules.length === 0 ||
      !body.schedules.every((s) => typeof s === 'string')
    ) {
      throw invalidRequest("'schedules' must list at least one SMTP address.");
    }
    const { instant: start } = parseDateTimeTimeZone(body.startTime, 'startTime');
    const { instant: end } = parseDateTimeTimeZone(body.endTime, 'endTime');
    if (end <= start) throw invalidRequest('The end time must be after the start time.');
    const interval = asNumber(body.availabilityViewInterval) ?? 30;
    if (!Number.isInteger(interval) || interval < 5 || interval > 1440)
      throw invalidRequest("'availabilityViewInterval' must be between 5 and 1440 minutes.");
    const zone = preferredZone(req.headers);
    const shown: Zone = zone ?? UTC_ZONE;
    const schedules: string[] = body.schedules;
    const value = schedules.map((scheduleId) => {
      const user = directory.findUserByAddress(scheduleId);
      if (!user) {
        // As Exchange answers for an address it cannot resolve (outside the tenant or unknown).
        return {
          scheduleId,
          error: {
            message: `Unable to resolve e-mail address ${scheduleId} to an Active Directory object.`,
            responseCode: '5009',
          },
        };
      }
      const events = store.overlapping(user.id, start, end).filter(blocksTime);
      return {
        scheduleId,
        availabilityView: availabilityView(events, start, end, interval * 60_000),
        scheduleItems: events.map((e) => ({
          isPrivate: e.sensitivity === 'private',
          status: e.showAs,
          subject: e.sensitivity === 'private' ? '' : e.subject,
          location: e.location.displayName,
          isMeeting: e.attendees.length > 0,
          isRecurring: false,
          isException: false,
          isReminderSet: e.isReminderOn,
          start: formatDateTimeTimeZone(new Date(e.start), shown),
          end: formatDateTimeTimeZone(new Date(e.end), shown),
        })),
        workingHours: {
          daysOfWeek: user.workingHours.daysOfWeek,
          startTime: `${user.workingHours.startTime}.0000000`,
          endTime: `${user.workingHours.endTime}.0000000`,
          timeZone: { name: windowsZoneName(user.workingHours.timeZone) },
        },
      };
    });
    return {
      status: 200,
      headers: preferenceApplied(zone),
      body: { '@odata.context': odataContext(ctx, 'Collection(microsoft.graph.scheduleInformation)'), value },
    };
  };
  d.register('POST', '/me/calendar/getSchedule', getSchedule);
  d.register('POST', '/users/{user-id}/calendar/getSchedule', getSchedule);

  const findMeetingTimes = (req: RouteRequest) => {
    const organizer = mailbox(req, FIND_TIMES);
    const body = requestBody(req);
    const attendees: MeetingParticipant[] = [];
    for (const a of parseAttendees(body.attendees)) {
      if (a.address.toLowerCase() === organizer.mail.toLowerCase()) continue;
      const user = directory.findUserByAddress(a.address);
      attendees.push({
        type: a.type,
        address: a.address,
        ...(user ? { events: store.list(user.id), workingHours: user.workingHours } : {}),
      });
    }
    const constraint = (body.timeConstraint ?? {}) as { activityDomain?: unknown; timeSlots?: unknown };
    const domainText = typeof constraint.activityDomain === 'string' ? constraint.activityDomain : 'work';
    const activityDomain: ActivityDomain =
      domainText === 'personal' || domainText === 'unrestricted' ? domainText : 'work';
    let windows: { start: Date; end: Date }[];
    if (Array.isArray(constraint.timeSlots) && constraint.timeSlots.length) {
      windows = (constraint.timeSlots as { start?: unknown; end?: unknown }[]).map((slot, i) => ({
        start: parseDateTimeTimeZone(slot?.start, `timeConstraint.timeSlots[${i}].start`).instant,
        end: parseDateTimeTimeZone(slot?.end, `timeConstraint.timeSlots[${i}].end`).instant,
      }));
    } else {
      windows = [{ start: ctx.now(), end: new Date(ctx.now().getTime() + 2 * 86_400_000) }];
    }
    const durationText = typeof body.meetingDuration === 'string' ? body.meetingDuration : 'PT30M';
    const durationMs = parseDuration(durationText);
    if (!durationMs) throw invalidRequest(`'${durationText}' is not an ISO 8601 duration (meetingDuration).`);
    const maxCandidates = asNumber(body.maxCandidates) ?? DEFAULT_MAX_CANDIDATES;
    const minimumAttendeePercentage = asNumber(body.minimumAttendeePercentage) ?? 50;
    const result = suggestMeetingTimes({
      organizer: {
        events: store.list(organizer.id),
        workingHours: organizer.workingHours,
        optional: asBool(body.isOrganizerOptional) ?? false,
      },
      attendees,
      windows,
      durationMs,
      activityDomain,
      maxCandidates,
      minimumAttendeePercentage,
    });
    const zone = preferredZone(req.headers);
    const shown: Zone = zone ?? UTC_ZONE;
    const withReasons = asBool(body.returnSuggestionReasons) ?? false;
    const locationNames = (
      ((body.locationConstraint as { locations?: unknown } | undefined)?.locations ?? []) as {
        displayName?: unknown;
      }[]
    )
      .map((l) => l?.displayName)
      .filter((n): n is string => typeof n === 'string');
    const nameOf = new Map(parseAttendees(body.attendees).map((a) => [a.address.toLowerCase(), a.name]));
    return {
      status: 200,
      headers: preferenceApplied(zone),
      body: {
        '@odata.context': odataContext(ctx, 'microsoft.graph.meetingTimeSuggestionsResult'),
        emptySuggestionsReason: result.emptySuggestionsReason,
        meetingTimeSuggestions: result.suggestions.map((s, i) => ({
          confidence: s.confidence,
          order: i + 1,
          organizerAvailability: s.organizerAvailability,
          ...(withReasons
            ? {
                suggestionReason:
                  s.confidence === 100
                    ? 'Suggested because it is one of the nearest times when all attendees are available.'
                    : 'Suggested because it is one of the nearest times when most attendees are available.',
              }
            : {}),
          attendeeAvailability: s.attendeeAvailability.map((a) => ({
            attendee: {
              type: a.attendee.type,
              emailAddress: {
                name: nameOf.get(a.attendee.address.toLowerCase()) ?? a.attendee.address,
                address: a.attendee.address,
              },
            },
            availability: a.availability,
          })),
          locations: locationNames.map((displayName) => ({ displayName })),
          meetingTimeSlot: {
            start: formatDateTimeTimeZone(s.start, shown),
            end: formatDateTimeTimeZone(s.end, shown),
          },
        })),
      },
    };
  };
  d.register('POST', '/me/findMeetingTimes', findMeetingTimes);
  registerCalendarDeltaRoute(ctx);
  d.register('POST', '/users/{user-id}/findMeetingTimes', findMeetingTimes);
}

/** Every invitation, update and cancellation sent so far, oldest first (for the inspector). */
export function listCalendarActivity(ctx: StandInContext) {
  return new CalendarStore(ctx.db).listActivity();
}
