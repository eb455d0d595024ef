import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { journalFollower, journalEntryFields, journalPruner, JOURNAL_KEEP_MS } from './change-journal.ts';
import type { GraphConnection } from './graph-client.ts';
import { getAllPages, graphPost } from './graph-requests.ts';
import { createFields, type SharePointItem } from './list-fields.ts';
import { provisionSite } from './site-provisioning.ts';
import { findSiteId } from './site.ts';
import { localAppConnection } from './testing/local-connection.ts';

/** Pruning the change journal against the stand-in's SharePoint (filter on the indexed WrittenAt, deletes). */

let app: TestApp;
let graph: GraphConnection;
let listPath: string;

const NOW = new Date('2026-12-03T09:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 60 * 60_000;

async function writeEntry(id: string, lists: string[], at: Date) {
  await graphPost(
    graph,
    `${listPath}/items`,
    { fields: createFields(journalEntryFields(id, lists, at)) },
    'journal',
  );
}

const entryIds = async () =>
  (await getAllPages<SharePointItem>(graph, `${listPath}/items?$expand=fields`, 'read the journal'))
    .map((i) => String(i.fields?.['EntryId']))
    .sort();

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  graph = localAppConnection({
    baseUrl: app.baseUrl,
    graphRoot: app.config.graphRoot,
    clientId: app.config.clientId,
  });
  const path = `/sites/${app.local365.school.classes[4]!.mailNickname}`;
  app.grantSite(path);
  const siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}${path}`,
  });
  const provisioned = await provisionSite({ connection: graph, siteId });
  listPath = `/sites/${siteId}/lists/${provisioned.listIds.changeJournal}`;
});

afterAll(async () => {
  await app?.stop();
});

describe('pruning the change journal', () => {
  it('deletes entries older than a day and keeps the rest, unnoticed by an instance that has read them', async () => {
    const follower = journalFollower({ connection: graph, listPath, isOwn: () => false });
    await follower.begin();
    await writeEntry('old-1', ['passports'], ago(JOURNAL_KEEP_MS + 5 * HOUR));
    await writeEntry('old-2', ['pupils'], ago(JOURNAL_KEEP_MS + HOUR));
    await writeEntry('recent', ['needs'], ago(JOURNAL_KEEP_MS - HOUR));
    await writeEntry('now', ['senStatus'], NOW);
    expect(await follower.news()).toEqual({
      lists: expect.arrayContaining(['passports', 'pupils', 'needs', 'senStatus']),
    });

    const deleted = await journalPruner({ connection: graph, listPath, now: () => NOW }).prune();

    expect(deleted).toBe(2);
    expect(await entryIds()).toEqual(['now', 'recent']);
    // The deletions come to a follower as removals, which are no news: no needless full reload.
    expect(await follower.news()).toEqual({ lists: [] });
  });

  it('lets two instances prune at once: the one that finds an entry gone passes over it', async () => {
    await writeEntry('old-3', ['passports'], ago(2 * JOURNAL_KEEP_MS));
    await writeEntry('old-4', ['passports'], ago(2 * JOURNAL_KEEP_MS));
    const prune = () => journalPruner({ connection: graph, listPath, now: () => NOW }).prune();
    const [a, b] = await Promise.all([prune(), prune()]);
    expect(a + b).toBeGreaterThanOrEqual(2);
    expect(await entryIds()).toEqual(['now', 'recent']);
  });
});
