import { d } from '../domain/testing/builders.ts';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { AUDIT_LOG_LIST, auditEntryFromItem, auditEntryToFields } from './audit-log-list.ts';
import type { GraphConnection } from './graph-client.ts';
import { graphPost } from './graph-requests.ts';
import { createFields, type Fields } from './list-fields.ts';
import { createListMirror, type MirrorProblem } from './list-mirror.ts';
import { SCHEMA_VERSION } from './site-schema.ts';
import { provisionSite, type ProvisionResult } from './site-provisioning.ts';
import { findSiteId } from './site.ts';
import { TA_ASSIGNMENTS_LIST, taAssignmentFromItem, taAssignmentToFields } from './ta-assignments-list.ts';
import { localAppConnection } from './testing/local-connection.ts';

/**
 * The list mirror on its own, over two lists that are not SEND records' joins, against the stand-in: it knows
 * lists and rows, not pupils, so any list given to it is loaded, written, kept current and windowed the same way.
 */

let app: TestApp;
let graph: GraphConnection;
let siteId: string;
let provisioned: ProvisionResult;

const now = new Date('2026-12-03T09:00:00Z');
const daysAgo = (days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const post = (listId: string, fields: Fields) =>
  graphPost(graph, `/sites/${siteId}/lists/${listId}/items`, { fields: createFields(fields) }, 'add an item');

function startMirror(problems: MirrorProblem[] = [], afterSync?: () => Promise<void>) {
  return createListMirror({
    connection: graph,
    siteId,
    parsers: { taAssignments: taAssignmentFromItem, auditLog: auditEntryFromItem },
    lists: { taAssignments: TA_ASSIGNMENTS_LIST, auditLog: AUDIT_LOG_LIST },
    windows: { auditLog: { column: 'At', days: 30, at: (row) => row.at } },
    schemaVersion: SCHEMA_VERSION,
    pollIntervalMs: 600_000,
    pageSize: 2,
    now: () => now,
    newId: () => crypto.randomUUID(),
    report: (problem) => problems.push(problem),
    ...(afterSync ? { afterSync } : {}),
  });
}

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  graph = localAppConnection({
    baseUrl: app.baseUrl,
    graphRoot: app.config.graphRoot,
    clientId: app.config.clientId,
    retry: { maxRetries: 0, delaySeconds: 0 },
  });
  const site = `/sites/${app.local365.school.classes[5]!.mailNickname}`;
  app.grantSite(site);
  siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}${site}`,
  });
  provisioned = await provisionSite({ connection: graph, siteId });
  for (const from of [d('2026-09-01'), d('2026-09-02'), d('2026-09-03')])
    await post(
      provisioned.listIds.taAssignments,
      taAssignmentToFields({ pupilId: 'p1', staffUserId: 'ta', from }),
    );
});

afterAll(async () => {
  await app?.stop();
});

describe('the list mirror', () => {
  it('loads any list it is given across pages, leaves out and reports an item its parser refuses, and runs afterSync', async () => {
    await post(provisioned.listIds.taAssignments, {
      AssignmentKey: 'no pupil',
      StaffUserId: 'ta',
      FromOn: '2026-09-04',
    });
    const problems: MirrorProblem[] = [];
    let afterSyncs = 0;
    const mirror = startMirror(problems, () => {
      afterSyncs += 1;
      return Promise.resolve();
    });
    await mirror.start();
    try {
      expect([...mirror.entries('taAssignments').values()].map((e) => e.row.from).sort()).toEqual([
        '2026-09-01',
        '2026-09-02',
        '2026-09-03',
      ]);
      expect(problems).toEqual([
        expect.objectContaining({ kind: 'invalid-item', list: TA_ASSIGNMENTS_LIST.displayName }),
      ]);
      expect(afterSyncs).toBe(1);
      await mirror.syncNow();
      expect(afterSyncs).toBe(2);
    } finally {
      await mirror.stop();
    }
  });

  it('computes a view again only when a list it reads has changed: by our own write at once, by others on sync', async () => {
    const mirror = startMirror();
    await mirror.start();
    try {
      let computed = 0;
      const count = mirror.view(['taAssignments'], () => {
        computed += 1;
        return mirror.entries('taAssignments').size;
      });
      const before = count();
      expect(count()).toBe(before);
      expect(computed).toBe(1);

      const item = await mirror.writes.createOnce(
        'taAssignments',
        taAssignmentToFields({ pupilId: 'p2', staffUserId: 'ta', from: d('2026-10-01') }),
        'assign a TA',
      );
      expect(mirror.applyOwn('taAssignments', item).row).toEqual({
        pupilId: 'p2',
        staffUserId: 'ta',
        from: '2026-10-01',
      });
      expect(count()).toBe(before + 1);
      expect(computed).toBe(2);

      await post(
        provisioned.listIds.taAssignments,
        taAssignmentToFields({ pupilId: 'p3', staffUserId: 'ta', from: d('2026-10-02') }),
      );
      expect(count()).toBe(before + 1);
      await mirror.syncLists(['taAssignments']);
      expect(count()).toBe(before + 2);
      expect(computed).toBe(3);
    } finally {
      await mirror.stop();
    }
  });

  it('holds a windowed list only once loaded, and only the rows inside its window', async () => {
    const entry = (id: string, at: string) =>
      auditEntryToFields(id, {
        at,
        actor: { userId: 'u', upn: 'u@example.org' },
        action: 'read',
        resource: 'pupil',
      });
    await post(provisioned.listIds.auditLog, entry('recent', daysAgo(2)));
    await post(provisioned.listIds.auditLog, entry('old', daysAgo(90)));
    const mirror = startMirror();
    await mirror.start();
    try {
      const stamp = mirror.changeStamp();
      expect(mirror.entries('auditLog').size).toBe(0);
      await mirror.load('auditLog');
      expect([...mirror.entries('auditLog').values()].map((e) => e.row.id)).toEqual(['recent']);
      // Windowed lists are not part of the records' change stamp.
      expect(mirror.changeStamp()).toBe(stamp);
    } finally {
      await mirror.stop();
    }
  });
});
