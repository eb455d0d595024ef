import { startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeEach(async () => {
  api = await startApiHarness();
});
afterEach(async () => {
  await api.close();
});

const ids = (body: unknown) => (body as { pupils: { id: string }[] }).pupils.map((p) => p.id);

describe('GET /api/classes/{teamGroupId}/pupils (the class view)', () => {
  it('shows the class teacher the pupils with SEND in the class, with what helps them', async () => {
    const res = await api.request('tom', 'GET', '/api/classes/willow/pupils');
    expect(res.status).toBe(200);
    expect(res.body.class).toEqual({ id: 'willow', displayName: 'Year 4 Willow' });
    // Cal is in the class but not on the SEN register.
    expect(ids(res.body)).toEqual(['ava', 'ben']);
    expect(res.body.pupils[0]).toMatchObject({
      access: 'class',
      passport: { whatHelpsMe: ['Visual timetable'] },
    });
    expect(res.body.pupils[0]).not.toHaveProperty('needs');
  });

  it('shows a TA in the class team only the pupils they are assigned to or whose intervention they run', async () => {
    // Tia is assigned to Ava, and runs the intervention Ben is in (access-policy.ts, interventionPupilIdsOn).
    const res = await api.request('tia', 'GET', '/api/classes/willow/pupils');
    expect(ids(res.body)).toEqual(['ava', 'ben']);
  });

  it('opens, empty, for a TA in the class team with no one assigned', async () => {
    const res = await api.request('oscar', 'GET', '/api/classes/oak/pupils');
    expect(res.status).toBe(200);
    expect(res.body.pupils).toEqual([]);
  });

  it('is not found for a teacher of another class: the team id in the URL proves nothing', async () => {
    expect((await api.request('olu', 'GET', '/api/classes/willow/pupils')).status).toBe(404);
    expect((await api.request('head', 'GET', '/api/classes/willow/pupils')).status).toBe(404);
  });

  it('is not found for a class that does not exist, for everyone', async () => {
    expect((await api.request('senco', 'GET', '/api/classes/no-such-class/pupils')).status).toBe(404);
  });

  it('audits each pupil shown as a read of their passport', async () => {
    await api.request('tom', 'GET', '/api/classes/willow/pupils');
    await api.audit.flush();
    expect(api.records.audit.map((e) => [e.actor.userId, e.resource, e.pupilId, e.detail])).toEqual([
      ['tom', 'passport', 'ava', 'class willow'],
      ['tom', 'passport', 'ben', 'class willow'],
    ]);
  });
});
