import { buildSenSupportPupil } from '../domain/testing/builders.ts';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { AUDIT_GROUP_PUPIL } from './audit-log-list.ts';
import type { GraphConnection } from './graph-client.ts';
import { getAllPages } from './graph-requests.ts';
import { importSendRecords } from './import-records.ts';
import type { SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString, type FilterExpression } from './odata.ts';
import { retentionDeletion } from './retention-deletion.ts';
import { createSendRecords, type SendRecordsReplica } from './send-records-replica.ts';
import type { AuditEntry } from './send-records.ts';
import { provisionSite, type ProvisionResult } from './site-provisioning.ts';
import { findSiteId } from './site.ts';
import { localAppConnection } from './testing/local-connection.ts';

/**
 * The audit log since v6, against the stand-in's SharePoint: the entries of one send in one item, and every
 * reader of the log (the audit view, a pupil's "who looked", the subject access export, deletion under
 * retention) still answering "who saw this pupil, when" entry by entry, old single-entry items included.
 */

let app: TestApp;
let graph: GraphConnection;
let siteId: string;
let provisioned: ProvisionResult;
let replica: SendRecordsReplica;

const ada = buildSenSupportPupil({ legalForename: 'Ada', legalSurname: 'Okafor' });
const ben = buildSenSupportPupil({ legalForename: 'Ben', legalSurname: 'Nowak' });
const cai = buildSenSupportPupil({ legalForename: 'Cai', legalSurname: 'Evans' });

const entry = (
  id: string,
  pupilId: string,
  at: string,
  userId = 'teacher-1',
): AuditEntry & { id: string } => ({
  id,
  at,
  actor: { userId, upn: `${userId}@school.example` },
  action: 'read',
  resource: 'passport',
  pupilId,
  from: '203.0.113.9',
});

const items = (filter?: FilterExpression) =>
  getAllPages<SharePointItem>(
    graph,
    `/sites/${siteId}/lists/${provisioned.listIds.auditLog}/items${itemsQueryString(filter ? { filter } : {})}`,
    'read audit items',
  );

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  graph = localAppConnection({
    baseUrl: app.baseUrl,
    graphRoot: app.config.graphRoot,
    clientId: app.config.clientId,
  });
  const team = app.local365.school.classes[6]!.mailNickname;
  app.grantSite(`/sites/${team}`);
  siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}/sites/${team}`,
  });
  provisioned = await provisionSite({ connection: graph, siteId });
  await importSendRecords({ connection: graph, siteId, records: { pupils: [ada, ben, cai] } });
  replica = createSendRecords({
    connection: graph,
    siteId,
    pollIntervalMs: 60_000,
    onProblem: () => undefined,
    now: () => new Date('2026-12-03T12:00:00Z'),
  });
  await replica.start();
  await replica.refreshAuditLog();
});

afterAll(async () => {
  await replica?.stop();
  await app?.stop();
});

describe('the entries of one send in one audit item', () => {
  it('stores a class view as one item, once however often it is sent, and reads it entry by entry', async () => {
    const classView = [
      entry('view-ada', ada.id, '2026-12-03T09:00:00Z'),
      entry('view-ben', ben.id, '2026-12-03T09:00:00Z'),
      entry('view-cai', cai.id, '2026-12-03T09:00:01Z'),
    ];
    await replica.appendAuditGroup('send-1', classView);
    // Sent again (its answer lost): the unique EntryId keeps one item.
    await replica.appendAuditGroup('send-1', classView);
    const stored = await items(eq('EntryId', 'send-1'));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.fields?.['PupilId']).toBe(AUDIT_GROUP_PUPIL);
    expect((await items(eq('PupilId', ben.id))).map((i) => i.fields?.['EntryId'])).toEqual([]);

    // The audit view and a pupil's "who looked" see entries, not items.
    expect(replica.auditLog({ pupilId: ben.id, limit: 10 }).map((e) => e.id)).toEqual(['view-ben']);
    expect(replica.auditLog({ limit: 3 }).map((e) => e.id)).toEqual(['view-cai', 'view-ben', 'view-ada']);
    // Another server reading the log from SharePoint sees the same.
    const other = createSendRecords({
      connection: graph,
      siteId,
      pollIntervalMs: 60_000,
      onProblem: () => undefined,
      now: () => new Date('2026-12-03T12:00:00Z'),
    });
    await other.start();
    await other.refreshAuditLog();
    expect(other.auditLog({ pupilId: cai.id, limit: 10 })).toEqual([classView[2]]);
    await other.stop();
  });

  it('finds every entry about a pupil for a subject access export: in groups and in old single items, oldest first', async () => {
    // An item as written before v6: one entry, naming its pupil.
    await replica.appendAudit([entry('old-single', ada.id, '2025-03-01T10:00:00Z', 'senco-1')]);
    await replica.appendAuditGroup('send-2', [
      entry('later-ben', ben.id, '2026-12-03T10:00:00Z', 'ta-1'),
      entry('later-ada', ada.id, '2026-12-03T10:00:00Z', 'ta-1'),
    ]);
    const about = await replica.auditEntriesAbout(ada.id);
    expect(about.map((e) => [e.id, e.actor.userId])).toEqual([
      ['old-single', 'senco-1'],
      ['view-ada', 'teacher-1'],
      ['later-ada', 'ta-1'],
    ]);
    expect(about.every((e) => e.pupilId === ada.id)).toBe(true);
  });

  it('takes a pupil deleted under retention out of every group, and deletes a group left empty', async () => {
    await replica.appendAuditGroup('send-only-cai', [
      entry('cai-1', cai.id, '2026-12-03T11:00:00Z'),
      entry('cai-2', cai.id, '2026-12-03T11:00:01Z'),
    ]);
    await retentionDeletion({ connection: graph, siteId }).erase({
      pupilId: cai.id,
      reason: 'test',
      at: new Date('2026-12-03T11:30:00Z'),
    });
    const about = await replica.auditEntriesAbout(cai.id);
    // Only the deletion's own two entries stay.
    expect(about.map((e) => e.resource)).toEqual(['retention', 'retention']);
    expect(await items(eq('EntryId', 'send-only-cai'))).toEqual([]);
    const classView = await items(eq('EntryId', 'send-1'));
    expect(String(classView[0]?.fields?.['Entries'])).not.toContain(cai.id);
    expect(String(classView[0]?.fields?.['Entries'])).toContain(ben.id);
  });
});
