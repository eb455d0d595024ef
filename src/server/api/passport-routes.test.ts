import { NOW, startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeEach(async () => {
  api = await startApiHarness();
});
afterEach(async () => {
  await api.close();
});

const content = {
  aboutMe: 'I like building things.',
  strengths: ['Lego', 'Kind'],
  whatIFindHard: ['Long instructions'],
  whatHelpsMe: ['Instructions one at a time', 'A visual timetable'],
  communication: 'Give me time to answer.',
  accessArrangements: ['Reader for tests'],
};

describe('reading a passport', () => {
  it('shows a class teacher the passport and whether they have read it, not its versions or readers', async () => {
    const res = await api.request('tom', 'GET', '/api/pupils/ben/passport');
    expect(res.status).toBe(200);
    expect(res.body.passport.whatHelpsMe).toEqual(['Coloured overlay']);
    expect(res.body.myAcknowledgement).toBeNull();
    expect(Object.keys(res.body as object).sort()).toEqual(['myAcknowledgement', 'passport', 'pupilId']);
  });

  it('shows the SEND team its version tag, who read it and when it is due review', async () => {
    const res = await api.request('sendteam', 'GET', '/api/pupils/ben/passport');
    expect(res.body).toMatchObject({
      eTag: expect.any(String),
      acknowledgements: [],
      reviewStep: { id: 'passport-review-by' },
    });
    expect(res.headers.get('etag')).toBe(res.body.eTag);
  });

  it('is not found for a teacher of another class', async () => {
    expect((await api.request('olu', 'GET', '/api/pupils/ben/passport')).status).toBe(404);
  });
});

describe('editing a passport', () => {
  it('saves a new version quoting the version it was made from, and audits the change', async () => {
    const before = await api.request('senco', 'GET', '/api/pupils/ben/passport');
    const res = await api.request('senco', 'PUT', '/api/pupils/ben/passport', {
      body: content,
      headers: { 'If-Match': before.body.eTag },
    });
    expect(res.status).toBe(200);
    expect(res.body.passport).toMatchObject({ ...content, version: 2, reviewedOn: '2026-11-23' });
    expect(res.body.eTag).not.toBe(before.body.eTag);
    await api.audit.flush();
    expect(api.records.audit.at(-1)).toMatchObject({
      action: 'update',
      resource: 'passport',
      pupilId: 'ben',
    });
  });

  it('tells the second of two editors what is stored now and who saved it (409), losing nothing', async () => {
    const opened = await api.request('senco', 'GET', '/api/pupils/ben/passport');
    const first = await api.request('sendteam', 'PUT', '/api/pupils/ben/passport', {
      body: { ...content, expectedETag: opened.body.eTag },
    });
    expect(first.status).toBe(200);
    const second = await api.request('senco', 'PUT', '/api/pupils/ben/passport', {
      body: { ...content, whatHelpsMe: ['Something else'], expectedETag: opened.body.eTag },
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      error: { code: 'conflict' },
      current: { value: { version: 2, whatHelpsMe: content.whatHelpsMe }, eTag: first.body.eTag },
      changedBy: 'Sara Patel',
      changedAt: NOW.toISOString(),
    });
    expect(api.records.passport('ben')?.value.whatHelpsMe).toEqual(content.whatHelpsMe);
    // The 409 showed Sara's passport to Katie: a read, audited; Katie's refused edit changed nothing.
    await api.audit.flush();
    const forBen = api.records.audit
      .filter((e) => e.pupilId === 'ben')
      .map((e) => [e.actor.userId, e.action, e.detail ?? '']);
    expect(forBen).toEqual([
      ['senco', 'read', ''],
      ['sendteam', 'update', 'version 2'],
      ['senco', 'read', 'conflict answer'],
    ]);
  });

  it('needs the version for a passport that exists (428), but not for a pupil’s first passport', async () => {
    expect((await api.request('senco', 'PUT', '/api/pupils/ben/passport', { body: content })).status).toBe(
      428,
    );
    const first = await api.request('senco', 'PUT', '/api/pupils/cal/passport', { body: content });
    expect(first.status).toBe(200);
    expect(first.body.passport.version).toBe(1);
  });

  it('names each field that is wrong', async () => {
    const res = await api.request('senco', 'PUT', '/api/pupils/ben/passport', {
      body: { ...content, aboutMe: '', whatHelpsMe: ['ok', ''], extra: true, expectedETag: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'aboutMe', message: 'About me is required' },
        { path: 'whatHelpsMe.1', message: 'Each item in What helps me is required' },
        { path: 'extra', message: 'extra is not recognised in this request' },
      ]),
    );
  });

  it('is for the SEND team: a class teacher who can read it is told 403, others 404', async () => {
    expect((await api.request('tom', 'PUT', '/api/pupils/ben/passport', { body: content })).status).toBe(403);
    expect((await api.request('olu', 'PUT', '/api/pupils/ben/passport', { body: content })).status).toBe(404);
    expect((await api.request('head', 'PUT', '/api/pupils/ben/passport', { body: content })).status).toBe(
      404,
    );
  });

  it('keeps every version for the SEND team, newest first', async () => {
    const opened = await api.request('senco', 'GET', '/api/pupils/ben/passport');
    await api.request('senco', 'PUT', '/api/pupils/ben/passport', {
      body: { ...content, expectedETag: opened.body.eTag },
    });
    const res = await api.request('sendteam', 'GET', '/api/pupils/ben/passport/history');
    expect((res.body.versions as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    expect((await api.request('tom', 'GET', '/api/pupils/ben/passport/history')).status).toBe(404);
  });
});

describe('confirming reading a passport', () => {
  it('records that the class teacher read the current version, and shows it to them and the SENCO', async () => {
    const res = await api.request('tom', 'POST', '/api/pupils/ben/passport/acknowledgements', {
      body: { passportVersion: 1 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      pupilId: 'ben',
      passportVersion: 1,
      userId: 'tom',
      name: 'Tom Teacher',
    });
    const mine = await api.request('tom', 'GET', '/api/pupils/ben/passport');
    expect(mine.body.myAcknowledgement).toEqual({ passportVersion: 1, at: NOW.toISOString() });
    const senco = await api.request('senco', 'GET', '/api/pupils/ben/passport');
    expect((senco.body.acknowledgements as { name: string }[]).map((a) => a.name)).toEqual(['Tom Teacher']);
  });

  it('answers 409 with the current version when the passport changed since it was opened', async () => {
    const opened = await api.request('senco', 'GET', '/api/pupils/ben/passport');
    await api.request('senco', 'PUT', '/api/pupils/ben/passport', {
      body: { ...content, expectedETag: opened.body.eTag },
    });
    const res = await api.request('tom', 'POST', '/api/pupils/ben/passport/acknowledgements', {
      body: { passportVersion: 1 },
    });
    expect(res.status).toBe(409);
    // Which version to read, not its content: reading it is a read of its own (and audited as one).
    expect(res.body.current.value).toEqual({ version: 2 });
  });

  it('is for those who may see the pupil', async () => {
    const body = { passportVersion: 1 };
    expect(
      (await api.request('tia', 'POST', '/api/pupils/ava/passport/acknowledgements', { body })).status,
    ).toBe(201);
    // Ben is in the intervention Tia runs: she may read his passport while it runs.
    expect(
      (await api.request('tia', 'POST', '/api/pupils/ben/passport/acknowledgements', { body })).status,
    ).toBe(201);
    // Dan is neither assigned to her nor in anything she runs.
    expect(
      (await api.request('tia', 'POST', '/api/pupils/dan/passport/acknowledgements', { body })).status,
    ).toBe(404);
  });
});

describe('marking a passport reviewed', () => {
  it('keeps the version and every “I’ve read this”, and sets the review date and the next due by the setting', async () => {
    const read = await api.request('tom', 'GET', '/api/pupils/ben/passport');
    const version = read.body.passport.version as number;
    expect(
      (
        await api.request('tom', 'POST', '/api/pupils/ben/passport/acknowledgements', {
          body: { passportVersion: version },
        })
      ).status,
    ).toBe(201);
    const before = await api.request('senco', 'GET', '/api/pupils/ben/passport');
    const res = await api.request('senco', 'POST', '/api/pupils/ben/passport/review', {
      body: { expectedETag: before.body.eTag },
    });
    expect(res.status).toBe(200);
    expect(res.body.passport).toMatchObject({ version, reviewedOn: '2026-11-23', reviewDueOn: '2027-11-23' });
    expect(res.body.eTag).not.toBe(before.body.eTag);
    const after = await api.request('senco', 'GET', '/api/pupils/ben/passport');
    expect(after.body.passport.version).toBe(version);
    expect(after.body.acknowledgements).toHaveLength(1);
    expect(
      (await api.request('senco', 'GET', '/api/pupils/ben/passport/history')).body.versions,
    ).toHaveLength(before.body.passport.version as number);
    const mine = await api.request('tom', 'GET', '/api/pupils/ben/passport');
    expect(mine.body.myAcknowledgement).toMatchObject({ passportVersion: version });
    await api.audit.flush();
    expect(api.records.audit).toContainEqual(
      expect.objectContaining({
        action: 'update',
        resource: 'passport',
        detail: expect.stringContaining('reviewed'),
      }),
    );
  });

  it('refuses a review of a version that is no longer current (409), and one that names no version (428)', async () => {
    const opened = await api.request('senco', 'GET', '/api/pupils/ben/passport');
    await api.request('sendteam', 'PUT', '/api/pupils/ben/passport', {
      body: { ...content, expectedETag: opened.body.eTag },
    });
    const stale = await api.request('senco', 'POST', '/api/pupils/ben/passport/review', {
      body: { expectedETag: opened.body.eTag },
    });
    expect(stale.status).toBe(409);
    expect((await api.request('senco', 'POST', '/api/pupils/ben/passport/review', { body: {} })).status).toBe(
      428,
    );
  });
});
