import {
  d,
  buildIntervention,
  buildPassport,
  buildPupil,
  buildSenSupportPupil,
} from '../domain/testing/builders.ts';
import type { Pupil } from '../domain/pupil.schema.ts';
import type { Meeting } from '../domain/meeting.schema.ts';
import { changeSenStatus, recordNeeds } from '../domain/sen-record-change.ts';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { runBatch } from './batch.ts';
import type { GraphConnection } from './graph-client.ts';
import { BatchWriteError, ConflictError } from './graph-request-error.ts';
import { getAllPages, graphDelete, graphPatch } from './graph-requests.ts';
import { importSendRecords, importWrites, type SendRecordsImport } from './import-records.ts';
import { eTagVersion, type SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString, startsWith, type FilterExpression } from './odata.ts';
import { PUPILS_LIST, pupilToFields } from './pupils-list.ts';
import { createSendRecords, type ReplicaProblem, type SendRecordsReplica } from './send-records-replica.ts';
import type { Actor, AuditEntry } from './send-records.ts';
import { provisionSite, type ProvisionResult } from './site-provisioning.ts';
import { findSiteId } from './site.ts';
import { localAppConnection } from './testing/local-connection.ts';

/**
 * The replica, writes and import against the stand-in's SharePoint, with its fault switches: throttling
 * bursts, stale eTags, a failing batch member, changes made behind the app's back.
 */

let app: TestApp;
let graph: GraphConnection;
let siteId: string;
let provisioned: ProvisionResult;
let replica: SendRecordsReplica;
const problems: ReplicaProblem[] = [];

const senco: Actor = { userId: 'senco-user-id', upn: 'senco@example.org', name: 'Jo SENCO' };
const teacher: Actor = { userId: 'teacher-user-id', upn: 'teacher@example.org', name: 'Sam Teacher' };

const obrien = buildSenSupportPupil({ legalForename: 'Siobhán', legalSurname: "O'Brien" });
const zoe = buildSenSupportPupil({ legalForename: 'Zoë', legalSurname: 'Brontë' });
const lukasz = buildSenSupportPupil({ legalForename: 'Łukasz', legalSurname: 'Wiśniewski' });
const catchUp = buildPupil({ legalForename: 'Amir', legalSurname: 'Hussain' });
const reading = buildIntervention({
  pupils: [
    { pupilId: obrien.id, sessionsAttended: 10, sessionsOffered: 12 },
    { pupilId: catchUp.id, sessionsAttended: 4 },
  ],
});
const review: Meeting = {
  id: 'meeting-review-zoe',
  kind: 'annual-review',
  pupilIds: [zoe.id],
  on: d('2025-11-12'),
  startsAt: '15:30',
  durationMinutes: 60,
  location: 'SENCO office',
  attendees: [{ name: 'Jo SENCO', role: 'SENCO' }],
  actions: [],
  status: 'booked',
};
const multiAgency: Meeting = {
  id: 'meeting-multi-agency',
  kind: 'multi-agency',
  pupilIds: [zoe.id, obrien.id],
  on: d('2026-01-14'),
  attendees: [],
  actions: [],
  status: 'booked',
};
const fixture: SendRecordsImport = {
  pupils: [obrien, zoe, lukasz, catchUp],
  passports: [buildPassport({ pupilId: obrien.id }), buildPassport({ pupilId: zoe.id })],
  interventions: [reading],
  meetings: [review, multiAgency],
};

function connection(retry?: { maxRetries: number; delaySeconds: number }): GraphConnection {
  return localAppConnection({
    baseUrl: app.baseUrl,
    graphRoot: app.config.graphRoot,
    clientId: app.config.clientId,
    ...(retry ? { retry } : {}),
  });
}

const items = (listId: string, filter?: FilterExpression) =>
  getAllPages<SharePointItem>(
    graph,
    `/sites/${siteId}/lists/${listId}/items${itemsQueryString(filter ? { filter } : {})}`,
    'read items',
  );

beforeAll(async () => {
  app = await startTestApp();
  // The server loads the demo school as it starts; let it finish before the fault switches are used.
  await app.running.ready;
  graph = connection();
  // A site of its own (a class team's), so the demo school's records stay out of the counts.
  app.grantSite(`/sites/${app.local365.school.classes[5]!.mailNickname}`);
  siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}/sites/${app.local365.school.classes[5]!.mailNickname}`,
  });
  provisioned = await provisionSite({ connection: graph, siteId });
  await importSendRecords({ connection: graph, siteId, records: fixture });
  replica = createSendRecords({
    connection: graph,
    siteId,
    pollIntervalMs: 60_000,
    onProblem: (p) => problems.push(p),
    now: () => new Date('2026-01-20T12:00:00Z'),
  });
  await replica.start();
});

afterAll(async () => {
  await replica?.stop();
  await app?.stop();
});

afterEach(() => {
  app.local365.faults.clear();
});

describe('import', () => {
  function moreRecords(n: number): SendRecordsImport {
    const pupils: Pupil[] = Array.from({ length: n }, (_, i) =>
      buildSenSupportPupil({ legalSurname: `Burst${i}` }),
    );
    return { pupils, passports: pupils.map((p) => buildPassport({ pupilId: p.id })) };
  }

  async function expectEachOnce(records: SendRecordsImport) {
    for (const list of ['pupils', 'senStatus', 'needs', 'passports'] as const) {
      const keys = (await items(provisioned.listIds[list])).map((i) => JSON.stringify(i.fields));
      expect(new Set(keys).size, list).toBe(keys.length);
    }
    const writes = importWrites(records);
    const stored = new Map<string, number>();
    for (const list of new Set(writes.map((w) => w.list))) {
      for (const item of await items(provisioned.listIds[list.key]))
        stored.set(
          String(item.fields?.[list.keyColumn]),
          (stored.get(String(item.fields?.[list.keyColumn])) ?? 0) + 1,
        );
    }
    for (const w of writes) expect(stored.get(w.key), w.key).toBe(1);
  }

  it('writes every record exactly once through a burst of 429s inside the batches', async () => {
    const records = moreRecords(30);
    app.local365.faults.set({
      failure: { status: 429, count: 40, retryAfterSeconds: 0, pathPrefix: '/sites/', method: 'POST' },
    });
    const result = await importSendRecords({ connection: graph, siteId, records });
    expect(app.local365.faults.failedCount).toBe(40);
    expect(result.created).toBe(importWrites(records).length);
    await expectEachOnce(records);
  });

  it('writes every record exactly once through 503s on reads and writes, and skips them all the next time', async () => {
    const records = moreRecords(12);
    // 503s on a fifth of list requests, the same ones each run (seeded): the connection retries reads, the batch runner retries members.
    app.local365.faults.set({
      failure: { status: 503, fraction: 0.2, seed: 7, retryAfterSeconds: 0, pathPrefix: '/sites/' },
    });
    const patient = connection({ maxRetries: 10, delaySeconds: 0 });
    const first = await importSendRecords({ connection: patient, siteId, records });
    expect(app.local365.faults.failedCount).toBeGreaterThan(0);
    app.local365.faults.clear();
    expect(first.created + first.skipped).toBe(importWrites(records).length);
    const again = await importSendRecords({ connection: graph, siteId, records });
    expect(again).toMatchObject({ created: 0, skipped: importWrites(records).length });
    await expectEachOnce(records);
  });
});

describe('filters', () => {
  const surnames = async (filter: FilterExpression) =>
    (await items(provisioned.listIds.pupils, filter)).map((i) => i.fields?.['LegalSurname']);

  it('finds names with quotes and non-Latin letters, accents counting', async () => {
    expect(await surnames(eq('LegalSurname', "O'Brien"))).toEqual(["O'Brien"]);
    expect(await surnames(eq('LegalSurname', 'Brontë'))).toEqual(['Brontë']);
    expect(await surnames(eq('LegalSurname', 'Bronte'))).toEqual([]);
    expect(await surnames(startsWith('LegalSurname', 'Wiś'))).toEqual(['Wiśniewski']);
    expect(await surnames(eq('PupilId', lukasz.id))).toEqual(['Wiśniewski']);
  });
});

describe('the replica', () => {
  it('holds the imported records as domain types', () => {
    expect(replica.isReady()).toBe(true);
    expect(replica.pupil(obrien.id)).toEqual(obrien);
    expect(replica.pupil(zoe.id)?.legalForename).toBe('Zoë');
    expect(replica.passport(obrien.id)?.value.version).toBe(1);
    expect(replica.interventions().find((i) => i.value.id === reading.id)?.value).toEqual(reading);
    expect(replica.settings().eTag).not.toBe('');
    expect(problems).toEqual([]);
  });

  it('picks up a change and a delete made directly in SharePoint', async () => {
    const [item] = await items(provisioned.listIds.pupils, eq('PupilId', lukasz.id));
    await graphPatch(
      graph,
      `/sites/${siteId}/lists/${provisioned.listIds.pupils}/items/${item!.id}/fields`,
      {
        PreferredForename: 'Łukek',
      },
      'edit',
    );
    const [catchUpItem] = await items(provisioned.listIds.pupils, eq('PupilId', catchUp.id));
    await graphDelete(
      graph,
      `/sites/${siteId}/lists/${provisioned.listIds.pupils}/items/${catchUpItem!.id}`,
      'delete',
    );
    expect(replica.pupil(lukasz.id)?.preferredForename).toBeUndefined();
    const stamp = replica.changeStamp();
    await replica.syncNow();
    expect(replica.pupil(lukasz.id)?.preferredForename).toBe('Łukek');
    // What is built from the records (the register's rows) knows to build again.
    expect(replica.changeStamp()).not.toBe(stamp);
    expect(replica.pupil(catchUp.id)).toBeUndefined();
  });

  it('polls by itself, and starts again from the beginning when its delta token has expired', async () => {
    const polling = createSendRecords({ connection: graph, siteId, pollIntervalMs: 50 });
    await polling.start();
    try {
      const [item] = await items(provisioned.listIds.pupils, eq('PupilId', obrien.id));
      await graphPatch(
        graph,
        `/sites/${siteId}/lists/${provisioned.listIds.pupils}/items/${item!.id}/fields`,
        {
          PreferredForename: 'Shiv',
        },
        'edit',
      );
      await vi.waitFor(() => expect(polling.pupil(obrien.id)?.preferredForename).toBe('Shiv'));

      await polling.stop();
      app.local365.sharePoint.expireDeltaTokens(siteId, provisioned.listIds.pupils);
      await graphPatch(
        graph,
        `/sites/${siteId}/lists/${provisioned.listIds.pupils}/items/${item!.id}/fields`,
        {
          PreferredForename: null,
        },
        'edit',
      );
      await polling.syncNow();
      expect(polling.pupil(obrien.id)?.preferredForename).toBeUndefined();
      expect(polling.pupils().map((p) => p.id)).toEqual(replica.pupils().map((p) => p.id));
    } finally {
      await polling.stop();
    }
  });

  it('reports an item it cannot read, and leaves it out', async () => {
    const broken = buildPupil({ legalSurname: 'Broken' });
    await runBatch(
      graph,
      [
        {
          id: '1',
          method: 'POST',
          url: `/sites/${siteId}/lists/${provisioned.listIds.pupils}/items`,
          body: { fields: { ...pupilToFields(broken), DateOfBirth: '31/02/2015' } },
        },
      ],
      { operation: 'test' },
    );
    await replica.syncNow();
    expect(replica.pupil(broken.id)).toBeUndefined();
    expect(problems).toContainEqual(
      expect.objectContaining({ kind: 'invalid-item', list: PUPILS_LIST.displayName }),
    );
    problems.length = 0;
  });
});

describe('passports', () => {
  const content = (aboutMe: string) => ({
    aboutMe,
    strengths: ['Draws brilliantly'],
    whatIFindHard: ['Noise'],
    whatHelpsMe: ['Ear defenders'],
    accessArrangements: [],
  });

  it('saves a new version, keeping the history', async () => {
    const current = replica.passport(zoe.id)!;
    const saved = await replica.savePassport({
      pupilId: zoe.id,
      content: content('I like maps.'),
      expectedETag: current.eTag,
      by: senco,
      today: d('2026-01-12'),
    });
    expect(saved.value).toMatchObject({
      version: 2,
      aboutMe: 'I like maps.',
      reviewedOn: '2026-01-12',
      reviewDueOn: '2027-01-12',
      updatedBy: 'Jo SENCO',
    });
    expect(saved.modifiedBy).toBe('Jo SENCO');
    expect(replica.passport(zoe.id)).toEqual(saved);
    expect(replica.passportHistory(zoe.id).map((p) => p.version)).toEqual([1, 2]);
  });

  it('refuses a save quoting a stale eTag, with the current version', async () => {
    const v2 = replica.passport(zoe.id)!;
    const v1ETag = (await items(provisioned.listIds.passports, eq('VersionKey', `${zoe.id}#1`)))[0]!.eTag;
    const err = await replica
      .savePassport({
        pupilId: zoe.id,
        content: content('Stale'),
        expectedETag: v1ETag,
        by: teacher,
        today: d('2026-01-13'),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError<unknown>).current).toEqual(v2);
    expect(replica.passportHistory(zoe.id)).toHaveLength(2);
  });

  it('refuses the second of two servers saving the same version, though its replica had not seen the first', async () => {
    const other = createSendRecords({ connection: connection(), siteId, pollIntervalMs: 60_000 });
    await other.start();
    try {
      const seen = other.passport(obrien.id)!;
      await replica.savePassport({
        pupilId: obrien.id,
        content: content('First'),
        expectedETag: seen.eTag,
        by: senco,
        today: d('2026-01-14'),
      });
      const err = await other
        .savePassport({
          pupilId: obrien.id,
          content: content('Second'),
          expectedETag: seen.eTag,
          by: teacher,
          today: d('2026-01-14'),
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as ConflictError<{ aboutMe: string }>).current?.value.aboutMe).toBe('First');
      expect((await items(provisioned.listIds.passports, eq('PupilId', obrien.id))).length).toBe(2);
    } finally {
      await other.stop();
    }
  });

  it('records an acknowledgement once, however often it is sent', async () => {
    const input = { pupilId: zoe.id, passportVersion: 2, by: teacher, at: '2026-01-15T09:30:00Z' };
    const first = await replica.acknowledgePassport(input);
    const again = await replica.acknowledgePassport({ ...input, at: '2026-01-16T10:00:00Z' });
    expect(again).toEqual(first);
    expect(replica.acknowledgements(zoe.id)).toEqual([
      {
        pupilId: zoe.id,
        passportVersion: 2,
        userId: teacher.userId,
        name: teacher.name,
        at: '2026-01-15T09:30:00Z',
      },
    ]);
  });
});

describe('idle, and the change journal', () => {
  it('asks Graph once a tick while idle, and hears of another instance’s writes through the journal', async () => {
    const own = connection();
    const watcher = createSendRecords({ connection: own, siteId, pollIntervalMs: 100 });
    await watcher.start();
    try {
      const api = vi.spyOn(own.client, 'api');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // At most one request a tick: the journal, or one list of the slow sweep.
      expect(api.mock.calls.length).toBeGreaterThan(2);
      expect(api.mock.calls.length).toBeLessThanOrEqual(10);
      api.mockRestore();

      await replica.savePassport({
        pupilId: lukasz.id,
        content: {
          aboutMe: 'I like trains.',
          strengths: [],
          whatIFindHard: [],
          whatHelpsMe: [],
          accessArrangements: [],
        },
        expectedETag: replica.passport(lukasz.id)?.eTag,
        by: senco,
        today: d('2026-01-12'),
      });
      // Journaled just after the write, with whatever else was written in the same moment.
      await vi.waitFor(async () => {
        const journal = await items(provisioned.listIds.changeJournal);
        expect(String(journal.at(-1)?.fields?.['Lists'])).toContain('passports');
      });
      // The sweep would reach the passports list only at its 20th tick (2 s): the journal brings it sooner.
      await vi.waitFor(() => expect(watcher.passport(lukasz.id)?.value.aboutMe).toBe('I like trains.'), {
        timeout: 1500,
      });
    } finally {
      await watcher.stop();
    }
  });

  it('does not journal the audit log, which every read appends to', async () => {
    const before = (await items(provisioned.listIds.changeJournal)).length;
    await replica.appendAudit([
      {
        at: '2026-01-12T09:00:00Z',
        actor: { userId: senco.userId, upn: senco.upn },
        action: 'read',
        resource: 'pupil',
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await items(provisioned.listIds.changeJournal)).toHaveLength(before);
  });
});

describe('settings', () => {
  it('saves with the current eTag and refuses a stale one, with the current settings', async () => {
    const before = replica.settings();
    const saved = await replica.saveSettings({
      settings: { ...before.value, dueSoonDays: 21 },
      expectedETag: before.eTag,
      by: senco,
    });
    expect(saved.value.dueSoonDays).toBe(21);
    expect(saved.eTag).not.toBe(before.eTag);
    expect(saved.modifiedBy).toBe('Jo SENCO');
    const err = await replica
      .saveSettings({ settings: { ...before.value, dueSoonDays: 7 }, expectedETag: before.eTag, by: teacher })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError<{ dueSoonDays: number }>).current?.value.dueSoonDays).toBe(21);
    expect(replica.settings()).toEqual(saved);
  });
});

describe('SEN status and needs', () => {
  const today = d('2026-01-20');
  let entries = 0;
  const changeEntry = (pupilId: string): AuditEntry & { id: string } => ({
    id: `sen-change-${pupilId}-${++entries}`,
    at: '2026-01-05T09:00:00Z',
    actor: { userId: senco.userId, upn: senco.upn },
    action: 'update',
    resource: 'sen-status',
    pupilId,
  });
  const storedEntries = async (id: string) => items(provisioned.listIds.auditLog, eq('EntryId', id));
  const periodsOf = async (pupilId: string) =>
    (await items(provisioned.listIds.senStatus, eq('PupilId', pupilId)))
      .map(
        (i) =>
          `${String(i.fields?.['Code'])} ${String(i.fields?.['StartOn'])}-${(i.fields?.['EndOn'] as string | undefined) ?? ''}`,
      )
      .sort();

  it('closes the open status and need and adds the new ones, recording who changed the pupil', async () => {
    const before = replica.pupilRecord(zoe.id)!;
    const status = changeSenStatus(before.value, { code: 'E', from: d('2026-01-12') }, today);
    if (!status.ok) throw new Error('unexpected problems');
    const needs = recordNeeds(status.record, { primaryNeed: 'ASD', from: d('2026-01-13') }, today);
    if (!needs.ok) throw new Error('unexpected problems');
    const audit = changeEntry(zoe.id);
    const saved = await replica.savePupilSen({
      pupilId: zoe.id,
      ...needs.record,
      expectedETag: before.eTag,
      by: senco,
      audit,
    });
    // The change and its audit entry, each once; the status list in step with the pupil.
    expect(await storedEntries(audit.id)).toHaveLength(1);
    expect(await periodsOf(zoe.id)).toEqual(['E 2026-01-12-', 'K 2023-09-01-2026-01-12']);
    expect(replica.unfinishedSenChanges()).toEqual([]);
    expect(saved.eTag).not.toBe(before.eTag);
    expect(saved.modifiedBy).toBe('Jo SENCO');
    expect(saved.value.senProvision).toEqual([
      { code: 'K', startOn: d('2023-09-01'), endOn: d('2026-01-12') },
      { code: 'E', startOn: d('2026-01-12') },
    ]);
    expect(saved.value.needs).toEqual([
      { code: 'SPLD', rank: 1, endOn: d('2026-01-13') },
      { code: 'ASD', rank: 1, startOn: d('2026-01-13') },
    ]);
    // What SharePoint holds, read afresh.
    const fresh = createSendRecords({ connection: graph, siteId, pollIntervalMs: 60_000 });
    await fresh.start();
    try {
      expect(fresh.pupil(zoe.id)).toEqual(saved.value);
    } finally {
      await fresh.stop();
    }
  });

  it('refuses a change made from a stale version, with the pupil as now stored, and changes nothing', async () => {
    const before = replica.pupilRecord(obrien.id)!;
    const first = changeSenStatus(before.value, { code: 'E', from: d('2026-01-05') }, today);
    const second = changeSenStatus(before.value, { code: 'N', from: d('2026-01-06') }, today);
    if (!first.ok || !second.ok) throw new Error('unexpected problems');
    await replica.savePupilSen({
      pupilId: obrien.id,
      ...first.record,
      expectedETag: before.eTag,
      by: senco,
      audit: changeEntry(obrien.id),
    });
    const err = await replica
      .savePupilSen({
        pupilId: obrien.id,
        ...second.record,
        expectedETag: before.eTag,
        by: teacher,
        audit: changeEntry(obrien.id),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    const current = (err as ConflictError<Pupil>).current;
    expect(current?.modifiedBy).toBe('Jo SENCO');
    expect(current?.value.senProvision.at(-1)).toEqual({ code: 'E', startOn: d('2026-01-05') });
    const periods = await items(provisioned.listIds.senStatus, eq('PupilId', obrien.id));
    expect(periods.map((i) => i.fields?.['Code'])).toEqual(['K', 'E']);
  });
});

describe('SEN status and needs, interrupted', () => {
  const today = d('2026-01-20');
  const entry = (pupilId: string): AuditEntry & { id: string } => ({
    id: `sen-change-throttled-${pupilId}`,
    at: '2026-01-05T09:00:00Z',
    actor: { userId: senco.userId, upn: senco.upn },
    action: 'update',
    resource: 'sen-status',
    pupilId,
    detail: 'E from 2026-01-12',
  });
  const periodsOf = async (pupilId: string) =>
    (await items(provisioned.listIds.senStatus, eq('PupilId', pupilId)))
      .map(
        (i) =>
          `${String(i.fields?.['Code'])} ${String(i.fields?.['StartOn'])}-${(i.fields?.['EndOn'] as string | undefined) ?? ''}`,
      )
      .sort();

  it('a change whose status list stays throttled is made whole: changed everywhere at once, finished later, audited once', async () => {
    const pupil = buildSenSupportPupil({ legalSurname: 'Throttled' });
    await importSendRecords({ connection: graph, siteId, records: { pupils: [pupil] } });
    await replica.syncNow();
    const before = replica.pupilRecord(pupil.id)!;
    const change = changeSenStatus(before.value, { code: 'E', from: d('2026-01-12') }, today);
    if (!change.ok) throw new Error('unexpected problems');
    const audit = entry(pupil.id);
    app.local365.faults.set({
      failure: {
        status: 429,
        count: 1000,
        retryAfterSeconds: 0,
        method: 'POST',
        pathPrefix: `/sites/${siteId}/lists/${provisioned.listIds.senStatus}/items`,
      },
    });
    const problemsBefore = problems.length;
    const saved = await replica.savePupilSen({
      pupilId: pupil.id,
      ...change.record,
      expectedETag: before.eTag,
      by: senco,
      audit,
    });
    // Committed: the pupil reads as changed, though the status list has not caught up.
    expect(saved.value.senProvision).toEqual(change.record.senProvision);
    expect(await periodsOf(pupil.id)).toEqual(['K 2023-09-01-']);
    expect(replica.unfinishedSenChanges()).toEqual([pupil.id]);
    expect(problems.slice(problemsBefore)).toContainEqual(
      expect.objectContaining({ kind: 'sen-change-unfinished', pupilId: pupil.id }),
    );

    // Another server (or this one after a restart) reads the pupil as changed too, and cannot finish yet.
    const restarted = createSendRecords({
      connection: graph,
      siteId,
      pollIntervalMs: 60_000,
      now: () => new Date('2026-01-20T12:00:00Z'),
    });
    await restarted.start();
    try {
      expect(restarted.pupil(pupil.id)).toEqual(saved.value);
      expect(restarted.unfinishedSenChanges()).toEqual([pupil.id]);
      // SharePoint answers again: the next sync finishes the change.
      app.local365.faults.clear();
      await restarted.syncNow();
      expect(restarted.unfinishedSenChanges()).toEqual([]);
      expect(await periodsOf(pupil.id)).toEqual(['E 2026-01-12-', 'K 2023-09-01-2026-01-12']);
      expect(restarted.pupil(pupil.id)).toEqual(saved.value);
    } finally {
      await restarted.stop();
    }
    // The audit entry went in with the change, once, however many times finishing was tried.
    const stored = await items(provisioned.listIds.auditLog, eq('EntryId', audit.id));
    expect(stored).toHaveLength(1);
    await replica.syncNow();
    expect(replica.unfinishedSenChanges()).toEqual([]);
  });

  it('a change that cannot be committed leaves the pupil exactly as before, and unaudited', async () => {
    const pupil = buildSenSupportPupil({ legalSurname: 'Refused' });
    await importSendRecords({ connection: graph, siteId, records: { pupils: [pupil] } });
    await replica.syncNow();
    const before = replica.pupilRecord(pupil.id)!;
    const change = changeSenStatus(before.value, { code: 'E', from: d('2026-01-12') }, today);
    if (!change.ok) throw new Error('unexpected problems');
    const audit = { ...entry(pupil.id), id: `sen-change-refused-${pupil.id}` };
    app.local365.faults.set({
      failure: { status: 503, count: 1000, retryAfterSeconds: 0, pathPrefix: `/sites/${siteId}/lists/` },
    });
    const err = await replica
      .savePupilSen({ pupilId: pupil.id, ...change.record, expectedETag: before.eTag, by: senco, audit })
      .catch((e: unknown) => e);
    app.local365.faults.clear();
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ConflictError);
    await replica.syncNow();
    expect(replica.pupilRecord(pupil.id)).toEqual(before);
    expect(await periodsOf(pupil.id)).toEqual(['K 2023-09-01-']);
    expect(await items(provisioned.listIds.auditLog, eq('EntryId', audit.id))).toEqual([]);
  });

  it('refuses a change that would remove or reopen history, writing nothing', async () => {
    const before = replica.pupilRecord(lukasz.id);
    if (!before) return; // deleted by an earlier test
    const err = await replica
      .savePupilSen({
        pupilId: lukasz.id,
        senProvision: [],
        needs: before.value.needs,
        expectedETag: before.eTag,
        by: senco,
        audit: { ...entry(lukasz.id), id: 'sen-change-removal' },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toMatch(/would be removed/);
    expect(replica.pupilRecord(lukasz.id)?.eTag).toBe(before.eTag);
  });
});

describe('meetings', () => {
  it('lists each pupil’s meetings, newest first, including meetings about several pupils', () => {
    expect(replica.meetingsFor(zoe.id)).toEqual([multiAgency, review]);
    expect(replica.meetingsFor(obrien.id)).toEqual([multiAgency]);
    expect(replica.meetingsFor(lukasz.id)).toEqual([]);
  });
});

describe('intervention sessions', () => {
  it('adds recorded sessions to each pupil’s attendance', async () => {
    await replica.recordInterventionSession({
      interventionId: reading.id,
      date: d('2026-01-12'),
      attendedPupilIds: [obrien.id],
      absentPupilIds: [catchUp.id],
      recordedBy: teacher,
    });
    const pupils = replica.interventions().find((i) => i.value.id === reading.id)!.value.pupils;
    expect(pupils.find((p) => p.pupilId === obrien.id)).toMatchObject({
      sessionsAttended: 11,
      sessionsOffered: 13,
    });
    // Offered was not known before sessions were recorded, so it stays unknown rather than undercounted.
    expect(pupils.find((p) => p.pupilId === catchUp.id)).toMatchObject({
      sessionsAttended: 4,
      sessionsOffered: undefined,
    });
  });
});

describe('marking a passport reviewed', () => {
  it('updates the current version in place: no new version, every “I’ve read this” kept', async () => {
    const before =
      replica.passport(lukasz.id) ??
      (await replica.savePassport({
        pupilId: lukasz.id,
        content: {
          aboutMe: 'I like chess.',
          strengths: ['Chess'],
          whatIFindHard: ['Noise'],
          whatHelpsMe: ['Ear defenders'],
          accessArrangements: [],
        },
        expectedETag: undefined,
        by: senco,
        today: d('2026-01-05'),
      }));
    await replica.acknowledgePassport({
      pupilId: lukasz.id,
      passportVersion: before.value.version,
      by: teacher,
      at: '2026-01-06T09:00:00Z',
    });
    const itemsBefore = (await items(provisioned.listIds.passports, eq('PupilId', lukasz.id))).length;
    const reviewed = await replica.markPassportReviewed({
      pupilId: lukasz.id,
      expectedETag: before.eTag,
      by: senco,
      today: d('2026-02-02'),
    });
    expect(reviewed.value).toEqual({ ...before.value, reviewedOn: '2026-02-02', reviewDueOn: '2027-02-02' });
    expect(reviewed.eTag).not.toBe(before.eTag);
    expect((await items(provisioned.listIds.passports, eq('PupilId', lukasz.id))).length).toBe(itemsBefore);
    expect(
      replica.acknowledgements(lukasz.id).filter((a) => a.passportVersion === reviewed.value.version),
    ).toHaveLength(1);
    // The version reviewed before is now stale.
    const err = await replica
      .markPassportReviewed({
        pupilId: lukasz.id,
        expectedETag: before.eTag,
        by: senco,
        today: d('2026-02-03'),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
  });
});

describe('recording a session is idempotent: one per intervention and day', () => {
  const sessionsOn = async (date: string) =>
    (await items(provisioned.listIds.interventionSessions, eq('InterventionId', reading.id))).filter(
      (i) => i.fields?.['SessionDate'] === date,
    );
  const attendanceOf = (r: SendRecordsReplica, pupilId: string) =>
    r
      .interventions()
      .find((i) => i.value.id === reading.id)!
      .value.pupils.find((p) => p.pupilId === pupilId);
  const session = (date: string, attended: string[], absent: string[], note?: string) => ({
    interventionId: reading.id,
    date: d(date),
    attendedPupilIds: attended,
    absentPupilIds: absent,
    ...(note ? { note } : {}),
    recordedBy: teacher,
  });

  it('stores a session recorded twice once, and counts its attendance once', async () => {
    const before = attendanceOf(replica, obrien.id)!;
    await replica.recordInterventionSession(session('2026-01-13', [obrien.id], []));
    await replica.recordInterventionSession(session('2026-01-13', [obrien.id], []));
    expect(await sessionsOn('2026-01-13')).toHaveLength(1);
    expect(attendanceOf(replica, obrien.id)).toMatchObject({
      sessionsAttended: before.sessionsAttended! + 1,
      sessionsOffered: before.sessionsOffered! + 1,
    });
  });

  it('takes a second recording of the same day as a correction of it', async () => {
    const before = attendanceOf(replica, obrien.id)!;
    await replica.recordInterventionSession(session('2026-01-14', [obrien.id], []));
    await replica.recordInterventionSession(session('2026-01-14', [], [obrien.id], 'Off sick'));
    const stored = await sessionsOn('2026-01-14');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.fields?.['Note']).toBe('Off sick');
    expect(attendanceOf(replica, obrien.id)).toMatchObject({
      sessionsAttended: before.sessionsAttended,
      sessionsOffered: before.sessionsOffered! + 1,
    });
  });

  it('keeps two sessions the same day apart by their number, and the same session twice as one', async () => {
    const before = attendanceOf(replica, obrien.id)!;
    await replica.recordInterventionSession(session('2026-01-16', [obrien.id], []));
    await replica.recordInterventionSession({ ...session('2026-01-16', [obrien.id], []), sessionNumber: 2 });
    // The boundary: the second session recorded again (a retry, or a correction) is still the second session.
    await replica.recordInterventionSession({
      ...session('2026-01-16', [], [obrien.id], 'Left early'),
      sessionNumber: 2,
    });
    // And the first recorded again with its number written out is still the first.
    await replica.recordInterventionSession({ ...session('2026-01-16', [obrien.id], []), sessionNumber: 1 });
    const stored = await sessionsOn('2026-01-16');
    expect(stored.map((i) => [i.fields?.['SessionNumber'] ?? 1, i.fields?.['Note'] ?? null]).sort()).toEqual([
      [1, null],
      [2, 'Left early'],
    ]);
    expect(attendanceOf(replica, obrien.id)).toMatchObject({
      sessionsAttended: before.sessionsAttended! + 1,
      sessionsOffered: before.sessionsOffered! + 2,
    });
    expect(
      replica
        .interventionSessions(reading.id)
        .filter((s) => s.date === '2026-01-16')
        .map((s) => s.sessionNumber ?? 1)
        .sort(),
    ).toEqual([1, 2]);
  });

  it('is safe when a retried create was applied the first time (409 on the day’s key)', async () => {
    const other = createSendRecords({ connection: connection(), siteId, pollIntervalMs: 60_000 });
    const third = createSendRecords({ connection: connection(), siteId, pollIntervalMs: 60_000 });
    await Promise.all([other.start(), third.start()]);
    try {
      await replica.recordInterventionSession(session('2026-01-15', [obrien.id], [catchUp.id]));
      // The other server has not seen it: its create meets the unique key and finds the same session.
      await other.recordInterventionSession(session('2026-01-15', [obrien.id], [catchUp.id]));
      expect(await sessionsOn('2026-01-15')).toHaveLength(1);
      // A different account of the same day, unseen, is a conflict naming who recorded it, not a second item.
      const err = await third
        .recordInterventionSession(session('2026-01-15', [], [obrien.id, catchUp.id]))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect(await sessionsOn('2026-01-15')).toHaveLength(1);
    } finally {
      await Promise.all([other.stop(), third.stop()]);
    }
  });
});

describe('intervention measures', () => {
  const place = async () =>
    (await items(provisioned.listIds.interventionPupils, eq('PupilId', obrien.id))).find(
      (i) => i.fields?.['InterventionId'] === reading.id,
    )!;
  const measuresOf = (r: SendRecordsReplica) =>
    r
      .interventions()
      .find((i) => i.value.id === reading.id)!
      .value.pupils.find((p) => p.pupilId === obrien.id);

  it('saves a pupil’s measures with the pupil’s own version, leaving the intervention’s alone', async () => {
    const interventionETag = replica.interventions().find((i) => i.value.id === reading.id)!.eTag;
    const before = replica.interventionPupil(reading.id, obrien.id)!;
    const saved = await replica.saveInterventionMeasures({
      interventionId: reading.id,
      pupilId: obrien.id,
      entryMeasure: 84,
      exitMeasure: 91.5,
      leftOn: d('2026-01-16'),
      expectedETag: before.eTag,
      by: senco,
    });
    expect(saved.value).toMatchObject({ entryMeasure: 84, exitMeasure: 91.5, leftOn: '2026-01-16' });
    expect(saved.eTag).not.toBe(before.eTag);
    expect(saved.modifiedBy).toBe('Jo SENCO');
    expect(replica.interventionPupil(reading.id, obrien.id)).toEqual(saved);
    expect(measuresOf(replica)).toEqual(saved.value);
    expect(replica.interventions().find((i) => i.value.id === reading.id)!.eTag).toBe(interventionETag);
    expect((await place()).fields).toMatchObject({ ExitMeasure: 91.5, ChangedByName: 'Jo SENCO' });
  });

  it('clears a value left out, in SharePoint as well as in the replica', async () => {
    const before = replica.interventionPupil(reading.id, obrien.id)!;
    const saved = await replica.saveInterventionMeasures({
      interventionId: reading.id,
      pupilId: obrien.id,
      entryMeasure: 84,
      exitMeasure: 91.5,
      leftOn: undefined,
      expectedETag: before.eTag,
      by: senco,
    });
    expect(saved.value.leftOn).toBeUndefined();
    expect((await place()).fields?.['LeftOn'] ?? null).toBeNull();
  });

  it('refuses a save quoting a stale version, with the measures now stored', async () => {
    const stale = replica.interventionPupil(reading.id, obrien.id)!;
    const current = await replica.saveInterventionMeasures({
      interventionId: reading.id,
      pupilId: obrien.id,
      entryMeasure: 84,
      exitMeasure: 95,
      leftOn: undefined,
      expectedETag: stale.eTag,
      by: senco,
    });
    const err = await replica
      .saveInterventionMeasures({
        interventionId: reading.id,
        pupilId: obrien.id,
        entryMeasure: 84,
        exitMeasure: 70,
        leftOn: undefined,
        expectedETag: stale.eTag,
        by: teacher,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError<unknown>).current).toEqual(current);
    expect(measuresOf(replica)?.exitMeasure).toBe(95);
  });

  it('saves through throttling once, without calling its own retry a conflict', async () => {
    const before = replica.interventionPupil(reading.id, obrien.id)!;
    app.local365.faults.set({
      failure: { status: 429, count: 2, retryAfterSeconds: 0, pathPrefix: '/sites/', method: 'PATCH' },
    });
    const saved = await replica.saveInterventionMeasures({
      interventionId: reading.id,
      pupilId: obrien.id,
      entryMeasure: 84,
      exitMeasure: 96,
      leftOn: undefined,
      expectedETag: before.eTag,
      by: senco,
    });
    expect(app.local365.faults.failedCount).toBe(2);
    expect(saved.value.exitMeasure).toBe(96);
    // One change, one new version: the retries that were refused did not write.
    expect(eTagVersion(saved.eTag)!.version).toBe(eTagVersion(before.eTag)!.version + 1);
  });

  it('recognises a PATCH of its own that SharePoint applied before the answer was lost', async () => {
    const retrying = createSendRecords({
      connection: graph,
      siteId,
      pollIntervalMs: 60_000,
      newId: () => 'write-sent-twice',
    });
    await retrying.start();
    try {
      const before = retrying.interventionPupil(reading.id, obrien.id)!;
      // The first attempt arrived and was applied; its answer never came back.
      await graphPatch(
        graph,
        `/sites/${siteId}/lists/${provisioned.listIds.interventionPupils}/items/${(await place()).id}/fields`,
        { ExitMeasure: 99, ChangedByName: senco.name, WriteId: 'write-sent-twice' },
        'the first attempt',
      );
      const saved = await retrying.saveInterventionMeasures({
        interventionId: reading.id,
        pupilId: obrien.id,
        entryMeasure: 84,
        exitMeasure: 99,
        leftOn: undefined,
        expectedETag: before.eTag,
        by: senco,
      });
      expect(saved.value.exitMeasure).toBe(99);
      expect(saved.eTag).not.toBe(before.eTag);
    } finally {
      await retrying.stop();
    }
  });
});

describe('audit log', () => {
  const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
    at: '2026-01-12T09:00:00Z',
    actor: { userId: senco.userId, upn: senco.upn },
    action: 'read',
    resource: 'pupil',
    pupilId: obrien.id,
    from: '203.0.113.7',
    ...overrides,
  });

  it('writes entries in batches, newest first, each once even when sent again', async () => {
    const entries = Array.from({ length: 45 }, (_, i) =>
      entry({
        id: `entry-${i}`,
        at: `2026-01-12T09:${String(i).padStart(2, '0')}:00Z`,
        pupilId: i % 2 ? zoe.id : obrien.id,
      }),
    );
    app.local365.faults.set({
      failure: { status: 429, count: 5, retryAfterSeconds: 0, pathPrefix: '/sites/', method: 'POST' },
    });
    const stamp = replica.changeStamp();
    await replica.appendAudit(entries);
    await replica.appendAudit(entries.slice(0, 3));
    // Every read is audited: an entry must not make the register build again.
    expect(replica.changeStamp()).toBe(stamp);
    expect(replica.auditLog({ limit: 2 }).map((e) => e.id)).toEqual(['entry-44', 'entry-43']);
    const ours = (ids: readonly unknown[]) => ids.filter((id) => String(id).startsWith('entry-'));
    expect(ours(replica.auditLog({ pupilId: zoe.id, limit: 100 }).map((e) => e.id))).toHaveLength(22);
    expect(ours((await items(provisioned.listIds.auditLog)).map((i) => i.fields?.['EntryId']))).toHaveLength(
      45,
    );
  });

  it('holds only the recent window of the log, read by date rather than enumerated whole', async () => {
    await replica.appendAudit([entry({ id: 'last-term', at: '2025-11-03T10:00:00Z' })]);
    const fresh = createSendRecords({
      connection: graph,
      siteId,
      pollIntervalMs: 60_000,
      now: () => new Date('2026-01-20T12:00:00Z'),
      auditWindowDays: 30,
    });
    const api = vi.spyOn(graph.client, 'api');
    await fresh.start();
    try {
      // Not read on start: only the audit view needs it.
      expect(
        api.mock.calls.map(([path]) => String(path)).filter((p) => p.includes(provisioned.listIds.auditLog)),
      ).toEqual([]);
      await fresh.refreshAuditLog();
      const ids = fresh.auditLog({ limit: 1000 }).map((e) => e.id);
      expect(ids).toContain('entry-0');
      expect(ids).not.toContain('last-term');
      await fresh.appendAudit([entry({ id: 'today', at: '2026-01-20T11:00:00Z' })]);
      await replica.refreshAuditLog();
      expect(replica.auditLog({ limit: 1 }).map((e) => e.id)).toEqual(['today']);
      expect(replica.auditLog({ limit: 1000 }).map((e) => e.id)).toContain('last-term');
    } finally {
      api.mockRestore();
      await fresh.stop();
    }
  });

  it('reports the entry a batch could not write and keeps the others', async () => {
    const bad = entry({ id: 'bad', action: 'peek' as AuditEntry['action'] });
    const err = await replica
      .appendAudit([entry({ id: 'good-1' }), bad, entry({ id: 'good-2' })])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchWriteError);
    const failures = (err as BatchWriteError<AuditEntry>).failures;
    expect(failures.map((f) => [f.id, f.error.status, f.record?.action])).toEqual([['bad', 400, 'peek']]);
    expect(await items(provisioned.listIds.auditLog, eq('EntryId', 'good-2'))).toHaveLength(1);
    expect(replica.auditLog({ limit: 100 }).map((e) => e.id)).toEqual(
      expect.arrayContaining(['good-1', 'good-2']),
    );
  });
});

describe('$batch against SharePoint', () => {
  it('applies the other members when one is refused, and fails its dependants with 424', async () => {
    const url = `/sites/${siteId}/lists/${provisioned.listIds.pupils}/items`;
    const a = buildPupil({ legalSurname: 'Alpha' });
    const b = buildPupil({ legalSurname: 'Beta' });
    const results = await runBatch(
      graph,
      [
        { id: 'a', method: 'POST', url, body: { fields: pupilToFields(a) } },
        {
          id: 'dup',
          method: 'POST',
          url,
          body: { fields: { ...pupilToFields(buildPupil()), Upn: obrien.upn } },
        },
        {
          id: 'after-dup',
          method: 'POST',
          url,
          body: { fields: pupilToFields(buildPupil()) },
          dependsOn: ['dup'],
        },
        { id: 'b', method: 'POST', url, body: { fields: pupilToFields(b) } },
      ],
      { operation: 'test' },
    );
    expect(results.get('a')?.status).toBe(201);
    // SharePoint's duplicate answer is a 500 (https://github.com/pnp/pnpcore/issues/1280); this member carries no
    // key to read back (its Upn clashed, not its PupilId), so the failure stands.
    expect(results.get('dup')?.error?.status).toBe(500);
    expect(results.get('after-dup')?.error?.status).toBe(424);
    expect(results.get('b')?.status).toBe(201);
    expect(await items(provisioned.listIds.pupils, eq('LegalSurname', 'Alpha'))).toHaveLength(1);
    expect(await items(provisioned.listIds.pupils, eq('LegalSurname', 'Beta'))).toHaveLength(1);
  });
});
