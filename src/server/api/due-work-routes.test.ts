import { d } from '../../domain/testing/builders.ts';
import { dueKindOf } from './due-work-routes.ts';
import { startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(async () => {
  await api.close();
});

type Item = { pupilId: string; kind: string; step: { id: string; status: string; due: string } };

describe('GET /api/due-work', () => {
  it('lists what is overdue or due soon across the register, most urgent first', async () => {
    const res = await api.request('senco', 'GET', '/api/due-work?within=42');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ today: '2026-11-23', within: 42 });
    const items = res.body.items as Item[];
    // Ben's SEN support review was agreed for 12 December 2025: long overdue, so first.
    expect(items[0]).toMatchObject({
      pupilId: 'ben',
      kind: 'sen-support-review',
      step: { id: 'sen-support-review-by', status: 'overdue', due: '2025-12-12' },
    });
    // Ava's EHC plan was issued 1 December 2025: the review must be complete by 30 November 2026.
    expect(items).toContainEqual(
      expect.objectContaining({
        pupilId: 'ava',
        kind: 'ehc-review',
        step: expect.objectContaining({ id: 'review-due-by' }),
      }),
    );
    for (const item of items) {
      expect(item.step.status).not.toBe('done');
      expect(item.step.due <= '2027-01-04').toBe(true);
    }
    const urgency = { overdue: 0, 'due-soon': 1, upcoming: 2 } as Record<string, number>;
    const order = items.map((i) => urgency[i.step.status]!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('audits the list as a read of every pupil it names', async () => {
    const res = await api.request('senco', 'GET', '/api/due-work');
    const named = [...new Set((res.body.items as { pupilId: string }[]).map((i) => i.pupilId))];
    expect(named.length).toBeGreaterThan(0);
    await api.audit.flush();
    expect(api.records.audit.at(-1)).toMatchObject({
      action: 'read',
      resource: 'due-work',
      detail: `${named.length} ${named.length === 1 ? 'pupil' : 'pupils'}: ${named.join(', ')}`,
    });
  });

  it('is for the SEND team only: it names pupils', async () => {
    expect((await api.request('sendteam', 'GET', '/api/due-work')).status).toBe(200);
    expect((await api.request('head', 'GET', '/api/due-work')).status).toBe(403);
    expect((await api.request('tom', 'GET', '/api/due-work')).status).toBe(403);
  });
});

describe('dueKindOf', () => {
  it.each([
    ['review-due-by', 'ehc-review'],
    ['invitations-sent-by', 'invitations'],
    ['advice-circulated-by', 'advice'],
    ['interim-review-report-sent-by', 'report'],
    ['la-decision-by', 'la-decision'],
    ['phase-transfer-amended-by', 'phase-transfer'],
    ['reassessment-decision-by', 'other'],
  ])('%s is %s', (stepId, kind) => {
    expect(dueKindOf(stepId)).toBe(kind);
  });
});

describe('GET /api/due-work: EHC needs assessment requests', () => {
  it('lists the overdue decision whether to assess, even for a pupil not yet on the register', async () => {
    // Cal is not on the SEN register; his parents asked the LA to assess him, received 1 October 2026.
    await api.records.createNeedsAssessment({
      assessment: { pupilId: 'cal', requestedBy: 'parent', receivedByLaOn: d('2026-10-01'), exceptions: [] },
      by: { userId: 'senco', upn: 'senco@school.example', name: 'Katie Dawson' },
    });
    const res = await api.request('senco', 'GET', '/api/due-work?within=42');
    expect((res.body.items as Item[]).filter((i) => i.pupilId === 'cal')).toEqual([
      expect.objectContaining({
        kind: 'needs-assessment',
        step: expect.objectContaining({ id: 'decision-to-assess-by', due: '2026-11-12', status: 'overdue' }),
      }),
    ]);
  });
});
