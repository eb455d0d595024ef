/**
 * Writing EHC plans and review trails through the whole app in local mode: the real Graph client, the
 * replica and the stand-in's SharePoint (If-Match, unique keys), as the SENCO and the assistant SENCO.
 */
import { randomUUID } from 'node:crypto';
import { reviewDueBy } from '../../domain/annual-review-timeline.ts';
import { appealDeadline } from '../../domain/appeal-window.ts';
import { addDays, type CalendarDate } from '../../domain/calendar-date.ts';
import type { DueWorkItem } from '../../domain/due-work-views.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import type { TimelineStep } from '../../domain/timeline-step.ts';
import { provisionOn } from '../../domain/sen-status.ts';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';

let app: TestApp;
let senco: string;
let assistant: string;
let teacher: string;
let today: CalendarDate;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${app.baseUrl}/api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer: Json = await res.json();
  return { status: res.status, body: answer, etag: res.headers.get('etag') };
}

const details = {
  localAuthority: 'Devon',
  coordinator: { name: 'Pat Officer', email: 'pat.officer@devon.example' },
  outcomes: [
    { area: 'communication-and-interaction', outcome: 'Asks an adult for help in class by July 2027' },
    { area: 'cognition-and-learning', outcome: 'Reads a Year 4 text with 90% accuracy' },
  ],
  provision: [
    { area: 'communication-and-interaction', provision: 'Speech and language therapy, 30 minutes weekly' },
  ],
  placement: 'Riverside Primary School',
};

/** Pupils at the demo school on SEN status E with no plan recorded: the case the SENCO could not clear. */
let withoutPlan: Pupil[];

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const staff = app.local365.school.staff;
  senco = await app.userToken(staff.find((s) => s.role === 'senco')!.upn);
  assistant = await app.userToken(staff.find((s) => s.role === 'assistant-senco')!.upn);
  teacher = await app.userToken(staff.find((s) => s.role === 'teacher' && s.appRoles.length === 0)!.upn);
  const health = (await (await fetch(`${app.baseUrl}/api/health`)).json()) as { time: string };
  today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(health.time),
  ) as CalendarDate;
  const records = app.running.records;
  withoutPlan = records.pupils().filter((p) => !records.ehcPlan(p.id));
  // Any pupil will do for the routes; prefer those recorded as E.
  withoutPlan.sort(
    (a, b) =>
      Number(provisionOn(b.senProvision, today) === 'E') - Number(provisionOn(a.senProvision, today) === 'E'),
  );
  expect(withoutPlan.length).toBeGreaterThan(4);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const nextPupil = () => withoutPlan.shift()!.id;

async function recordPlan(pupilId: string, token = senco) {
  const res = await call(token, 'POST', `/pupils/${pupilId}/ehc-plan`, {
    ...details,
    issuedOn: addDays(today, -30),
    origin: 'needs-assessment',
    lastAssessedOn: addDays(today, -60),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

describe('recording a plan', () => {
  it('stores it in SharePoint, starts the review clock from its issue date and audits it', async () => {
    const pupilId = nextPupil();
    const res = await recordPlan(pupilId);
    expect(res.body.plan).toMatchObject({
      ...details,
      issuedOn: addDays(today, -30),
      origin: 'needs-assessment',
    });
    expect(res.body.plan.changes).toEqual([
      expect.objectContaining({ kind: 'recorded', on: addDays(today, -30) }),
    ]);
    expect(res.etag).toBe(res.body.eTag);
    // The statutory clock starts from what was recorded: 12 months from the issue date (s 44(1)).
    const reviewDue = (res.body.timeline.steps as TimelineStep[]).find((s) => s.id === 'review-due-by');
    expect(reviewDue?.due).toBe(reviewDueBy(addDays(today, -30)));
    expect(app.running.records.ehcPlan(pupilId)?.value.outcomes).toEqual(details.outcomes);
    const read = await call(senco, 'GET', `/pupils/${pupilId}/ehc-plan`);
    expect(read.body.eTag).toBe(res.body.eTag);
    await app.running.audit.flush();
    const audit = app.running.records.auditLog({ pupilId, limit: 10 });
    expect(audit.some((e) => e.action === 'create' && e.resource === 'ehc-plan')).toBe(true);
  });

  it('refuses a second plan for the pupil, naming the field', async () => {
    const pupilId = nextPupil();
    await recordPlan(pupilId);
    const again = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan`, {
      ...details,
      issuedOn: today,
      origin: 'existing-plan',
    });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain('already has an EHC plan');
  });

  it('names the fields of a bad plan in plain words', async () => {
    const res = await call(senco, 'POST', `/pupils/${withoutPlan[0]!.id}/ehc-plan`, {
      ...details,
      localAuthority: ' ',
      outcomes: [{ area: 'astrology', outcome: 'x' }],
      issuedOn: '2026-02-30',
      origin: 'existing-plan',
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.body);
    expect(text).toContain('Local authority is required');
    expect(text).toContain('Area of need must be one of');
    expect(text).toMatch(/Issue date/);
  });
});

describe('amending and conflicts', () => {
  it('amends with the version read, and answers a stale version with 409 and the plan as now stored', async () => {
    const pupilId = nextPupil();
    const recorded = await recordPlan(pupilId);
    const amended = await call(assistant, 'PUT', `/pupils/${pupilId}/ehc-plan`, {
      ...details,
      placement: 'Hillside Academy',
      change: 'amended',
      on: today,
      summary: 'New placement after the annual review',
      expectedETag: recorded.body.eTag,
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect(amended.body.plan.placement).toBe('Hillside Academy');
    expect((amended.body.plan.changes as { kind: string }[]).map((c) => c.kind)).toEqual([
      'recorded',
      'amended',
    ]);

    // The SENCO's edit was made from the version before the assistant's.
    const stale = await call(senco, 'PUT', `/pupils/${pupilId}/ehc-plan`, {
      ...details,
      placement: 'Somewhere else',
      change: 'amended',
      on: today,
      expectedETag: recorded.body.eTag,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.value.placement).toBe('Hillside Academy');
    expect(stale.body.current.eTag).toBe(amended.body.eTag);
    expect(app.running.records.ehcPlan(pupilId)?.value.placement).toBe('Hillside Academy');
  });

  it('needs the version a change was made from (428 without it)', async () => {
    const pupilId = nextPupil();
    await recordPlan(pupilId);
    const res = await call(senco, 'PUT', `/pupils/${pupilId}/ehc-plan`, {
      ...details,
      change: 'amended',
      on: today,
    });
    expect(res.status).toBe(428);
  });
});

describe('ceasing a plan', () => {
  it('records the LA’s decision, refuses to end the plan inside the appeal period, and ends it after', async () => {
    const pupilId = nextPupil();
    const recorded = await recordPlan(pupilId);
    const decidedOn = addDays(today, -20);
    const decision = await call(senco, 'PUT', `/pupils/${pupilId}/ehc-plan/cease-decision`, {
      notifiedOn: decidedOn,
      reason: 'no-longer-necessary',
      expectedETag: recorded.body.eTag,
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(200);
    const lastDay = appealDeadline({ decisionOn: decidedOn });
    expect(decision.body.cease).toEqual({
      decision: { notifiedOn: decidedOn, reason: 'no-longer-necessary' },
      lastDayToAppeal: lastDay,
      mayCeaseFrom: addDays(lastDay, 1),
    });
    expect((decision.body.timeline.warnings as string[]).join(' ')).toContain('The family may appeal until');

    const tooSoon = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/cessation`, {
      ceasedOn: today,
      expectedETag: decision.body.eTag,
    });
    expect(tooSoon.status).toBe(400);
    expect(JSON.stringify(tooSoon.body)).toContain(
      'the plan must be kept until the time to appeal has passed',
    );

    // The appeal is decided (for the LA) today: the plan may end from today.
    const appealed = await call(senco, 'PUT', `/pupils/${pupilId}/ehc-plan/cease-decision`, {
      notifiedOn: decidedOn,
      reason: 'no-longer-necessary',
      appealLodgedOn: addDays(today, -10),
      appealDeterminedOn: today,
      expectedETag: decision.body.eTag,
    });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    const ended = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/cessation`, {
      ceasedOn: today,
      expectedETag: appealed.body.eTag,
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.plan.ceasedOn).toBe(today);
    expect(ended.body.timeline.steps).toEqual([]);

    // A new plan may now be recorded in its place, keeping the ended plan's history.
    const fresh = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan`, {
      ...details,
      issuedOn: today,
      origin: 'needs-assessment',
      lastAssessedOn: today,
      expectedETag: ended.body.eTag,
    });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(fresh.body.plan.ceasedOn).toBeUndefined();
    expect((fresh.body.plan.changes as { kind: string }[]).map((c) => c.kind)).toEqual([
      'recorded',
      'cease-decision',
      'cease-decision',
      'ceased',
      'recorded',
    ]);
  });
});

describe('withdrawing a decision to cease', () => {
  it('puts the plan back as continuing, with its review clock, and refuses a stale version', async () => {
    const pupilId = nextPupil();
    const recorded = await recordPlan(pupilId);
    const decidedOn = addDays(today, -30);
    const decision = await call(senco, 'PUT', `/pupils/${pupilId}/ehc-plan/cease-decision`, {
      notifiedOn: decidedOn,
      reason: 'no-longer-necessary',
      appealLodgedOn: addDays(today, -20),
      expectedETag: recorded.body.eTag,
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(200);

    const early = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/cease-decision/withdrawal`, {
      withdrawnOn: addDays(decidedOn, -1),
      expectedETag: decision.body.eTag,
    });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('Withdrawal date cannot be before the decision');

    const withdrawn = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/cease-decision/withdrawal`, {
      withdrawnOn: today,
      summary: 'Appeal allowed by the Tribunal',
      expectedETag: decision.body.eTag,
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.cease).toBeNull();
    expect(withdrawn.body.plan.ceaseDecision).toBeUndefined();
    expect((withdrawn.body.timeline.warnings as string[]).join(' ')).not.toContain('appeal');
    expect(withdrawn.body.timeline.annualReview.reviewDueBy).toBe(
      recorded.body.timeline.annualReview.reviewDueBy,
    );
    expect((withdrawn.body.plan.changes as { kind: string; summary?: string }[]).at(-1)).toMatchObject({
      kind: 'cease-decision-withdrawn',
      summary: 'Appeal allowed by the Tribunal',
    });

    const stale = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/cease-decision/withdrawal`, {
      withdrawnOn: today,
      expectedETag: decision.body.eTag,
    });
    expect(stale.status).toBe(409);
  });
});

describe('the review trail', () => {
  it('records a review held without a booking, then keeps its trail with versions', async () => {
    const pupilId = nextPupil();
    await recordPlan(pupilId);
    const heldOn = addDays(today, -20);
    const created = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/reviews`, {
      kind: 'annual',
      meetingOn: heldOn,
      heldOn,
      adviceRequests: [
        {
          from: 'Dr Ray',
          role: 'educational-psychologist',
          requestedOn: addDays(heldOn, -40),
          receivedOn: addDays(heldOn, -20),
        },
      ],
      recommendation: 'amend',
      amendmentsRecommended: 'Add weekly occupational therapy',
      attendees: [
        { name: 'Jo Parent', role: 'parent-or-young-person' },
        { name: 'Sam Officer', role: 'la-sen-officer' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const reviewId = created.body.review.id as string;
    // Those who came are kept as invitees who attended.
    expect(created.body.review.invitees).toEqual([
      { name: 'Jo Parent', role: 'parent-or-young-person', attended: true },
      { name: 'Sam Officer', role: 'la-sen-officer', attended: true },
    ]);

    const plan = await call(senco, 'GET', `/pupils/${pupilId}/ehc-plan`);
    expect(plan.body.reviewETags[reviewId]).toBe(created.body.eTag);
    // Report to the LA was due two weeks after the meeting: six days ago, and not recorded.
    const report = (plan.body.timeline.steps as TimelineStep[]).find((s) => s.id === 'review-report-sent-by');
    expect(report).toMatchObject({ due: addDays(heldOn, 14), status: 'overdue' });
    const dueWork = await call(senco, 'GET', '/due-work');
    expect(
      (dueWork.body.items as DueWorkItem[]).some(
        (i) => i.pupilId === pupilId && i.kind === 'report' && i.step.status === 'overdue',
      ),
    ).toBe(true);

    const updated = await call(senco, 'PUT', `/pupils/${pupilId}/ehc-plan/reviews/${reviewId}`, {
      heldOn,
      adviceRequests: created.body.review.adviceRequests,
      recommendation: 'amend',
      amendmentsRecommended: 'Add weekly occupational therapy',
      reportSentOn: addDays(heldOn, 7),
      expectedETag: created.body.eTag,
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.review.reportSentOn).toBe(addDays(heldOn, 7));
    const after = await call(senco, 'GET', `/pupils/${pupilId}/ehc-plan`);
    expect(
      (after.body.timeline.steps as TimelineStep[]).find((s) => s.id === 'review-report-sent-by')?.status,
    ).toBe('done');

    const stale = await call(assistant, 'PUT', `/pupils/${pupilId}/ehc-plan/reviews/${reviewId}`, {
      heldOn,
      expectedETag: created.body.eTag,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.value.reportSentOn).toBe(addDays(heldOn, 7));
  });

  it('records a held review once when the same request comes again, and refuses its id for another', async () => {
    const pupilId = nextPupil();
    await recordPlan(pupilId);
    const heldOn = addDays(today, -10);
    const body = { id: randomUUID(), kind: 'annual', meetingOn: heldOn, heldOn };
    const first = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/reviews`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/reviews`, body);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.review.id).toBe(body.id);
    expect(again.body.eTag).toBe(first.body.eTag);
    const plan = await call(senco, 'GET', `/pupils/${pupilId}/ehc-plan`);
    expect(Object.keys(plan.body.reviewETags as Record<string, string>)).toEqual([body.id]);
    // The id of a review already recorded, for a different meeting: not the same request.
    const other = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/reviews`, {
      ...body,
      meetingOn: addDays(heldOn, -1),
      heldOn: addDays(heldOn, -1),
    });
    expect(other.status).toBe(409);
  });

  it('refuses a date received in the future, naming the field', async () => {
    const pupilId = nextPupil();
    await recordPlan(pupilId);
    const res = await call(senco, 'POST', `/pupils/${pupilId}/ehc-plan/reviews`, {
      kind: 'annual',
      meetingOn: today,
      heldOn: addDays(today, 1),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Date held cannot be in the future');
  });
});

describe('who may write', () => {
  it('tells a class teacher there is no such pupil', async () => {
    const pupilId = withoutPlan[0]!.id;
    const res = await call(teacher, 'POST', `/pupils/${pupilId}/ehc-plan`, {
      ...details,
      issuedOn: today,
      origin: 'existing-plan',
    });
    expect(res.status).toBe(404);
  });
});
