/**
 * Who may see what, end to end: the whole app in local mode (the demo school's records loaded into the
 * stand-in's SharePoint through Graph, the Education roster read app-only), every API route called as every
 * kind of person and with every kind of bad token, checking the status and that no answer carries more than
 * the caller's role allows.
 */
import { SignJWT, generateKeyPair, type CryptoKey } from 'jose';
import { addDays, latestOf, type CalendarDate } from '../src/domain/calendar-date.ts';
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
  /** An exam access arrangement of the pupil. */
  arrangementId: string;
  today: string;
};

type Route = {
  name: string;
  method: 'GET' | 'PUT' | 'POST';
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

/** SEN support plans and exam access arrangements: written by the SEND team; class staff 403, others 404. */
const planWrite = (status: number): Route['expect'] => ({
  ...recordOnly(status),
  teacherOfPupil: 403,
  taAssigned: 403,
});

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
    expect: staffRead({
      senco: 404,
      sendTeam: 404,
      headteacher: 404,
      teacherOfPupil: 404,
      teacherOfOtherClass: 404,
      taAssigned: 404,
      taNotAssigned: 404,
    }),
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
    expect: {
      senco: 200,
      sendTeam: 200,
      headteacher: 404,
      teacherOfPupil: 403,
      teacherOfOtherClass: 404,
      taAssigned: 403,
      taNotAssigned: 404,
      pupil: 403,
    },
  },
  {
    name: 'marking the passport reviewed',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/passport/review`,
    body: (f) => ({ expectedETag: app.running.records.passport(f.pupilId)!.eTag }),
    expect: {
      senco: 200,
      sendTeam: 200,
      headteacher: 404,
      teacherOfPupil: 403,
      teacherOfOtherClass: 404,
      taAssigned: 403,
      taNotAssigned: 404,
      pupil: 403,
    },
  },
  {
    name: 'confirming reading the passport',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/passport/acknowledgements`,
    body: (f) => ({ passportVersion: app.running.records.passport(f.pupilId)!.value.version }),
    expect: {
      senco: 201,
      sendTeam: 201,
      headteacher: 404,
      teacherOfPupil: 201,
      teacherOfOtherClass: 404,
      taAssigned: 201,
      taNotAssigned: 404,
      pupil: 403,
    },
  },
  {
    // Class staff read the outcomes and the support for each (CoP 6.48), not the whole plan.
    name: 'the SEN support plan',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/sen-support-plan`,
    expect: { ...recordOnly(), teacherOfPupil: 200, taAssigned: 200 },
  },
  {
    name: 'writing a first SEN support plan (the pupil has one: 409)',
    method: 'POST',
    path: (f) => `/api/pupils/${f.pupilId}/sen-support-plan`,
    body: (f) => ({ ...planStage(f), startedOn: f.today }),
    expect: { ...planWrite(409) },
  },
  {
    name: 'changing the plan stage of a SEN support plan',
    method: 'PUT',
    path: (f) => `/api/pupils/${f.pupilId}/sen-support-plan`,
    body: (f) => {
      const plan = app.running.records.senSupportPlan(f.pupilId)!;
      return { ...planStage(f), cycleId: plan.value.cycles.at(-1)!.id, expectedETag: plan.eTag };
    },
    expect: planWrite(200),
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
    expect: planWrite(200),
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
    expect: planWrite(200),
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
    expect: planWrite(201),
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
    expect: planWrite(200),
  },
  {
    name: 'the EHC plan and timeline',
    method: 'GET',
    path: (f) => `/api/pupils/${f.pupilId}/ehc-plan`,
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
    expect: staffRead({
      senco: 404,
      sendTeam: 404,
      headteacher: 404,
      teacherOfPupil: 404,
      teacherOfOtherClass: 404,
      taAssigned: 404,
      taNotAssigned: 404,
    }),
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
  { name: 'the provision map', method: 'GET', path: () => '/api/interventions', expect: staffRead({}) },
  {
    name: 'recording an intervention session',
    method: 'POST',
    path: (f) => `/api/interventions/${f.interventionId}/sessions`,
    body: (f) => ({ date: f.today, attendedPupilIds: [f.interventionPupilId] }),
    expect: {
      senco: 201,
      sendTeam: 201,
      headteacher: 404,
      teacherOfPupil: 404,
      teacherOfOtherClass: 404,
      taAssigned: 201,
      taNotAssigned: 404,
      pupil: 403,
    },
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
  { name: 'the audit log', method: 'GET', path: () => '/api/audit', expect: roleOnly({ senco: 200 }) },
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
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, text };
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
  const taNotAssigned = staff('teaching-assistant').find(
    (s) => !assignedToPupil.has(s.id) && !cls.teachingAssistantIds.includes(s.id),
  );
  if (!teacherOfPupil || !teacherOfOtherClass || !taAssigned || !taNotAssigned) {
    throw new Error('The demo school lacks a persona the matrix needs');
  }
  // The session route is open to the staff who deliver the intervention: the teachers must not be among them.
  for (const person of [teacherOfPupil, teacherOfOtherClass, taNotAssigned]) {
    expect(intervention.staff.some((s) => s.userId === person.id)).toBe(false);
  }
  const pupilAccount = school.pupils[0]!;

  const todayOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(today.time),
  ) as CalendarDate;
  const by = { userId: 'matrix', upn: 'matrix@example.org', name: 'Matrix set-up' };
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
    today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(today.time)),
  };

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
