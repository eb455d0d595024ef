import { d } from '../../domain/testing/builders.ts';
import { startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(async () => {
  await api.close();
});

const ids = (body: unknown) => (body as { pupils: { id: string }[] }).pupils.map((p) => p.id);

describe('GET /api/pupils (the register)', () => {
  it('lists the SEN register for the SEND team, with needs, flags and review dates', async () => {
    const res = await api.request('sendteam', 'GET', '/api/pupils');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(ids(res.body)).toEqual(['ava', 'ben', 'dan']);
    expect(res.body.pupils[0]).toMatchObject({
      access: 'full',
      senStatus: 'E',
      primaryNeed: 'ASD',
      hasEhcPlan: true,
      // Issued 1 December 2025: the first review must be finished within 12 months.
      nextReviewDueOn: '2026-11-30',
    });
    expect(res.body.pupils[2]).toMatchObject({ flags: { lookedAfter: true } });
  });

  it('filters by year, class, status, need, flags and name', async () => {
    const get = async (query: string) =>
      ids((await api.request('senco', 'GET', `/api/pupils?${query}`)).body);
    expect(await get('year=Y5')).toEqual(['dan']);
    expect(await get('classId=willow')).toEqual(['ava', 'ben']);
    expect(await get('classId=willow&status=N,K,E')).toEqual(['ava', 'ben', 'cal']);
    expect(await get('status=E')).toEqual(['ava']);
    expect(await get('need=SEMH&need=SPLD')).toEqual(['ben', 'dan']);
    expect(await get('area=social-emotional-and-mental-health')).toEqual(['dan']);
    expect(await get('flag=lookedAfter')).toEqual(['dan']);
    expect(await get('q=cole')).toEqual(['ben']);
  });

  it('sorts by when the review is due', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils?sort=review-due');
    expect(ids(res.body)).toEqual(['ben', 'ava', 'dan']);
  });

  it('pages', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils?limit=1&offset=1');
    expect(res.body).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(ids(res.body)).toEqual(['ben']);
  });

  it('lists for a class teacher only their class’s pupils on the register, with no needs or flags', async () => {
    const res = await api.request('tom', 'GET', '/api/pupils?status=N,K,E');
    expect(ids(res.body)).toEqual(['ava', 'ben']);
    for (const row of res.body.pupils) {
      expect(row.access).toBe('class');
      expect(row).not.toHaveProperty('primaryNeed');
      expect(row).not.toHaveProperty('flags');
      expect(row).not.toHaveProperty('upn');
    }
  });

  it('does not let class staff filter by what they may not see', async () => {
    expect((await api.request('tom', 'GET', '/api/pupils?flag=lookedAfter')).status).toBe(403);
    expect((await api.request('tom', 'GET', '/api/pupils?need=ASD')).status).toBe(403);
  });

  it('lists nothing for the headteacher, who has the numbers instead', async () => {
    const res = await api.request('head', 'GET', '/api/pupils');
    expect(res.body).toMatchObject({ total: 0, pupils: [] });
  });

  it('audits the read of the register with the filters used', async () => {
    await api.request('senco', 'GET', '/api/pupils?year=Y4&q=ava');
    await api.audit.flush();
    expect(api.records.audit.at(-1)).toMatchObject({
      resource: 'register',
      detail: 'year=Y4&q=ava; 1 pupil: ava',
    });
  });
});

describe('GET /api/pupils answered again', () => {
  // A harness of its own: this test changes a pupil's SEN status.
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  it('audits every read of a page answered before, and answers anew once the records change', async () => {
    const first = await api.request('senco', 'GET', '/api/pupils?status=K');
    const again = await api.request('senco', 'GET', '/api/pupils?status=K');
    expect(again.body).toEqual(first.body);
    await api.audit.flush();
    const reads = api.records.audit.filter(
      (e) => e.resource === 'register' && e.detail?.startsWith('status=K'),
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);

    const ben = api.records.pupilRecord('ben')!;
    await api.records.savePupilSen({
      pupilId: 'ben',
      senProvision: [
        ...ben.value.senProvision.map((p) => ({ ...p, endOn: p.endOn ?? d('2026-11-22') })),
        { code: 'E' as const, startOn: d('2026-11-23') },
      ],
      needs: ben.value.needs,
      expectedETag: ben.eTag,
      by: { userId: 'senco', upn: 'senco@school.example', name: 'Sam Senco' },
      audit: {
        at: '2026-11-23T09:00:00Z',
        actor: { userId: 'senco', upn: 'x' },
        action: 'update',
        resource: 'pupil',
      },
    });
    const after = await api.request('senco', 'GET', '/api/pupils?status=K');
    expect(ids(after.body)).not.toContain('ben');
    expect(ids(first.body)).toContain('ben');
  });
});

describe('GET /api/register/summary', () => {
  it('gives the headteacher the numbers by status, need, year and class, with class names', async () => {
    const res = await api.request('head', 'GET', '/api/register/summary');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roll: 12, notOnRoll: 0, senCount: 3 });
    expect(res.body.byClass).toEqual([
      expect.objectContaining({ classId: 'oak', displayName: 'Year 5 Oak', roll: 4, senSupport: 1 }),
      expect.objectContaining({ classId: 'willow', displayName: 'Year 4 Willow', roll: 8, ehcPlan: 1 }),
    ]);
  });

  it('counts the whole roll from the Education roster, not just the pupils in the SEND records', async () => {
    const res = await api.request('head', 'GET', '/api/register/summary');
    expect(res.body.byStatus).toEqual({
      N: { count: 9, percent: 75 },
      K: { count: 2, percent: 16.7 },
      E: { count: 1, percent: 8.3 },
    });
    expect(res.body.byYearGroup).toEqual([
      expect.objectContaining({ yearGroup: 'Y4', roll: 8, senSupport: 1, ehcPlan: 1 }),
      expect.objectContaining({ yearGroup: 'Y5', roll: 4, senSupport: 1, ehcPlan: 0 }),
    ]);
  });

  it('is not for class staff', async () => {
    expect((await api.request('tom', 'GET', '/api/register/summary')).status).toBe(403);
  });
});

describe('GET /api/register/census-check', () => {
  it('checks the register for the next census day, for the SEND team only (it names pupils)', async () => {
    const res = await api.request('senco', 'GET', '/api/register/census-check');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ censusDay: { term: 'spring' }, pupilsChecked: 4 });
    expect((await api.request('head', 'GET', '/api/register/census-check')).status).toBe(403);
  });
});

describe('POST /api/register/exports', () => {
  const body = { format: 'csv', rows: 3, view: 'Year 4; status K, E; sorted by name' };

  it('records in the audit log that the SENCO exported the register, with what it held', async () => {
    const res = await api.request('senco', 'POST', '/api/register/exports', { body });
    expect(res.status).toBe(204);
    await api.audit.flush();
    expect(api.records.audit.at(-1)).toMatchObject({
      action: 'export',
      resource: 'register',
      actor: { userId: 'senco' },
      detail: 'csv, 3 rows: Year 4; status K, E; sorted by name',
    });
  });

  it('is for the SENCO and the SEND team only, like the register itself', async () => {
    expect((await api.request('sendteam', 'POST', '/api/register/exports', { body })).status).toBe(204);
    for (const person of ['head', 'tom', 'tia', 'pupil-ava'] as const) {
      expect((await api.request(person, 'POST', '/api/register/exports', { body })).status).toBe(403);
    }
  });

  it('refuses a body it does not expect, and audits nothing', async () => {
    await api.audit.flush();
    const before = api.records.audit.length;
    for (const bad of [
      { ...body, format: 'xlsx' },
      { ...body, rows: 0 },
      { ...body, rows: 2.5 },
      { ...body, view: '' },
      { ...body, pupils: ['ava'] },
      { format: 'csv' },
    ]) {
      expect((await api.request('senco', 'POST', '/api/register/exports', { body: bad })).status).toBe(400);
    }
    await api.audit.flush();
    expect(api.records.audit).toHaveLength(before);
  });
});
