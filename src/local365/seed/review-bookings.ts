/**
 * EHC plan reviews as a well-run school has them: the last review held and its paperwork done, the next
 * one booked in Outlook a term or so ahead (a Teams meeting in the SENCO's calendar inviting the family,
 * the head, the LA, health and social care), invitations and advice requests sent six to ten weeks
 * before, advice in and circulated two weeks ahead. The stand-in puts each booking's event in the SENCO's
 * calendar (src/local365/calendar/seed-events.ts); the app loads the review and meeting records that
 * point at it.
 *
 * The day counts mirror SEND Regulations 2014 reg 20 (two weeks' notice, advice circulated two weeks
 * ahead, report within two weeks, LA decision within four) and reg 18 (phase transfer plans amended by
 * 15 February), kept inside the limits with margin; the app's tests check every booking against its rules.
 */

import { dayNumberOf, pickSchoolDay, toDayNumber, toIsoDate } from './calendar.ts';
import type {
  DemoHeldReview,
  DemoProfessional,
  DemoPupil,
  DemoReviewBooking,
  DemoReviewKind,
  DemoStaff,
  ProfessionalKind,
} from './demo-school.types.ts';
import type { SeededRandom } from './random.ts';

/** Days from the meeting: report to the LA (reg 20(7): within 2 weeks) and the LA's decision (4 weeks). */
const REPORT_AFTER = [7, 12] as const;
const DECISION_AFTER = [20, 27] as const;
/** An amended plan follows an amend decision within 8 weeks (reg 22(3)); the demo LA takes 5 to 7. */
const AMENDED_PLAN_AFTER_DECISION = [35, 49] as const;

/** Reg 18: a Year 6 pupil's plan is amended by 15 February; the review is held 12 weeks before that. */
export function phaseTransferMeetingBy(transferYear: number): number {
  return dayNumberOf(transferYear, 2, 14) - 12 * 7;
}

/** The held review's report and decision, each recorded once its day has come. */
export function heldReview(input: {
  random: SeededRandom;
  today: number;
  heldOn: number;
  kind: DemoReviewKind;
  /** The report has not gone to the LA yet (the demo's one late report). */
  reportLate?: boolean;
  /** Phase transfers are amended to name the next school by 15 February. */
  amendBy?: number;
}): DemoHeldReview {
  const { random, today, heldOn, kind } = input;
  const review: DemoHeldReview = { kind, heldOn: toIsoDate(heldOn) };
  if (input.reportLate) return review;
  const reportOn = pickSchoolDay(random, heldOn + REPORT_AFTER[0], heldOn + REPORT_AFTER[1]);
  if (reportOn > today) return review;
  review.reportSentOn = toIsoDate(reportOn);
  const decisionOn = pickSchoolDay(random, heldOn + DECISION_AFTER[0], heldOn + DECISION_AFTER[1]);
  if (decisionOn > today) return review;
  const amend = input.amendBy !== undefined;
  review.laDecision = { decision: amend ? 'amend' : 'maintain', notifiedOn: toIsoDate(decisionOn) };
  if (input.amendBy !== undefined) {
    const latest = Math.min(decisionOn + AMENDED_PLAN_AFTER_DECISION[1], input.amendBy - 3);
    const issuedOn = pickSchoolDay(
      random,
      Math.min(decisionOn + AMENDED_PLAN_AFTER_DECISION[0], latest),
      latest,
    );
    if (issuedOn <= today) review.finalAmendedPlanIssuedOn = toIsoDate(issuedOn);
  }
  return review;
}

const HEALTH_KINDS: readonly ProfessionalKind[] = [
  'school-nurse',
  'speech-and-language-therapist',
  'occupational-therapist',
  'camhs',
];

const START_TIMES = ['09:15', '10:30', '13:30', '15:30'] as const;

function initials(pupil: DemoPupil): string {
  return `${(pupil.preferredName ?? pupil.givenName).charAt(0)}${pupil.surname.charAt(0)}`.toUpperCase();
}

/** Exchange-shaped ids, drawn from the seed so the same seed gives the same calendar. */
function eventIdentity(random: SeededRandom, tenantId: string, organizerId: string) {
  const id = `AAMkAD${Buffer.from(random.hex(192), 'hex').toString('base64url')}`;
  const iCalUId = `040000008200E00074C5B7101A82E008${random.hex(80).toUpperCase()}`;
  const thread = Buffer.from(random.guid()).toString('base64');
  const context = encodeURIComponent(JSON.stringify({ Tid: tenantId, Oid: organizerId })).replace(
    /%[0-9A-F]{2}/g,
    (m) => m.toLowerCase(),
  );
  const joinUrl = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0?context=${context}`;
  return { id, iCalUId, joinUrl };
}

export type BookingPeople = {
  senco: DemoStaff;
  head: DemoStaff;
  classTeacher?: DemoStaff | undefined;
  coordinator: { name: string; email: string };
  /** The professionals who work with the pupil. */
  involved: readonly DemoProfessional[];
  /** Every professional the school knows, for the health and social care invitees reg 20(2) needs. */
  all: readonly DemoProfessional[];
};

/**
 * Books the review on `meetingOn`: invitations and advice requests went out on a school day six to ten weeks
 * before (or lately, for a meeting far ahead); advice came back within two to three weeks, and was circulated
 * as soon as it was all in. `awaitAdvice` leaves one professional's advice outstanding.
 */
export function bookReview(input: {
  random: SeededRandom;
  today: number;
  meetingOn: number;
  kind: DemoReviewKind;
  pupil: DemoPupil;
  reviewId: string;
  tenantId: string;
  people: BookingPeople;
  awaitAdvice?: boolean;
}): DemoReviewBooking {
  const { random, today, meetingOn, pupil, people } = input;
  const bookedOn = pickSchoolDay(
    random,
    Math.min(meetingOn - 70, today - 20),
    Math.min(meetingOn - 49, today - 1),
  );
  const parent =
    pupil.contacts.find((c) => c.hasParentalResponsibility && c.email) ?? pupil.contacts.find((c) => c.email);
  const health =
    people.involved.find((p) => HEALTH_KINDS.includes(p.kind)) ??
    people.all.find((p) => p.kind === 'school-nurse');
  const socialCare =
    people.involved.find((p) => p.kind === 'social-worker') ??
    people.all.find((p) => p.kind === 'social-worker');
  const ep = people.involved.find((p) => p.kind === 'educational-psychologist');
  const invitees: DemoReviewBooking['invitees'] = [
    ...(parent?.email
      ? [{ name: parent.name, email: parent.email, role: 'parent-or-young-person' as const, internal: false }]
      : []),
    {
      name: people.head.displayName,
      email: people.head.upn,
      role: 'head-teacher-or-provider',
      internal: true,
    },
    {
      name: people.coordinator.name,
      email: people.coordinator.email,
      role: 'la-sen-officer',
      internal: false,
    },
    ...(health
      ? [{ name: health.name, email: health.email, role: 'health-professional' as const, internal: false }]
      : []),
    ...(socialCare
      ? [
          {
            name: socialCare.name,
            email: socialCare.email,
            role: 'social-care-officer' as const,
            internal: false,
          },
        ]
      : []),
    ...(ep
      ? [{ name: ep.name, email: ep.email, role: 'educational-psychologist' as const, internal: false }]
      : []),
    ...(people.classTeacher
      ? [
          {
            name: people.classTeacher.displayName,
            email: people.classTeacher.upn,
            role: 'class-teacher' as const,
            internal: true,
          },
        ]
      : []),
  ];
  const askedOf = invitees.filter((i) => i.role !== 'head-teacher-or-provider' && i.role !== 'class-teacher');
  const awaited = input.awaitAdvice
    ? (askedOf.find((i) => i.role === 'educational-psychologist') ?? askedOf.at(-1))
    : undefined;
  const advice = askedOf.map((i) => {
    const receivedOn = pickSchoolDay(random, bookedOn + 10, bookedOn + 24);
    return i === awaited || receivedOn > today
      ? { email: i.email }
      : { email: i.email, receivedOn: toIsoDate(receivedOn) };
  });
  const allIn = advice.every((a) => a.receivedOn !== undefined);
  const lastIn = Math.max(
    bookedOn,
    ...advice.map((a) => (a.receivedOn ? toDayNumber(a.receivedOn) : bookedOn)),
  );
  const circulatedOn = allIn
    ? pickSchoolDay(random, lastIn + 1, Math.min(lastIn + 4, meetingOn - 15))
    : undefined;
  const startsAt = random.pick(START_TIMES);
  const identity = eventIdentity(random, input.tenantId, people.senco.id);
  const label = input.kind === 'phase-transfer' ? 'phase transfer review' : 'annual review';
  return {
    kind: input.kind,
    meetingOn: toIsoDate(meetingOn),
    startsAt,
    durationMinutes: 60,
    location: 'SENCO office and Microsoft Teams',
    bookedOn: toIsoDate(bookedOn),
    invitees,
    advice,
    ...(circulatedOn !== undefined && circulatedOn <= today
      ? { adviceCirculatedOn: toIsoDate(circulatedOn) }
      : {}),
    event: {
      ...identity,
      transactionId: `senco-hub-${input.reviewId}`,
      organizerId: people.senco.id,
      subject: `${initials(pupil)} ${label}`,
    },
  };
}
