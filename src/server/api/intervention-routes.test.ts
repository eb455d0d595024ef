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

  it('audits the provision map as a read of every pupil it names, for the SEND team and for the TA', async () => {
    await api.request('sendteam', 'GET', '/api/interventions');
    await api.request('tia', 'GET', '/api/interventions');
    await api.audit.flush();
    expect(api.records.audit.map((e) => [e.actor.userId, e.action, e.resource, e.detail])).toEqual([
      ['sendteam', 'read', 'interventions', '2 pupils: ava, ben'],
      ['tia', 'read', 'delivered-interventions', '2 pupils: ava, ben'],
    ]);
  });

  it('shows the SEND team the notes a TA left with sessions, newest first; not the TA’s own view', async () => {
    for (const [date, note] of [
      ['2026-11-20', 'Ava tired after PE'],
      ['2026-11-23', 'Good focus from both'],
    ])
      await api.request('tia', 'POST', sessions, {
        body: { date, attendedPupilIds: ['ava', 'ben'], absentPupilIds: [], note },
      });
    await api.request('tia', 'POST', sessions, {
      body: { date: '2026-11-21', attendedPupilIds: ['ava'], absentPupilIds: ['ben'] },
    });
    const senco = await api.request('sendteam', 'GET', '/api/interventions');
    expect(senco.body.interventions[0].sessionNotes).toEqual([
      { date: '2026-11-23', recordedBy: 'Tia Assistant', note: 'Good focus from both' },
      { date: '2026-11-20', recordedBy: 'Tia Assistant', note: 'Ava tired after PE' },
    ]);
    const ta = await api.request('tia', 'GET', '/api/interventions');
    expect(JSON.stringify(ta.body)).not.toMatch(/sessionNotes|Good focus/);
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

  it('records the second session of a day with its number, and refuses a number the day cannot hold', async () => {
    const res = await api.request('tia', 'POST', sessions, {
      body: { date: '2026-11-23', sessionNumber: 2, attendedPupilIds: ['ava', 'ben'], note: 'Afternoon' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ date: '2026-11-23', sessionNumber: 2 });
    expect(api.records.sessions[0]).toMatchObject({ date: '2026-11-23', sessionNumber: 2 });
    const senco = await api.request('sendteam', 'GET', '/api/interventions');
    expect(senco.body.interventions[0].sessionNotes).toEqual([
      { date: '2026-11-23', sessionNumber: 2, recordedBy: 'Tia Assistant', note: 'Afternoon' },
    ]);
    for (const sessionNumber of [0, 9, 1.5]) {
      const bad = await api.request('tia', 'POST', sessions, {
        body: { date: '2026-11-23', sessionNumber, attendedPupilIds: ['ava'] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('sessionNumber');
      expect(bad.body.error.fields[0].message).toMatch(/^Session of the day must be/);
    }
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
    expect(res.body).toMatchObject({
      asOf: '2026-11-23',
      totalCost: expect.any(Number),
      notionalSenBudget: null,
    });
    expect(res.body.interventions[0]).toMatchObject({ id: INTERVENTION_ID, pupilCount: 2, improved: 1 });
    expect(JSON.stringify(res.body)).not.toMatch(/ava|ben|pupilId/);
  });

  it('is not for class staff', async () => {
    expect((await api.request('tia', 'GET', '/api/provision/summary')).status).toBe(403);
  });

  it('gives the notional SEN budget once the SENCO has set it', async () => {
    const { settings, eTag } = (await api.request('senco', 'GET', '/api/settings')).body;
    const saved = await api.request('senco', 'PUT', '/api/settings', {
      body: { settings: { ...settings, notionalSenBudget: 84_000 }, expectedETag: eTag },
    });
    expect(saved.status).toBe(200);
    const res = await api.request('head', 'GET', '/api/provision/summary');
    expect(res.body.notionalSenBudget).toBe(84_000);
  });
});

describe('PUT /api/interventions/{id}/pupils/{pupilId}/measures', () => {
  const measures = (pupilId: string) => `/api/interventions/${INTERVENTION_ID}/pupils/${pupilId}/measures`;
  const benETag = async () => {
    const res = await api.request('senco', 'GET', '/api/interventions');
    return res.body.interventions[0].pupilETags.ben as string;
  };

  it('records an exit score quoting the pupil’s version, and answers with the new impact', async () => {
    const before = (await api.request('senco', 'GET', '/api/interventions')).body.interventions[0];
    expect(before.pupilETags).toEqual({ ava: expect.any(String), ben: expect.any(String) });
    const res = await api.request('senco', 'PUT', measures('ben'), {
      body: { entryMeasure: 90, exitMeasure: 97 },
      headers: { 'If-Match': before.pupilETags.ben },
    });
    expect(res.status).toBe(200);
    expect(res.body.intervention).toMatchObject({
      id: INTERVENTION_ID,
      eTag: before.eTag,
      impact: expect.objectContaining({ measured: 2, improved: 2 }),
    });
    expect(res.body.intervention.pupils[1]).toMatchObject({
      pupilId: 'ben',
      entryMeasure: 90,
      exitMeasure: 97,
    });
    expect(res.body.intervention.pupilETags.ben).not.toBe(before.pupilETags.ben);
    expect(res.headers.get('ETag')).toBe(res.body.intervention.pupilETags.ben);
    await api.audit.flush();
    expect(api.records.audit.map((e) => [e.action, e.resource, e.pupilId, e.detail])).toContainEqual([
      'update',
      'intervention-measures',
      'ben',
      INTERVENTION_ID,
    ]);
  });

  it('clears a value sent as null or left out, and takes the version from the body too', async () => {
    const res = await api.request('sendteam', 'PUT', measures('ava'), {
      body: {
        entryMeasure: 80,
        exitMeasure: null,
        expectedETag: (await api.request('senco', 'GET', '/api/interventions')).body.interventions[0]
          .pupilETags.ava,
      },
    });
    expect(res.status).toBe(200);
    const ava = res.body.intervention.pupils[0];
    expect(ava).toEqual(expect.objectContaining({ pupilId: 'ava', entryMeasure: 80 }));
    expect(ava).not.toHaveProperty('exitMeasure');
    expect(res.body.intervention.impact.measured).toBe(0);
  });

  it('records the day a pupil left, and names what is wrong with the measures', async () => {
    const eTag = await benETag();
    const left = await api.request('senco', 'PUT', measures('ben'), {
      body: { entryMeasure: 90, exitMeasure: 95, leftOn: '2026-11-20', expectedETag: eTag },
    });
    expect(left.body.intervention.pupils[1]).toMatchObject({ leftOn: '2026-11-20' });

    const bad = await api.request('senco', 'PUT', measures('ben'), {
      body: { entryMeasure: '90', leftOn: '2026-11-24', expectedETag: eTag },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([{ path: 'entryMeasure', message: 'Entry measure must be a number' }]),
    );
    const early = await api.request('senco', 'PUT', measures('ben'), {
      body: { leftOn: '2026-09-01', expectedETag: eTag },
    });
    expect(early.body.error.fields).toEqual([
      {
        path: 'leftOn',
        message: 'Left date cannot be before the pupil joined the intervention, on 7 September 2026',
      },
    ]);
    const future = await api.request('senco', 'PUT', measures('ben'), {
      body: { leftOn: '2026-11-24', expectedETag: eTag },
    });
    expect(future.body.error.fields).toEqual([
      { path: 'leftOn', message: 'Left date cannot be in the future' },
    ]);
    const extra = await api.request('senco', 'PUT', measures('ben'), {
      body: { exitMeasure: 99, expectedETag: eTag, sessionsAttended: 40 },
    });
    expect(extra.status).toBe(400);
  });

  it('answers 409 with the measures now stored and who saved them, when someone saved first', async () => {
    const eTag = await benETag();
    await api.request('sendteam', 'PUT', measures('ben'), {
      body: { entryMeasure: 90, exitMeasure: 93, expectedETag: eTag },
    });
    const res = await api.request('senco', 'PUT', measures('ben'), {
      body: { entryMeasure: 90, exitMeasure: 99, expectedETag: eTag },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: { code: 'conflict' },
      current: { value: { pupilId: 'ben', exitMeasure: 93 } },
      changedBy: 'Sara Patel',
      changedAt: expect.any(String),
    });
    // Ben's scores were shown to Katie: audited as a read; her refused change is not in the log.
    await api.audit.flush();
    const entries = api.records.audit.filter((e) => e.resource === 'intervention-measures');
    expect(entries.map((e) => [e.actor.userId, e.action, e.resource, e.detail])).toEqual([
      ['sendteam', 'update', 'intervention-measures', 'reading'],
      ['senco', 'read', 'intervention-measures', 'reading; conflict answer'],
    ]);
  });

  it('needs the version the change was made from', async () => {
    const res = await api.request('senco', 'PUT', measures('ben'), { body: { exitMeasure: 97 } });
    expect(res.status).toBe(428);
  });

  it('is not found for anyone but the SEND team, for a pupil not in it, and for no such intervention', async () => {
    const body = { exitMeasure: 97, expectedETag: await benETag() };
    for (const person of ['tia', 'tom', 'head'] as const) {
      expect((await api.request(person, 'PUT', measures('ben'), { body })).status, person).toBe(404);
    }
    expect((await api.request('senco', 'PUT', measures('cal'), { body })).status).toBe(404);
    expect(
      (await api.request('senco', 'PUT', '/api/interventions/nope/pupils/ben/measures', { body })).status,
    ).toBe(404);
    expect(api.records.interventionPupil(INTERVENTION_ID, 'ben')?.value.exitMeasure).toBeUndefined();
  });
});
