import { buildPupil } from '../domain/testing/builders.ts';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphGet, graphPatch, graphPost } from './graph-requests.ts';
import { eq, itemsQueryString } from './odata.ts';
import { createSendRecords } from './send-records-replica.ts';
import { importSendRecords } from './import-records.ts';
import { textColumn, type ListDefinition } from './list-definition.ts';
import type { SharePointItem } from './list-fields.ts';
import { PROFESSIONALS_LIST } from './professionals-list.ts';
import { PUPILS_LIST } from './pupils-list.ts';
import { SETTINGS_LIST } from './settings-list.ts';
import {
  provisionSite,
  SchemaMismatchError,
  siteSchemaVersion,
  type ProvisionProgress,
} from './site-provisioning.ts';
import { SENCO_HUB_SCHEMA, type SiteSchema } from './site-schema.ts';
import { findSiteId, SiteNotProvisionedError, SiteSchemaOutdatedError } from './site.ts';
import { localAppConnection } from './testing/local-connection.ts';

/**
 * Provisioning against the stand-in's SharePoint. Each test uses its own class team site, so the SENCO Hub
 * site stays untouched and the tests do not depend on each other.
 */

let app: TestApp;
let graph: GraphConnection;

type GraphColumn = {
  name: string;
  indexed: boolean;
  enforceUniqueValues: boolean;
  choice?: { choices: string[] };
};
type GraphList = { id: string; displayName: string; eTag: string };

beforeAll(async () => {
  app = await startTestApp();
  // The server provisions the SENCO Hub site as it starts; let it finish before the fault switches are used.
  await app.running.ready;
  graph = localAppConnection({
    baseUrl: app.baseUrl,
    graphRoot: app.config.graphRoot,
    clientId: app.config.clientId,
    retry: { maxRetries: 2, delaySeconds: 0 },
  });
});

afterAll(async () => {
  await app?.stop();
});

/** A class team's site, granted to the app as an admin would (Sites.Selected reaches no site until then). */
async function classSite(index: number): Promise<string> {
  const cls = app.local365.school.classes[index]!;
  app.grantSite(`/sites/${cls.mailNickname}`);
  return findSiteId({
    connection: graph,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}/sites/${cls.mailNickname}`,
  });
}

const lists = (siteId: string) =>
  getAllPages<GraphList>(graph, `/sites/${siteId}/lists?$select=id,displayName,eTag`, 'lists');

const columns = (siteId: string, listId: string) =>
  getAllPages<GraphColumn>(graph, `/sites/${siteId}/lists/${listId}/columns`, 'columns');

async function expectSchema(siteId: string, schema: SiteSchema): Promise<void> {
  const found = await lists(siteId);
  for (const list of schema.lists) {
    const matching = found.filter((l) => l.displayName === list.displayName);
    expect(matching, list.displayName).toHaveLength(1);
    const cols = await columns(siteId, matching[0]!.id);
    for (const def of list.columns.filter((c) => c.since <= schema.version)) {
      const col = cols.find((c) => c.name === def.name);
      expect(col, `${list.displayName}.${def.name}`).toBeDefined();
      expect(col!.indexed, `${list.displayName}.${def.name} indexed`).toBe(def.indexed === true);
      expect(col!.enforceUniqueValues, `${list.displayName}.${def.name} unique`).toBe(def.unique === true);
    }
  }
}

function withList(schema: SiteSchema, version: number, list: ListDefinition): SiteSchema {
  return { version, lists: schema.lists.map((l) => (l.key === list.key ? list : l)) };
}

describe('provisionSite', () => {
  it('creates every list with its indexed and unique columns, and a second run writes nothing', async () => {
    const siteId = await classSite(0);
    const progress: ProvisionProgress[] = [];
    const first = await provisionSite({ connection: graph, siteId, onProgress: (p) => progress.push(p) });
    expect(first.previousVersion).toBeUndefined();
    expect(first.schemaVersion).toBe(SENCO_HUB_SCHEMA.version);
    expect(first.changes.filter((c) => c.kind === 'list-created')).toHaveLength(
      SENCO_HUB_SCHEMA.lists.length,
    );
    // Every list, the school's settings item and the schema version: the count it starts with is the count it ends on.
    const needed = SENCO_HUB_SCHEMA.lists.length + 2;
    expect(progress[0]).toMatchObject({ kind: 'checked', changesNeeded: needed });
    expect(progress.at(-1)).toMatchObject({ done: needed, total: needed });
    expect(progress.at(-1)).toMatchObject({ kind: 'version-recorded', version: SENCO_HUB_SCHEMA.version });
    await expectSchema(siteId, SENCO_HUB_SCHEMA);
    expect(await siteSchemaVersion({ connection: graph, siteId })).toBe(SENCO_HUB_SCHEMA.version);

    const before = await lists(siteId);
    const second = await provisionSite({ connection: graph, siteId });
    expect(second.changes).toEqual([]);
    expect(second.previousVersion).toBe(SENCO_HUB_SCHEMA.version);
    // A list's eTag moves with any change to it or its columns.
    expect(await lists(siteId)).toEqual(before);
  });

  it('moves a site up a schema version: adds a column and a choice, keeps the data, and never goes back', async () => {
    const siteId = await classSite(1);
    await provisionSite({ connection: graph, siteId });
    const pupil = buildPupil({ legalSurname: 'Okonkwo' });
    await importSendRecords({ connection: graph, siteId, records: { pupils: [pupil] } });

    const next = SENCO_HUB_SCHEMA.version + 1;
    const v2 = withList(
      withList(SENCO_HUB_SCHEMA, next, {
        ...PUPILS_LIST,
        columns: [...PUPILS_LIST.columns, textColumn('NhsNumber', { indexed: true, since: next })],
      }),
      next,
      {
        ...PROFESSIONALS_LIST,
        columns: PROFESSIONALS_LIST.columns.map((c) =>
          c.name === 'Profession' ? { ...c, choices: [...(c.choices ?? []), 'music-therapist'] } : c,
        ),
      },
    );
    const upgraded = await provisionSite({ connection: graph, siteId, schema: v2 });
    expect(upgraded.previousVersion).toBe(SENCO_HUB_SCHEMA.version);
    expect(upgraded.changes).toEqual([
      { kind: 'column-added', list: PUPILS_LIST.displayName, column: 'NhsNumber' },
      {
        kind: 'column-updated',
        list: PROFESSIONALS_LIST.displayName,
        column: 'Profession',
        change: 'choices',
      },
      { kind: 'version-recorded', version: next },
    ]);
    await expectSchema(siteId, v2);
    const pupilsId = upgraded.listIds.pupils;
    const profession = (await columns(siteId, upgraded.listIds.professionals)).find(
      (c) => c.name === 'Profession',
    );
    expect(profession?.choice?.choices).toContain('music-therapist');
    expect(profession?.choice?.choices).toContain('educational-psychologist');
    const items = await getAllPages<SharePointItem>(
      graph,
      `/sites/${siteId}/lists/${pupilsId}/items?$expand=fields`,
      'items',
    );
    expect(items.map((i) => i.fields)).toEqual([
      expect.objectContaining({ PupilId: pupil.id, LegalSurname: 'Okonkwo', Upn: pupil.upn }),
    ]);

    // An older server provisioning the newer site changes nothing and keeps the recorded version.
    const older = await provisionSite({ connection: graph, siteId });
    expect(older.changes).toEqual([]);
    expect(older.schemaVersion).toBe(next);
    expect(await siteSchemaVersion({ connection: graph, siteId })).toBe(next);
  });

  it('finishes the work after failing part-way, without creating anything twice', async () => {
    const siteId = await classSite(2);
    let created = 0;
    const failing = provisionSite({
      connection: graph,
      siteId,
      onProgress: (p) => {
        if (p.kind === 'list-created' && ++created === 3)
          app.local365.faults.set({
            failure: { status: 503, count: 1000, retryAfterSeconds: 0, pathPrefix: '/sites/' },
          });
      },
    });
    const err: unknown = await failing.catch((e: unknown) => e);
    app.local365.faults.clear();
    expect(err).toBeInstanceOf(GraphRequestError);
    expect((err as GraphRequestError).status).toBe(503);
    expect((await lists(siteId)).filter((l) => l.displayName.startsWith('SENCO Hub'))).toHaveLength(3);
    expect(await siteSchemaVersion({ connection: graph, siteId })).toBeUndefined();

    const resumed = await provisionSite({ connection: graph, siteId });
    expect(resumed.changes.filter((c) => c.kind === 'list-created')).toHaveLength(
      SENCO_HUB_SCHEMA.lists.length - 3,
    );
    await expectSchema(siteId, SENCO_HUB_SCHEMA);
    expect(await siteSchemaVersion({ connection: graph, siteId })).toBe(SENCO_HUB_SCHEMA.version);
  });

  it('mends lists whose columns are missing or not indexed, and refuses a column of the wrong type', async () => {
    const siteId = await classSite(3);
    // Left by a run whose list was created without its columns (Graph can skip them, G15).
    await graphPost(
      graph,
      `/sites/${siteId}/lists`,
      { displayName: SETTINGS_LIST.displayName, list: { template: 'genericList' } },
      'create',
    );
    // Made by hand before SENCO Hub: Upn without its index; below, LegalSurname as a number.
    await graphPost(
      graph,
      `/sites/${siteId}/lists`,
      {
        displayName: PUPILS_LIST.displayName,
        list: { template: 'genericList' },
        columns: [{ name: 'Upn', text: {} }],
      },
      'create',
    );
    const fixed = await provisionSite({ connection: graph, siteId });
    expect(fixed.changes).toContainEqual({
      kind: 'column-updated',
      list: PUPILS_LIST.displayName,
      column: 'Upn',
      change: 'unique',
    });
    expect(fixed.changes).toContainEqual({
      kind: 'column-added',
      list: SETTINGS_LIST.displayName,
      column: 'SettingKey',
    });
    await expectSchema(siteId, SENCO_HUB_SCHEMA);
    expect(await siteSchemaVersion({ connection: graph, siteId })).toBe(SENCO_HUB_SCHEMA.version);

    const other = await classSite(4);
    await graphPost(
      graph,
      `/sites/${other}/lists`,
      {
        displayName: PUPILS_LIST.displayName,
        list: { template: 'genericList' },
        columns: [{ name: 'LegalSurname', number: {} }],
      },
      'create',
    );
    await expect(provisionSite({ connection: graph, siteId: other })).rejects.toThrow(SchemaMismatchError);
    await expect(graphGet(graph, `/sites/${other}`, 'site')).resolves.toBeDefined();
  });

  it('is required before a replica will start, at the version the server needs', async () => {
    const siteId = await classSite(6);
    const replica = () => createSendRecords({ connection: graph, siteId, pollIntervalMs: 60_000 });
    await expect(replica().start()).rejects.toThrow(SiteNotProvisionedError);
    const { listIds } = await provisionSite({ connection: graph, siteId });
    const [version] = await getAllPages<SharePointItem>(
      graph,
      `/sites/${siteId}/lists/${listIds.settings}/items${itemsQueryString({ filter: eq('SettingKey', 'schema-version') })}`,
      'read',
    );
    await graphPatch(
      graph,
      `/sites/${siteId}/lists/${listIds.settings}/items/${version!.id}/fields`,
      { Value: '{"version":0}' },
      'edit',
    );
    await expect(replica().start()).rejects.toThrow(SiteSchemaOutdatedError);
    await provisionSite({ connection: graph, siteId });
    const started = replica();
    await started.start();
    expect(started.isReady()).toBe(true);
    await started.stop();
  });
});
