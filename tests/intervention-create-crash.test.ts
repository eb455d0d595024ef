/**
 * `kill -9` while the SENCO adds an intervention with three pupils (four SharePoint items: the pupils' places,
 * then the intervention), at every write, before and after it lands: after a restart on the same database
 * the provision map shows the intervention with all three pupils or not at all, never part of it; sending
 * the same intervention again (the tab keeps its id) finishes it, and SharePoint holds each item once.
 *
 * The server runs as a child process serving the stand-in itself (tests/support/crash-server.ts); the
 * stand-in's crash switch kills it as the Nth write to the two lists arrives or once it is applied.
 */
import { randomUUID } from 'node:crypto';
import { getAllPages } from '../src/graph/graph-requests.ts';
import { INTERVENTION_PUPILS_LIST, INTERVENTIONS_LIST } from '../src/graph/interventions-list.ts';
import type { SharePointItem } from '../src/graph/list-fields.ts';
import { eq, itemsQueryString } from '../src/graph/odata.ts';
import { findListIds, findSiteId } from '../src/graph/site.ts';
import type { DemoUser } from '../src/local365/identity/token-types.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { OAKFIELD } from '../src/local365/seed/demo-school.ts';
import { createCrashServer, type CrashServer } from './support/crash-server.ts';

let server: CrashServer;
let token: string;
let lists: { siteId: string; interventions: string; places: string };
let pupilIds: string[];
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const api = (method: string, path: string, body?: unknown) => server.api(token, method, path, body);
const graph = () => server.graph();

/** How many items SharePoint holds for the intervention: its own and its pupils' places. */
async function storedItems(id: string) {
  const count = async (listId: string) =>
    (
      await getAllPages<SharePointItem>(
        graph(),
        `/sites/${lists.siteId}/lists/${listId}/items${itemsQueryString({ filter: eq('InterventionId', id) })}`,
        'read items',
      )
    ).length;
  return { interventions: await count(lists.interventions), places: await count(lists.places) };
}

/** The intervention's pupils on the provision map, or undefined when it is not there. */
async function onTheMap(id: string): Promise<string[] | undefined> {
  const res = await api('GET', '/api/interventions');
  const found = (res.body['interventions'] as { id: string; pupils: { pupilId: string }[] }[]).find(
    (i) => i.id === id,
  );
  return found?.pupils.map((p) => p.pupilId);
}

const newIntervention = () => ({
  id: randomUUID(),
  name: 'Speech link language group',
  areaOfNeed: 'communication-and-interaction',
  staff: [{ name: 'Hannah Lee', role: 'Teaching assistant' }],
  delivery: 'group',
  sessionsPerWeek: 2,
  minutesPerSession: 30,
  costPerHour: 16.5,
  startOn: today,
  pupils: pupilIds.map((pupilId) => ({ pupilId })),
});

async function crashAt(atRequest: number, when: 'before' | 'after') {
  await server.crashAt({
    atRequest,
    when,
    pathPrefixes: [lists.interventions, lists.places].map((id) => `/sites/${lists.siteId}/lists/${id}/items`),
  });
}

beforeAll(async () => {
  // A copy of the run's seeded demo school: the first start loads nothing it need not.
  server = await createCrashServer({ name: 'intervention' });
  await server.start();
  const users = (await (await fetch(`${server.baseUrl}/local365/users`)).json()) as DemoUser[];
  token = await server.userToken(users.find((u) => u.staffRole === 'senco')!.upn);
  const connection = graph();
  const siteId = await findSiteId({
    connection,
    siteUrl: `https://${OAKFIELD.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  const ids = await findListIds({
    connection,
    siteId,
    lists: [INTERVENTIONS_LIST, INTERVENTION_PUPILS_LIST],
  });
  lists = { siteId, interventions: ids.interventions, places: ids.interventionPupils };
  const register = await api('GET', '/api/pupils');
  pupilIds = (register.body['pupils'] as { id: string }[]).slice(0, 3).map((p) => p.id);
  expect(pupilIds).toHaveLength(3);
}, 240_000);

afterAll(async () => {
  await server?.dispose();
});

describe('kill -9 while adding an intervention with three pupils', () => {
  it('at every write, before and after it lands: all of it or none of it, and a resend finishes it once', async () => {
    // Three places, then the intervention: four writes.
    for (let n = 1; n <= 4; n++) {
      for (const when of ['before', 'after'] as const) {
        await server.ensureStarted();
        const body = newIntervention();
        await crashAt(n, when);
        const answer = await api('POST', '/api/interventions', body).catch((err: unknown) => err);
        const how = await server.exited();
        expect(how, `killed at write ${n} ${when} (answer: ${JSON.stringify(answer)})`).toBe('SIGKILL');
        await server.start();

        const shown = await onTheMap(body.id);
        // Only the intervention's own item, once applied, puts it on the map; and then with every pupil.
        if (n === 4 && when === 'after') expect(shown).toEqual(pupilIds);
        else expect(shown, `write ${n} ${when}: nothing half-written on the map`).toBeUndefined();

        const resent = await api('POST', '/api/interventions', body);
        expect(resent.status).toBe(201);
        expect(await onTheMap(body.id)).toEqual(pupilIds);
        expect(await storedItems(body.id)).toEqual({ interventions: 1, places: 3 });
      }
    }
  }, 1_200_000);
});
