import { buildPassport, buildPupil, buildSenSupportPupil } from '../domain/testing/builders.ts';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import type { GraphConnection } from './graph-client.ts';
import { getAllPages, graphDelete, graphPatch, graphPost } from './graph-requests.ts';
import { importSendRecords } from './import-records.ts';
import { createFields, type SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString, type FilterExpression } from './odata.ts';
import { pupilToFields } from './pupils-list.ts';
import { createSendRecords, type SendRecordsReplica } from './send-records-replica.ts';
import type { Actor, AuditEntry } from './send-records.ts';
import { provisionSite, type ProvisionResult } from './site-provisioning.ts';
import { findSiteId } from './site.ts';
import { localAppConnection } from './testing/local-connection.ts';

/**
 * The replica against the stand-in set to SharePoint's harder answers:
 * - list-item delta without lastModifiedBy, deleted items as inline `{ error }` entries with no id
 *   (https://github.com/microsoftgraph/msgraph-sdk-typescript/issues/544), and (a switch) delta links that drop
 *   `$expand`, so entries come without fields (undocumented either way: https://learn.microsoft.com/graph/api/listitem-delta);
 * - a duplicate in a unique column answered 500, not 409 (https://github.com/pnp/pnpcore/issues/1280), and
 *   writes that are applied but answered with a failure, so every failed create is "maybe created".
 */

let app: TestApp;
let graph: GraphConnection;
let siteId: string;
let provisioned: ProvisionResult;

const teacher: Actor = { userId: 'teacher-user-id', upn: 'teacher@example.org', name: 'Sam Teacher' };
const pupils = Array.from({ length: 7 }, (_, i) =>
  i % 2 ? buildPupil({ legalSurname: `Pupil${i}` }) : buildSenSupportPupil({ legalSurname: `Sen${i}` }),
);
const [first, second, third] = pupils as [
  (typeof pupils)[number],
  (typeof pupils)[number],
  (typeof pupils)[number],
];

const items = (listId: string, filter?: FilterExpression) =>
  getAllPages<SharePointItem>(
    graph,
    `/sites/${siteId}/lists/${listId}/items${itemsQueryString(filter ? { filter } : {})}`,
    'read items',
  );
const pupilItem = async (pupilId: string) =>
  (await items(provisioned.listIds.pupils, eq('PupilId', pupilId)))[0]!;
const pupilsPath = () => `/sites/${siteId}/lists/${provisioned.listIds.pupils}/items`;

/** A replica with small delta pages, so a first enumeration spans several pages. */
async function startReplica(): Promise<SendRecordsReplica> {
  const replica = createSendRecords({ connection: graph, siteId, pollIntervalMs: 600_000, pageSize: 2 });
  await replica.start();
  return replica;
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
  app.grantSite(`/sites/${app.local365.school.classes[4]!.mailNickname}`);
  siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}/sites/${app.local365.school.classes[4]!.mailNickname}`,
  });
  provisioned = await provisionSite({ connection: graph, siteId });
  await importSendRecords({
    connection: graph,
    siteId,
    records: { pupils, passports: [buildPassport({ pupilId: first.id })] },
  });
});

afterAll(async () => {
  await app?.stop();
});

afterEach(() => {
  app.local365.faults.clear();
});

describe('delta as SharePoint Online answers it', () => {
  it('removes an item whose deletion comes as an inline error entry with no id, and keeps every other change', async () => {
    const replica = await startReplica();
    try {
      expect(replica.pupils()).toHaveLength(pupils.length);
      await graphDelete(graph, `${pupilsPath()}/${(await pupilItem(second.id)).id}`, 'delete');
      await graphPatch(
        graph,
        `${pupilsPath()}/${(await pupilItem(third.id)).id}/fields`,
        { PreferredForename: 'Tee' },
        'edit',
      );
      await replica.syncNow();
      expect(replica.pupil(second.id)).toBeUndefined();
      expect(replica.pupil(third.id)?.preferredForename).toBe('Tee');
      expect(replica.pupils()).toHaveLength(pupils.length - 1);
    } finally {
      await replica.stop();
      await graphPost(graph, pupilsPath(), { fields: createFields(pupilToFields(second)) }, 'put back');
    }
  });

  it('with delta links that drop $expand, reads entries without fields again (listing on start, by id in $batch after): nothing dropped, deletions seen', async () => {
    app.local365.faults.set({ sharePoint: { deltaLinksDropExpand: true } });
    const replica = await startReplica();
    try {
      // Pages after the first came without fields: every pupil is there all the same.
      expect(
        replica
          .pupils()
          .map((p) => p.id)
          .sort(),
      ).toEqual(pupils.map((p) => p.id).sort());
      expect(replica.passport(first.id)).toBeDefined();

      await graphPatch(
        graph,
        `${pupilsPath()}/${(await pupilItem(first.id)).id}/fields`,
        { PreferredForename: 'Firsty' },
        'edit',
      );
      const added = buildPupil({ legalSurname: 'Newcomer' });
      await graphPost(graph, pupilsPath(), { fields: createFields(pupilToFields(added)) }, 'add');
      await graphDelete(graph, `${pupilsPath()}/${(await pupilItem(third.id)).id}`, 'delete');
      await replica.syncNow();
      expect(replica.pupil(first.id)?.preferredForename).toBe('Firsty');
      expect(replica.pupil(added.id)?.legalSurname).toBe('Newcomer');
      expect(replica.pupil(third.id)).toBeUndefined();
      // Delta carries no lastModifiedBy; the item read by id does, so who changed it is still known.
      expect(replica.pupilRecord(first.id)?.modifiedBy).toBeDefined();
      await graphPost(graph, pupilsPath(), { fields: createFields(pupilToFields(third)) }, 'put back');
    } finally {
      await replica.stop();
    }
  });

  it('keeps a change it could not read by id for the next sync rather than dropping it', async () => {
    app.local365.faults.set({ sharePoint: { deltaLinksDropExpand: true } });
    const replica = await startReplica();
    try {
      const item = await pupilItem(first.id);
      await graphPatch(graph, `${pupilsPath()}/${item.id}/fields`, { PreferredForename: 'Again' }, 'edit');
      app.local365.faults.set({
        sharePoint: { deltaLinksDropExpand: true },
        failure: {
          status: 503,
          count: 50,
          retryAfterSeconds: 0,
          method: 'GET',
          pathPrefix: `${pupilsPath()}/${item.id}`,
        },
      });
      await expect(replica.syncNow()).rejects.toThrow(/reading changed items by id/);
      expect(replica.pupil(first.id)?.preferredForename).not.toBe('Again');
      app.local365.faults.set({ sharePoint: { deltaLinksDropExpand: true } });
      await replica.syncNow();
      expect(replica.pupil(first.id)?.preferredForename).toBe('Again');
    } finally {
      await replica.stop();
    }
  });
});

describe('a failed create is "maybe created": the key is read back', () => {
  it('takes an acknowledgement applied but answered 503 as made, and stores it once', async () => {
    const replica = await startReplica();
    try {
      app.local365.faults.set({
        failure: {
          status: 503,
          count: 1,
          method: 'POST',
          pathPrefix: `/sites/${siteId}/lists/${provisioned.listIds.passportAcknowledgements}/items`,
          afterApplying: true,
        },
      });
      const ack = await replica.acknowledgePassport({
        pupilId: first.id,
        passportVersion: 1,
        by: teacher,
        at: '2026-01-15T09:30:00Z',
      });
      expect(app.local365.faults.failedCount).toBe(1);
      expect(ack).toMatchObject({ pupilId: first.id, passportVersion: 1, userId: teacher.userId });
      expect(await items(provisioned.listIds.passportAcknowledgements)).toHaveLength(1);
      // Sent again: SharePoint's duplicate answer is a 500, and is read back as the stored acknowledgement.
      expect(
        await replica.acknowledgePassport({
          pupilId: first.id,
          passportVersion: 1,
          by: teacher,
          at: '2026-01-16T09:30:00Z',
        }),
      ).toEqual(ack);
    } finally {
      await replica.stop();
    }
  });

  it('writes audit entries applied but answered 503 inside $batch once, without reporting them failed', async () => {
    const replica = await startReplica();
    try {
      app.local365.faults.set({
        failure: {
          status: 503,
          count: 2,
          retryAfterSeconds: 0,
          method: 'POST',
          pathPrefix: `/sites/${siteId}/lists/${provisioned.listIds.auditLog}/items`,
          afterApplying: true,
        },
      });
      const entry = (id: string): AuditEntry => ({
        id,
        at: '2026-01-12T09:00:00Z',
        actor: { userId: teacher.userId, upn: teacher.upn },
        action: 'read',
        resource: 'pupil',
        pupilId: first.id,
      });
      await replica.appendAudit([entry('a-1'), entry('a-2'), entry('a-3')]);
      expect(app.local365.faults.failedCount).toBe(2);
      for (const id of ['a-1', 'a-2', 'a-3'])
        expect(await items(provisioned.listIds.auditLog, eq('EntryId', id))).toHaveLength(1);
      expect(
        replica
          .auditLog({ limit: 10 })
          .map((e) => e.id)
          .sort(),
      ).toEqual(['a-1', 'a-2', 'a-3']);
    } finally {
      await replica.stop();
    }
  });

  it('counts records an import had applied before a failure as already there', async () => {
    const late = [buildPupil({ legalSurname: 'Late1' }), buildPupil({ legalSurname: 'Late2' })];
    app.local365.faults.set({
      failure: {
        status: 503,
        count: 1,
        method: 'POST',
        pathPrefix: `/sites/${siteId}/lists/${provisioned.listIds.pupils}/items`,
        afterApplying: true,
        retryAfterSeconds: 0,
      },
    });
    const result = await importSendRecords({ connection: graph, siteId, records: { pupils: late } });
    expect(result.byList.pupils).toEqual({ created: 1, skipped: 1 });
    for (const p of late)
      expect(await items(provisioned.listIds.pupils, eq('PupilId', p.id))).toHaveLength(1);
  });
});
