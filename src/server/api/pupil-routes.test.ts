import { d } from '../../domain/testing/builders.ts';
import { createFakeRecords } from './testing/fake-records.ts';
import { NOW, schoolRecords, startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeEach(async () => {
  api = await startApiHarness();
});
afterEach(async () => {
  await api.close();
});

describe('GET /api/pupils/{id}', () => {
  it('gives the SENCO the whole record', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils/dan');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      access: 'full',
      displayName: 'Dan Evans',
      yearGroup: 'Y5',
      classes: [{ id: 'oak', displayName: 'Year 5 Oak' }],
      primaryNeed: 'SEMH',
      flags: { lookedAfter: true },
      hasEhcPlan: false,
    });
  });

  it('gives the class teacher the class view: passport and arrangements, no needs, flags or contacts', async () => {
    const res = await api.request('olu', 'GET', '/api/pupils/dan');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      access: 'class',
      senStatus: 'K',
      primaryAreaOfNeed: 'social-emotional-and-mental-health',
      passport: { whatHelpsMe: ['Calm corner'] },
    });
    for (const key of ['needs', 'flags', 'contacts', 'upn', 'dateOfBirth', 'lookedAfter', 'primaryNeed']) {
      expect(res.body).not.toHaveProperty(key);
    }
  });

  it('answers the same 404 for another class’s pupil as for one that does not exist', async () => {
    const other = await api.request('tom', 'GET', '/api/pupils/dan');
    const missing = await api.request('tom', 'GET', '/api/pupils/zed');
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
  });

  it('audits the read: who, which pupil, how much they saw, when and from where', async () => {
    await api.request('olu', 'GET', '/api/pupils/dan');
    await api.audit.flush();
    expect(api.records.audit).toEqual([
      expect.objectContaining({
        actor: { userId: 'olu', upn: 'olu@school.example' },
        action: 'read',
        resource: 'pupil',
        pupilId: 'dan',
        detail: 'class',
        at: '2026-11-23T09:30:00.000Z',
        from: expect.any(String),
      }),
    ]);
  });

  it('does not audit a refused read as a read of the pupil', async () => {
    await api.request('tom', 'GET', '/api/pupils/dan');
    await api.audit.flush();
    expect(api.records.audit).toEqual([]);
  });
});

describe('the parts of the whole record', () => {
  it('gives the SEND team the needs and status history, labelled', async () => {
    const res = await api.request('sendteam', 'GET', '/api/pupils/dan/history');
    expect(res.body).toMatchObject({
      senStatus: 'K',
      senProvision: [{ code: 'K', label: 'SEN support', startOn: '2023-09-01', endOn: null }],
      needs: [{ code: 'SEMH', description: 'Social, emotional and mental health', rank: 1 }],
    });
  });

  it('gives the SEND team the EHC plan with its timeline, computed for the school’s today', async () => {
    const res = await api.request('sendteam', 'GET', '/api/pupils/ava/ehc-plan');
    expect(res.status).toBe(200);
    expect(res.body.today).toBe('2026-11-23');
    expect(res.body.plan.issuedOn).toBe('2025-12-01');
    expect(res.body.timeline.annualReview.reviewDueBy).toBe('2026-11-30');
    expect(res.body.timeline.steps.length).toBeGreaterThan(0);
  });

  it('answers a pupil without an EHC plan with no plan, not an error', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils/ben/ehc-plan');
    expect(res.body).toMatchObject({ plan: null, timeline: null });
  });

  it('gives the SEND team the SEN support plan with its review step and parent meetings this year', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils/ben/sen-support-plan');
    expect(res.body.plan.pupilId).toBe('ben');
    expect(res.body.reviewStep).toMatchObject({ id: 'sen-support-review-by', due: '2025-12-12' });
    expect(res.body.parentReviewCadence).toMatchObject({ academicYear: 2026, required: 3 });
    // Ben's plan began in September 2025 with no parent meeting since: last year is over, and missed.
    expect(res.body.pastParentReviewYears).toEqual([
      { academicYear: 2025, held: 0, required: 3, expectedByNow: 3, status: 'missed' },
    ]);
  });

  it('gives the SEND team the pupil’s interventions with their share of the cost', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils/ava/interventions');
    expect(res.body.interventions).toEqual([
      expect.objectContaining({
        id: 'reading',
        participation: expect.objectContaining({ entryMeasure: 80, exitMeasure: 86 }),
        costShare: expect.any(Number),
      }),
    ]);
  });

  it('gives the SEND team the professionals working with the pupil', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils/ava/professionals');
    expect((res.body.professionals as { name: string }[]).map((p) => p.name)).toEqual(['Dr Rina Shah']);
  });

  it.each(['history', 'ehc-plan', 'interventions', 'professionals'])(
    'is not found for the pupil’s own class teacher and TA: %s',
    async (part) => {
      expect((await api.request('tom', 'GET', `/api/pupils/ava/${part}`)).status).toBe(404);
      expect((await api.request('tia', 'GET', `/api/pupils/ava/${part}`)).status).toBe(404);
    },
  );
});

describe('GET /api/pupils/{id}/meetings', () => {
  async function withMeetings(): Promise<void> {
    await api.close();
    const records = createFakeRecords(
      {
        ...schoolRecords(),
        meetings: [
          {
            id: 'review',
            kind: 'annual-review',
            pupilIds: ['ava'],
            on: d('2026-11-02'),
            startsAt: '15:30',
            location: 'SENCO office',
            attendees: [{ name: 'Grace Brown', role: 'Mother', email: 'grace@example.org' }],
            notes: 'Agreed to keep the plan as it is.',
            actions: [],
            status: 'booked',
          },
          {
            id: 'next',
            kind: 'annual-review',
            pupilIds: ['ava'],
            on: d('2027-10-04'),
            attendees: [],
            actions: [],
            status: 'booked',
          },
          {
            id: 'dan-only',
            kind: 'parent-meeting',
            pupilIds: ['dan'],
            on: d('2026-10-01'),
            attendees: [],
            actions: [],
            status: 'booked',
          },
        ],
      },
      { now: () => NOW },
    );
    api = await startApiHarness({ records });
  }

  it('lists the pupil’s meetings newest first, saying which are still to come, without notes or emails', async () => {
    await withMeetings();
    const res = await api.request('sendteam', 'GET', '/api/pupils/ava/meetings');
    expect(res.status).toBe(200);
    expect(res.body.meetings).toEqual([
      expect.objectContaining({ id: 'next', upcoming: true, startsAt: null }),
      {
        id: 'review',
        kind: 'annual-review',
        on: '2026-11-02',
        startsAt: '15:30',
        durationMinutes: null,
        location: 'SENCO office',
        attendees: [{ name: 'Grace Brown', role: 'Mother' }],
        upcoming: false,
      },
    ]);
    await api.audit.flush();
    expect(api.records.audit).toContainEqual(
      expect.objectContaining({ action: 'read', resource: 'pupil-meetings', pupilId: 'ava' }),
    );
  });

  it('tells the pupil’s class teacher there is no such pupil', async () => {
    await withMeetings();
    expect((await api.request('tom', 'GET', '/api/pupils/ava/meetings')).status).toBe(404);
  });
});
