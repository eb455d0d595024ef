import type { z } from 'zod';
import { academicYearOf, academicYearStart } from '../../domain/academic-year.ts';
import {
  addDays,
  addWeeks,
  daysBetween,
  isAfter,
  isoWeekdayOf,
  parseCalendarDate,
  type CalendarDate,
} from '../../domain/calendar-date.ts';
import { DEFAULT_DOMAIN_SETTINGS } from '../../domain/domain-settings.ts';
import { passportReviewDueOn } from '../../domain/passport.ts';
import { ehcPlanSchema, type EhcPlan } from '../../domain/ehc-plan.schema.ts';
import { ehcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import { interventionSchema, type Intervention } from '../../domain/intervention.schema.ts';
import { meetingSchema, type Meeting } from '../../domain/meeting.schema.ts';
import { SEN_NEEDS, type BroadAreaOfNeed } from '../../domain/needs.ts';
import { passportSchema, type Passport } from '../../domain/passport.schema.ts';
import { externalProfessionalSchema, type ExternalProfessional } from '../../domain/professional.schema.ts';
import { pupilSchema, type Pupil } from '../../domain/pupil.schema.ts';
import type { Review } from '../../domain/review.schema.ts';
import { senSupportPlanSchema, type SenSupportPlan } from '../../domain/sen-support-plan.schema.ts';
import { yearGroupNumber, yearGroupOnDate } from '../../domain/year-group.ts';
import type { GraphConnection } from '../../graph/graph-client.ts';
import {
  importSendRecords,
  type ImportProgress,
  type ImportResult,
  type SendRecordsImport,
} from '../../graph/import-records.ts';
import type { PupilProfessionalLink } from '../../graph/professionals-list.ts';
import type { TaAssignment } from '../../graph/send-records.ts';
import {
  provisionSite,
  type ProvisionProgress,
  type ProvisionResult,
} from '../../graph/site-provisioning.ts';
import type {
  DemoIntervention,
  DemoInviteeRole,
  DemoPupil,
  DemoSchool,
} from '../../local365/seed/demo-school.types.ts';

/**
 * The seeded demo school's SEND records as domain records, and loading them into the stand-in's SENCO Hub
 * site through the same provisioning and import path a school's own data would take.
 *
 * What is held: pupils on the SEND register and pupils in an intervention (not the whole roll); for each
 * register pupil the provision history, needs, passport (version 1), SEN support plan or EHC plan (with the
 * last annual review, its report and the LA's decision when those dates have passed); professionals and
 * which pupils they work with; the provision map; and each class's teaching assistants assigned to the
 * class's SEND pupils from the start of the academic year (or from when the pupil's current provision began).
 * Exam access arrangements stay empty: JCQ arrangements are for GCSE and A level, and the demo primary's KS2
 * test arrangements are part of each passport instead.
 */

export class DemoRecordError extends Error {
  override name = 'DemoRecordError';
}

const AREA_OF_NEED: Record<DemoIntervention['areaOfNeed'], BroadAreaOfNeed> = {
  'cognition-and-learning': 'cognition-and-learning',
  'communication-and-interaction': 'communication-and-interaction',
  semh: 'social-emotional-and-mental-health',
  'sensory-and-physical': 'sensory-and-physical',
};

/** Reg 20(7): the review report goes out within 2 weeks of the meeting; the demo school takes 10 days. */
const REPORT_DAYS_AFTER_MEETING = 10;
/** Reg 20(10): the LA decides within 4 weeks of the meeting. */
const LA_DECISION_DAYS_AFTER_MEETING = 27;

/** Parses with a domain schema; a failure names the record and the field. */
function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((i) => `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`)
    .join('; ');
  throw new DemoRecordError(`${what}: ${problems}`);
}

const pupilLabel = (p: DemoPupil) => `Pupil ${p.preferredName ?? p.givenName} ${p.surname} (${p.id})`;

function yearGroupOffset(pupil: DemoPupil, today: CalendarDate): number {
  const computed = yearGroupOnDate(parseCalendarDate(pupil.dateOfBirth), today);
  if (!computed) return 0;
  return yearGroupNumber(pupil.yearGroup) - yearGroupNumber(computed);
}

function toPupil(demo: DemoPupil, today: CalendarDate): Pupil {
  const send = demo.send;
  return checked(
    pupilSchema,
    {
      id: demo.id,
      upn: demo.dfeUpn,
      legalForename: demo.givenName,
      legalSurname: demo.surname,
      ...(demo.preferredName ? { preferredForename: demo.preferredName } : {}),
      dateOfBirth: demo.dateOfBirth,
      yearGroupOffset: yearGroupOffset(demo, today),
      classIds: [demo.classGroupId],
      lookedAfter: demo.flags.lookedAfter,
      pupilPremium: demo.flags.pupilPremium,
      freeSchoolMeals: demo.flags.freeSchoolMeals,
      eal: demo.flags.eal,
      topUpFunding: false,
      contacts: demo.contacts.map((c, i) => ({
        name: c.name,
        relationship: c.relationship,
        hasParentalResponsibility: c.hasParentalResponsibility,
        ...(c.email ? { email: c.email } : {}),
        ...(c.phone ? { phone: c.phone } : {}),
        priority: i + 1,
      })),
      // The demo's `to` is the last day of a period; the domain's endOn is the day it stopped applying.
      senProvision: (send?.statusHistory ?? []).map((s) => ({
        code: s.status,
        startOn: s.from,
        ...(s.to ? { endOn: addDays(parseCalendarDate(s.to), 1) } : {}),
      })),
      needs: (send?.needs ?? []).map((n) => ({ code: n.code, rank: n.rank, startOn: n.from })),
    },
    pupilLabel(demo),
  );
}

function toPassport(demo: DemoPupil, updatedBy: string): Passport | undefined {
  const p = demo.send?.passport;
  if (!p) return undefined;
  return checked(
    passportSchema,
    {
      id: `${demo.id}-passport-1`,
      pupilId: demo.id,
      version: 1,
      aboutMe: p.aboutMe,
      strengths: p.strengths,
      whatIFindHard: p.whatIFindHard,
      whatHelpsMe: p.whatHelpsMe,
      ...(p.communication ? { communication: p.communication } : {}),
      accessArrangements: p.accessArrangements,
      reviewedOn: p.lastReviewed,
      // The school's one rule for when a passport is due, not the generator's own idea of it.
      reviewDueOn: passportReviewDueOn(parseCalendarDate(p.lastReviewed), DEFAULT_DOMAIN_SETTINGS),
      updatedBy,
    },
    `${pupilLabel(demo)}, passport`,
  );
}

function toSenSupportPlan(demo: DemoPupil): SenSupportPlan | undefined {
  const plan = demo.send?.senSupportPlan;
  if (!plan) return undefined;
  const needs = (demo.send?.needs ?? [])
    .slice()
    .sort((a, b) => a.rank - b.rank)
    .map((n) => `${SEN_NEEDS[n.code].description} (${n.rank === 1 ? 'primary need' : 'secondary need'})`);
  return checked(
    senSupportPlanSchema,
    {
      id: `${demo.id}-sen-support-plan`,
      pupilId: demo.id,
      layer: plan.layer,
      cycles: [
        {
          id: `${demo.id}-apdr-1`,
          startedOn: plan.startDate,
          assessment: `Needs identified: ${needs.join('; ')}. From class teacher observations, school assessments and the views of the pupil and their parents.`,
          outcomes: plan.outcomes.map((description) => ({ description })),
          provision: plan.provision.map((description) => ({ description })),
          reviewOn: plan.nextReviewDate,
          parentMeetings: plan.parentMeetings.map((on) => ({ on, attendees: [] })),
        },
      ],
    },
    `${pupilLabel(demo)}, SEN support plan`,
  );
}

/** The review held last, with what followed it; older demo data carries only the meeting date. */
function lastReviewOf(demo: DemoPupil, today: CalendarDate): Partial<Review> | undefined {
  const plan = demo.send?.ehcPlan;
  if (!plan?.lastReviewMeeting) return undefined;
  const last = plan.lastReview;
  if (last) {
    return {
      id: `${demo.id}-review-1`,
      kind: last.kind,
      meetingOn: parseCalendarDate(last.heldOn),
      heldOn: parseCalendarDate(last.heldOn),
      ...(last.reportSentOn
        ? {
            reportSentOn: parseCalendarDate(last.reportSentOn),
            recommendation: last.laDecision?.decision ?? ('maintain' as const),
          }
        : {}),
      ...(last.laDecision
        ? {
            laDecision: {
              decision: last.laDecision.decision,
              notifiedOn: parseCalendarDate(last.laDecision.notifiedOn),
            },
          }
        : {}),
      ...(last.finalAmendedPlanIssuedOn
        ? { finalAmendedPlanIssuedOn: parseCalendarDate(last.finalAmendedPlanIssuedOn) }
        : {}),
    };
  }
  const held = parseCalendarDate(plan.lastReviewMeeting);
  const reportSentOn = addDays(held, REPORT_DAYS_AFTER_MEETING);
  const decidedOn = addDays(held, LA_DECISION_DAYS_AFTER_MEETING);
  return {
    id: `${demo.id}-review-1`,
    kind: 'annual',
    meetingOn: held,
    heldOn: held,
    ...(isAfter(reportSentOn, today) ? {} : { reportSentOn, recommendation: 'maintain' as const }),
    ...(isAfter(decidedOn, today)
      ? {}
      : { laDecision: { decision: 'maintain' as const, notifiedOn: decidedOn } }),
  };
}

/**
 * While the LA has not yet decided on the last review, the 12 months still run from the review before it
 * (CFA 2014 s 44(1)), so a plan older than a year also needs that one: held and decided a year earlier.
 */
function previousReviewOf(demo: DemoPupil, last: Partial<Review> | undefined): Partial<Review> | undefined {
  const plan = demo.send?.ehcPlan;
  if (!plan || !last?.heldOn || last.laDecision) return undefined;
  // Held about ten months before the last one (reviews are often held early in a phase-transfer year).
  const held = weekdayOnOrAfter(addDays(last.heldOn, -300));
  if (daysBetween(parseCalendarDate(plan.issueDate), held) < 300) return undefined;
  return {
    id: `${demo.id}-review-0`,
    kind: 'annual',
    meetingOn: held,
    heldOn: held,
    reportSentOn: addDays(held, REPORT_DAYS_AFTER_MEETING),
    recommendation: 'maintain',
    laDecision: { decision: 'maintain', notifiedOn: addDays(held, LA_DECISION_DAYS_AFTER_MEETING) },
  };
}

/** The next review as booked in Outlook: invitees invited and advice asked on the booking day. */
function bookedReviewOf(demo: DemoPupil): Partial<Review> | undefined {
  const booking = demo.send?.ehcPlan?.nextReview;
  if (!booking) return undefined;
  const bookedOn = parseCalendarDate(booking.bookedOn);
  const advice = new Map(booking.advice.map((a) => [a.email, a]));
  return {
    id: bookedReviewId(demo),
    kind: booking.kind,
    meetingOn: parseCalendarDate(booking.meetingOn),
    invitees: booking.invitees.map((i) => ({
      name: i.name,
      role: i.role,
      email: i.email,
      invitedOn: bookedOn,
    })),
    adviceRequests: booking.invitees.flatMap((i) => {
      const asked = advice.get(i.email);
      if (!asked) return [];
      return [
        {
          from: i.name,
          role: i.role,
          requestedOn: bookedOn,
          ...(asked.receivedOn ? { receivedOn: parseCalendarDate(asked.receivedOn) } : {}),
        },
      ];
    }),
    ...(booking.adviceCirculatedOn
      ? { adviceCirculatedOn: parseCalendarDate(booking.adviceCirculatedOn) }
      : {}),
    preparingForAdulthoodOnAgenda: false,
  };
}

const bookedReviewId = (demo: DemoPupil) => `${demo.id}-review-next`;
const bookedMeetingId = (demo: DemoPupil) => `${demo.id}-meeting-annual-review-next`;

function toEhcPlan(demo: DemoPupil, today: CalendarDate): EhcPlan | undefined {
  const plan = demo.send?.ehcPlan;
  if (!plan) return undefined;
  const last = lastReviewOf(demo, today);
  const reviews = [previousReviewOf(demo, last), last, bookedReviewOf(demo)].filter((r) => r !== undefined);
  return checked(
    ehcPlanSchema,
    {
      id: `${demo.id}-ehc-plan`,
      pupilId: demo.id,
      localAuthority: plan.localAuthority,
      issuedOn: plan.issueDate,
      coordinator: plan.coordinator,
      reviews,
    },
    `${pupilLabel(demo)}, EHC plan`,
  );
}

/** The weekday on or after `date`. */
function weekdayOnOrAfter(date: CalendarDate): CalendarDate {
  const weekday = isoWeekdayOf(date);
  return weekday >= 6 ? addDays(date, 8 - weekday) : date;
}

/** The school day on or after `date` (weekends move to Monday). */
function schoolDayFrom(date: CalendarDate): CalendarDate {
  const weekday = isoWeekdayOf(date);
  return weekday >= 6 ? addDays(date, 8 - weekday) : date;
}

/** When the plan's next annual review meeting must be held by, as the statutory timeline works it out. */
export function meetingHeldBy(plan: EhcPlan, pupil: Pupil, today: CalendarDate): CalendarDate | undefined {
  const { steps } = ehcPlanTimeline({ plan, pupil, settings: DEFAULT_DOMAIN_SETTINGS, today });
  return steps.find((s) => s.id === 'meeting-held-by')?.due;
}

const INVITEE_ROLE_LABELS: Record<DemoInviteeRole, string> = {
  'parent-or-young-person': 'Parent or carer',
  'head-teacher-or-provider': 'Headteacher',
  'la-sen-officer': 'LA EHC coordinator',
  'health-professional': 'Health professional',
  'social-care-officer': 'Social care',
  'educational-psychologist': 'Educational psychologist',
  'class-teacher': 'Class teacher',
  senco: 'SENCO',
};

const PROFESSION_LABELS: Record<DemoSchool['professionals'][number]['kind'], string> = {
  'educational-psychologist': 'Educational psychologist',
  'speech-and-language-therapist': 'Speech and language therapist',
  camhs: 'CAMHS practitioner',
  'social-worker': 'Social worker',
  'la-sen-officer': 'LA SEN officer',
  'occupational-therapist': 'Occupational therapist',
  'school-nurse': 'School nurse',
};

/**
 * The meetings on the SENCO's calendar about a pupil: the last annual review meeting and the next one (EHC
 * plans), parent meetings held this year (SEN support), and a multi-agency meeting for pupils whom two or
 * more professionals work with.
 */
function toMeetings(demo: DemoPupil, school: DemoSchool, today: CalendarDate): Meeting[] {
  const send = demo.send;
  if (!send) return [];
  const senco = school.staff.find((s) => s.role === 'senco');
  const cls = school.classes.find((c) => c.pupilIds.includes(demo.id));
  const teacher = school.staff.find((s) => cls?.teacherIds.includes(s.id));
  const parent = demo.contacts.find((c) => c.hasParentalResponsibility) ?? demo.contacts[0];
  const people = [
    ...(parent
      ? [{ name: parent.name, role: parent.relationship, ...(parent.email ? { email: parent.email } : {}) }]
      : []),
    ...(teacher ? [{ name: teacher.displayName, role: 'Class teacher', email: teacher.upn }] : []),
    ...(senco ? [{ name: senco.displayName, role: 'SENCO', email: senco.upn }] : []),
  ];
  const meetings: unknown[] = [];
  const plan = send.ehcPlan;
  if (plan) {
    const coordinator = {
      name: plan.coordinator.name,
      role: 'LA EHC coordinator',
      email: plan.coordinator.email,
    };
    if (plan.lastReviewMeeting) {
      meetings.push({
        id: `${demo.id}-meeting-annual-review-1`,
        kind: 'annual-review',
        pupilIds: [demo.id],
        reviewId: `${demo.id}-review-1`,
        on: plan.lastReviewMeeting,
        startsAt: '15:30',
        durationMinutes: 60,
        location: 'SENCO office',
        attendees: [...people, coordinator],
      });
    }
    // The next review, booked in Outlook: the meeting item carries the event's id (Meetings.OutlookEventId).
    const booking = plan.nextReview;
    if (booking) {
      meetings.push({
        id: bookedMeetingId(demo),
        kind: booking.kind === 'phase-transfer' ? 'phase-transfer-review' : 'annual-review',
        pupilIds: [demo.id],
        reviewId: bookedReviewId(demo),
        on: booking.meetingOn,
        startsAt: booking.startsAt,
        durationMinutes: booking.durationMinutes,
        location: booking.location,
        attendees: booking.invitees.map((i) => ({
          name: i.name,
          role: INVITEE_ROLE_LABELS[i.role],
          email: i.email,
        })),
        // As booking from SENCO Hub records it, so moves and cancellations in Outlook are noticed.
        status: 'booked',
        outlook: {
          eventId: booking.event.id,
          iCalUId: booking.event.iCalUId,
          joinUrl: booking.event.joinUrl,
          organizerUserId: booking.event.organizerId,
        },
      });
    }
  }
  (send.senSupportPlan?.parentMeetings ?? []).forEach((on, i) => {
    meetings.push({
      id: `${demo.id}-meeting-parent-${i + 1}`,
      kind: 'parent-meeting',
      pupilIds: [demo.id],
      on,
      startsAt: '15:45',
      durationMinutes: 30,
      location: cls ? `${cls.displayName} classroom` : 'Classroom',
      attendees: people,
    });
  });
  const professionals = send.professionalIds.flatMap(
    (id) => school.professionals.find((p) => p.id === id) ?? [],
  );
  if (professionals.length >= 2) {
    meetings.push({
      id: `${demo.id}-meeting-multi-agency-1`,
      kind: 'multi-agency',
      pupilIds: [demo.id],
      on: schoolDayFrom(addWeeks(today, -6)),
      startsAt: '13:30',
      durationMinutes: 90,
      location: 'Microsoft Teams meeting',
      attendees: [
        ...people,
        ...professionals.map((p) => ({
          name: p.name,
          role: PROFESSION_LABELS[p.kind],
          email: p.email,
        })),
      ],
    });
  }
  return meetings.map((m, i) => checked(meetingSchema, m, `${pupilLabel(demo)}, meeting ${i + 1}`));
}

function toIntervention(demo: DemoIntervention, school: DemoSchool): Intervention {
  const staffById = new Map(school.staff.map((s) => [s.id, s]));
  return checked(
    interventionSchema,
    {
      id: demo.id,
      name: demo.name,
      areaOfNeed: AREA_OF_NEED[demo.areaOfNeed],
      staff: demo.staffIds.map((id) => {
        const member = staffById.get(id);
        if (!member)
          throw new DemoRecordError(
            `Intervention ${demo.name} (${demo.id}): staff ${id} is not on the staff list`,
          );
        return { name: member.displayName, role: member.jobTitle, userId: member.id };
      }),
      delivery: demo.delivery,
      sessionsPerWeek: demo.sessionsPerWeek,
      minutesPerSession: demo.minutesPerSession,
      costPerHour: demo.costPerHour,
      startOn: demo.startDate,
      ...(demo.endDate ? { endOn: demo.endDate } : {}),
      // The catalogue's measures are all "higher is better".
      measure: { name: demo.measure, higherIsBetter: true },
      pupils: demo.participants.map((p) => ({
        pupilId: p.pupilId,
        ...(p.entryScore !== undefined ? { entryMeasure: p.entryScore } : {}),
        ...(p.exitScore !== undefined ? { exitMeasure: p.exitScore } : {}),
        sessionsAttended: p.sessionsAttended,
        sessionsOffered: p.sessionsOffered,
      })),
    },
    `Intervention ${demo.name} (${demo.id})`,
  );
}

/** Teaching assistants of each class, assigned to the class's pupils on SEN support or with an EHC plan. */
function taAssignments(school: DemoSchool, pupils: readonly Pupil[], today: CalendarDate): TaAssignment[] {
  const yearStart = academicYearStart(academicYearOf(today));
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const out: TaAssignment[] = [];
  for (const cls of school.classes) {
    for (const pupilId of cls.pupilIds) {
      const pupil = byId.get(pupilId);
      const current = pupil?.senProvision.find((p) => p.endOn === undefined && p.code !== 'N');
      if (!current) continue;
      const from = isAfter(current.startOn, yearStart) ? current.startOn : yearStart;
      for (const staffUserId of cls.teachingAssistantIds) out.push({ pupilId, staffUserId, from });
    }
  }
  return out;
}

/** Every SEND record of the demo school, each checked with its domain schema. */
export function demoSendRecords(school: DemoSchool): Required<SendRecordsImport> {
  const today = parseCalendarDate(school.generatedFor);
  const senco = school.staff.find((s) => s.role === 'senco');
  const inInterventions = new Set(school.interventions.flatMap((i) => i.participants.map((p) => p.pupilId)));
  const held = school.pupils.filter((p) => p.send !== undefined || inInterventions.has(p.id));
  const pupils = held.map((p) => toPupil(p, today));
  const onRegister = held.filter((p) => p.send !== undefined);

  const professionals: ExternalProfessional[] = school.professionals.map((p) =>
    checked(
      externalProfessionalSchema,
      {
        id: p.id,
        name: p.name,
        profession: p.kind,
        organisation: p.organisation,
        email: p.email,
        ...(p.phone ? { phone: p.phone } : {}),
      },
      `Professional ${p.name} (${p.id})`,
    ),
  );
  const known = new Set(professionals.map((p) => p.id));
  const pupilProfessionals: PupilProfessionalLink[] = onRegister.flatMap((p) =>
    (p.send?.professionalIds ?? []).map((professionalId) => {
      if (!known.has(professionalId))
        throw new DemoRecordError(
          `${pupilLabel(p)}: professional ${professionalId} is not in the school's list`,
        );
      return { pupilId: p.id, professionalId };
    }),
  );
  const pupilIds = new Set(pupils.map((p) => p.id));
  const interventions = school.interventions.map((i) => toIntervention(i, school));
  for (const i of interventions) {
    for (const p of i.pupils)
      if (!pupilIds.has(p.pupilId))
        throw new DemoRecordError(`Intervention ${i.name} (${i.id}): pupil ${p.pupilId} is not held`);
  }

  const ehcPlans = onRegister.flatMap((p) => toEhcPlan(p, today) ?? []);
  return {
    pupils,
    passports: onRegister.flatMap((p) => toPassport(p, senco?.displayName ?? 'SENCO') ?? []),
    senSupportPlans: onRegister.flatMap((p) => toSenSupportPlan(p) ?? []),
    ehcPlans,
    professionals,
    pupilProfessionals,
    interventions,
    accessArrangements: [],
    taAssignments: taAssignments(school, pupils, today),
    meetings: onRegister.flatMap((p) => toMeetings(p, school, today)),
    meetingEventIds: new Map(
      onRegister.flatMap((p) => {
        const booking = p.send?.ehcPlan?.nextReview;
        return booking ? [[bookedMeetingId(p), booking.event.id] as const] : [];
      }),
    ),
  };
}

/** Who last changed the demo school's records, until someone edits them in SENCO Hub. */
export const DEMO_IMPORTED_BY = 'Demo school import';

export type DemoLoadProgress =
  ({ stage: 'provision' } & ProvisionProgress) | ({ stage: 'import' } & ImportProgress);

/** Provisions the SENCO Hub site and imports the demo school's records; safe to run on every start. */
export async function loadDemoRecords(input: {
  connection: GraphConnection;
  siteId: string;
  school: DemoSchool;
  onProgress?: (progress: DemoLoadProgress) => void;
}): Promise<{ provision: ProvisionResult; imported: ImportResult }> {
  const records = demoSendRecords(input.school);
  const provision = await provisionSite({
    connection: input.connection,
    siteId: input.siteId,
    onProgress: (p) => input.onProgress?.({ stage: 'provision', ...p }),
  });
  const imported = await importSendRecords({
    connection: input.connection,
    siteId: input.siteId,
    records,
    importedBy: DEMO_IMPORTED_BY,
    onProgress: (p) => input.onProgress?.({ stage: 'import', ...p }),
  });
  return { provision, imported };
}
