import type { SubjectAccessExport } from '../../contract/subject-access.ts';
import { meetingSchema } from '../../domain/meeting.schema.ts';
import { buildPassport, buildSettings } from '../../domain/testing/builders.ts';
import { fieldLabel } from '../subject-access/subject-access-document.ts';
import { createFakeRecords } from './testing/fake-records.ts';
import { NOW, schoolRecords, startApiHarness, type ApiHarness } from './testing/api-harness.ts';

let api: ApiHarness;

beforeEach(async () => {
  const data = schoolRecords();
  api = await startApiHarness({
    records: createFakeRecords(
      {
        ...data,
        settings: buildSettings({ school: { name: 'Oakfield <Primary> School' } }),
        passports: [
          ...(data.passports ?? []),
          buildPassport({ id: 'ava-2', pupilId: 'ava', version: 2, whatHelpsMe: ['<b>Quiet</b> space'] }),
        ],
        meetings: [
          meetingSchema.parse({
            id: 'review-1',
            kind: 'annual-review',
            pupilIds: ['ava'],
            on: '2026-06-10',
            notes: 'Ava spoke about her reading.',
          }),
          meetingSchema.parse({
            id: 'group-1',
            kind: 'multi-agency',
            pupilIds: ['ava', 'ben'],
            on: '2026-10-02',
            notes: 'Ben’s mum raised a concern.',
          }),
        ],
      },
      { now: () => NOW },
    ),
  });
});
afterEach(async () => {
  await api.close();
});

const path = (pupilId: string, format?: string) =>
  `/api/pupils/${pupilId}/subject-access-export${format ? `?format=${format}` : ''}`;

describe('GET /api/pupils/{id}/subject-access-export', () => {
  it('gives the SENCO everything held about the pupil as JSON, with the audit entries about them', async () => {
    await api.request('senco', 'GET', '/api/pupils/ava');
    const res = await api.request('senco', 'GET', path('ava'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="subject-access-.+\.json"$/,
    );
    const body = res.body as SubjectAccessExport;
    expect(body).toMatchObject({
      kind: 'senco-hub-subject-access-export',
      school: 'Oakfield <Primary> School',
      generatedOn: '2026-11-23',
      generatedBy: 'Katie Dawson',
      pupil: { id: 'ava', displayName: expect.any(String), dateOfBirth: expect.any(String) },
      ehcPlan: { pupilId: 'ava' },
      professionals: [{ id: 'ep' }],
      taAssignments: [{ staffUserId: 'tia', from: '2026-09-01', to: null }],
      notes: [expect.stringMatching(/^The notes of meetings about other pupils too are withheld/)],
    });
    expect(body.passports.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(body.interventions).toEqual([
      expect.objectContaining({
        intervention: expect.objectContaining({ id: 'reading' }),
        participation: expect.objectContaining({ pupilId: 'ava', entryMeasure: 80, exitMeasure: 86 }),
      }),
    ]);
    // The earlier read and this export itself, both about Ava.
    expect(body.audit?.map((e) => `${e.action} ${e.what}`)).toEqual(['read pupil', 'export subject-access']);
  });

  it('leaves other pupils out of shared meetings and withholds those meetings’ notes', async () => {
    const body = (await api.request('senco', 'GET', path('ava'))).body as SubjectAccessExport;
    const byId = new Map(body.meetings.map((m) => [m.id, m]));
    expect(byId.get('review-1')).toMatchObject({
      notes: 'Ava spoke about her reading.',
      notesWithheld: false,
    });
    expect(byId.get('group-1')).toMatchObject({ pupilIds: ['ava'], notes: null, notesWithheld: true });
    expect(JSON.stringify(body)).not.toContain('Ben’s mum');
  });

  it('gives the SEND team the export without the audit log, and says so', async () => {
    const body = (await api.request('sendteam', 'GET', path('ava'))).body as SubjectAccessExport;
    expect(body.audit).toBeNull();
    expect(body.notes).toContainEqual(expect.stringMatching(/audit log .* only the SENCO/));
  });

  it('answers 404 to everyone who does not see whole records, as for a pupil that does not exist', async () => {
    const missing = await api.request('senco', 'GET', path('zed'));
    expect(missing.status).toBe(404);
    for (const person of ['head', 'tom', 'tia', 'olu'] as const) {
      const res = await api.request(person, 'GET', path('ava'));
      expect(res.status, person).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
  });

  it('makes a printable document: the school’s name, UK dates, markup in records shown as text, no scripts', async () => {
    const res = await fetch(`${api.url}${path('ava', 'html')}`, {
      headers: { Authorization: 'Bearer senco' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const html = await res.text();
    expect(html).toContain('<p class="meta">Oakfield &lt;Primary&gt; School</p>');
    expect(html).toContain('records Oakfield &lt;Primary&gt; School keeps in SENCO Hub');
    expect(html).toContain('on 23 November 2026 at 09:30 by Katie Dawson');
    expect(html).toContain('10 June 2026');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(html).toContain('&lt;b&gt;Quiet&lt;/b&gt; space');
    expect(html).not.toContain('<b>Quiet');
    expect(html).not.toContain('<script');
    for (const heading of ['EHC plan and its annual reviews', 'Interventions and attendance', 'Meetings'])
      expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('<th scope="row">Date of birth</th>');
  });

  it('audits the export: who, which pupil, which format', async () => {
    const res = await fetch(`${api.url}${path('ava', 'html')}`, {
      headers: { Authorization: 'Bearer sendteam' },
    });
    expect(res.status).toBe(200);
    await api.audit.flush();
    expect(api.records.audit).toContainEqual(
      expect.objectContaining({
        actor: { userId: 'sendteam', upn: 'sendteam@school.example' },
        action: 'export',
        resource: 'subject-access',
        pupilId: 'ava',
        detail: 'html',
      }),
    );
  });

  it('refuses an unknown format, naming the field', async () => {
    const res = await api.request('senco', 'GET', path('ava', 'pdf'));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("Format must be 'json' or 'html'");
  });
});

describe('field labels in the printable document', () => {
  it('are the school’s words: acronyms kept, first word capitalised', () => {
    expect(fieldLabel('dateOfBirth')).toBe('Date of birth');
    expect(fieldLabel('upn')).toBe('UPN');
    expect(fieldLabel('pepReviewedOn')).toBe('PEP reviewed on');
    expect(fieldLabel('id')).toBe('Id');
    expect(fieldLabel('ehcPlan')).toBe('EHC plan');
  });
});
