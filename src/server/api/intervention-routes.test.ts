import { INTERVENTION_ID, startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeEach(async () => {
  api = await startApiHarness();
});
afterEach(async () => {
  await api.close();
});

const sessions = `/api/interventions/${INTERVENTION_ID}/sessions`;

describe('GET /api/interventions (the provision map)', () => {
  it('gives the SEND team every intervention with its costs, impact and pupils', async () => {
    const res = await api.request('sendteam', 'GET', '/api/interventions');
    expect(res.body.interventions).toEqual([
      expect.objectContaining({
        access: 'full',
        id: INTERVENTION_ID,
        pupilNames: { ava: 'Ava Brown', ben: 'Ben Cole' },
        costLine: expect.objectContaining({ pupils: 2 }),
        impact: expect.objectContaining({ measured: 1, improved: 1 }),
      }),
    ]);
  });

  it('gives the TA who delivers it its timetable and pupils, without scores or costs', async () => {
    const res = await api.request('tia', 'GET', '/api/interventions');
    expect(res.body.interventions).toHaveLength(1);
    const [delivered] = res.body.interventions;
    expect(delivered).toMatchObject({
      access: 'delivers',
      pupils: [
        { pupilId: 'ava', displayName: 'Ava Brown' },
        { pupilId: 'ben', displayName: 'Ben Cole' },
      ],
    });
    expect(JSON.stringify(delivered)).not.toMatch(/costPerHour|entryMeasure|exitMeasure|impact/);
  });

  it('gives staff who deliver nothing an empty map', async () => {
    expect((await api.request('tom', 'GET', '/api/interventions')).body.interventions).toEqual([]);
  });
});

describe('POST /api/interventions/{id}/sessions', () => {
  it('records a session by the TA who delivers it, and audits it for each pupil', async () => {
    const res = await api.request('tia', 'POST', sessions, {
      body: { date: '2026-11-23', attendedPupilIds: ['ava'], absentPupilIds: ['ben'], note: 'Good focus' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      interventionId: INTERVENTION_ID,
      date: '2026-11-23',
      attendedPupilIds: ['ava'],
      absentPupilIds: ['ben'],
      note: 'Good focus',
      recordedBy: 'Tia Assistant',
    });
    expect(api.records.sessions).toHaveLength(1);
    expect(api.records.sessions[0]?.recordedBy).toEqual({
      userId: 'tia',
      upn: 'tia@school.example',
      name: 'Tia Assistant',
    });
    await api.audit.flush();
    expect(api.records.audit.map((e) => [e.action, e.resource, e.pupilId])).toEqual([
      ['create', 'intervention-session', 'ava'],
      ['create', 'intervention-session', 'ben'],
    ]);
  });

  it('names what is wrong with a session', async () => {
    const res = await api.request('tia', 'POST', sessions, {
      body: { date: '2026-11-24', attendedPupilIds: ['ava', 'dan'], absentPupilIds: ['ava'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'date', message: 'Session date cannot be in the future' },
        { path: 'attendedPupilIds.1', message: 'This pupil is not in the intervention' },
        { path: 'attendedPupilIds.0', message: 'A pupil cannot be both attended and absent' },
      ]),
    );
    expect(api.records.sessions).toEqual([]);
  });

  it('needs at least one pupil', async () => {
    const res = await api.request('tia', 'POST', sessions, { body: { date: '2026-11-23' } });
    expect(res.body.error.fields).toEqual([
      { path: 'attendedPupilIds', message: 'Record at least one pupil as attended or absent' },
    ]);
  });

  it('is not found for staff who do not deliver it, including the class teacher of its pupils', async () => {
    const body = { date: '2026-11-23', attendedPupilIds: ['ava'] };
    expect((await api.request('tom', 'POST', sessions, { body })).status).toBe(404);
    expect((await api.request('head', 'POST', sessions, { body })).status).toBe(404);
    expect((await api.request('tia', 'POST', '/api/interventions/nope/sessions', { body })).status).toBe(404);
  });
});

describe('GET /api/provision/summary', () => {
  it('gives the headteacher costs and impact with no pupil in them', async () => {
    const res = await api.request('head', 'GET', '/api/provision/summary');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2026-11-23', totalCost: expect.any(Number) });
    expect(res.body.interventions[0]).toMatchObject({ id: INTERVENTION_ID, pupilCount: 2, improved: 1 });
    expect(JSON.stringify(res.body)).not.toMatch(/ava|ben|pupilId/);
  });

  it('is not for class staff', async () => {
    expect((await api.request('tia', 'GET', '/api/provision/summary')).status).toBe(403);
  });
});
