import type { RolesAnswer } from '../../contract/settings.ts';
import { startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(async () => {
  await api.close();
});

describe('GET /api/settings/roles on a server without reminders', () => {
  it('lists who holds each app role, read from the directory, not from the reminders side', async () => {
    const res = await api.request('senco', 'GET', '/api/settings/roles');
    expect(res.status).toBe(200);
    const answer = res.body as RolesAnswer;
    expect(answer.roles.map((r) => [r.role, r.people.map((p) => p.name)])).toEqual([
      ['Senco', ['Katie Dawson']],
      ['SendTeam', ['Sara Patel']],
      ['Headteacher', ['Helen Ward']],
    ]);
    expect(answer.howToChange).toMatch(/Microsoft Entra admin centre/);
  });

  it('still says reminders are not set up where reminders are asked about', async () => {
    const res = await api.request('senco', 'GET', '/api/settings/reminders-channel');
    expect(res.status).toBe(503);
  });
});
