/**
 * SEN support plans and exam access arrangements through the whole app in local mode: the routes, the real
 * Graph client and the stand-in's SharePoint (If-Match, unique columns), so what is saved is what SharePoint
 * keeps and a stale version is refused where SharePoint refuses it.
 */
import { addDays, type CalendarDate } from '../../domain/calendar-date.ts';
import type { ExamAccessArrangement } from '../../domain/exam-access.schema.ts';
import type { SenSupportPlan } from '../../domain/sen-support-plan.schema.ts';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';

/** What the answers used here carry (a plan, a refusal, a 409, an arrangement), loosely. */
type Body = {
  plan: SenSupportPlan;
  eTag: string;
  proposedReviewOn: CalendarDate;
  parentReviewCadence: { held: number };
  access: string;
  classPlan: { outcomes: unknown[] };
  today: CalendarDate;
  error: { fields: { path: string; message: string }[] };
  current: { eTag: string; value: SenSupportPlan & ExamAccessArrangement };
  arrangement: ExamAccessArrangement;
  issues: { message: string }[];
  arrangements: { arrangement: ExamAccessArrangement }[];
  examAccessArrangements: unknown[];
};

let app: TestApp;
let today: CalendarDate;
const tokens = new Map<string, string>();
let withPlan: string;
let withoutPlan: string;
let teacherUpn: string;

async function call(upn: string, method: string, path: string, body?: unknown) {
  let token = tokens.get(upn);
  if (!token) tokens.set(upn, (token = await app.userToken(upn)));
  const res = await fetch(`${app.baseUrl}/api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Body };
}

let senco: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const records = app.running.records;
  const school = app.local365.school;
  senco = school.staff.find((s) => s.role === 'senco')!.upn;
  today = (await call(senco, 'GET', '/me')).body.today;
  const onSupport = records.pupils().filter((p) => p.senProvision.some((s) => s.code === 'K' && !s.endOn));
  withPlan = onSupport.find((p) => records.senSupportPlan(p.id))!.id;
  withoutPlan = records.pupils().find((p) => !records.senSupportPlan(p.id))?.id ?? '';
  if (!withoutPlan) throw new Error('Every pupil of the demo school has a plan');
  // A class teacher of the pupil with a plan (and no app role): sees the pupil as class staff.
  const teacher = school.staff.find(
    (s) =>
      s.role === 'teacher' &&
      s.appRoles.length === 0 &&
      school.classes.some((c) => c.teacherIds.includes(s.id) && c.pupilIds.includes(withPlan)),
  )!;
  teacherUpn = teacher.upn;
}, 240_000);

afterAll(async () => {
  await app?.stop();
});

const stage = () => ({
  layer: 'targeted',
  assessment: 'Reading age 18 months below; phonics screening not passed.',
  pupilViews: 'I like reading with Mrs Khan.',
  parentViews: 'We want him to enjoy books at home.',
  outcomes: [
    {
      description: 'Reads 40 high-frequency words by sight',
      measure: 'Word check',
      provision: ['Precision teaching 3 × 10 minutes a week'],
    },
    { description: 'Blends CVC words', provision: ['Phonics group daily'] },
  ],
  reviewOn: addDays(today, 70),
});

describe('writing a SEN support plan', () => {
  it('creates a plan with its layer, views and outcomes, stored in SharePoint, and refuses a second one', async () => {
    const created = await call(senco, 'POST', `/pupils/${withoutPlan}/sen-support-plan`, {
      ...stage(),
      startedOn: today,
    });
    expect(created.status).toBe(201);
    expect(created.body.plan).toMatchObject({ layer: 'targeted', pupilId: withoutPlan });
    expect(created.body.plan.cycles[0]?.outcomes[0]?.provision).toEqual([
      'Precision teaching 3 × 10 minutes a week',
    ]);
    expect(created.body.parentReviewCadence).toMatchObject({ held: 0, required: expect.any(Number) });
    // What SharePoint answered the write with, as the replica holds it (Layer is its own column).
    expect(app.running.records.senSupportPlan(withoutPlan)?.value.layer).toBe('targeted');

    const again = await call(senco, 'POST', `/pupils/${withoutPlan}/sen-support-plan`, {
      ...stage(),
      startedOn: today,
    });
    expect(again.status).toBe(409);
    expect(again.body.current.value.id).toBe(created.body.plan.id);
  });

  it('names the field at fault in plain words', async () => {
    const res = await call(senco, 'POST', `/pupils/${withoutPlan}/sen-support-plan`, {
      ...stage(),
      layer: 'extra',
      outcomes: [],
      startedOn: today,
    });
    expect(res.status).toBe(400);
    const messages = res.body.error.fields.map((f) => f.message);
    expect(messages).toContain('Layer of support must be universal, targeted, targeted plus or specialist');
    expect(messages).toContain('Add at least one outcome');
  });

  it('records a review held with the parents, starts the next cycle, and counts the meeting', async () => {
    const before = await call(senco, 'GET', `/pupils/${withPlan}/sen-support-plan`);
    const cycle = before.body.plan.cycles.at(-1)!;
    const heldBefore = before.body.parentReviewCadence.held;
    const reviewed = await call(senco, 'POST', `/pupils/${withPlan}/sen-support-plan/reviews`, {
      cycleId: cycle.id,
      reviewedOn: today,
      progress: cycle.outcomes.map((_, i) => ({
        achieved: i === 0 ? 'achieved' : 'partly',
        progressNotes: `Outcome ${i + 1} noted`,
      })),
      reviewNotes: 'Good progress with reading.',
      parentMeeting: {
        attendees: ['Mother', 'SENCO'],
        agreed: 'Keep the reading group; read at home nightly.',
      },
      nextReviewOn: before.body.proposedReviewOn,
      expectedETag: before.body.eTag,
    });
    expect(reviewed.status).toBe(200);
    const cycles = reviewed.body.plan.cycles;
    expect(cycles.at(-2)).toMatchObject({
      id: cycle.id,
      reviewedOn: today,
      reviewNotes: 'Good progress with reading.',
    });
    expect(cycles.at(-2)?.parentMeetings.at(-1)).toMatchObject({
      on: today,
      agreed: 'Keep the reading group; read at home nightly.',
    });
    expect(cycles.at(-1)).toMatchObject({ startedOn: today, reviewOn: before.body.proposedReviewOn });
    // Outcomes not achieved are carried into the next cycle.
    expect(cycles.at(-1)?.outcomes).toHaveLength(Math.max(1, cycle.outcomes.length - 1));
    expect(reviewed.body.parentReviewCadence.held).toBe(heldBefore + 1);
    expect(reviewed.body.eTag).not.toBe(before.body.eTag);
  });

  it('refuses a change made from a stale version with 409 and the plan now stored, losing nothing', async () => {
    const opened = await call(senco, 'GET', `/pupils/${withPlan}/sen-support-plan`);
    const first = await call(senco, 'POST', `/pupils/${withPlan}/sen-support-plan/parent-meetings`, {
      on: today,
      attendees: ['Father'],
      agreed: 'Try the reading app at home.',
      expectedETag: opened.body.eTag,
    });
    expect(first.status).toBe(200);
    const second = await call(senco, 'POST', `/pupils/${withPlan}/sen-support-plan/parent-meetings`, {
      on: today,
      attendees: ['Grandmother'],
      agreed: 'Something else.',
      expectedETag: opened.body.eTag,
    });
    expect(second.status).toBe(409);
    expect(second.body.current.eTag).toBe(first.body.eTag);
    const meetings = second.body.current.value.cycles.flatMap(
      (c: { parentMeetings: { agreed?: string }[] }) => c.parentMeetings.map((m) => m.agreed),
    );
    expect(meetings).toContain('Try the reading app at home.');
    expect(meetings).not.toContain('Something else.');
  });

  it('refuses a review dated after today, naming the field', async () => {
    const opened = await call(senco, 'GET', `/pupils/${withPlan}/sen-support-plan`);
    const cycle = opened.body.plan.cycles.at(-1)!;
    const res = await call(senco, 'POST', `/pupils/${withPlan}/sen-support-plan/reviews`, {
      cycleId: cycle.id,
      reviewedOn: addDays(today, 1),
      progress: cycle.outcomes.map(() => ({ achieved: 'partly' })),
      expectedETag: opened.body.eTag,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual({
      path: 'reviewedOn',
      message: 'Reviewed date cannot be after today',
    });
  });

  it('shows the pupil’s class teacher the outcomes and support, not the assessment or the meetings, and refuses their changes', async () => {
    const records = app.running.records;
    const read = await call(teacherUpn, 'GET', `/pupils/${withPlan}/sen-support-plan`);
    expect(read.status).toBe(200);
    expect(read.body.access).toBe('class');
    expect(read.body.classPlan.outcomes.length).toBeGreaterThan(0);
    const text = JSON.stringify(read.body);
    expect(text).not.toContain('assessment');
    expect(text).not.toContain('parentMeetings');
    expect(text).not.toContain('Try the reading app at home.');
    const write = await call(teacherUpn, 'POST', `/pupils/${withPlan}/sen-support-plan/parent-meetings`, {
      on: today,
      attendees: ['Mother'],
      agreed: 'x',
      expectedETag: records.senSupportPlan(withPlan)!.eTag,
    });
    expect(write.status).toBe(403);
  });
});

describe('exam access arrangements, one record', () => {
  const arrangement = () => ({
    arrangement: 'extra-time-25',
    route: 'delegated',
    status: 'approved',
    regulationsAcademicYear: Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0),
    normalWayOfWorkingEvidence: 'Uses extra time in class tests; teacher records since Year 9.',
    form8: {
      assessedOn: today,
      assessor: 'J Bloggs',
      scores: [
        { test: 'Reading speed', standardisedScore: 82 },
        { test: 'Writing speed', standardisedScore: 84 },
      ],
    },
    approvedOn: today,
    expiresOn: addDays(today, 300),
  });

  it('records an arrangement once and shows it in the class view and the passport from that record', async () => {
    const created = await call(senco, 'POST', `/pupils/${withPlan}/access-arrangements`, arrangement());
    expect(created.status).toBe(201);
    // A primary pupil: the JCQ checks come with the record (Form 8 assessments count from Year 9).
    expect(created.body.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('it must be from Year 9'),
    ]);
    const listed = await call(senco, 'GET', `/pupils/${withPlan}/access-arrangements`);
    expect(listed.body.arrangements.map((a) => a.arrangement.id)).toEqual([created.body.arrangement.id]);
    const asTeacher = await call(teacherUpn, 'GET', `/pupils/${withPlan}`);
    expect(asTeacher.body.examAccessArrangements).toEqual([{ arrangement: 'extra-time-25' }]);
    // Class staff do not read the evidence.
    expect((await call(teacherUpn, 'GET', `/pupils/${withPlan}/access-arrangements`)).status).toBe(404);
  });

  it('refuses a stale change with 409 and the arrangement now stored', async () => {
    const created = await call(senco, 'POST', `/pupils/${withPlan}/access-arrangements`, {
      ...arrangement(),
      arrangement: 'reader',
      form8: undefined,
    });
    const id = created.body.arrangement.id;
    const first = await call(senco, 'PUT', `/pupils/${withPlan}/access-arrangements/${id}`, {
      ...arrangement(),
      arrangement: 'reader',
      form8: undefined,
      status: 'withdrawn',
      expectedETag: created.body.eTag,
    });
    expect(first.status).toBe(200);
    const second = await call(senco, 'PUT', `/pupils/${withPlan}/access-arrangements/${id}`, {
      ...arrangement(),
      arrangement: 'reader',
      form8: undefined,
      notes: 'Stale edit',
      expectedETag: created.body.eTag,
    });
    expect(second.status).toBe(409);
    expect(second.body.current.value).toMatchObject({ id, status: 'withdrawn' });
  });
});
