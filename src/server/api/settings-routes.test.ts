import type { RolesAnswer, SettingsAnswer } from '../../contract/settings.ts';
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

describe('the school’s name in the settings', () => {
  const exportOfAva = async (harness: ApiHarness) => {
    const res = await fetch(`${harness.url}/api/pupils/ava/subject-access-export?format=html`, {
      headers: { Authorization: 'Bearer senco' },
    });
    return res.text();
  };

  it('heads the subject access export once the SENCO saves it; until then the export says “The school”', async () => {
    const harness = await startApiHarness();
    try {
      const before = await exportOfAva(harness);
      expect(before).toContain('<p class="meta">The school</p>');
      expect(before).toContain('records the school keeps');

      const read = await harness.request('senco', 'GET', '/api/settings');
      const settings = (read.body as SettingsAnswer).settings;
      const saved = await harness.request('senco', 'PUT', '/api/settings', {
        body: {
          settings: { ...settings, school: { ...settings.school, name: ' Oakfield Primary School ' } },
        },
        headers: { 'If-Match': read.body.eTag as string },
      });
      expect(saved.status).toBe(200);
      expect((saved.body as SettingsAnswer).settings.school.name).toBe('Oakfield Primary School');

      const after = await exportOfAva(harness);
      expect(after).toContain('<p class="meta">Oakfield Primary School</p>');
      expect(after).toContain('records Oakfield Primary School keeps in SENCO Hub');
    } finally {
      await harness.close();
    }
  });

  it('refuses a name too long for a heading, naming the field', async () => {
    const read = await api.request('senco', 'GET', '/api/settings');
    const settings = (read.body as SettingsAnswer).settings;
    const res = await api.request('senco', 'PUT', '/api/settings', {
      body: { settings: { ...settings, school: { ...settings.school, name: 'Oakfield '.repeat(30) } } },
      headers: { 'If-Match': read.body.eTag as string },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('School name must be at most 200 characters');
  });
});
