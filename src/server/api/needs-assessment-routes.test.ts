/**
 * EHC needs assessment requests through the whole app in local mode: the real Graph client writing to the
 * stand-in's SharePoint list, the replica reading it back, the clock computed by the domain.
 */
import type {
  NeedsAssessmentSavedAnswer,
  NeedsAssessmentsAnswer,
  NeedsAssessmentView,
} from '../../contract/needs-assessments.ts';
import { addDays } from '../../domain/calendar-date.ts';
import { getAllPages } from '../../graph/graph-requests.ts';
import type { SharePointItem } from '../../graph/list-fields.ts';
import { NEEDS_ASSESSMENTS_LIST } from '../../graph/needs-assessments-list.ts';
import { findListIds, findSiteId } from '../../graph/site.ts';
import { SENCO_HUB_SITE_PATH } from '../../local365/local365.ts';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';

let app: TestApp;
let tokens: Record<'senco' | 'assistant' | 'teacher', string>;
let pupilId: string;
let today: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const school = app.local365.school;
  const upn = (role: string) => school.staff.find((s) => s.role === role)!.upn;
  tokens = {
    senco: await app.userToken(upn('senco')),
    assistant: await app.userToken(upn('assistant-senco')),
    teacher: await app.userToken(
      school.staff.find((s) => s.role === 'teacher' && s.appRoles.length === 0)!.upn,
    ),
  };
  // A pupil on SEN support with a class teacher: the kind of pupil a school asks the LA to assess.
  const pupil = app.running.records
    .pupils()
    .find((p) => p.classIds.length > 0 && p.senProvision.some((s) => s.code === 'K' && !s.endOn));
  pupilId = pupil!.id;
  const health = (await (await fetch(`${app.baseUrl}/api/health`)).json()) as { time: string };
  today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(health.time));
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

async function api(who: keyof typeof tokens, method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

/** Any of the routes' answers: the saved request, the list, a refusal naming fields, a 409's current version. */
type Answer = Partial<NeedsAssessmentSavedAnswer & NeedsAssessmentsAnswer> & {
  error?: { fields?: { path: string; message: string }[] };
  current?: { eTag: string; value: unknown };
};

function savedOf(answer: { body: Answer }): NeedsAssessmentView {
  if (!answer.body.saved) throw new Error(`No saved request in ${JSON.stringify(answer.body)}`);
  return answer.body.saved;
}

/** The request's item as SharePoint holds it, read through Graph with the app's own connection. */
async function storedItem(assessmentId: string): Promise<Record<string, unknown>> {
  const connection = app.appGraph();
  const siteId = await findSiteId({
    connection,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  const { needsAssessments } = await findListIds({ connection, siteId, lists: [NEEDS_ASSESSMENTS_LIST] });
  const items = await getAllPages<SharePointItem>(
    connection,
    `/sites/${siteId}/lists/${needsAssessments}/items?$expand=fields`,
    'read the needs assessments list',
  );
  const item = items.find((i) => i.fields?.['AssessmentId'] === assessmentId);
  if (!item?.fields) throw new Error(`No item for ${assessmentId}`);
  return item.fields;
}

const day = (offset: number) => addDays(today as never, offset);

describe('EHC needs assessment requests', () => {
  it('records a request in SharePoint and shows its 20-week clock from the day the LA received it', async () => {
    const received = day(-10);
    const created = await api('senco', 'POST', `/api/pupils/${pupilId}/needs-assessments`, {
      requestedBy: 'school',
      requestedOn: day(-12),
      receivedByLaOn: received,
    });
    expect(created.status).toBe(201);
    const saved = savedOf(created);
    expect(saved.assessment).toMatchObject({ pupilId, requestedBy: 'school', receivedByLaOn: received });
    expect(saved.timeline.map((s) => [s.id, s.due])).toEqual([
      ['decision-to-assess-by', addDays(received, 42)],
      ['issue-decision-by', addDays(received, 112)],
      ['final-plan-by', addDays(received, 140)],
    ]);

    // Stored in SharePoint, not only in memory: the list read through Graph holds it.
    const stored = await storedItem(saved.assessment.id);
    expect(stored).toMatchObject({ PupilId: pupilId, ReceivedOn: received, RequestedBy: 'school' });
    const listed = await api('assistant', 'GET', `/api/pupils/${pupilId}/needs-assessments`);
    expect(listed.status).toBe(200);
    expect(listed.body.assessments?.map((a) => a.assessment.id)).toContain(saved.assessment.id);
  });

  it('records milestones against the version read, and refuses a stale one with the request as now stored', async () => {
    const received = day(-60);
    const created = await api('senco', 'POST', `/api/pupils/${pupilId}/needs-assessments`, {
      requestedBy: 'parent',
      receivedByLaOn: received,
    });
    const { assessment, eTag } = savedOf(created);
    const path = `/api/pupils/${pupilId}/needs-assessments/${assessment.id}`;
    const decided = {
      requestedBy: 'parent',
      receivedByLaOn: received,
      decisionToAssess: { decision: 'assess', notifiedOn: day(-20) },
    };
    const first = await api('assistant', 'PUT', path, { ...decided, expectedETag: eTag });
    expect(first.status).toBe(200);
    const decision = savedOf(first).timeline.find((s) => s.id === 'decision-to-assess-by');
    expect(decision).toMatchObject({ status: 'done', completedOn: day(-20) });
    expect(savedOf(first).eTag).not.toBe(eTag);

    // The SENCO saves from the version before the assistant's change: refused, nothing overwritten.
    const stale = await api('senco', 'PUT', path, {
      ...decided,
      draftPlanServedOn: day(-1),
      expectedETag: eTag,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({
      eTag: savedOf(first).eTag,
      value: { decisionToAssess: { decision: 'assess', notifiedOn: day(-20) } },
    });
    const stored = await storedItem(assessment.id);
    expect(JSON.parse(stored['Milestones'] as string)).toEqual({
      decisionToAssess: { decision: 'assess', notifiedOn: day(-20) },
      exceptions: [],
    });
  });

  it('names the field of a milestone that cannot be right', async () => {
    const created = await api('senco', 'POST', `/api/pupils/${pupilId}/needs-assessments`, {
      requestedBy: 'school',
      receivedByLaOn: day(-5),
    });
    const { assessment, eTag } = savedOf(created);
    const res = await api('senco', 'PUT', `/api/pupils/${pupilId}/needs-assessments/${assessment.id}`, {
      requestedBy: 'school',
      receivedByLaOn: day(-5),
      draftPlanServedOn: day(-6),
      expectedETag: eTag,
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.fields).toEqual([
      {
        path: 'draftPlanServedOn',
        message: expect.stringContaining('cannot be before the LA received the request'),
      },
    ]);
    const future = await api('senco', 'POST', `/api/pupils/${pupilId}/needs-assessments`, {
      requestedBy: 'school',
      receivedByLaOn: day(1),
    });
    expect(future.status).toBe(400);
    expect(future.body.error?.fields?.[0]?.path).toBe('receivedByLaOn');
  });

  it('is not for class teachers: the pupil is not found, and nothing is written', async () => {
    const before = app.running.records.needsAssessments(pupilId).length;
    const read = await api('teacher', 'GET', `/api/pupils/${pupilId}/needs-assessments`);
    const write = await api('teacher', 'POST', `/api/pupils/${pupilId}/needs-assessments`, {
      requestedBy: 'school',
      receivedByLaOn: day(-1),
    });
    expect([read.status, write.status]).toEqual([404, 404]);
    expect(app.running.records.needsAssessments(pupilId)).toHaveLength(before);
  });
});
