import type { BookingAttendee, BookableKind } from '../../contract/bookings.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { DomainSettings, SchoolDay } from '../../domain/domain-settings.ts';
import { ehcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import type { EhcPlan } from '../../domain/ehc-plan.schema.ts';
import {
  MULTI_AGENCY_PURPOSE_LABELS,
  type Meeting,
  type MultiAgencyPurpose,
} from '../../domain/meeting.schema.ts';
import { nextPhaseTransfer } from '../../domain/phase-transfer.ts';
import type { ExternalProfessional, Profession } from '../../domain/professional.schema.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import {
  meetingSubject,
  reviewAgenda,
  reviewBookingWarnings,
  reviewBookingWindow,
  schoolHoursWarning,
  type BookingInput,
  type BookingWarning,
} from '../../domain/review-booking.ts';
import { reviewSchema, type InviteeRole, type Review } from '../../domain/review.schema.ts';
import type { ReviewBookingLink } from '../../graph/meeting-bookings.ts';
import { englishBankHolidaysAround } from '../bank-holidays.ts';

/**
 * What booking a pupil's meeting starts from, gathered from their records: the review window and the rules'
 * inputs, who reg 20(2) says to invite, the subject and agenda. Pure over the records passed in.
 */

const ROLE_OF_PROFESSION: Record<Profession, InviteeRole> = {
  'educational-psychologist': 'educational-psychologist',
  'speech-and-language-therapist': 'health-professional',
  'occupational-therapist': 'health-professional',
  physiotherapist: 'health-professional',
  paediatrician: 'health-professional',
  camhs: 'health-professional',
  'school-nurse': 'health-professional',
  'social-worker': 'social-care-officer',
  'early-help': 'other-professional',
  'specialist-teacher': 'other-professional',
  'sensory-support-teacher': 'other-professional',
  'virtual-school': 'virtual-school',
  'la-sen-officer': 'la-sen-officer',
  other: 'other-professional',
};

/** Invitees from the record: parents with parental responsibility, the LA officer, linked professionals, the head. */
export function inviteesFromRecord(input: {
  pupil: Pupil;
  plan: EhcPlan | undefined;
  professionals: readonly ExternalProfessional[];
  kind: BookableKind;
  /** The head teacher as the directory names them; without one the SENCO adds their email. */
  head?: { name: string; email: string } | undefined;
}): (BookingAttendee & { why: string })[] {
  const review = input.kind === 'annual-review';
  const out: (BookingAttendee & { why: string })[] = [];
  for (const c of [...input.pupil.contacts].sort((a, b) => a.priority - b.priority)) {
    if (!c.hasParentalResponsibility) continue;
    out.push({
      name: c.name,
      role: 'parent-or-young-person',
      ...(c.email ? { email: c.email } : {}),
      internal: false,
      why: review ? `${c.relationship}: reg 20(2)(a)` : c.relationship,
    });
  }
  if (review) {
    out.push(
      input.head
        ? {
            name: input.head.name,
            role: 'head-teacher-or-provider',
            email: input.head.email,
            internal: true,
            why: 'Head teacher, from the school’s directory: reg 20(2)(b)',
          }
        : {
            name: 'Head teacher',
            role: 'head-teacher-or-provider',
            internal: true,
            why: 'reg 20(2)(b): add their email (the directory names no head teacher, or could not be read)',
          },
    );
  }
  if (input.plan?.coordinator) {
    out.push({
      name: input.plan.coordinator.name,
      role: 'la-sen-officer',
      ...(input.plan.coordinator.email ? { email: input.plan.coordinator.email } : {}),
      internal: false,
      why: review ? `LA SEN officer (${input.plan.localAuthority}): reg 20(2)(c)` : 'LA SEN officer',
    });
  }
  for (const p of input.professionals) {
    // The plan's co-ordinator is often also linked as a professional: invite them once.
    if (p.email && out.some((o) => o.email?.toLowerCase() === p.email?.toLowerCase())) continue;
    const role = ROLE_OF_PROFESSION[p.profession];
    const reg =
      role === 'health-professional'
        ? ': reg 20(2)(d)'
        : role === 'social-care-officer'
          ? ': reg 20(2)(e)'
          : '';
    out.push({
      name: p.name,
      role,
      ...(p.email ? { email: p.email } : {}),
      internal: false,
      why: `${p.organisation}${review ? reg : ''}`,
    });
  }
  return out;
}

export type ReviewBookingContext = {
  input: BookingInput;
  link: ReviewBookingLink;
  preparingForAdulthood: boolean;
  phaseTransferLabel: string | undefined;
};

/** The annual review being booked: the rules' inputs and the review record the meeting belongs to. */
export function reviewBookingContext(input: {
  pupil: Pupil;
  plan: EhcPlan;
  settings: DomainSettings;
  today: CalendarDate;
  newReviewId: string;
}): ReviewBookingContext {
  const { plan, pupil, settings, today } = input;
  const timeline = ehcPlanTimeline({ plan, pupil, settings, today }).annualReview;
  const open = plan.reviews.find((r) => r.id === timeline.currentReviewId && !r.heldOn);
  const requested = open?.adviceRequests.map((a) => a.requestedOn).sort()[0];
  const phaseTransfer = nextPhaseTransfer({ pupil, school: settings.school, on: today });
  const booking: BookingInput = {
    today,
    holidays: [...englishBankHolidaysAround(today)],
    latestMeetingDate: timeline.latestMeetingDate,
    phaseTransfer,
    adviceRequestWeeksBeforeMeeting: settings.adviceRequestWeeksBeforeMeeting,
    adviceRequestedOn: requested,
    adviceAllReceived:
      open !== undefined &&
      open.adviceRequests.length > 0 &&
      open.adviceRequests.every((a) => a.receivedOn !== undefined),
  };
  const window = reviewBookingWindow(booking);
  const review: Review =
    open ??
    reviewSchema.parse({ id: input.newReviewId, kind: window.phaseTransfer ? 'phase-transfer' : 'annual' });
  return {
    input: booking,
    link: { plan: { id: plan.id, pupilId: pupil.id }, review },
    preparingForAdulthood: timeline.preparingForAdulthoodRequired,
    phaseTransferLabel: window.phaseTransfer?.label,
  };
}

/** The review a booked meeting belongs to, when it is a review of the pupil's open plan. */
export function reviewLinkOf(input: {
  meeting: Meeting;
  pupil: Pupil;
  plan: EhcPlan | undefined;
  settings: DomainSettings;
  today: CalendarDate;
}): ReviewBookingContext | undefined {
  const { meeting, plan, pupil } = input;
  if (meeting.kind !== 'annual-review' || !meeting.reviewId) return undefined;
  const review = plan?.reviews.find((r) => r.id === meeting.reviewId);
  if (!plan || !review) return undefined;
  const ctx = reviewBookingContext({
    pupil,
    plan,
    settings: input.settings,
    today: input.today,
    newReviewId: review.id,
  });
  return { ...ctx, link: { plan: { id: plan.id, pupilId: pupil.id }, review } };
}

/**
 * What a meeting on `on` would break: the review rules (reviews only) and, given its time, the school's hours
 * (every meeting).
 */
export function warningsFor(
  context: ReviewBookingContext | undefined,
  on: CalendarDate,
  time?: { startsAt?: string | undefined; durationMinutes?: number | undefined; schoolDay: SchoolDay },
): BookingWarning[] {
  const hours =
    time?.startsAt !== undefined
      ? schoolHoursWarning({
          startsAt: time.startsAt,
          durationMinutes: time.durationMinutes ?? 60,
          schoolDay: time.schoolDay,
        })
      : undefined;
  return [
    ...(context ? reviewBookingWarnings({ ...context.input, meetingOn: on }) : []),
    ...(hours ? [hours] : []),
  ];
}

export function subjectAndAgenda(
  pupil: Pupil,
  kind: BookableKind,
  purpose: MultiAgencyPurpose | undefined,
  context: ReviewBookingContext | undefined,
): { subject: string; agenda: string[] } {
  if (kind === 'annual-review') {
    return {
      subject: meetingSubject(pupil, 'annual review'),
      agenda: reviewAgenda({
        preparingForAdulthood: context?.preparingForAdulthood ?? false,
        ...(context?.phaseTransferLabel ? { phaseTransfer: context.phaseTransferLabel } : {}),
      }),
    };
  }
  const label = MULTI_AGENCY_PURPOSE_LABELS[purpose ?? 'other'];
  return {
    subject: meetingSubject(pupil, label),
    agenda: [
      'Welcome and introductions',
      'The pupil’s and family’s views',
      'What is going well and what is hard',
      'What each service can offer',
      'Actions, who will do them, and by when',
    ],
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The invitation's body: the agenda only. The SENCO's notes stay in the meeting record: an invitation goes
 * to people outside the school and is forwarded, so it carries no need, diagnosis or note.
 */
export function invitationBody(input: { agenda: readonly string[]; organiser: string }): string {
  const items = input.agenda.map((a) => `<li>${escapeHtml(a)}</li>`).join('');
  return `<p>Agenda</p><ol>${items}</ol><p>Organised by ${escapeHtml(input.organiser)} through SENCO Hub. Please reply to let us know whether you can attend.</p>`;
}

export const meetingKindOf = (kind: BookableKind): Meeting['kind'] =>
  kind === 'annual-review' ? 'annual-review' : 'multi-agency';
