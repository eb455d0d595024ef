/**
 * Retention through the whole app in local mode: pupils made long-gone leavers in the stand-in's SharePoint,
 * the SENCO's view of who is due, a legal hold that keeps a pupil, and the deletion of every item that names
 * the pupil, in every list, read back from SharePoint.
 */
import type { RetentionAnswer, RetentionRunAnswer } from '../../contract/retention.ts';
import { addDays, addYears, type CalendarDate } from '../../domain/calendar-date.ts';
import { SENCO_HUB_SITE_PATH } from '../../local365/local365.ts';
import {
  itemsAbout,
  leaverUpn,
  makeLeaver,
  siteLists,
  type SiteLists,
} from '../../../tests/support/retention.ts';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';

let app: TestApp;
let senco: string;
let lists: SiteLists;
let today: CalendarDate;

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const school = app.local365.school;
  senco = await app.userToken(school.staff.find((s) => s.role === 'senco')!.upn);
  lists = await siteLists(
    app.appGraph(),
    `https://${school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  );
  const health = (await (await fetch(`${app.baseUrl}/api/health`)).json()) as { time: string };
  today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(health.time),
  ) as CalendarDate;
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${senco}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A pupil with records in as many lists as the demo school has: an EHC plan, meetings, an intervention. */
function wellRecordedPupil(except: readonly string[] = []): string {
  const records = app.running.records;
  const inIntervention = new Set(
    records.interventions().flatMap((i) => i.value.pupils.map((p) => p.pupilId)),
  );
  const pupil = records
    .pupils()
    .find(
      (p) =>
        !except.includes(p.id) &&
        records.ehcPlan(p.id) &&
        records.meetingsFor(p.id).length > 0 &&
        records.passport(p.id) &&
        inIntervention.has(p.id),
    );
  if (!pupil)
    throw new Error('The demo school has no pupil with a plan, meetings, a passport and an intervention');
  return pupil.id;
}

describe('retention of SEND records', () => {
  it('shows the period, keeps a held pupil, warns of one due soon, and deletes every record once the hold is lifted', async () => {
    const gone = wellRecordedPupil();
    const soon = wellRecordedPupil([gone]);
    const graph = app.appGraph();
    await makeLeaver(graph, lists, gone, { dateOfBirth: '1990-01-01', upn: leaverUpn(1) });
    await makeLeaver(graph, lists, soon, {
      dateOfBirth: addYears(addDays(today, 10), -25),
      upn: leaverUpn(2),
    });
    const before = await itemsAbout(graph, lists, gone);
    expect(Object.keys(before.byList)).toEqual(
      expect.arrayContaining(['passports', 'ehcPlans', 'senStatus', 'needs', 'interventionPupils']),
    );
    expect(before.shared).toBeGreaterThan(0);

    // Before: a subject access export has every audit entry about the pupil, read from SharePoint (its own too).
    const exported = await api<{ audit: { what: string }[]; ehcPlan: unknown }>(
      'GET',
      `/api/pupils/${gone}/subject-access-export`,
    );
    expect(exported.status).toBe(200);
    expect(exported.body.ehcPlan).not.toBeNull();
    expect(exported.body.audit.map((e) => e.what)).toContain('subject-access');

    // A hold placed first: the run keeps the pupil.
    const settings = await api<{ eTag: string }>('GET', '/api/settings');
    const held = await api<RetentionAnswer>('PUT', `/api/retention/holds/${gone}`, {
      reason: 'SEND Tribunal appeal lodged',
      expectedETag: settings.body.eTag,
    });
    expect(held.status).toBe(200);
    const keptRun = await api<RetentionRunAnswer>('POST', '/api/retention/run');
    expect(keptRun.body).toEqual({ deletedPupils: 0, itemsDeleted: 0, held: 1, skipped: null });

    const view = await api<RetentionAnswer>('GET', '/api/retention');
    expect(view.body).toMatchObject({ years: 25, withinDays: 30, rollRead: true, due: [] });
    expect(view.body.held).toEqual([
      expect.objectContaining({
        pupilId: gone,
        endsOn: '2015-01-01',
        hold: expect.objectContaining({ reason: 'SEND Tribunal appeal lodged', since: today }),
      }),
    ]);
    expect(view.body.upcoming.map((r) => [r.pupilId, r.endsOn])).toEqual([[soon, addDays(today, 10)]]);

    // A stale version is refused; the current one lifts the hold.
    const stale = await api('PUT', `/api/retention/holds/${gone}`, {
      reason: null,
      expectedETag: settings.body.eTag,
    });
    expect(stale.status).toBe(409);
    const lifted = await api<RetentionAnswer>('PUT', `/api/retention/holds/${gone}`, {
      reason: null,
      expectedETag: view.body.settingsETag,
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body.due.map((r) => r.pupilId)).toEqual([gone]);

    const run = await api<RetentionRunAnswer>('POST', '/api/retention/run');
    expect(run.body).toMatchObject({ deletedPupils: 1, held: 0, skipped: null });
    expect(run.body.itemsDeleted).toBeGreaterThan(Object.keys(before.byList).length);

    const after = await itemsAbout(graph, lists, gone);
    expect(after.byList).toEqual({});
    expect(after.shared).toBe(0);
    // The audit keeps that the records were deleted, and nothing else about the pupil.
    expect(after.auditEntryIds.sort()).toEqual([`retention-finished-${gone}`, `retention-started-${gone}`]);
    expect((await api('GET', `/api/pupils/${gone}`)).status).toBe(404);
    expect((await api('GET', `/api/pupils/${gone}/subject-access-export`)).status).toBe(404);
    const audit = await api<{ entries: { id: string; detail?: string; actor: { upn: string } }[] }>(
      'GET',
      `/api/audit?pupilId=${gone}`,
    );
    const finished = audit.body.entries.find((e) => e.id === `retention-finished-${gone}`);
    expect(finished?.detail).toMatch(/^The pupil’s SEND records were deleted: the school’s retention period/);
    expect(finished?.detail).not.toMatch(/1990|\d{4}-\d{2}-\d{2}/);

    // The other pupil is untouched.
    expect((await api('GET', `/api/pupils/${soon}`)).status).toBe(200);
    const again = await api<RetentionRunAnswer>('POST', '/api/retention/run');
    expect(again.body.deletedPupils).toBe(0);
  }, 180_000);

  it('refuses a hold for a pupil it does not hold and a hold with no reason, naming the field', async () => {
    const settings = await api<{ eTag: string }>('GET', '/api/settings');
    const missing = await api('PUT', '/api/retention/holds/no-such-pupil', {
      reason: 'Subject access request in progress',
      expectedETag: settings.body.eTag,
    });
    expect(missing.status).toBe(404);
    const pupilId = app.running.records.pupils()[0]!.id;
    const blank = await api<{ fields?: { field: string; message: string }[] }>(
      'PUT',
      `/api/retention/holds/${pupilId}`,
      { reason: '   ', expectedETag: settings.body.eTag },
    );
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('Reason for the hold is required');
  });
});
