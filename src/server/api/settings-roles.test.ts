import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { rolesBeyondTheStaffTeam } from '../../../tests/support/roles-beyond-staff-team.ts';
import type { RolesAnswer } from '../../contract/settings.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
});
afterAll(async () => {
  await app?.stop();
});

describe('GET /api/settings/roles', () => {
  it('lists everyone Entra gives a role, in the staff team or not, and those holding it through a group', async () => {
    const school = rolesBeyondTheStaffTeam(app);
    const senco = app.local365.school.staff.find((s) => s.appRoles.includes('Senco'))!;
    const res = await fetch(`${app.baseUrl}/api/settings/roles`, {
      headers: { Authorization: `Bearer ${await app.userToken(senco.upn)}` },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as RolesAnswer;
    const people = (role: string) => answer.roles.find((r) => r.role === role)!.people;
    expect(people('Headteacher')).toContainEqual({
      name: 'Rachel Evans',
      upn: school.outsider.userPrincipalName,
      viaGroup: null,
    });
    expect(people('SendTeam')).toContainEqual({
      name: school.member.displayName,
      upn: school.member.upn,
      viaGroup: 'SEND Staff',
    });
    expect(people('Senco')).toContainEqual({ name: senco.displayName, upn: senco.upn, viaGroup: null });
  });
});
