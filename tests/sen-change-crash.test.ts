/**
 * `kill -9` during a change of a pupil's SEN status or needs, at every point between its SharePoint writes
 * and at timed moments inside them: after a restart on the same database the pupil is either exactly as
 * before (and no change is audited) or exactly as after (audited once), and the status and needs lists are
 * in step with what the app shows.
 *
 * The server runs as a child process (`node --import tsx src/server/main.ts`) serving the stand-in itself, so SharePoint
 * (SQLite) keeps what was committed and the server loses everything else. The stand-in's crash switch
 * (LOCAL365_CRASH_SWITCH=1, then `crash` in PUT /local365/faults) kills the process as the Nth write to the
 * pupil, status or needs list arrives (`before`) or once it is applied but not yet answered (`after`).
 */
import { getAllPages } from '../src/graph/graph-requests.ts';
import type { SharePointItem } from '../src/graph/list-fields.ts';
import { eq, itemsQueryString } from '../src/graph/odata.ts';
import { NEEDS_LIST, PUPILS_LIST, SEN_STATUS_LIST } from '../src/graph/pupils-list.ts';
import { findListIds, findSiteId } from '../src/graph/site.ts';
import type { DemoUser } from '../src/local365/identity/token-types.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { OAKFIELD } from '../src/local365/seed/demo-school.ts';
import { createCrashServer, type CrashServer } from './support/crash-server.ts';

type History = {
  eTag: string;
  senStatus: string;
  primaryNeed: string | null;
  senProvision: { code: string; startOn: string; endOn: string | null }[];
  needs: { code: string; rank: number; startOn: string | null; endOn: string | null }[];
};

let server: CrashServer;
let token: string;
let lists: { siteId: string; pupils: string; senStatus: string; needs: string };
const used = new Set<string>();
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const api = (method: string, path: string, body?: unknown) => server.api(token, method, path, body);
const graph = () => server.graph();

/** What the status and needs lists hold for a pupil, read from SharePoint. */
async function storedLists(pupilId: string) {
  const read = async (listId: string) =>
    getAllPages<SharePointItem>(
      graph(),
      `/sites/${lists.siteId}/lists/${listId}/items${itemsQueryString({ filter: eq('PupilId', pupilId) })}`,
      'read items',
    );
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    senProvision: (await read(lists.senStatus))
      .map((i) => ({
        code: String(i.fields?.['Code']),
        startOn: String(i.fields?.['StartOn']),
        endOn: text(i.fields?.['EndOn']),
      }))
      .sort((a, b) => a.startOn.localeCompare(b.startOn)),
    needs: (await read(lists.needs))
      .map((i) => ({
        code: String(i.fields?.['NeedCode']),
        rank: Number(i.fields?.['Rank']),
        startOn: text(i.fields?.['StartOn']),
        endOn: text(i.fields?.['EndOn']),
      }))
      .sort((a, b) => `${a.startOn ?? ''}${a.rank}`.localeCompare(`${b.startOn ?? ''}${b.rank}`)),
  };
}

const history = async (pupilId: string) =>
  (await api('GET', `/api/pupils/${pupilId}/history`)).body as History;

async function senUpdates(pupilId: string) {
  const res = await api('GET', `/api/audit?pupilId=${pupilId}&limit=200`);
  return (res.body['entries'] as { action: string; resource: string }[]).filter(
    (e) => e.action === 'update' && (e.resource === 'sen-status' || e.resource === 'needs'),
  );
}

/** A pupil on SEN support since before today, with a primary need, not used by another run. */
async function freshPupil(): Promise<string> {
  const res = await api('GET', '/api/pupils');
  const ids =
    JSON.stringify(res.body)
      .match(/"id":"[^"]+"/g)
      ?.map((m) => m.slice(6, -1)) ?? [];
  for (const id of ids) {
    if (used.has(id)) continue;
    const h = await history(id);
    if (h.senStatus !== 'K' || !h.primaryNeed) continue;
    if (h.needs.some((n) => n.startOn === today) || h.senProvision.some((p) => p.startOn === today)) continue;
    used.add(id);
    return id;
  }
  throw new Error('No pupil on SEN support left for the crash runs');
}

type Change = {
  name: string;
  /** SharePoint writes to the pupil, status and needs lists the change makes. */
  writes: (before: History) => number;
  send: (pupilId: string, before: History) => Promise<unknown>;
  isAfter: (before: History, after: History) => boolean;
};

const statusToEhcPlan: Change = {
  name: 'SEN support to EHC plan',
  writes: () => 3, // commit, add E, close K
  send: (pupilId, before) =>
    api('POST', `/api/pupils/${pupilId}/sen-status`, { code: 'E', from: today, expectedETag: before.eTag }),
  isAfter: (before, after) =>
    after.senStatus === 'E' &&
    JSON.stringify(after.senProvision.map(({ code, startOn, endOn }) => ({ code, startOn, endOn }))) ===
      JSON.stringify([
        ...before.senProvision.map(({ code, startOn, endOn }) =>
          endOn === null ? { code, startOn, endOn: today } : { code, startOn, endOn },
        ),
        { code: 'E', startOn: today, endOn: null },
      ]),
};

const newPrimaryNeed: Change = {
  name: 'a new primary need',
  writes: () => 3, // commit, add the need, close the old one
  send: (pupilId, before) => {
    const secondary = before.needs.find((n) => n.rank === 2 && n.endOn === null)?.code ?? null;
    const primary = ['SPLD', 'MLD', 'SLCN', 'ASD'].find((c) => c !== before.primaryNeed && c !== secondary);
    return api('POST', `/api/pupils/${pupilId}/needs`, {
      primaryNeed: primary,
      secondaryNeed: secondary,
      from: today,
      expectedETag: before.eTag,
    });
  },
  isAfter: (before, after) =>
    after.primaryNeed !== before.primaryNeed &&
    after.needs.length === before.needs.length + 1 &&
    after.needs.some((n) => n.code === before.primaryNeed && n.rank === 1 && n.endOn === today),
};

const offTheRegister: Change = {
  name: 'off the register',
  // commit, add N, close K, close each open need
  writes: (before) => 3 + before.needs.filter((n) => n.endOn === null).length,
  send: (pupilId, before) =>
    api('POST', `/api/pupils/${pupilId}/sen-status`, { code: 'N', from: today, expectedETag: before.eTag }),
  isAfter: (_before, after) =>
    after.senStatus === 'N' &&
    after.needs.every((n) => n.endOn !== null) &&
    after.senProvision.at(-1)?.code === 'N',
};

/** Checks the pupil after the restart: exactly before or exactly after, audited to match, lists in step. */
async function expectBeforeOrAfter(change: Change, pupilId: string, before: History) {
  const after = await history(pupilId);
  const strip = (h: History) => ({ senProvision: h.senProvision, needs: h.needs });
  const changed = change.isAfter(before, after);
  if (!changed) {
    expect(strip(after), `${change.name}: neither as before nor as after`).toEqual(strip(before));
    expect(after.eTag).toBe(before.eTag);
  }
  expect(await senUpdates(pupilId)).toHaveLength(changed ? 1 : 0);
  const stored = await storedLists(pupilId);
  expect(stored.senProvision).toEqual(
    after.senProvision.map(({ code, startOn, endOn }) => ({ code, startOn, endOn })),
  );
  expect([...stored.needs].sort((a, b) => a.code.localeCompare(b.code))).toEqual(
    after.needs
      .map(({ code, rank, startOn, endOn }) => ({ code, rank, startOn, endOn }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  );
  return changed;
}

/** One run: the change, the crash where `crash` says, a restart, and the check. */
async function crashRun(change: Change, crash: (before: History) => Promise<void>): Promise<boolean> {
  await server.ensureStarted();
  const pupilId = await freshPupil();
  const before = await history(pupilId);
  await crash(before);
  const answer = await change.send(pupilId, before).then(
    (res) => res,
    (err: unknown) => err,
  );
  const how = await server.exited();
  expect(how, `the server was to be killed (answer: ${JSON.stringify(answer)})`).toBe('SIGKILL');
  await server.start();
  return expectBeforeOrAfter(change, pupilId, before);
}

const setCrash = (atRequest: number, when: 'before' | 'after') => () =>
  server.crashAt({
    atRequest,
    when,
    pathPrefixes: [lists.pupils, lists.senStatus, lists.needs].map(
      (id) => `/sites/${lists.siteId}/lists/${id}/items`,
    ),
  });

beforeAll(async () => {
  // Its own server and database, starting from the run's seeded demo school.
  server = await createCrashServer({ name: 'sen-change' });
  await server.start();
  const users = (await (await fetch(`${server.baseUrl}/local365/users`)).json()) as DemoUser[];
  token = await server.userToken(users.find((u) => u.staffRole === 'senco')!.upn);
  const connection = graph();
  // The app holds Sites.Selected: it may read the SENCO Hub site it was granted, not the root site.
  const siteId = await findSiteId({
    connection,
    siteUrl: `https://${OAKFIELD.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  const ids = await findListIds({ connection, siteId, lists: [PUPILS_LIST, SEN_STATUS_LIST, NEEDS_LIST] });
  lists = { siteId, pupils: ids.pupils, senStatus: ids.senStatus, needs: ids.needs };
}, 240_000);

afterAll(async () => {
  await server?.dispose();
});

describe.each([statusToEhcPlan, newPrimaryNeed, offTheRegister])('kill -9 during $name', (change) => {
  it('at every write, before and after it lands: as before or as after, audited to match', async () => {
    // The number of writes depends on the pupil; the first run's pupil is typical of the demo school.
    let outcomes: boolean[] = [];
    for (let n = 1, total = Infinity; n <= total; n++) {
      for (const when of ['before', 'after'] as const) {
        const changed = await crashRun(change, async (before) => {
          total = Math.min(total, change.writes(before));
          await setCrash(n, when)();
        });
        outcomes = [...outcomes, changed];
      }
    }
    // Killed before the commit landed: as before; from the commit on: as after.
    expect(outcomes[0]).toBe(false);
    expect(outcomes.slice(1).every(Boolean)).toBe(true);
  }, 1_200_000);
});

describe('kill -9 at timed moments, inside the writes as well as between them', () => {
  it('as before or as after whenever the process dies', async () => {
    // Each Graph request takes 150 ms longer, so kills 0.1-1.3 s in land inside requests and between them.
    for (const delayMs of [100, 400, 700, 1000, 1300]) {
      await crashRun(statusToEhcPlan, async () => {
        await server.setFaults({ latencyMs: 150 });
        const child = server.child();
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      });
    }
  }, 600_000);
});
