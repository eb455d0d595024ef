/**
 * A SEN status change under persistent throttling: the change either fails (503) with the pupil exactly as
 * before, or it completes — never a pupil whose old period is closed and whose new one is missing.
 */
import type { SendRecordsReplica } from '../src/graph/send-records-replica.ts';
import { findListIds, findSiteId } from '../src/graph/site.ts';
import { SEN_STATUS_LIST, PUPILS_LIST } from '../src/graph/pupils-list.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let token: string;
let lists: { siteId: string; senStatus: string; pupils: string };

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
  token = await app.userToken(senco.upn);
  const connection = app.appGraph();
  const siteId = await findSiteId({
    connection,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  const ids = await findListIds({ connection, siteId, lists: [SEN_STATUS_LIST, PUPILS_LIST] });
  lists = { siteId, senStatus: ids.senStatus, pupils: ids.pupils };
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

afterEach(() => {
  app.local365.faults.clear();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

type History = { eTag: string; senStatus: string; senProvision: { code: string; startOn: string }[] };

/** A pupil on SEN support whose status has not been changed by another test. */
function pupilOnSenSupport(skip: string[]): string {
  const pupil = app.running.records
    .pupils()
    .find((p) => !skip.includes(p.id) && p.senProvision.some((s) => s.code === 'K' && !s.endOn));
  if (!pupil) throw new Error('The demo school has no pupil on SEN support');
  return pupil.id;
}

const used: string[] = [];

/** The audit log's entries for changes of the pupil's SEN status. */
async function senUpdates(pupilId: string) {
  const res = await api('GET', `/api/audit?pupilId=${pupilId}&limit=100`);
  expect(res.status).toBe(200);
  return (res.body['entries'] as { action: string; resource: string }[]).filter(
    (e) => e.action === 'update' && e.resource === 'sen-status',
  );
}

async function changeToEhcPlan(pupilId: string) {
  const before = (await api('GET', `/api/pupils/${pupilId}/history`)).body as History;
  const today = new Date().toISOString().slice(0, 10);
  const res = await api('POST', `/api/pupils/${pupilId}/sen-status`, {
    code: 'E',
    from: today,
    expectedETag: before.eTag,
  });
  return { before, res };
}

describe('a SEN status change while SharePoint keeps throttling', () => {
  it('the status history list throttled: the pupil is as before (503) or fully changed, never off the register', async () => {
    const pupilId = pupilOnSenSupport(used);
    used.push(pupilId);
    app.local365.faults.set({
      failure: {
        status: 429,
        count: 50,
        retryAfterSeconds: 1,
        method: 'POST',
        pathPrefix: `/sites/${lists.siteId}/lists/${lists.senStatus}/items`,
      },
    });
    const { before, res } = await changeToEhcPlan(pupilId);
    const after = (await api('GET', `/api/pupils/${pupilId}/history`)).body as History;
    if (res.status === 503) {
      expect(after.senProvision).toEqual(before.senProvision);
      expect(after.senStatus).toBe('K');
    } else {
      expect(res.status).toBe(200);
      expect(after.senStatus).toBe('E');
      expect(after.senProvision.at(-1)).toMatchObject({ code: 'E' });
    }
    expect(after.senStatus).not.toBe('N');
    // The register still has the pupil.
    const register = await api('GET', '/api/pupils');
    expect(JSON.stringify(register.body)).toContain(pupilId);

    // Once SharePoint answers again, the next sync finishes what the change left; the audit says which.
    app.local365.faults.clear();
    const replica = app.running.records.attached() as SendRecordsReplica;
    await replica.syncNow();
    expect(replica.unfinishedSenChanges()).not.toContain(pupilId);
    const updates = await senUpdates(pupilId);
    expect(updates).toHaveLength(res.status === 200 ? 1 : 0);
    expect((await api('GET', `/api/pupils/${pupilId}/history`)).body).toEqual(after);
  }, 120_000);

  it('every SharePoint write throttled: 503 and the pupil exactly as before', async () => {
    const pupilId = pupilOnSenSupport(used);
    used.push(pupilId);
    app.local365.faults.set({
      failure: { status: 429, count: 50, retryAfterSeconds: 1, pathPrefix: `/sites/${lists.siteId}/` },
    });
    const { before, res } = await changeToEhcPlan(pupilId);
    app.local365.faults.clear();
    expect(res.status).toBe(503);
    const after = (await api('GET', `/api/pupils/${pupilId}/history`)).body as History;
    expect(after.senProvision).toEqual(before.senProvision);
    expect(after.eTag).toBe(before.eTag);
    expect(await senUpdates(pupilId)).toEqual([]);
  }, 120_000);
});
