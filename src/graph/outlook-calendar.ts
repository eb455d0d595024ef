import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { graphGet, graphPatch, graphPost } from './graph-requests.ts';

/**
 * The signed-in person's own Outlook calendar, through a delegated connection (on-behalf-of tokens, see
 * delegated-token-provider.ts) on the one Graph client. Times go in and out as school-local wall-clock
 * ('YYYY-MM-DDTHH:MM', Europe/London): Graph takes `dateTimeTimeZone` and answers in the zone named by
 * `Prefer: outlook.timezone`. Vendor shapes stop here.
 * https://learn.microsoft.com/en-us/graph/api/resources/event
 * https://learn.microsoft.com/en-us/graph/api/user-post-events (transactionId, isOnlineMeeting)
 * https://learn.microsoft.com/en-us/graph/api/event-update, https://learn.microsoft.com/en-us/graph/api/event-cancel
 * https://learn.microsoft.com/en-us/graph/api/user-findmeetingtimes
 */

export const SCHOOL_TIME_ZONE = 'Europe/London';
const PREFER_LONDON = { Prefer: `outlook.timezone="${SCHOOL_TIME_ZONE}"` };

/** 'YYYY-MM-DDTHH:MM' in Europe/London. */
export type LocalDateTime = string;

export type Invitee = { email: string; name: string; optional?: boolean };

export type EventDraft = {
  subject: string;
  /** HTML. */
  body: string;
  start: LocalDateTime;
  end: LocalDateTime;
  location?: string;
  attendees: readonly Invitee[];
  /**
   * Graph keeps the event this id first made and answers a retried create with it, so a double click or a
   * retry after a lost answer makes one event. Cannot change afterwards.
   */
  transactionId: string;
};

export type OutlookEvent = {
  id: string;
  iCalUId: string;
  joinUrl: string | undefined;
  subject: string;
  start: LocalDateTime;
  end: LocalDateTime;
  isCancelled: boolean;
  attendees: { email: string; name: string; response: string }[];
};

type GraphDateTime = { dateTime: string; timeZone: string };
type GraphEventShape = {
  id: string;
  iCalUId: string;
  subject?: string;
  isCancelled?: boolean;
  start: GraphDateTime;
  end: GraphDateTime;
  onlineMeeting?: { joinUrl?: string } | null;
  attendees?: { emailAddress?: { address?: string; name?: string }; status?: { response?: string } }[];
};

const SELECT =
  '$select=id,iCalUId,subject,isCancelled,start,end,onlineMeeting,attendees,isOnlineMeeting,transactionId';

const toGraphTime = (local: LocalDateTime): GraphDateTime => ({
  dateTime: `${local}:00`,
  timeZone: SCHOOL_TIME_ZONE,
});

function fromGraphTime(value: GraphDateTime, what: string): LocalDateTime {
  // The Prefer header asks for Europe/London; an answer in another zone would shift every date we keep.
  if (value.timeZone !== SCHOOL_TIME_ZONE && value.timeZone !== 'GMT Standard Time')
    throw new Error(`Outlook answered the ${what} in ${value.timeZone}, not ${SCHOOL_TIME_ZONE}`);
  return value.dateTime.slice(0, 16);
}

function toOutlookEvent(e: GraphEventShape): OutlookEvent {
  return {
    id: e.id,
    iCalUId: e.iCalUId,
    joinUrl: e.onlineMeeting?.joinUrl ?? undefined,
    subject: e.subject ?? '',
    start: fromGraphTime(e.start, 'start'),
    end: fromGraphTime(e.end, 'end'),
    isCancelled: e.isCancelled === true,
    attendees: (e.attendees ?? []).map((a) => ({
      email: a.emailAddress?.address ?? '',
      name: a.emailAddress?.name ?? '',
      response: a.status?.response ?? 'none',
    })),
  };
}

const graphAttendees = (attendees: readonly Invitee[]) =>
  attendees.map((a) => ({
    type: a.optional ? 'optional' : 'required',
    emailAddress: { address: a.email, name: a.name },
  }));

export type OutlookCalendar = ReturnType<typeof outlookCalendar>;

/** What changed in a calendar since a delta link, and the link to ask from next time. */
export type CalendarChanges = { changedIds: string[]; removedIds: string[]; deltaLink: string };

type DeltaPage = {
  value: ({ id: string; '@removed'?: unknown } & Record<string, unknown>)[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
};
const DELTA_PAGE_SIZE = 100;

/**
 * The calendar of whoever the connection's delegated token is for (`/me`). With `token` (the connection's own
 * getToken), each call gets its token first: a token that cannot be had (consent missing, refresh token
 * refused) is then thrown as itself (ConsentRequiredError, UnattendedTokenUnavailableError), not as the Graph
 * client's wrapping of a failed request, which keeps only its message. The token is cached, so this costs
 * no request.
 */
export function outlookCalendar(connection: GraphConnection, token?: () => Promise<string>) {
  const tokenFirst = async () => {
    await token?.();
  };
  return {
    /**
     * Events changed in the calendar: all those in `from.window` the first time, and after that (`from.deltaLink`)
     * only those changed since, with deleted and cancelled ones (`@removed`) apart. Follows every page; the
     * delta link is opaque and kept as given. A link Graph no longer honours answers 410 (GraphRequestError):
     * start again with the window. https://learn.microsoft.com/en-us/graph/api/event-delta
     */
    async changes(
      from: { deltaLink: string } | { window: { start: Date; end: Date } },
    ): Promise<CalendarChanges> {
      await tokenFirst();
      let next: string | undefined =
        'deltaLink' in from
          ? connection.toRequestPath(from.deltaLink)
          : `/me/calendarView/delta?startDateTime=${encodeURIComponent(from.window.start.toISOString())}&endDateTime=${encodeURIComponent(from.window.end.toISOString())}`;
      const changed = new Set<string>();
      const removed = new Set<string>();
      while (next) {
        const page: DeltaPage = await graphGet<DeltaPage>(connection, next, 'read changes in Outlook', {
          headers: { Prefer: `odata.maxpagesize=${DELTA_PAGE_SIZE}` },
        });
        for (const entry of page.value) {
          // The last word on an event wins: an event changed and then deleted is removed.
          if (entry['@removed'] !== undefined) {
            removed.add(entry.id);
            changed.delete(entry.id);
          } else {
            changed.add(entry.id);
            removed.delete(entry.id);
          }
        }
        if (page['@odata.deltaLink'])
          return { changedIds: [...changed], removedIds: [...removed], deltaLink: page['@odata.deltaLink'] };
        next = page['@odata.nextLink'] ? connection.toRequestPath(page['@odata.nextLink']) : undefined;
      }
      throw new GraphRequestError({
        status: 0,
        operation: 'read changes in Outlook',
        message: 'The last page of changes had neither a nextLink nor a deltaLink',
      });
    },

    /** A Teams meeting in the organiser's calendar, invitations sent to every attendee. */
    async createMeeting(draft: EventDraft): Promise<OutlookEvent> {
      await tokenFirst();
      const created = await graphPost<GraphEventShape>(
        connection,
        '/me/events',
        {
          subject: draft.subject,
          body: { contentType: 'html', content: draft.body },
          start: toGraphTime(draft.start),
          end: toGraphTime(draft.end),
          ...(draft.location ? { location: { displayName: draft.location } } : {}),
          attendees: graphAttendees(draft.attendees),
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          allowNewTimeProposals: false,
          transactionId: draft.transactionId,
        },
        'create meeting in Outlook',
        { headers: PREFER_LONDON },
      );
      return toOutlookEvent(created);
    },

    /** The event as Outlook holds it now; undefined once it has been deleted (or cancelled, by its organiser). */
    async readMeeting(eventId: string): Promise<OutlookEvent | undefined> {
      await tokenFirst();
      try {
        const e = await graphGet<GraphEventShape>(
          connection,
          `/me/events/${encodeURIComponent(eventId)}?${SELECT}`,
          'read meeting from Outlook',
          { headers: PREFER_LONDON },
        );
        return toOutlookEvent(e);
      } catch (err) {
        if (err instanceof GraphRequestError && err.status === 404) return undefined;
        throw err;
      }
    },

    /** Moves the meeting (and changes its invitees or agenda): Outlook sends the attendees an update. */
    async updateMeeting(
      eventId: string,
      change: { start: LocalDateTime; end: LocalDateTime; body?: string; attendees?: readonly Invitee[] },
    ): Promise<OutlookEvent> {
      await tokenFirst();
      const updated = await graphPatch<GraphEventShape>(
        connection,
        `/me/events/${encodeURIComponent(eventId)}`,
        {
          start: toGraphTime(change.start),
          end: toGraphTime(change.end),
          ...(change.body !== undefined ? { body: { contentType: 'html', content: change.body } } : {}),
          ...(change.attendees ? { attendees: graphAttendees(change.attendees) } : {}),
        },
        'move meeting in Outlook',
        { headers: PREFER_LONDON },
      );
      return toOutlookEvent(updated);
    },

    /**
     * Cancels the meeting with a message to the attendees. Only the organiser may; an event already gone
     * counts as cancelled (a retried cancel, or one cancelled in Outlook first).
     */
    async cancelMeeting(eventId: string, comment: string): Promise<void> {
      await tokenFirst();
      try {
        await graphPost<unknown>(
          connection,
          `/me/events/${encodeURIComponent(eventId)}/cancel`,
          { comment },
          'cancel meeting in Outlook',
        );
      } catch (err) {
        if (err instanceof GraphRequestError && err.status === 404) return;
        throw err;
      }
    },

    /**
     * Times when the organiser and the internal attendees are free, inside `slots` (school hours on school
     * days, as the caller builds them). Pass internal attendees only: Exchange cannot see external calendars
     * and counts them as unknown, which would leave no time where everyone is free.
     */
    async findFreeTimes(input: {
      attendees: readonly Invitee[];
      slots: readonly { start: LocalDateTime; end: LocalDateTime }[];
      durationMinutes: number;
      maxCandidates: number;
    }): Promise<{ start: LocalDateTime; end: LocalDateTime; confidence: number; busy: string[] }[]> {
      await tokenFirst();
      const answer = await graphPost<{
        emptySuggestionsReason?: string;
        meetingTimeSuggestions?: {
          confidence?: number;
          meetingTimeSlot: { start: GraphDateTime; end: GraphDateTime };
          attendeeAvailability?: { attendee: { emailAddress: { address: string } }; availability: string }[];
        }[];
      }>(
        connection,
        '/me/findMeetingTimes',
        {
          attendees: graphAttendees(input.attendees),
          timeConstraint: {
            activityDomain: 'work',
            timeSlots: input.slots.map((s) => ({ start: toGraphTime(s.start), end: toGraphTime(s.end) })),
          },
          meetingDuration: `PT${input.durationMinutes}M`,
          maxCandidates: input.maxCandidates,
          isOrganizerOptional: false,
          returnSuggestionReasons: false,
          minimumAttendeePercentage: 100,
        },
        'find free times in Outlook',
        { headers: PREFER_LONDON },
      );
      return (answer.meetingTimeSuggestions ?? []).map((s) => ({
        start: fromGraphTime(s.meetingTimeSlot.start, 'suggested start'),
        end: fromGraphTime(s.meetingTimeSlot.end, 'suggested end'),
        confidence: s.confidence ?? 0,
        busy: (s.attendeeAvailability ?? [])
          .filter((a) => a.availability !== 'free')
          .map((a) => a.attendee.emailAddress.address),
      }));
    },
  };
}
