import { createFakeRecords } from './testing/fake-records.ts';
import { NOW, schoolRecords, startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeEach(async () => {
  api = await startApiHarness();
});
afterEach(async () => {
  await api.close();
});

async function currentETag(person: 'senco' | 'sendteam' = 'senco'): Promise<string> {
  const res = await api.request(person, 'GET', '/api/pupils/dan/history');
  expect(res.status).toBe(200);
  return res.body.eTag as string;
}

describe('GET /api/pupils/{id}/history', () => {
  it('carries the version a change quotes, as the body and the ETag header', async () => {
    const res = await api.request('senco', 'GET', '/api/pupils/dan/history');
    expect(res.body.eTag).toEqual(expect.any(String));
    expect(res.headers.get('etag')).toBe(res.body.eTag);
  });
});

describe('POST /api/pupils/{id}/sen-status', () => {
  it('records an EHC plan from a day, closing SEN support that day, and audits the change', async () => {
    const eTag = await currentETag();
    const res = await api.request('senco', 'POST', '/api/pupils/dan/sen-status', {
      body: { code: 'E', from: '2026-11-16', expectedETag: eTag },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      senStatus: 'E',
      senProvision: [
        { code: 'K', startOn: '2023-09-01', endOn: '2026-11-16' },
        { code: 'E', label: 'Education, health and care plan', startOn: '2026-11-16', endOn: null },
      ],
      modifiedBy: 'Katie Dawson',
    });
    expect(res.body.eTag).not.toBe(eTag);
    await api.audit.flush();
    expect(api.records.audit).toContainEqual(
      expect.objectContaining({
        action: 'update',
        resource: 'sen-status',
        pupilId: 'dan',
        detail: 'E from 2026-11-16',
        actor: { userId: 'senco', upn: 'senco@school.example' },
      }),
    );
  });

  it('refuses a date on or before the last change, naming the field and the day', async () => {
    const res = await api.request('sendteam', 'POST', '/api/pupils/dan/sen-status', {
      body: { code: 'E', from: '2023-09-01', expectedETag: await currentETag('sendteam') },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'from', message: 'From date must be after the last change, on 1 September 2023' },
    ]);
  });

  it('refuses an unknown code and unexpected fields', async () => {
    const res = await api.request('senco', 'POST', '/api/pupils/dan/sen-status', {
      body: { code: 'S', from: '2026-11-16', expectedETag: 'x', note: 'hello' },
    });
    expect(res.status).toBe(400);
    const fields = res.body.error.fields as { path: string }[];
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['code']));
  });

  it('asks which version the change was made from', async () => {
    const res = await api.request('senco', 'POST', '/api/pupils/dan/sen-status', {
      body: { code: 'E', from: '2026-11-16' },
    });
    expect(res.status).toBe(428);
  });

  it('answers 409 with who changed the pupil when the version quoted is stale', async () => {
    const eTag = await currentETag();
    await api.request('sendteam', 'POST', '/api/pupils/dan/sen-status', {
      body: { code: 'E', from: '2026-11-16', expectedETag: eTag },
    });
    const res = await api.request('senco', 'POST', '/api/pupils/dan/sen-status', {
      body: { code: 'N', from: '2026-11-20', expectedETag: eTag },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ changedBy: 'Sara Patel', changedAt: NOW.toISOString() });
  });

  it('answers 409 with the SEN status and needs now stored and the version, not the rest of the record', async () => {
    const eTag = await currentETag();
    await api.request('sendteam', 'POST', '/api/pupils/dan/sen-status', {
      body: { code: 'E', from: '2026-11-16', expectedETag: eTag },
    });
    const res = await api.request('senco', 'POST', '/api/pupils/dan/sen-status', {
      body: { code: 'N', from: '2026-11-20', expectedETag: eTag },
    });
    expect(res.status).toBe(409);
    expect(res.body.current).toEqual({
      value: {
        senStatus: 'E',
        primaryNeed: expect.any(String),
        secondaryNeed: null,
        senProvision: expect.any(Array),
        needs: expect.any(Array),
      },
      eTag: api.records.pupilRecord('dan')?.eTag,
      modifiedAt: NOW.toISOString(),
      modifiedBy: 'Sara Patel',
    });
    expect(JSON.stringify(res.body)).not.toMatch(
      /dateOfBirth|2017-05-01|contacts|lookedAfter|pupilPremium|upn/i,
    );
    // The answer showed Dan's SEN history: audited as a read; the refused change is not in the log.
    await api.audit.flush();
    expect(
      api.records.audit
        .filter((e) => e.actor.userId === 'senco')
        .map((e) => [e.action, e.resource, e.detail]),
    ).toEqual([
      ['read', 'pupil-history', undefined],
      ['read', 'pupil-history', 'conflict answer'],
    ]);
  });

  it('tells class staff and the headteacher there is no such pupil, and changes nothing', async () => {
    for (const person of ['olu', 'head', 'tom'] as const) {
      const res = await api.request(person, 'POST', '/api/pupils/dan/sen-status', {
        body: { code: 'N', from: '2026-11-16', expectedETag: 'x' },
      });
      expect(res.status, person).toBe(404);
    }
    expect(api.records.pupil('dan')?.senProvision).toEqual(schoolRecords().pupils?.[3]?.senProvision);
  });
});

describe('POST /api/pupils/{id}/needs', () => {
  it('changes the primary need from a day, keeping the old one in the history', async () => {
    const res = await api.request('senco', 'POST', '/api/pupils/dan/needs', {
      body: {
        primaryNeed: 'ASD',
        secondaryNeed: 'SEMH',
        from: '2026-11-20',
        expectedETag: await currentETag(),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ primaryNeed: 'ASD', secondaryNeed: 'SEMH' });
    expect(res.body.needs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'SEMH', rank: 1, endOn: '2026-11-20' }),
        expect.objectContaining({ code: 'ASD', rank: 1, startOn: '2026-11-20', endOn: null }),
        expect.objectContaining({ code: 'SEMH', rank: 2, startOn: '2026-11-20', endOn: null }),
      ]),
    );
    await api.audit.flush();
    expect(api.records.audit).toContainEqual(
      expect.objectContaining({ action: 'update', resource: 'needs', pupilId: 'dan' }),
    );
  });

  it('refuses needs for a pupil not on the register, and a future date', async () => {
    const notOnRegister = await api.request('senco', 'POST', '/api/pupils/cal/needs', {
      body: { primaryNeed: 'MLD', from: '2026-11-20', expectedETag: 'x' },
    });
    // Cal has no SEND record: the tab never offers this, but the API says why.
    expect(notOnRegister.status).toBe(400);
    expect(notOnRegister.body.error.fields[0].path).toBe('from');
    const future = await api.request('senco', 'POST', '/api/pupils/dan/needs', {
      body: { primaryNeed: 'MLD', from: '2026-11-24', expectedETag: await currentETag() },
    });
    expect(future.body.error.fields).toEqual([
      {
        path: 'from',
        message: 'From date cannot be in the future: record the change on or after the day it takes effect',
      },
    ]);
  });
});

it('saves through the records’ own conflict check', async () => {
  const records = createFakeRecords(schoolRecords(), { now: () => NOW });
  await api.close();
  api = await startApiHarness({ records });
  const eTag = records.pupilRecord('dan')!.eTag;
  const res = await api.request('senco', 'POST', '/api/pupils/dan/needs', {
    headers: { 'If-Match': eTag },
    body: { primaryNeed: 'SLCN', from: '2026-11-20' },
  });
  expect(res.status).toBe(200);
  expect(records.pupilRecord('dan')!.eTag).not.toBe(eTag);
});
