/**
 * Who may see what, end to end: the whole app in local mode (the demo school's records loaded into the
 * stand-in's SharePoint through Graph, the Education roster read app-only), every API route called as every
 * kind of person and with every kind of bad token, checking the status and that no answer carries more than
 * the caller's role allows.
 */
import { SignJWT, generateKeyPair, type CryptoKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { addDays, isoWeekdayOf, latestOf, type CalendarDate } from '../src/domain/calendar-date.ts';
import { pupilDisplayName } from '../src/domain/pupil.schema.ts';
import { loadOrCreateSigningKey } from '../src/local365/identity/signing-keys.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

type Persona =
  | 'senco'
  | 'sendTeam'
  | 'headteacher'
  | 'teacherOfPupil'
  | 'teacherOfOtherClass'
  | 'taAssigned'
  | 'taNotAssigned'
  | 'pupil'
  | 'noToken'
  | 'expired'
  | 'wrongAudience'
  | 'wrongIssuer'
  | 'otherKey'
  | 'sencoV1'
  | 'appOnly'
  | 'appOnlyV1'
  | 'wrongScope';

const PERSONAS: readonly Persona[] = [
  'senco',
  'sendTeam',
  'headteacher',
  'teacherOfPupil',
  'teacherOfOtherClass',
  'taAssigned',
  'taNotAssigned',
  'pupil',
  'noToken',
  'expired',
  'wrongAudience',
  'wrongIssuer',
  'otherKey',
  'sencoV1',
  'appOnly',
  'appOnlyV1',
  'wrongScope',
];

const BAD_TOKENS: readonly Persona[] = [
  'noToken',
  'expired',
  'wrongAudience',
  'wrongIssuer',
  'otherKey',
  'appOnly',
  'appOnlyV1',
  'wrongScope',
];
/** Callers who are the SENCO by another token format: answered exactly as the SENCO. */
const SAME_AS_SENCO: readonly Persona[] = ['sencoV1'];

/** Staff who see a pupil only as their class teacher or TA. */
const CLASS_STAFF: readonly Persona[] = ['teacherOfPupil', 'taAssigned'];
/** Callers who must learn nothing about the pupil under test. */
const STRANGERS: readonly Persona[] = [
  'headteacher',
  'teacherOfOtherClass',
  'taNotAssigned',
  'pupil',
  ...BAD_TOKENS,
];

/** Keys that are never in what class staff see: the record beyond the passport. */
const NOT_FOR_CLASS_STAFF = [
  'needs',
  'senProvision',
  'contacts',
  'ehcPlan',
  'plan',
  'timeline',
  'lookedAfter',
  'pepReviewedOn',
  'pupilPremium',
  'freeSchoolMeals',
  'flags',
  'professionals',
  'dateOfBirth',
  'upn',
  'legalForename',
  'legalSurname',
  'primaryNeed',
  'secondaryNeed',
  'acknowledgements',
  'costLine',
  'costPerHour',
  'entryMeasure',
  'exitMeasure',
];

type Fixture = {
  pupilId: string;
  pupilName: string;
  classId: string;
  interventionId: string;
  interventionPupilId: string;
  /** An EHC needs assessment request of the pupil. */
  assessmentId: string;
  /** An intervention with no TA named by id and one pupil, made for the matrix's edits. */
  editableInterventionId: string;
  editablePupilId: string;
  professionalId: string;
  referralId: string;
  /** An exam access arrangement of the pupil. */
  arrangementId: string;
  today: string;
};

type Route = {
  name: string;
  method: 'GET' | 'PUT' | 'POST' | 'PATCH';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  expect: Record<Exclude<Persona, (typeof BAD_TOKENS)[number] | 'sencoV1'>, number>;
};

const staffRead = (overrides: Partial<Route['expect']>): Route['expect'] => ({
  senco: 200,
  sendTeam: 200,
  headteacher: 200,
  teacherOfPupil: 200,
  teacherOfOtherClass: 200,
  taAssigned: 200,
  taNotAssigned: 200,
  pupil: 403,
  ...overrides,
});
/** Whole-record parts: the SEND team only; anyone else is told there is no such pupil. */
const recordOnly = (status = 200): Route['expect'] => ({
  senco: status,
  sendTeam: status,
  headteacher: 404,
  teacherOfPupil: 404,
  teacherOfOtherClass: 404,
  taAssigned: 404,
  taNotAssigned: 404,
  pupil: 403,
});
/** Role-gated, not about one pupil: 403 for staff without the role. */
const roleOnly = (allowed: Partial<Route['expect']>): Route['expect'] => ({
  senco: 403,
  sendTeam: 403,
  headteacher: 403,
  teacherOfPupil: 403,
  teacherOfOtherClass: 403,
  taAssigned: 403,
  taNotAssigned: 403,
  pupil: 403,
  ...allowed,
});

const todayInLondon = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()) as CalendarDate;
const isWeekend = (day: CalendarDate) => isoWeekdayOf(day) > 5;
/**
 * Writes to what class staff may read but only the SEND team changes (the passport, SEN support plans, exam
 * access arrangements): class staff are told they may not (403) rather than that it is not there; others 404.
 */
const sendTeamWrite = (status = 200): Route['expect'] => ({
  ...recordOnly(status),
  teacherOfPupil: 403,
  taAssigned: 403,
});
/** What the pupil's class teacher and TA do as the SEND team does (read a part, confirm reading the passport). */
const withClassStaff = (status = 200): Route['expect'] => ({
  ...recordOnly(status),
  teacherOfPupil: status,
  taAssigned: status,
});
/** Something that does not exist: every member of staff is told so; a pupil is refused before looking. */
const notFoundForStaff = (): Route['expect'] => recordOnly(404);

const planStage = (f: Fixture) => ({
  layer: 'targeted',
  assessment: 'Reading age 18 months below.',
  outcomes: [{ description: 'Reads 40 high-frequency words', provision: ['Precision teaching'] }],
  reviewOn: addDays(f.today as CalendarDate, 60),
});

const examArrangement = () => ({
  arrangement: 'supervised-rest-breaks',
  route: 'delegated',
  status: 'approved',
  regulationsAcademicYear: 2026,
  normalWayOfWorkingEvidence: 'Takes rest breaks in class tests.',
});

let app: TestApp;

const EHC_PLAN_DETAILS = {
  localAuthority: 'Devon',
  coordinator: { name: 'Pat Officer' },
  outcomes: [{ area: 'cognition-and-learning', outcome: 'Reads a Year 4 text with 90% accuracy' }],
  provision: [{ area: 'cognition-and-learning', provision: 'Daily precision teaching, 10 minutes' }],
};
/** The matrix's pupil when they have a plan, else the first pupil with one that has not ended. */
function pupilWithPlan(f: Fixture): string {
  const records = app.running.records;
  if (records.ehcPlan(f.pupilId) && !records.ehcPlan(f.pupilId)!.value.ceasedOn) return f.pupilId;
  return records.pupils().find((p) => records.ehcPlan(p.id) && !records.ehcPlan(p.id)!.value.ceasedOn)!.id;
}
/** A pupil other than the matrix's own with no plan yet (the matrix's pupil keeps what it has). */
function pupilWithoutPlan(f: Fixture): string {
  const records = app.running.records;
  return records.pupils().find((p) => p.id !== f.pupilId && !records.ehcPlan(p.id))!.id;
}
function lastReview(f: Fixture) {
  return app.running.records.ehcPlan(pupilWithPlan(f))!.value.reviews.at(-1)!;
}
let fixture: Fixture;
const tokens = new Map<Persona, string | undefined>();
const upns: Partial<Record<Persona, string>> = {};

const ROUTES: Route[] = [
  { name: 'who am I', method: 'GET', path: () => '/api/me', expect: staffRead({}) },
  { name: 'the register', method: 'GET', path: () => '/api/pupils', expect: staffRead({}) },
  {
    name: 'the register, searched by the pupil’s name',
    method: 'GET',
    path: (f) => `/api/pupils?q=${encodeURIComponent(f.pupilName)}`,
    expect: staffRead({}),
  },
  {
    name: 'a pupil',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}`,
    expect: staffRead({ headteacher: 404, teacherOfOtherClass: 404, taNotAssigned: 404 }),
  },
  {
    name: 'a pupil that does not exist',
    method: 'GET',
    path: () => '/api/pupils/no-such-pupil',
    expect: notFoundForStaff(),
  },
  {
    name: 'needs and status history',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/history`,
    expect: recordOnly(),
  },
  {
    name: 'changing the pupil’s SEN status',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/sen-status`,
    // Between SEN support and an EHC plan, so class staff keep seeing the pupil; a day after the last change.
    body: (f) => {
      const current = app.running.records.pupilRecord(f.pupilId)!;
      const open = current.value.senProvision.find((p) => p.endOn === undefined)!;
      return {
        code: open.code === 'E' ? 'K' : 'E',
        from: addDays(open.startOn, 1),
        expectedETag: current.eTag,
      };
    },
    expect: recordOnly(),
  },
  {
    name: 'recording the pupil’s needs',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/needs`,
    body: (f) => {
      const current = app.running.records.pupilRecord(f.pupilId)!;
      const starts = [
        ...current.value.senProvision.filter((p) => p.endOn === undefined).map((p) => p.startOn),
        ...current.value.needs.flatMap((n) => (n.endOn === undefined && n.startOn ? [n.startOn] : [])),
      ] as [CalendarDate, ...CalendarDate[]];
      const primary = current.value.needs.find((n) => n.endOn === undefined && n.rank === 1);
      return {
        primaryNeed: primary?.code === 'SPLD' ? 'MLD' : 'SPLD',
        from: addDays(latestOf(...starts), 1),
        expectedETag: current.eTag,
      };
    },
    expect: recordOnly(),
  },
  {
    name: 'the pupil’s meetings',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/meetings`,
    expect: recordOnly(),
  },
  {
    name: 'the passport',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/passport`,
    expect: staffRead({ headteacher: 404, teacherOfOtherClass: 404, taNotAssigned: 404 }),
  },
  {
    name: 'passport versions',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/passport/history`,
    expect: recordOnly(),
  },
  {
    name: 'editing the passport',
    method: 'PUT',
    path: (f) => `/api/pupils/${f.pupilId}/passport`,
    body: (f) => {
      const current = app.running.records.passport(f.pupilId)!;
      const { aboutMe, strengths, whatIFindHard, whatHelpsMe, communication, accessArrangements } =
        current.value;
      return {
        aboutMe,
        strengths,
        whatIFindHard,
        whatHelpsMe: [...whatHelpsMe.slice(0, 5), 'Checked in the matrix test'],
        ...(communication ? { communication } : {}),
        accessArrangements,
        expectedETag: current.eTag,
      };
    },
    // Class staff see the passport, so they are told they may not edit it rather than that it is not there.
    expect: sendTeamWrite(),
  },
  {
    name: 'marking the passport reviewed',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/passport/review`,
    body: (f) => ({ expectedETag: app.running.records.passport(f.pupilId)!.eTag }),
    expect: sendTeamWrite(),
  },
  {
    name: 'confirming reading the passport',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/passport/acknowledgements`,
    body: (f) => ({ passportVersion: app.running.records.passport(f.pupilId)!.value.version }),
    expect: withClassStaff(201),
  },
  {
    // Class staff read the outcomes and the support for each (CoP 6.48), not the whole plan.
    name: 'the SEN support plan',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/sen-support-plan`,
    expect: withClassStaff(),
  },
  {
    name: 'writing a first SEN support plan (the pupil has one: 409)',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/sen-support-plan`,
    body: (f) => ({ ...planStage(f), startedOn: f.today }),
    expect: sendTeamWrite(409),
  },
  {
    name: 'changing the plan stage of a SEN support plan',
    method: 'PUT',
    path: (f) => `/api/pupils/${f.pupilId}/sen-support-plan`,
    body: (f) => {
      const plan = app.running.records.senSupportPlan(f.pupilId)!;
      return { ...planStage(f), cycleId: plan.value.cycles.at(-1)!.id, expectedETag: plan.eTag };
    },
    expect: sendTeamWrite(200),
  },
  {
    name: 'recording a SEN support plan review',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/sen-support-plan/reviews`,
    body: (f) => {
      const plan = app.running.records.senSupportPlan(f.pupilId)!;
      const cycle = plan.value.cycles.at(-1)!;
      return {
        cycleId: cycle.id,
        reviewedOn: f.today,
        progress: cycle.outcomes.map(() => ({ achieved: 'partly' })),
        nextReviewOn: addDays(f.today as CalendarDate, 60),
        expectedETag: plan.eTag,
      };
    },
    expect: sendTeamWrite(200),
  },
  {
    name: 'recording a meeting with the parents',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/sen-support-plan/parent-meetings`,
    body: (f) => ({
      on: f.today,
      attendees: ['Mother'],
      agreed: 'Reading at home each night',
      expectedETag: app.running.records.senSupportPlan(f.pupilId)!.eTag,
    }),
    expect: sendTeamWrite(200),
  },
  {
    name: 'the pupil’s exam access arrangements with their evidence',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/access-arrangements`,
    expect: recordOnly(),
  },
  {
    name: 'recording an exam access arrangement',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/access-arrangements`,
    body: () => examArrangement(),
    expect: sendTeamWrite(201),
  },
  {
    name: 'changing an exam access arrangement',
    method: 'PUT',
    path: (f) => `/api/pupils/${f.pupilId}/access-arrangements/${f.arrangementId}`,
    body: (f) => ({
      ...examArrangement(),
      expectedETag: app.running.records
        .accessArrangementRecords(f.pupilId)
        .find((a) => a.value.id === f.arrangementId)!.eTag,
    }),
    expect: sendTeamWrite(200),
  },
  {
    name: 'the EHC plan and timeline',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/ehc-plan`,
    expect: recordOnly(),
  },
  // EHC plan writes: the SENCO and the assistant SENCO only; class staff learn nothing (the same 404 as a
  // pupil they cannot see). Each call picks its pupil when it is made, so both writers' changes land.
  {
    name: 'recording an EHC plan',
    method: 'POST',
    path: (f) => `/api/pupils/${pupilWithoutPlan(f)}/ehc-plan`,
    body: (f) => ({ ...EHC_PLAN_DETAILS, issuedOn: f.today, origin: 'existing-plan' }),
    expect: recordOnly(201),
  },
  {
    name: 'amending an EHC plan',
    method: 'PUT',
    path: (f) => `/api/pupils/${pupilWithPlan(f)}/ehc-plan`,
    body: (f) => ({
      ...EHC_PLAN_DETAILS,
      change: 'amended',
      on: f.today,
      expectedETag: app.running.records.ehcPlan(pupilWithPlan(f))!.eTag,
    }),
    expect: recordOnly(),
  },
  {
    name: 'recording the LA’s decision to cease an EHC plan',
    method: 'PUT',
    path: (f) => `/api/pupils/${pupilWithPlan(f)}/ehc-plan/cease-decision`,
    body: (f) => ({
      notifiedOn: f.today,
      reason: 'no-longer-necessary',
      expectedETag: app.running.records.ehcPlan(pupilWithPlan(f))!.eTag,
    }),
    expect: recordOnly(),
  },
  {
    name: 'withdrawing a decision to cease (refused: dated before it)',
    method: 'POST',
    path: (f) => `/api/pupils/${pupilWithPlan(f)}/ehc-plan/cease-decision/withdrawal`,
    body: (f) => ({
      withdrawnOn: '2000-01-01',
      expectedETag: app.running.records.ehcPlan(pupilWithPlan(f))!.eTag,
    }),
    expect: recordOnly(400),
  },
  {
    name: 'ending an EHC plan (refused: inside the appeal period)',
    method: 'POST',
    path: (f) => `/api/pupils/${pupilWithPlan(f)}/ehc-plan/cessation`,
    body: (f) => ({
      ceasedOn: f.today,
      expectedETag: app.running.records.ehcPlan(pupilWithPlan(f))!.eTag,
    }),
    expect: recordOnly(400),
  },
  {
    name: 'recording a review held without a booking',
    method: 'POST',
    path: (f) => `/api/pupils/${pupilWithPlan(f)}/ehc-plan/reviews`,
    body: (f) => ({ kind: 'interim', meetingOn: f.today, heldOn: f.today }),
    expect: recordOnly(201),
  },
  {
    name: 'keeping a review’s trail',
    method: 'PUT',
    path: (f) => `/api/pupils/${pupilWithPlan(f)}/ehc-plan/reviews/${lastReview(f).id}`,
    body: (f) => ({
      heldOn: f.today,
      reportSentOn: f.today,
      expectedETag: app.running.records.ehcPlanReview(pupilWithPlan(f), lastReview(f).id)!.eTag,
    }),
    expect: recordOnly(),
  },
  {
    name: 'the pupil’s EHC needs assessment requests and their clocks',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/needs-assessments`,
    expect: recordOnly(),
  },
  {
    name: 'recording an EHC needs assessment request',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/needs-assessments`,
    body: (f) => ({ requestedBy: 'school', receivedByLaOn: addDays(f.today as CalendarDate, -7) }),
    expect: recordOnly(201),
  },
  {
    name: 'recording an EHC needs assessment’s milestones',
    method: 'PUT',
    path: (f) => `/api/pupils/${f.pupilId}/needs-assessments/${f.assessmentId}`,
    body: (f) => {
      const current = app.running.records
        .needsAssessments(f.pupilId)
        .find((a) => a.value.id === f.assessmentId)!;
      return {
        requestedBy: current.value.requestedBy,
        receivedByLaOn: current.value.receivedByLaOn,
        decisionToAssess: { decision: 'assess', notifiedOn: f.today },
        expectedETag: current.eTag,
      };
    },
    expect: recordOnly(),
  },
  {
    name: 'the pupil’s interventions',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/interventions`,
    expect: recordOnly(),
  },
  {
    name: 'the pupil’s professionals',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/professionals`,
    expect: recordOnly(),
  },
  {
    name: 'the class view of the pupil’s class',
    method: 'GET',
    path: (f) => `/api/classes/${f.classId}/pupils`,
    expect: staffRead({ headteacher: 404, teacherOfOtherClass: 404, taNotAssigned: 404 }),
  },
  {
    name: 'the class view of a class that does not exist',
    method: 'GET',
    path: () => '/api/classes/00000000-0000-4000-8000-000000000000/pupils',
    expect: notFoundForStaff(),
  },
  {
    name: 'the register’s numbers',
    method: 'GET',
    path: () => '/api/register/summary',
    expect: roleOnly({ senco: 200, sendTeam: 200, headteacher: 200 }),
  },
  {
    name: 'due work across the register',
    method: 'GET',
    path: () => '/api/due-work',
    expect: roleOnly({ senco: 200, sendTeam: 200 }),
  },
  {
    name: 'the census check',
    method: 'GET',
    path: () => '/api/register/census-check',
    expect: roleOnly({ senco: 200, sendTeam: 200 }),
  },
  {
    name: 'recording an export of the register',
    method: 'POST',
    path: () => '/api/register/exports',
    body: () => ({ format: 'csv', rows: 12, view: 'Everyone on the register, sorted by name' }),
    expect: roleOnly({ senco: 204, sendTeam: 204 }),
  },
  // Booking in Outlook: the SENCO and the SEND team (assistant SENCO) only, each in their own calendar.
  {
    name: 'the booking dialog for a pupil',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/bookings/proposal?kind=multi-agency`,
    expect: recordOnly(),
  },
  {
    name: 'checking a meeting date',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/bookings/check`,
    body: (f) => ({ kind: 'multi-agency', on: f.today }),
    expect: recordOnly(),
  },
  {
    name: 'finding free times',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/bookings/free-times`,
    body: (f) => ({ from: f.today, to: f.today, durationMinutes: 30, attendees: [] }),
    // A weekend today has no school day to search: 400 for those who may search, 404 for everyone else.
    expect: recordOnly(isWeekend(todayInLondon()) ? 400 : 200),
  },
  {
    name: 'booking a multi-agency meeting in Outlook',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/bookings`,
    body: (f) => ({
      requestId: randomUUID(),
      kind: 'multi-agency',
      purpose: 'early-help',
      on: addDays(f.today as CalendarDate, 21),
      startsAt: '15:00',
      durationMinutes: 45,
      attendees: [
        { name: 'Early help worker', role: 'other-professional', email: 'eh@county.example.gov.uk' },
      ],
    }),
    expect: recordOnly(201),
  },
  {
    name: 'moving a meeting that does not exist',
    method: 'PATCH',
    path: (f) => `/api/pupils/${f.pupilId}/bookings/${randomUUID()}`,
    body: (f) => ({ on: f.today, startsAt: '09:00', durationMinutes: 30 }),
    expect: recordOnly(404),
  },
  {
    name: 'cancelling a meeting that does not exist',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/bookings/${randomUUID()}/cancel`,
    body: () => ({ message: 'Sorry, we need to rearrange.' }),
    expect: recordOnly(404),
  },
  {
    name: 'checking Outlook for moved or cancelled meetings',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/bookings/outlook-check`,
    expect: recordOnly(),
  },
  { name: 'the provision map', method: 'GET', path: () => '/api/interventions', expect: staffRead({}) },
  {
    name: 'recording an intervention session',
    method: 'POST',
    path: (f) => `/api/interventions/${f.interventionId}/sessions`,
    body: (f) => ({ date: f.today, attendedPupilIds: [f.interventionPupilId] }),
    // The TA who delivers the intervention records its sessions; nobody else but the SEND team.
    expect: { ...recordOnly(201), taAssigned: 201 },
  },
  {
    name: 'recording a pupil’s intervention measures',
    method: 'PUT',
    path: (f) => `/api/interventions/${f.interventionId}/pupils/${f.interventionPupilId}/measures`,
    body: (f) => {
      const current = app.running.records.interventionPupil(f.interventionId, f.interventionPupilId)!;
      const { entryMeasure, exitMeasure, leftOn } = current.value;
      return { entryMeasure, exitMeasure, leftOn, expectedETag: current.eTag };
    },
    // Scores are the SEND team's; even the TA who delivers the intervention is told it is not there.
    expect: recordOnly(),
  },
  {
    name: 'provision costs',
    method: 'GET',
    path: () => '/api/provision/summary',
    expect: roleOnly({ senco: 200, sendTeam: 200, headteacher: 200 }),
  },
  {
    name: 'the professionals list',
    method: 'GET',
    path: () => '/api/professionals',
    expect: roleOnly({ senco: 200, sendTeam: 200 }),
  },
  {
    name: 'adding an intervention',
    method: 'POST',
    path: () => '/api/interventions',
    body: (f) => ({
      name: 'Lego therapy',
      areaOfNeed: 'social-emotional-and-mental-health',
      staff: [{ name: 'A visiting therapist', role: 'Therapist' }],
      delivery: 'group',
      sessionsPerWeek: 1,
      minutesPerSession: 45,
      costPerSession: 40,
      startOn: f.today,
    }),
    expect: roleOnly({ senco: 201, sendTeam: 201 }),
  },
  {
    name: 'changing an intervention',
    method: 'PUT',
    path: (f) => `/api/interventions/${f.editableInterventionId}`,
    body: (f) => {
      const current = app.running.records
        .interventions()
        .find((v) => v.value.id === f.editableInterventionId)!;
      const { id: _id, pupils: _pupils, ...details } = current.value;
      return { ...details, expectedETag: current.eTag };
    },
    expect: recordOnly(),
  },
  {
    name: 'adding a pupil to an intervention',
    method: 'POST',
    path: (f) => `/api/interventions/${f.editableInterventionId}/pupils`,
    body: (f) => {
      const taken = new Set(
        app.running.records
          .interventions()
          .find((v) => v.value.id === f.editableInterventionId)!
          .value.pupils.map((p) => p.pupilId),
      );
      return {
        pupilId: app.running.records.pupils().find((p) => !taken.has(p.id) && p.id !== f.pupilId)!.id,
      };
    },
    expect: recordOnly(201),
  },
  {
    name: 'a pupil leaving an intervention',
    method: 'POST',
    path: (f) => `/api/interventions/${f.editableInterventionId}/pupils/${f.editablePupilId}/leave`,
    body: (f) => ({
      expectedETag: app.running.records.interventionPupil(f.editableInterventionId, f.editablePupilId)!.eTag,
    }),
    expect: recordOnly(),
  },
  {
    name: 'finding a member of staff to deliver an intervention',
    method: 'GET',
    path: () => '/api/staff?search=ja',
    expect: roleOnly({ senco: 200, sendTeam: 200 }),
  },
  {
    name: 'adding a professional',
    method: 'POST',
    path: () => '/api/professionals',
    body: () => ({
      name: 'Sam Patel',
      profession: 'early-help',
      organisation: 'Early Help Hub',
      phone: '01632 960123',
    }),
    expect: roleOnly({ senco: 201, sendTeam: 201 }),
  },
  {
    name: 'linking a professional to the pupil',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/professionals`,
    body: (f) => ({ professionalId: f.professionalId }),
    expect: recordOnly(),
  },
  {
    name: 'the pupil’s referrals',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/referrals`,
    expect: recordOnly(),
  },
  {
    name: 'making a referral for the pupil',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/referrals`,
    body: (f) => ({
      service: 'speech-and-language-therapist',
      sentOn: f.today,
      question: 'Assessment of expressive language',
      responseDueOn: f.today,
    }),
    expect: recordOnly(201),
  },
  {
    name: 'recording a report received for a referral',
    method: 'PUT',
    path: (f) => `/api/pupils/${f.pupilId}/referrals/${f.referralId}`,
    body: (f) => {
      const current = app.running.records.referrals(f.pupilId).find((r) => r.value.id === f.referralId)!;
      const { id: _id, pupilId: _pupilId, ...referral } = current.value;
      return {
        ...referral,
        reports: [{ receivedOn: f.today, title: 'Speech and language report' }],
        expectedETag: current.eTag,
      };
    },
    expect: recordOnly(),
  },
  { name: 'settings', method: 'GET', path: () => '/api/settings', expect: roleOnly({ senco: 200 }) },
  {
    name: 'changing settings',
    method: 'PUT',
    path: () => '/api/settings',
    body: () => {
      const current = app.running.records.settings();
      return { settings: current.value, expectedETag: current.eTag };
    },
    expect: roleOnly({ senco: 200 }),
  },
  {
    name: 'where reminders go, and whether the bot is there',
    method: 'GET',
    path: () => '/api/settings/reminders-channel',
    expect: roleOnly({ senco: 200 }),
  },
  {
    name: 'who holds which app role',
    method: 'GET',
    path: () => '/api/settings/roles',
    expect: roleOnly({ senco: 200 }),
  },
  {
    // Whether reminders reach the channel names no pupil, but it is the SEND team's work to put right.
    name: 'the reminders warning on the home view',
    method: 'GET',
    path: () => '/api/reminders/status',
    expect: roleOnly({ senco: 200, sendTeam: 200 }),
  },
  { name: 'the audit log', method: 'GET', path: () => '/api/audit', expect: roleOnly({ senco: 200 }) },
  {
    name: 'retention: pupils due for deletion',
    method: 'GET',
    path: () => '/api/retention',
    expect: roleOnly({ senco: 200 }),
  },
  {
    name: 'placing a legal hold on a pupil’s records',
    method: 'PUT',
    path: (f) => `/api/retention/holds/${f.pupilId}`,
    body: () => ({
      reason: 'Subject access request in progress',
      expectedETag: app.running.records.settings().eTag,
    }),
    expect: roleOnly({ senco: 200 }),
  },
  {
    // Nobody in the demo school is due: the run deletes nothing, but only the SENCO may start one.
    name: 'deleting now what retention makes due',
    method: 'POST',
    path: () => '/api/retention/run',
    body: () => ({}),
    expect: roleOnly({ senco: 200 }),
  },
  {
    name: 'a subject access export of the pupil',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/subject-access-export`,
    expect: recordOnly(),
  },
  {
    name: 'a subject access export of the pupil, as a printable document',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/subject-access-export?format=html`,
    expect: recordOnly(),
  },
  // The periodic Outlook check: how current the caller's own booked meetings are, and checking them now.
  {
    name: 'when Outlook was last checked',
    method: 'GET',
    path: () => '/api/bookings/outlook-status',
    expect: roleOnly({ senco: 200, sendTeam: 200 }),
  },
  {
    name: 'checking Outlook now for every meeting the caller booked',
    method: 'POST',
    path: () => '/api/bookings/outlook-check',
    expect: roleOnly({ senco: 200, sendTeam: 200 }),
  },
];

async function call(
  route: Route,
  persona: Persona,
): Promise<{ status: number; body: unknown; text: string }> {
  const token = tokens.get(persona);
  const body = route.body?.(fixture);
  const res = await fetch(`${app.baseUrl}${route.path(fixture)}`, {
    method: route.method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  // Answers are JSON, but for a document (a subject access export as HTML), whose text is checked alone.
  const json = text && (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: json ? (JSON.parse(text) as unknown) : undefined, text };
}

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

async function mint(input: {
  key: CryptoKey;
  kid: string;
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresAt?: number;
}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
  return new SignJWT({
    tid: app.config.tenantId,
    oid: senco.id,
    preferred_username: senco.upn,
    name: senco.displayName,
    roles: ['Senco'],
    scp: 'access_as_user',
    ver: '2.0',
    ...input.claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: input.kid })
    .setIssuer(input.issuer ?? app.config.auth.issuers.v2)
    .setAudience(input.audience ?? app.config.auth.audience[0]!)
    .setIssuedAt(now - 60)
    .setExpirationTime(input.expiresAt ?? now + 3600)
    .sign(input.key);
}

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const school = app.local365.school;
  const records = app.running.records;
  const staff = (role: string) => school.staff.filter((s) => s.role === role);
  const today = (await (await fetch(`${app.baseUrl}/api/health`)).json()) as { time: string };

  // A pupil supported by a TA who also delivers an intervention (so the TA can record a session).
  const interventions = records.interventions().map((v) => v.value);
  const chosen = records.taAssignments().flatMap((assignment) => {
    const intervention = interventions.find(
      (i) => i.pupils.length > 0 && i.staff.some((s) => s.userId === assignment.staffUserId),
    );
    const cls = school.classes.find((c) => c.pupilIds.includes(assignment.pupilId));
    return intervention && cls && records.pupil(assignment.pupilId)
      ? [{ assignment, intervention, cls }]
      : [];
  })[0];
  if (!chosen)
    throw new Error('The demo school has no TA who both supports a pupil and delivers an intervention');
  const { assignment, intervention, cls } = chosen;
  const pupil = records.pupil(assignment.pupilId)!;
  const assignedToPupil = new Set(
    records
      .taAssignments()
      .filter((a) => a.pupilId === pupil.id)
      .map((a) => a.staffUserId),
  );
  const teachers = staff('teacher').filter((s) => s.appRoles.length === 0);
  const teacherOfPupil = teachers.find((t) => cls.teacherIds.includes(t.id));
  const teacherOfOtherClass = teachers.find((t) =>
    school.classes.some((c) => c.teacherIds.includes(t.id) && !c.pupilIds.includes(pupil.id)),
  );
  const taAssigned = school.staff.find((s) => s.id === assignment.staffUserId);
  // A TA named on an intervention sees its pupils while it runs (interventionPupilIdsOn): not one of those.
  const deliversToPupil = new Set(
    interventions
      .filter((i) => i.pupils.some((p) => p.pupilId === pupil.id))
      .flatMap((i) => i.staff.flatMap((s) => (s.userId ? [s.userId] : []))),
  );
  const taNotAssigned = staff('teaching-assistant').find(
    (s) =>
      !assignedToPupil.has(s.id) && !cls.teachingAssistantIds.includes(s.id) && !deliversToPupil.has(s.id),
  );
  if (!teacherOfPupil || !teacherOfOtherClass || !taAssigned || !taNotAssigned) {
    throw new Error('The demo school lacks a persona the matrix needs');
  }
  // The session route is open to the staff who deliver the intervention: the teachers must not be among them.
  for (const person of [teacherOfPupil, teacherOfOtherClass, taNotAssigned]) {
    expect(intervention.staff.some((s) => s.userId === person.id)).toBe(false);
  }
  const pupilAccount = school.pupils[0]!;

  // Records for the matrix's edits, written as the SENCO would through SendRecords.
  const by = { userId: staff('senco')[0]!.id, upn: staff('senco')[0]!.upn, name: 'SENCO' };
  const todayOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(today.time),
  ) as CalendarDate;
  const editablePupilId = records.pupils().find((p) => p.id !== pupil.id)!.id;
  const editable = await records.createIntervention({
    intervention: {
      id: 'matrix-intervention',
      name: 'Social skills group',
      areaOfNeed: 'social-emotional-and-mental-health',
      staff: [{ name: 'Visiting specialist', role: 'Specialist teacher' }],
      delivery: 'group',
      sessionsPerWeek: 1,
      minutesPerSession: 30,
      costPerHour: 30,
      resourceCost: 0,
      startOn: addDays(todayOn, -14),
      pupils: [{ pupilId: editablePupilId, joinedOn: addDays(todayOn, -14) }],
    },
    by,
  });
  const professional = await records.addProfessional({
    professional: {
      id: 'matrix-professional',
      name: 'Jo Reid',
      profession: 'occupational-therapist',
      organisation: 'Children’s Therapy Service',
    },
    by,
  });
  const referral = await records.addReferral({
    referral: {
      id: 'matrix-referral',
      pupilId: pupil.id,
      service: 'speech-and-language-therapist',
      sentOn: addDays(todayOn, -30),
      question: 'Assessment of receptive language',
      responseDueOn: addDays(todayOn, -1),
      reports: [],
    },
    by,
  });
  if (!records.senSupportPlan(pupil.id)) {
    await records.createSenSupportPlan({
      plan: {
        id: `matrix-plan-${pupil.id}`,
        pupilId: pupil.id,
        layer: 'targeted',
        cycles: [
          {
            id: 'matrix-cycle-1',
            startedOn: todayOn,
            assessment: 'Set up for the matrix.',
            outcomes: [{ description: 'An outcome' }],
            provision: [],
            reviewOn: addDays(todayOn, 60),
            parentMeetings: [],
          },
        ],
      },
      by,
    });
  }
  const arrangement = await records.saveAccessArrangement({
    arrangement: { ...examArrangement(), id: `matrix-arrangement-${pupil.id}`, pupilId: pupil.id } as never,
    expectedETag: undefined,
    by,
  });

  fixture = {
    arrangementId: arrangement.value.id,
    pupilId: pupil.id,
    pupilName: pupilDisplayName(pupil),
    classId: cls.groupId,
    interventionId: intervention.id,
    interventionPupilId: intervention.pupils[0]!.pupilId,
    assessmentId: '',
    editableInterventionId: editable.value.id,
    editablePupilId,
    professionalId: professional.id,
    referralId: referral.value.id,
    today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(today.time)),
  };
  const request = await app.running.records.createNeedsAssessment({
    assessment: {
      pupilId: pupil.id,
      requestedBy: 'parent',
      receivedByLaOn: addDays(fixture.today as CalendarDate, -30),
      exceptions: [],
    },
    by: { userId: 'matrix', upn: 'matrix@school.example', name: 'Matrix set-up' },
  });
  fixture.assessmentId = request.value.id;

  Object.assign(upns, {
    senco: staff('senco')[0]!.upn,
    sendTeam: staff('assistant-senco')[0]!.upn,
    headteacher: staff('headteacher')[0]!.upn,
    teacherOfPupil: teacherOfPupil.upn,
    teacherOfOtherClass: teacherOfOtherClass.upn,
    taAssigned: taAssigned.upn,
    taNotAssigned: taNotAssigned.upn,
    pupil: pupilAccount.upn,
  });
  for (const [persona, upn] of Object.entries(upns)) tokens.set(persona as Persona, await app.userToken(upn));

  // Bad tokens, each wrong in exactly one way: signed with the stand-in's own key unless the key is the fault.
  const trusted = await loadOrCreateSigningKey(app.local365.db, new Date());
  const stranger = (await generateKeyPair('RS256')).privateKey;
  const now = Math.floor(Date.now() / 1000);
  tokens.set('noToken', undefined);
  tokens.set('expired', await mint({ key: trusted.privateKey, kid: trusted.kid, expiresAt: now - 3600 }));
  tokens.set(
    'wrongAudience',
    await mint({
      key: trusted.privateKey,
      kid: trusted.kid,
      audience: '11111111-2222-4333-8444-555555555555',
    }),
  );
  tokens.set(
    'wrongIssuer',
    await mint({
      key: trusted.privateKey,
      kid: trusted.kid,
      issuer: app.config.auth.issuers.v2.replace(app.config.tenantId, '0a1b2c3d-0000-4000-8000-0000000000ff'),
    }),
  );
  tokens.set('otherKey', await mint({ key: stranger, kid: trusted.kid }));
  // Entra's v1 format (the registration's default): v1 issuer, aud the Application ID URI, user in upn.
  const v1 = {
    key: trusted.privateKey,
    kid: trusted.kid,
    issuer: app.config.auth.issuers.v1,
    audience: app.config.auth.audience[1]!,
  };
  tokens.set(
    'sencoV1',
    await mint({
      ...v1,
      claims: { ver: '1.0', preferred_username: undefined, upn: upns.senco, unique_name: upns.senco },
    }),
  );
  // App-only tokens for our API (any app in the tenant could get one if granted a role): no scp.
  tokens.set(
    'appOnly',
    await mint({
      key: trusted.privateKey,
      kid: trusted.kid,
      claims: { scp: undefined, idtyp: 'app', preferred_username: undefined, name: undefined },
    }),
  );
  tokens.set(
    'appOnlyV1',
    await mint({ ...v1, claims: { ver: '1.0', scp: undefined, preferred_username: undefined } }),
  );
  tokens.set(
    'wrongScope',
    await mint({ key: trusted.privateKey, kid: trusted.kid, claims: { scp: 'User.Read' } }),
  );
  // The control: minted the same way, nothing wrong, accepted.
  const control = await mint({ key: trusted.privateKey, kid: trusted.kid });
  const res = await fetch(`${app.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${control}` } });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
});

const cases = ROUTES.flatMap((route) =>
  PERSONAS.map((persona) => {
    const expected = (BAD_TOKENS as readonly string[]).includes(persona)
      ? 401
      : route.expect[(SAME_AS_SENCO.includes(persona) ? 'senco' : persona) as keyof Route['expect']];
    return [route.name, persona, expected, route] as const;
  }),
);

describe('authorisation matrix', () => {
  it.each(cases)('%s as %s → %i', async (_name, persona, expected, route) => {
    const { status, body, text } = await call(route, persona);
    expect(status).toBe(expected);

    if (status >= 400) {
      // Refusals say why and nothing else.
      expect(Object.keys(body as object)).toEqual(
        status === 409 ? expect.arrayContaining(['error']) : ['error'],
      );
    }
    if (STRANGERS.includes(persona)) {
      expect(text).not.toContain(fixture.pupilId);
      expect(text).not.toContain(fixture.pupilName);
    }
    if (persona === 'headteacher') {
      // Numbers, not pupils: no pupil of the school in anything the headteacher is shown.
      for (const pupil of app.running.records.pupils()) expect(text).not.toContain(pupil.id);
    }
    if (CLASS_STAFF.includes(persona) && status < 300) {
      // The caller's own sign-in name in /api/me is theirs to see; the pupils listed there are checked.
      const keys = keysOf(route.name === 'who am I' ? (body as { pupils: unknown }).pupils : body);
      for (const key of NOT_FOR_CLASS_STAFF) expect(keys.has(key), `${key} leaked`).toBe(false);
    }
  });
});

describe('what each persona is shown', () => {
  const get = async (persona: Persona, path: string) => {
    const res = await fetch(`${app.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${tokens.get(persona)}` },
    });
    return (await res.json()) as Record<string, unknown>;
  };

  it('a class teacher sees the pupil in their register and class view, with the passport', async () => {
    const register = (await get('teacherOfPupil', '/api/pupils')) as {
      pupils: { id: string; access: string }[];
    };
    expect(register.pupils.map((p) => p.id)).toContain(fixture.pupilId);
    expect(new Set(register.pupils.map((p) => p.access))).toEqual(new Set(['class']));
    const view = (await get('teacherOfPupil', `/api/classes/${fixture.classId}/pupils`)) as {
      pupils: { id: string; passport: { whatHelpsMe: string[] } | null }[];
    };
    const pupil = view.pupils.find((p) => p.id === fixture.pupilId);
    expect(pupil?.passport?.whatHelpsMe.length).toBeGreaterThan(0);
  });

  it('a teacher of another class and an unassigned TA do not find the pupil in their register', async () => {
    for (const persona of ['teacherOfOtherClass', 'taNotAssigned'] as const) {
      const register = (await get(persona, '/api/pupils?status=N,K,E')) as { pupils: { id: string }[] };
      expect(register.pupils.map((p) => p.id)).not.toContain(fixture.pupilId);
    }
  });

  it('the headteacher has numbers and no pupils', async () => {
    const me = await get('headteacher', '/api/me');
    expect(me['pupils']).toEqual([]);
    const summary = await get('headteacher', '/api/register/summary');
    expect(summary['senCount']).toBeGreaterThan(0);
    // The numbers are of the whole roll (from the Education roster), not only the pupils with SEND records.
    expect(summary['roll']).toBe(app.local365.school.pupils.length);
    expect(summary['notOnRoll']).toBe(0);
    // Numbers only: no pupil's id, name or UPN anywhere in the answer.
    const keys = keysOf(summary);
    for (const key of ['id', 'pupilId', 'upn', 'legalSurname', 'pupils']) expect(keys).not.toContain(key);
  });

  it('the SENCO sees every read of the pupil in the audit log: who, what, which pupil, when, from where', async () => {
    const log = (await get(
      'senco',
      `/api/audit?pupilId=${encodeURIComponent(fixture.pupilId)}&limit=1000`,
    )) as {
      entries: {
        actor: { upn: string };
        action: string;
        resource: string;
        pupilId: string;
        at: string;
        from?: string;
      }[];
    };
    const readers = new Set(log.entries.filter((e) => e.action === 'read').map((e) => e.actor.upn));
    for (const persona of ['senco', 'sendTeam', 'teacherOfPupil', 'taAssigned'] as const) {
      expect(readers.has(upns[persona]!), `${persona}'s reads are audited`).toBe(true);
    }
    for (const persona of ['headteacher', 'teacherOfOtherClass', 'taNotAssigned'] as const) {
      expect(readers.has(upns[persona]!), `${persona} read nothing of the pupil`).toBe(false);
    }
    for (const entry of log.entries) {
      expect(entry.pupilId).toBe(fixture.pupilId);
      expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
      expect(entry.from).toBeTruthy();
    }
    expect(log.entries.some((e) => e.action === 'update' && e.resource === 'passport')).toBe(true);
    expect(log.entries.some((e) => e.action === 'acknowledge')).toBe(true);
  });
});
