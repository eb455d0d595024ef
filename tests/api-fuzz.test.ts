/**
 * Hostile requests to every route of the API, on the whole app in local mode (the stand-in's SharePoint
 * behind it, so a bad value that reaches Graph would show): random and malformed methods, headers, bodies,
 * path parameters, query strings and charsets, as the SENCO and as other roles. No answer is ever a 500,
 * and a refusal says why — naming the field when a field is at fault.
 *
 * The routes are read from the API router itself (tests/support/api-routes.ts), so a new route is fuzzed
 * without anyone adding it here; a new route that takes a body must add a valid example body below.
 * Bounded: a fixed seed and run count.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { CalendarDate } from '../src/domain/calendar-date.ts';
import { rawRequest } from '../src/server/http/testing/raw-http.ts';
import { apiRoutes, type ApiRoute } from './support/api-routes.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const SEED = 20261203;
const RANDOM_RUNS = 400;

type Persona = 'senco' | 'sendTeam' | 'headteacher' | 'teacher' | 'ta' | 'none' | 'garbage';
const PERSONAS: readonly Persona[] = ['senco', 'sendTeam', 'headteacher', 'teacher', 'ta', 'none', 'garbage'];

type Fixture = {
  pupilId: string;
  interventionId: string;
  classId: string;
  assessmentId: string;
  referralId: string;
  arrangementId: string;
  today: string;
};

let app: TestApp;
let fixture: Fixture;
const tokens = new Map<Persona, string>();

/** A valid body for each route that takes one, as the tab would send it now. */
const BODIES: Record<string, () => Record<string, unknown>> = {
  'POST /api/register/exports': () => ({ format: 'csv', rows: 12, view: 'Everyone on the register' }),
  'POST /api/pupils/:pupilId/sen-status': () => ({
    code: 'K',
    from: fixture.today,
    expectedETag: app.running.records.pupilRecord(fixture.pupilId)?.eTag,
  }),
  'POST /api/pupils/:pupilId/needs': () => ({
    primaryNeed: 'SPLD',
    secondaryNeed: null,
    from: fixture.today,
    expectedETag: app.running.records.pupilRecord(fixture.pupilId)?.eTag,
  }),
  'PUT /api/pupils/:pupilId/passport': () => {
    const current = app.running.records.passport(fixture.pupilId);
    return {
      aboutMe: current?.value.aboutMe ?? 'I like maps.',
      strengths: current?.value.strengths ?? ['Drawing'],
      whatIFindHard: current?.value.whatIFindHard ?? ['Noise'],
      whatHelpsMe: current?.value.whatHelpsMe ?? ['Visual timetable'],
      communication: current?.value.communication ?? 'Short sentences',
      accessArrangements: current?.value.accessArrangements ?? [],
      expectedETag: current?.eTag,
    };
  },
  'POST /api/pupils/:pupilId/passport/review': () => ({
    expectedETag: app.running.records.passport(fixture.pupilId)?.eTag,
  }),
  'POST /api/pupils/:pupilId/passport/acknowledgements': () => ({
    passportVersion: app.running.records.passport(fixture.pupilId)?.value.version ?? 1,
  }),
  'POST /api/interventions/:interventionId/sessions': () => ({
    date: fixture.today,
    attendedPupilIds: [fixture.pupilId],
    note: 'Worked well',
  }),
  'PUT /api/interventions/:interventionId/pupils/:pupilId/measures': () => ({
    entryMeasure: 80,
    exitMeasure: 90,
    expectedETag: app.running.records.interventionPupil(fixture.interventionId, fixture.pupilId)?.eTag,
  }),
  'POST /api/pupils/:pupilId/bookings/check': () => ({ kind: 'multi-agency', on: fixture.today }),
  'POST /api/pupils/:pupilId/bookings/free-times': () => ({
    from: fixture.today,
    to: fixture.today,
    durationMinutes: 30,
    attendees: [
      { name: 'Class teacher', role: 'class-teacher', email: 'teacher@school.example', internal: true },
    ],
  }),
  'POST /api/pupils/:pupilId/bookings': () => ({
    requestId: randomUUID(),
    kind: 'multi-agency',
    purpose: 'camhs',
    on: fixture.today,
    startsAt: '15:00',
    durationMinutes: 45,
    location: 'Meeting room 2',
    attendees: [{ name: 'CAMHS practitioner', role: 'health-professional', email: 'camhs@nhs.example' }],
    notes: 'Bring the last review.',
  }),
  'PATCH /api/pupils/:pupilId/bookings/:meetingId': () => ({
    on: fixture.today,
    startsAt: '09:00',
    durationMinutes: 30,
  }),
  'POST /api/pupils/:pupilId/bookings/:meetingId/cancel': () => ({ message: 'Sorry, we need to rearrange.' }),
  'POST /api/pupils/:pupilId/bookings/outlook-check': () => ({}),
  'POST /api/pupils/:pupilId/needs-assessments': () => ({
    requestedBy: 'school',
    requestedOn: fixture.today,
    receivedByLaOn: fixture.today,
  }),
  'PUT /api/pupils/:pupilId/needs-assessments/:assessmentId': () => {
    const current = app.running.records
      .needsAssessments(fixture.pupilId)
      .find((a) => a.value.id === fixture.assessmentId);
    return {
      requestedBy: 'parent',
      receivedByLaOn: current?.value.receivedByLaOn ?? fixture.today,
      decisionToAssess: { decision: 'assess', notifiedOn: fixture.today },
      expectedETag: current?.eTag,
    };
  },
  'POST /api/pupils/:pupilId/ehc-plan': () => ({
    ...EHC_PLAN_DETAILS,
    issuedOn: fixture.today,
    origin: 'needs-assessment',
    lastAssessedOn: fixture.today,
    expectedETag: app.running.records.ehcPlan(fixture.pupilId)?.eTag,
  }),
  'PUT /api/pupils/:pupilId/ehc-plan': () => ({
    ...EHC_PLAN_DETAILS,
    change: 'amended',
    on: fixture.today,
    summary: 'Placement named',
    expectedETag: app.running.records.ehcPlan(fixture.pupilId)?.eTag,
  }),
  'PUT /api/pupils/:pupilId/ehc-plan/cease-decision': () => ({
    notifiedOn: fixture.today,
    reason: 'no-longer-necessary',
    expectedETag: app.running.records.ehcPlan(fixture.pupilId)?.eTag,
  }),
  'POST /api/pupils/:pupilId/ehc-plan/cease-decision/withdrawal': () => ({
    withdrawnOn: fixture.today,
    summary: 'Appeal allowed',
    expectedETag: app.running.records.ehcPlan(fixture.pupilId)?.eTag,
  }),
  'POST /api/pupils/:pupilId/ehc-plan/cessation': () => ({
    ceasedOn: fixture.today,
    expectedETag: app.running.records.ehcPlan(fixture.pupilId)?.eTag,
  }),
  'POST /api/pupils/:pupilId/ehc-plan/reviews': () => ({
    kind: 'annual',
    meetingOn: fixture.today,
    heldOn: fixture.today,
    adviceRequests: [
      {
        from: 'Dr Ray',
        role: 'educational-psychologist',
        requestedOn: fixture.today,
        receivedOn: fixture.today,
      },
    ],
    recommendation: 'maintain',
    attendees: [{ name: 'Jo Parent', role: 'parent-or-young-person' }],
  }),
  'PUT /api/pupils/:pupilId/ehc-plan/reviews/:reviewId': () => ({
    heldOn: fixture.today,
    reportSentOn: fixture.today,
    laDecision: { decision: 'maintain', notifiedOn: fixture.today },
    expectedETag: app.running.records.ehcPlanReview(fixture.pupilId, reviewIdOf())?.eTag,
  }),
  'POST /api/interventions': () => ({
    name: 'Lego therapy',
    areaOfNeed: 'social-emotional-and-mental-health',
    staff: [{ name: 'Visiting therapist', role: 'Therapist' }],
    delivery: 'group',
    sessionsPerWeek: 1,
    minutesPerSession: 45,
    costPerSession: 40,
    startOn: fixture.today,
    pupils: [{ pupilId: fixture.pupilId, entryMeasure: 3 }],
  }),
  'PUT /api/interventions/:interventionId': () => {
    const current = app.running.records.interventions().find((v) => v.value.id === fixture.interventionId)!;
    const { id: _id, pupils: _pupils, ...details } = current.value;
    return { ...details, expectedETag: current.eTag };
  },
  'POST /api/interventions/:interventionId/pupils': () => ({ pupilId: fixture.pupilId, entryMeasure: 4 }),
  'POST /api/interventions/:interventionId/pupils/:pupilId/leave': () => ({
    leftOn: fixture.today,
    expectedETag: app.running.records.interventionPupil(fixture.interventionId, fixture.pupilId)?.eTag,
  }),
  'POST /api/professionals': () => ({
    name: 'Sam Patel',
    profession: 'early-help',
    organisation: 'Early Help Hub',
    email: 'sam.patel@council.example',
    pupilId: fixture.pupilId,
  }),
  'POST /api/pupils/:pupilId/professionals': () => ({
    professionalId: app.running.records.professionals()[0]?.id ?? 'none',
  }),
  'POST /api/pupils/:pupilId/referrals': () => ({
    service: 'camhs',
    sentOn: fixture.today,
    question: 'Assessment of anxiety',
    responseDueOn: fixture.today,
  }),
  'PUT /api/pupils/:pupilId/referrals/:referralId': () => ({
    service: 'camhs',
    sentOn: fixture.today,
    question: 'Assessment of anxiety',
    responseDueOn: fixture.today,
    reports: [{ receivedOn: fixture.today, title: 'CAMHS letter' }],
    expectedETag: app.running.records
      .referrals(fixture.pupilId)
      .find((r) => r.value.id === fixture.referralId)?.eTag,
  }),
  'POST /api/pupils/:pupilId/sen-support-plan': () => ({ ...planStage(), startedOn: fixture.today }),
  'PUT /api/pupils/:pupilId/sen-support-plan': () => {
    const plan = app.running.records.senSupportPlan(fixture.pupilId);
    return { ...planStage(), cycleId: plan?.value.cycles.at(-1)?.id, expectedETag: plan?.eTag };
  },
  'POST /api/pupils/:pupilId/sen-support-plan/reviews': () => {
    const plan = app.running.records.senSupportPlan(fixture.pupilId);
    const cycle = plan?.value.cycles.at(-1);
    return {
      cycleId: cycle?.id,
      reviewedOn: fixture.today,
      progress: (cycle?.outcomes ?? []).map(() => ({ achieved: 'partly', progressNotes: 'Better' })),
      reviewNotes: 'Reviewed with the family',
      parentMeeting: { attendees: ['Mother'], agreed: 'Keep going' },
      nextReviewOn: planStage().reviewOn,
      expectedETag: plan?.eTag,
    };
  },
  'POST /api/pupils/:pupilId/sen-support-plan/parent-meetings': () => ({
    on: fixture.today,
    attendees: ['Father', 'SENCO'],
    agreed: 'Reading at home',
    notes: 'Met after school',
    expectedETag: app.running.records.senSupportPlan(fixture.pupilId)?.eTag,
  }),
  'POST /api/pupils/:pupilId/access-arrangements': () => examArrangement(),
  'PUT /api/pupils/:pupilId/access-arrangements/:arrangementId': () => ({
    ...examArrangement(),
    expectedETag: app.running.records
      .accessArrangementRecords(fixture.pupilId)
      .find((a) => a.value.id === fixture.arrangementId)?.eTag,
  }),
  'PUT /api/settings': () => ({
    settings: app.running.records.settings().value,
    expectedETag: app.running.records.settings().eTag,
  }),
  'PUT /api/retention/holds/:pupilId': () => ({
    reason: 'Subject access request in progress',
    expectedETag: app.running.records.settings().eTag,
  }),
  'POST /api/retention/run': () => ({}),
  'POST /api/bookings/outlook-check': () => ({}),
};

function planStage() {
  const [y, m, d] = fixture.today.split('-').map(Number) as [number, number, number];
  const later = new Date(Date.UTC(y, m - 1, d + 60)).toISOString().slice(0, 10);
  return {
    layer: 'targeted-plus',
    assessment: 'Working memory difficulties noted by the class teacher.',
    pupilViews: 'I like working with a partner.',
    parentViews: 'Homework is hard.',
    outcomes: [
      {
        description: 'Follows a three-step instruction',
        measure: 'Observation',
        provision: ['Visual prompts'],
      },
    ],
    reviewOn: later,
  };
}

function examArrangement() {
  return {
    arrangement: 'extra-time-25',
    route: 'delegated',
    status: 'proposed',
    regulationsAcademicYear: 2026,
    normalWayOfWorkingEvidence: 'Extra time in class assessments.',
    form8: { assessedOn: fixture.today, scores: [{ test: 'Reading speed', standardisedScore: 80 }] },
    expiresOn: planStage().reviewOn,
  };
}

/** Today in London as [yyyy, mm, dd]. */
function fixture0Today(time: string): [string, string, string] {
  const on = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(time));
  return on.split('-') as [string, string, string];
}

const keyOf = (route: ApiRoute) => `${route.method} ${route.path}`;

// ---- Hostile material -------------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    'a\u202Eevil.exe',
    '\u2066x\u2069',
    '\u200B\u200B',
    '\uFEFF',
    '*',
    'W/*',
    'é€😀',
    '\r\n',
    '\u0085',
    '__proto__',
    '../../etc/passwd',
    '%FF',
    '2026-02-30',
    '9999-99-99',
    '{"a":1}',
    'x'.repeat(5000),
  ),
  loneSurrogate.map((s) => `a${s}b`),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(null, true, false, 0, -1, 1e308, [], {}),
  fc.array(hostileText, { maxLength: 4 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid body with one thing wrong: a field replaced, dropped or added, or the whole body replaced. */
function hostileBody(valid: Record<string, unknown> | undefined): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid ?? {});
  const whole = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(undefined, null, [], 'text', 42));
  if (!valid || keys.length === 0) return whole;
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...valid, [k]: v })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...keys)
        .map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    },
    { weight: 1, arbitrary: fc.tuple(hostileText, hostileValue).map(([k, v]) => ({ ...valid, [k]: v })) },
    { weight: 1, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: whole },
  );
}

/** How the body goes on the wire: JSON in UTF-8, or something no JSON parser should accept. */
const bodyBytes = (body: unknown) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constant(body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8')),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        Buffer.from('{"aboutMe": '),
        Buffer.from('{"a":1}{"b":2}'),
        Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
        Buffer.from('{"view":"caf\xe9"}', 'latin1'),
        Buffer.from('{"view":"\\ud800"}'),
        Buffer.from(''),
      ),
    },
  );

const contentType = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16',
  'application/json; charset',
  'application/json; charset="utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  '*/*',
  'application/jsoné',
  undefined,
);

type HeaderCase = { headers: [string, string][]; malformed: boolean };

const extraHeaders: fc.Arbitrary<HeaderCase> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<HeaderCase>({ headers: [], malformed: false }) },
  fc
    .constantFrom(
      '*',
      'W/*',
      '"é€😀"',
      '"ü"',
      'x'.repeat(300),
      '"{00000000-0000-0000-0000-000000000000},1"',
      '',
    )
    .map((v) => ({ headers: [['If-Match', v]] as [string, string][], malformed: false })),
  fc
    .constantFrom(
      ['Content-Encoding', 'gzip'],
      ['Content-Encoding', 'x-unknown'],
      ['Accept', 'text/html'],
      ['Accept-Charset', 'iso-8859-1'],
      ['X-Forwarded-For', '::ffff:%00'],
      ['Authorization', 'Bearer é€'],
    )
    .map((h) => ({ headers: [h as [string, string]], malformed: false })),
  fc
    .constantFrom('"a\u0000b"', '"a\rb"', 'a\u007f', '\u0001')
    .map((v) => ({ headers: [['If-Match', v]] as [string, string][], malformed: true })),
);

const hostileSegment = fc.oneof(
  fc.constantFrom(
    '%FF',
    '%00',
    '%E0%A4%A',
    '%ED%A0%80',
    '%C0%AF',
    '..',
    '%2E%2E',
    '%2F',
    'a%20b',
    '%F0%9F%98%80',
    '%',
    'x'.repeat(2000),
    'no-such-id',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

const hostileQuery = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  fc.constantFrom(
    '?q=%FF',
    '?q=%00',
    '?q=a%E2%80%AEb',
    '?limit=1e999',
    '?limit=-1',
    '?limit=NaN',
    '?year=Y3&year=Y99',
    '?year[]=Y3',
    '?__proto__=x',
    '?status=%',
    '?pupilId=%ED%A0%80',
    '?q=' + 'x'.repeat(3000),
    '?sort=name&sort=year',
  ),
  fc
    .array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 12 })), {
      maxLength: 3,
    })
    .map((pairs) =>
      pairs.length
        ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`
        : '',
    ),
);

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;

// ---- Sending and checking ---------------------------------------------------------------------------

function fillPath(route: ApiRoute, params: Record<string, string>): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'unknown');
}

function realParams(): Record<string, string> {
  return {
    pupilId: fixture.pupilId,
    interventionId: fixture.interventionId,
    teamGroupId: fixture.classId,
    assessmentId: fixture.assessmentId,
    reviewId: reviewIdOf(),
    referralId: fixture.referralId,
    arrangementId: fixture.arrangementId,
  };
}

/** A review of the fixture pupil's plan, if they have one. */
function reviewIdOf(): string {
  return app.running.records.ehcPlan(fixture.pupilId)?.value.reviews.at(-1)?.id ?? 'unknown';
}

const EHC_PLAN_DETAILS = {
  localAuthority: 'Devon',
  coordinator: { name: 'Pat Officer', email: 'pat.officer@devon.example' },
  outcomes: [{ area: 'communication-and-interaction', outcome: 'Asks for help in class' }],
  provision: [{ area: 'communication-and-interaction', provision: 'Speech and language therapy, weekly' }],
  placement: 'Riverside Primary School',
};

type Attempt = {
  method: string;
  path: string;
  persona: Persona;
  contentType: string | undefined;
  headers: HeaderCase;
  body: Buffer | undefined;
};

async function send(attempt: Attempt) {
  const token = tokens.get(attempt.persona);
  return rawRequest(app.baseUrl, {
    method: attempt.method,
    path: attempt.path,
    headers: [
      ...(token ? [['Authorization', `Bearer ${token}`] as [string, string]] : []),
      ...(attempt.contentType !== undefined
        ? [['Content-Type', attempt.contentType] as [string, string]]
        : []),
      ...attempt.headers.headers,
    ],
    ...(attempt.body !== undefined ? { body: attempt.body } : {}),
  });
}

/** What every answer must be: never a 500, and a refusal that says why. */
function check(attempt: Attempt, answer: { status: number; body: string }): void {
  const where = `${attempt.method} ${attempt.path.slice(0, 120)} as ${attempt.persona}`;
  expect(answer.status, `${where}: an answer`).toBeGreaterThan(0);
  expect(answer.status, `${where}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status < 400 || attempt.method === 'HEAD') return;
  if (answer.body === '') {
    // Only Node's own parser answers without a body: a header value it will not read.
    expect(attempt.headers.malformed, `${where}: ${answer.status} with no body`).toBe(true);
    expect(answer.status).toBe(400);
    return;
  }
  const parsed = JSON.parse(answer.body) as {
    error?: { code?: string; message?: string; fields?: { path: string; message: string }[] };
  };
  expect(parsed.error?.message, `${where}: a message`).toEqual(expect.stringMatching(/\S/));
  if (parsed.error?.code === 'invalidRequest') {
    const fields = parsed.error.fields ?? [];
    expect(fields.length, `${where}: the field at fault`).toBeGreaterThan(0);
    for (const field of fields) {
      expect(field.path, `${where}: ${field.message}`).toEqual(expect.stringMatching(/\S/));
      expect(field.message).toEqual(expect.stringMatching(/\S/));
    }
  }
}

// ---- Set-up -----------------------------------------------------------------------------------------

const ROUTES = apiRoutes();

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const records = app.running.records;
  const school = app.local365.school;
  const intervention = records.interventions().find((v) => v.value.pupils.length > 0)!.value;
  const pupilId = intervention.pupils[0]!.pupilId;
  const today = (await (await fetch(`${app.baseUrl}/api/health`)).json()) as { time: string };
  // The pupil has a plan with an open cycle, so the plan's change routes meet their valid bodies.
  if (!records.senSupportPlan(pupilId)) {
    const [y, m, day] = fixture0Today(today.time);
    await records.createSenSupportPlan({
      plan: {
        id: `fuzz-plan-${pupilId}`,
        pupilId,
        layer: 'targeted',
        cycles: [
          {
            id: 'fuzz-cycle-1',
            startedOn: `${y}-${m}-${day}` as CalendarDate,
            assessment: 'Set up for the fuzz test.',
            outcomes: [{ description: 'An outcome' }],
            provision: [],
            reviewOn: `${Number(y) + 1}-${m}-01` as CalendarDate,
            parentMeetings: [],
          },
        ],
      },
      by: { userId: 'fuzz', upn: 'fuzz@example.org', name: 'Fuzz set-up' },
    });
  }
  const arrangement = await records.saveAccessArrangement({
    arrangement: {
      id: `fuzz-arrangement-${pupilId}`,
      pupilId,
      arrangement: 'reader',
      route: 'delegated',
      status: 'approved',
      regulationsAcademicYear: 2026,
    },
    expectedETag: undefined,
    by: { userId: 'fuzz', upn: 'fuzz@example.org', name: 'Fuzz set-up' },
  });
  fixture = {
    arrangementId: arrangement.value.id,
    pupilId,
    interventionId: intervention.id,
    classId: school.classes.find((c) => c.pupilIds.includes(pupilId))?.groupId ?? school.classes[0]!.groupId,
    assessmentId: '',
    referralId: 'fuzz-referral',
    today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(today.time)),
  };
  const request = await records.createNeedsAssessment({
    assessment: { pupilId, requestedBy: 'parent', receivedByLaOn: fixture.today as never, exceptions: [] },
    by: { userId: 'fuzz', upn: 'fuzz@school.example', name: 'Fuzz set-up' },
  });
  fixture.assessmentId = request.value.id;
  const on = fixture.today as CalendarDate;
  await records.addReferral({
    referral: {
      id: fixture.referralId,
      pupilId,
      service: 'camhs',
      sentOn: on,
      question: 'Assessment of anxiety',
      responseDueOn: on,
      reports: [],
    },
    by: { userId: 'fuzz', upn: 'fuzz@school.example', name: 'Fuzz set-up' },
  });
  const staff = (role: string) => school.staff.find((s) => s.role === role)!;
  const upns: Partial<Record<Persona, string>> = {
    senco: staff('senco').upn,
    sendTeam: staff('assistant-senco').upn,
    headteacher: staff('headteacher').upn,
    teacher: school.staff.find((s) => s.role === 'teacher' && s.appRoles.length === 0)!.upn,
    ta: staff('teaching-assistant').upn,
  };
  for (const [persona, upn] of Object.entries(upns)) tokens.set(persona as Persona, await app.userToken(upn));
  tokens.set('garbage', 'not.a.token');
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

// ---- The tests --------------------------------------------------------------------------------------

describe('every route of the API, attacked', () => {
  it('the route list is the API’s own, and every route that takes a body has an example', () => {
    expect(ROUTES.length).toBeGreaterThan(20);
    const withBody = ROUTES.filter((r) => r.method !== 'GET').map(keyOf);
    expect(withBody.filter((key) => !BODIES[key])).toEqual([]);
    expect(Object.keys(BODIES).filter((key) => !withBody.includes(key))).toEqual([]);
  });

  it.each(ROUTES.map((r) => [keyOf(r), r] as const))(
    '%s: the known hostile cases, as the SENCO',
    async (_k, route) => {
      const valid = BODIES[keyOf(route)]?.();
      const json = valid ? Buffer.from(JSON.stringify(valid)) : undefined;
      const base: Attempt = {
        method: route.method,
        path: fillPath(route, realParams()),
        persona: 'senco',
        contentType: json ? 'application/json' : undefined,
        headers: { headers: [], malformed: false },
        body: json,
      };
      const cases: Attempt[] = [
        { ...base, contentType: 'application/json; charset=iso-8859-1', body: json ?? Buffer.from('{}') },
        { ...base, contentType: 'text/plain', body: Buffer.from('hello') },
        { ...base, contentType: 'application/json', body: Buffer.from('{"broken": ') },
        { ...base, headers: { headers: [['If-Match', '*']], malformed: false } },
        { ...base, headers: { headers: [['If-Match', '"é€😀"']], malformed: false } },
        ...['%FF', '%ED%A0%80', '%00', 'x'.repeat(2000)].flatMap((segment) =>
          route.path.includes(':')
            ? [
                {
                  ...base,
                  path: fillPath(
                    route,
                    Object.fromEntries(Object.keys(realParams()).map((k) => [k, segment])),
                  ),
                },
              ]
            : [],
        ),
        { ...base, path: `${base.path}?q=%FF&limit=%00&__proto__=1` },
      ];
      if (valid) {
        for (const key of Object.keys(valid)) {
          for (const bad of ['a\u0000b', 'a\u202Eevil.exe', 'a\uD800b', '\u200B', '*', 12, null, ['x']]) {
            cases.push({ ...base, body: Buffer.from(JSON.stringify({ ...valid, [key]: bad })) });
          }
        }
      }
      for (const attempt of cases) check(attempt, await send(attempt));
      // Text no field may hold (NUL, a direction override, a lone surrogate) is refused by name, whatever
      // the field's type.
      for (const key of Object.keys(valid ?? {})) {
        for (const bad of ['a\u0000b', 'a\u202Eevil.exe', 'a\uD800b']) {
          const attempt = { ...base, body: Buffer.from(JSON.stringify({ ...valid, [key]: bad })) };
          const answer = await send(attempt);
          check(attempt, answer);
          expect(answer.status, `${key}: ${JSON.stringify(bad)}`).toBe(400);
          const { error } = JSON.parse(answer.body) as { error: { fields: { path: string }[] } };
          expect(
            error.fields.map((f) => f.path.split('.')[0]),
            `${key}: ${JSON.stringify(bad)}`,
          ).toContain(key);
        }
      }
    },
  );

  it('random hostile requests to random routes, as anyone: never a 500', async () => {
    const attempt = fc
      .tuple(
        fc.constantFrom(...ROUTES),
        fc.constantFrom(...PERSONAS),
        fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, fc.constantFrom(...METHODS)),
        fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, hostileSegment),
        hostileQuery,
        contentType,
        extraHeaders,
        fc.nat(),
      )
      .chain(([route, persona, method, segment, query, type, headers, salt]) => {
        const valid = BODIES[keyOf(route)]?.();
        return hostileBody(valid).chain((body) =>
          bodyBytes(body).map((bytes): Attempt => ({
            method: method ?? route.method,
            path:
              fillPath(
                route,
                segment === undefined
                  ? realParams()
                  : Object.fromEntries(
                      Object.keys(realParams()).map((k) => [k, salt % 2 ? segment : realParams()[k]!]),
                    ),
              ) + query,
            persona,
            contentType: bytes === undefined ? undefined : type,
            headers,
            body: bytes,
          })),
        );
      });
    await fc.assert(
      fc.asyncProperty(attempt, async (a) => {
        check(a, await send(a));
      }),
      { seed: SEED, numRuns: RANDOM_RUNS, endOnFailure: true },
    );
  }, 120_000);
});
