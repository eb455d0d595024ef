import { randomUUID } from 'node:crypto';
import express, { type Request } from 'express';
import {
  bookMeetingSchema,
  bookingCheckSchema,
  cancelMeetingSchema,
  freeTimesRequestSchema,
  rescheduleMeetingSchema,
  type BookableKind,
  type BookingCheckAnswer,
  type BookingProposal,
  type FreeTimesAnswer,
  type MeetingAnswer,
  type OutlookCheckAnswer,
} from '../../contract/bookings.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import {
  MULTI_AGENCY_PURPOSES,
  MULTI_AGENCY_PURPOSE_LABELS,
  type Meeting,
} from '../../domain/meeting.schema.ts';
import { englishBankHolidaysAround } from '../bank-holidays.ts';
import { reviewBookingWindow, schoolHourSlots, type BookingWarning } from '../../domain/review-booking.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import { ConsentRequiredError } from '../../graph/delegated-token-provider.ts';
import { GraphRequestError } from '../../graph/graph-request-error.ts';
import type { OutlookCalendar } from '../../graph/outlook-calendar.ts';
import { NotFoundError } from './api-errors.ts';
import {
  invitationBody,
  inviteesFromRecord,
  meetingKindOf,
  reviewBookingContext,
  reviewLinkOf,
  subjectAndAgenda,
  warningsFor,
} from './booking-context.ts';
import { findPupilRecord } from './pupil-lookup.ts';
import {
  actorOf,
  auditEntry,
  contextOf,
  param,
  type ApiDeps,
  type RequestContext,
} from './request-context.ts';
import { fieldProblems } from './validation.ts';

/**
 * Booking meetings in the SENCO's own Outlook, as them (on-behalf-of, never app-only):
 *
 * GET  /api/pupils/{id}/bookings/proposal?kind=annual-review|multi-agency   window, invitees, agenda
 * POST /api/pupils/{id}/bookings/check            warnings for a date
 * POST /api/pupils/{id}/bookings/free-times       times the SENCO and the internal invitees are free
 * POST /api/pupils/{id}/bookings                  book (201); the same requestId again answers the same meeting
 * PATCH /api/pupils/{id}/bookings/{meetingId}     move
 * POST /api/pupils/{id}/bookings/{meetingId}/cancel
 * POST /api/pupils/{id}/bookings/outlook-check    meetings moved or cancelled in Outlook, brought into line
 *
 * SENCO and SEND team only (whole records); everyone else gets the pupil's 404.
 */
export function bookingRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  function calendarOf(req: Request, context: RequestContext): OutlookCalendar {
    const assertion = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (!assertion) throw new Error('No bearer token on an authenticated request');
    return deps.calendarFor(context.caller.userId, assertion);
  }

  function reviewContext(pupil: Pupil, context: RequestContext, kind: BookableKind) {
    if (kind !== 'annual-review') return undefined;
    const plan = records.ehcPlan(pupil.id)?.value;
    if (!plan || plan.ceasedOn) throw new NotFoundError('This pupil has no EHC plan to review.');
    return reviewBookingContext({
      pupil,
      plan,
      settings: records.settings().value,
      today: context.today,
      newReviewId: randomUUID(),
    });
  }

  const ownMeeting = (pupil: Pupil, meetingId: string): Meeting => {
    const meeting = records.meeting(meetingId);
    if (!meeting || !meeting.pupilIds.includes(pupil.id)) throw new NotFoundError('No such meeting.');
    return meeting;
  };

  /** The review a meeting belongs to, when it is a review of an open plan. */
  const linkOf = (meeting: Meeting, pupil: Pupil, context: RequestContext) =>
    reviewLinkOf({
      meeting,
      pupil,
      plan: records.ehcPlan(pupil.id)?.value,
      settings: records.settings().value,
      today: context.today,
    });

  function refuseUnaccepted(warnings: readonly BookingWarning[], accepted: readonly string[]): void {
    const open = warnings.filter((w) => !accepted.includes(w.code));
    if (open.length)
      throw fieldProblems(open.map((w) => ({ field: 'acceptedWarnings', message: w.message })));
  }

  router.get('/pupils/:pupilId/bookings/proposal', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const kind: BookableKind = req.query['kind'] === 'multi-agency' ? 'multi-agency' : 'annual-review';
    const review = reviewContext(pupil, context, kind);
    const found = review ? reviewBookingWindow(review.input) : undefined;
    const window = found
      ? {
          earliest: found.earliest,
          latest: found.latest,
          ...(found.phaseTransfer ? { phaseTransfer: found.phaseTransfer } : {}),
        }
      : null;
    const { subject, agenda } = subjectAndAgenda(pupil, kind, undefined, review);
    await deps.audit.record(auditEntry(context, { action: 'read', resource: 'booking', pupilId: pupil.id }));
    res.json({
      pupilId: pupil.id,
      kind,
      today: context.today,
      window,
      invitees: inviteesFromRecord({
        pupil,
        plan: records.ehcPlan(pupil.id)?.value,
        professionals: records.professionalsFor(pupil.id),
        kind,
        // A directory that cannot be read leaves the head to be added by hand, not the dialog unopened.
        head: kind === 'annual-review' ? await deps.headTeacher?.().catch(() => undefined) : undefined,
      }),
      staff: [],
      subject,
      agenda,
      schoolDay: records.settings().value.schoolDay,
      purposes: MULTI_AGENCY_PURPOSES.map((value) => ({ value, label: MULTI_AGENCY_PURPOSE_LABELS[value] })),
    } satisfies BookingProposal);
  });

  router.post('/pupils/:pupilId/bookings/check', (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = bookingCheckSchema.parse(req.body);
    const review = reviewContext(pupil, context, body.kind);
    res.json({
      warnings: warningsFor(review, body.on, { ...body, schoolDay: records.settings().value.schoolDay }),
    } satisfies BookingCheckAnswer);
  });

  router.post('/pupils/:pupilId/bookings/free-times', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = freeTimesRequestSchema.parse(req.body);
    const slots = schoolHourSlots({
      from: body.from,
      to: body.to,
      dayStarts: records.settings().value.schoolDay.starts,
      dayEnds: records.settings().value.schoolDay.ends,
      holidays: [...englishBankHolidaysAround(body.from)],
      maxDays: 15,
    });
    if (!slots.length)
      throw fieldProblems([{ field: 'to', message: 'There are no school days between these dates' }]);
    const internal = body.attendees.filter((a) => a.internal && a.email);
    const found = await calendarOf(req, context).findFreeTimes({
      attendees: internal.map((a) => ({ email: a.email!, name: a.name })),
      slots,
      durationMinutes: body.durationMinutes,
      maxCandidates: 12,
    });
    const review = records.ehcPlan(pupil.id) ? reviewContext(pupil, context, 'annual-review') : undefined;
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'free-times', pupilId: pupil.id }),
    );
    res.json({
      times: found.map((t) => {
        const on = t.start.slice(0, 10) as CalendarDate;
        return {
          on,
          startsAt: t.start.slice(11, 16),
          endsAt: t.end.slice(11, 16),
          warnings: warningsFor(review, on, {
            startsAt: t.start.slice(11, 16),
            durationMinutes: body.durationMinutes,
            schoolDay: records.settings().value.schoolDay,
          }),
        };
      }),
    } satisfies FreeTimesAnswer);
  });

  router.post('/pupils/:pupilId/bookings', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = bookMeetingSchema.parse(req.body);
    const review = reviewContext(pupil, context, body.kind);
    const warnings = warningsFor(review, body.on, { ...body, schoolDay: records.settings().value.schoolDay });
    const already = records.meeting(body.requestId);
    if (!already) refuseUnaccepted(warnings, body.acceptedWarnings);
    const { subject, agenda } = subjectAndAgenda(pupil, body.kind, body.purpose, review);
    const invited = body.attendees.filter((a) => a.email);
    const end = endOf(body.startsAt, body.durationMinutes);
    if (end > '20:00')
      throw fieldProblems([
        { field: 'durationMinutes', message: 'The meeting must end by 20:00 on the same day' },
      ]);
    const meeting = await records.meetingBookings().book({
      meeting: {
        id: body.requestId,
        kind: meetingKindOf(body.kind),
        pupilIds: [pupil.id],
        ...(review ? { reviewId: review.link.review.id } : {}),
        on: body.on,
        startsAt: body.startsAt,
        durationMinutes: body.durationMinutes,
        ...(body.location ? { location: body.location } : {}),
        attendees: body.attendees.map((a) => ({
          name: a.name,
          role: a.role,
          ...(a.email ? { email: a.email } : {}),
        })),
        ...(body.notes ? { notes: body.notes } : {}),
        ...(body.purpose ? { purpose: body.purpose } : {}),
        actions: body.actions,
        status: 'pending',
      },
      event: {
        subject,
        body: invitationBody({ agenda, organiser: context.caller.name }),
        start: `${body.on}T${body.startsAt}`,
        end: `${body.on}T${end}`,
        ...(body.location ? { location: body.location } : {}),
        attendees: invited.map((a) => ({ email: a.email!, name: a.name })),
      },
      ...(review
        ? {
            review: {
              plan: review.link.plan,
              review: {
                ...review.link.review,
                invitees: body.attendees.map((a) => ({
                  name: a.name,
                  role: a.role,
                  ...(a.email ? { email: a.email, invitedOn: context.today } : {}),
                })),
                preparingForAdulthoodOnAgenda: review.preparingForAdulthood,
              },
            },
          }
        : {}),
      calendar: calendarOf(req, context),
      organizerUserId: context.caller.userId,
      by: actorOf(context),
    });
    await deps.audit.record(
      auditEntry(context, { action: 'create', resource: 'meeting', pupilId: pupil.id, detail: meeting.id }),
    );
    res.status(already ? 200 : 201).json({ meeting, warnings } satisfies MeetingAnswer);
  });

  router.patch('/pupils/:pupilId/bookings/:meetingId', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = rescheduleMeetingSchema.parse(req.body);
    const meeting = ownMeeting(pupil, param(req, 'meetingId'));
    const review = linkOf(meeting, pupil, context);
    const warnings = warningsFor(review, body.on, { ...body, schoolDay: records.settings().value.schoolDay });
    refuseUnaccepted(warnings, body.acceptedWarnings);
    const moved = await records.meetingBookings().reschedule({
      meetingId: meeting.id,
      to: { on: body.on, startsAt: body.startsAt, durationMinutes: body.durationMinutes },
      calendar: calendarOf(req, context),
      ...(review ? { review: review.link } : {}),
      by: actorOf(context),
    });
    await deps.audit.record(
      auditEntry(context, { action: 'update', resource: 'meeting', pupilId: pupil.id, detail: meeting.id }),
    );
    res.json({ meeting: moved, warnings } satisfies MeetingAnswer);
  });

  router.post('/pupils/:pupilId/bookings/:meetingId/cancel', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const body = cancelMeetingSchema.parse(req.body);
    const meeting = ownMeeting(pupil, param(req, 'meetingId'));
    const review = linkOf(meeting, pupil, context);
    const cancelled = await records.meetingBookings().cancel({
      meetingId: meeting.id,
      comment: body.message,
      calendar: calendarOf(req, context),
      ...(review ? { review: review.link } : {}),
      by: actorOf(context),
    });
    await deps.audit.record(
      auditEntry(context, {
        action: 'update',
        resource: 'meeting',
        pupilId: pupil.id,
        detail: `cancelled ${meeting.id}`,
      }),
    );
    res.json({ meeting: cancelled, warnings: [] } satisfies MeetingAnswer);
  });

  router.post('/pupils/:pupilId/bookings/outlook-check', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    // Only the organiser's own token can read the event: meetings others booked are theirs to check.
    const mine = records
      .meetingsFor(pupil.id)
      .filter((m) => m.status === 'booked' && m.outlook?.organizerUserId === context.caller.userId);
    const changes: OutlookCheckAnswer['changes'] = [];
    let problem: string | undefined;
    try {
      const calendar = mine.length ? calendarOf(req, context) : undefined;
      for (const m of mine) {
        const review = linkOf(m, pupil, context);
        const change = await records.meetingBookings().checkOutlook({
          meetingId: m.id,
          calendar: calendar!,
          ...(review ? { review: review.link } : {}),
          by: actorOf(context),
        });
        if (change.kind === 'moved')
          changes.push({
            meetingId: m.id,
            kind: 'moved',
            from: change.from,
            meeting: change.meeting,
            warnings: warningsFor(review, change.meeting.on, {
              ...change.meeting,
              schoolDay: records.settings().value.schoolDay,
            }),
          });
        if (change.kind === 'cancelled')
          changes.push({ meetingId: m.id, kind: 'cancelled', meeting: change.meeting, warnings: [] });
      }
    } catch (err) {
      // Opening the pupil must not fail because Outlook could not be read: say so, conclude nothing.
      if (err instanceof ConsentRequiredError) problem = consentMessage(err);
      else if (err instanceof GraphRequestError && err.isThrottled)
        problem = 'Outlook is busy, so changes made there could not be checked. They will be next time.';
      else throw err;
    }
    if (changes.length)
      await deps.audit.record(
        auditEntry(context, {
          action: 'update',
          resource: 'meeting',
          pupilId: pupil.id,
          detail: 'changed in Outlook',
        }),
      );
    res.json({ changes, ...(problem ? { problem } : {}) } satisfies OutlookCheckAnswer);
  });

  return router;
}

/** What the tab shows when the school has not granted a delegated permission. */
export function consentMessage(err: ConsentRequiredError): string {
  return `Ask your IT admin to grant SENCO Hub permission to use your Outlook calendar for you (${err.scopes.join(', ')}) in Microsoft Entra admin centre. Until then, meetings cannot be booked from SENCO Hub.`;
}

function endOf(startsAt: string, minutes: number): string {
  const [h, m] = startsAt.split(':').map(Number) as [number, number];
  const end = h * 60 + m + minutes;
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}
