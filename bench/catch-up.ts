import { createAppTokenProvider } from '../src/graph/app-token-provider.ts';
import { createGraphConnection } from '../src/graph/graph-client.ts';
import { createSendRecords, type SendRecordsReplica } from '../src/graph/send-records-replica.ts';
import { findSiteId } from '../src/graph/site.ts';
import type { Actor, AuditEntry } from '../src/graph/send-records.ts';
import { changeSenStatus, recordNeeds, type SenChangeResult } from '../src/domain/sen-record-change.ts';
import { SEN_NEED_CODES, primaryNeedOn, secondaryNeedOn, type SenNeedCode } from '../src/domain/needs.ts';
import { provisionOn } from '../src/domain/sen-status.ts';
import type { CalendarDate } from '../src/domain/calendar-date.ts';
import type { FullRegisterRow, RegisterPage, RegisterRow } from '../src/domain/pupil-views.ts';
import { REGISTER_PAGE_LIMIT } from '../src/contract/register-options.ts';
import { londonCalendarDate } from '../src/server/api/school-clock.ts';
import { LOCAL_CLIENT_ID } from '../src/server/config.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { graphStats, json, resetGraphStats, type GraphStats } from './http.ts';

/**
 * The register after 100 writes by another SENCO Hub instance: a second instance, built from the project's own
 * Graph modules (a records replica with an app token, as a second server runs), writes 100 changes eight at a
 * time — SEN status, needs and passports, spread over the pupils, each with its audit entry. The running app
 * hears of them by Graph change notifications and reads the changed lists by delta. Measured: how long after the
 * last write the register (`/api/pupils` as the SENCO, every page) shows all 100, the Graph requests the app
 * made meanwhile (the stand-in's count less the other instance's own, counted as they leave this process), and
 * the warm API figures again.
 */

/** p50/p95 and bytes of one API, as run.ts measures them. */
type Timing = { p50: number; p95: number; wireKb: number };
export type WarmFigures = {
  register: Timing;
  classView: Timing;
  pupilRecord: Timing;
  graphRequests: number;
};

export type CatchUpResult = {
  /** Changes written by the other instance: a SEN status, needs or passport change each. */
  writes: number;
  kinds: { status: number; needs: number; passport: number };
  /** How many at once, and how long the 100 took. */
  concurrency: number;
  writeSeconds: number;
  /** Graph requests the other instance made for them (each inside a `$batch` counted). */
  writerRequests: number;
  /** From the last write's answer to the first register answer showing all 100 changes. */
  visibleAfterMs: number;
  /** Reads of the whole register made while waiting (each answered as the register is then). */
  registerPolls: number;
  /** How long the read that showed them all took (every page): the least `visibleAfterMs` can be. */
  lastPollMs: number;
  /** The app's Graph requests from the first write until settled: all, and reads (GET) among them. */
  appRequests: number;
  appReads: number;
  /** Everything the stand-in served in that window (both instances), by operation. */
  operations: GraphStats['byOperation'];
  /** The warm figures again, once caught up; `graphReads` must be 0. */
  warm: WarmFigures & { graphReads: number };
};

const WRITES = 100;
const CONCURRENCY = 8;
/** After the register shows every change: notifications and syncs still in flight, audit sends (every 2 s). */
const SETTLE_MS = 3_000;
const VISIBLE_TIMEOUT_MS = 120_000;

/** A change written, and how to see it in a register row. */
type Change = {
  pupilId: string;
  kind: 'status' | 'needs' | 'passport';
  shows: (row: FullRegisterRow) => boolean;
};
type Planned = { pupilId: string; kind: Change['kind']; write: () => Promise<Change> };

export async function measureCatchUp(input: {
  baseUrl: string;
  sharePointHostname: string;
  senco: { id: string; upn: string };
  sencoAuth: Record<string, string>;
  measureWarm: () => Promise<WarmFigures>;
}): Promise<CatchUpResult> {
  const { baseUrl, sencoAuth } = input;
  const graphRoot = `${baseUrl}/local365/graph`;
  const counter = countRequestsTo(graphRoot);
  const other = await startOtherInstance(baseUrl, graphRoot, input.sharePointHostname);
  try {
    const register = () => wholeRegister(baseUrl, sencoAuth);
    const onRegister = (await register()).map((row) => row.id);
    const by: Actor = { userId: input.senco.id, upn: input.senco.upn, name: input.senco.upn };
    const planned = planChanges(other, onRegister, by, londonCalendarDate(new Date()));
    if (planned.length < WRITES)
      throw new Error(`catch-up: only ${planned.length} changes can be made to this school`);

    await resetGraphStats(baseUrl);
    counter.reset();
    const started = performance.now();
    const changes: Change[] = [];
    let next = 0;
    const writer = async () => {
      while (next < planned.length) changes.push(await planned[next++]!.write());
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, writer));
    const lastWrite = performance.now();
    const writerRequests = counter.count();

    let polls = 0;
    let lastPollMs = 0;
    let visibleAt: number | undefined;
    while (visibleAt === undefined) {
      if (performance.now() - lastWrite > VISIBLE_TIMEOUT_MS)
        throw new Error(`catch-up: the register did not show the changes within ${VISIBLE_TIMEOUT_MS} ms`);
      const asked = performance.now();
      const rows = await register();
      polls += 1;
      lastPollMs = performance.now() - asked;
      if (showsAll(rows, changes)) visibleAt = performance.now();
      else await sleep(20);
    }
    await other.stop();
    const writerTotal = counter.count();
    const writerGets = counter.count('GET');
    await sleep(SETTLE_MS);
    const window = await graphStats(baseUrl);

    await resetGraphStats(baseUrl);
    const warm = await input.measureWarm();
    const warmStats = await graphStats(baseUrl);
    const kind = (k: Change['kind']) => changes.filter((c) => c.kind === k).length;
    return {
      writes: changes.length,
      kinds: { status: kind('status'), needs: kind('needs'), passport: kind('passport') },
      concurrency: CONCURRENCY,
      writeSeconds: round((lastWrite - started) / 1000),
      writerRequests,
      visibleAfterMs: Math.round(visibleAt - lastWrite),
      registerPolls: polls,
      lastPollMs: Math.round(lastPollMs),
      appRequests: window.requests - writerTotal,
      appReads: readsOf(window) - writerGets,
      operations: window.byOperation,
      warm: { ...warm, graphReads: readsOf(warmStats) },
    };
  } finally {
    counter.restore();
    await other.stop();
  }
}

const readsOf = (stats: GraphStats) =>
  stats.byOperation.filter((o) => o.operation.startsWith('GET ')).reduce((n, o) => n + o.count, 0);

/** Another SENCO Hub instance: its own records replica over the stand-in's Graph, with an app token. */
async function startOtherInstance(
  baseUrl: string,
  graphRoot: string,
  hostname: string,
): Promise<SendRecordsReplica> {
  const connection = createGraphConnection({
    root: graphRoot,
    getToken: createAppTokenProvider({
      kind: 'local',
      tokenUrl: `${baseUrl}/local365/token`,
      clientId: LOCAL_CLIENT_ID,
    }),
  });
  const siteId = await findSiteId({ connection, siteUrl: `https://${hostname}${SENCO_HUB_SITE_PATH}` });
  // It polls rarely (its own reads are not what is measured): an hour between idle ticks.
  const other = createSendRecords({ connection, siteId, pollIntervalMs: 3_600_000 });
  await other.start();
  return other;
}

/**
 * The changes, as the SENCO makes them in the tab (the domain's own rules), taken in turn from three kinds and
 * spread over the pupils: a pupil on SEN support or with an EHC plan gets a new secondary need; a pupil without
 * SEN is put on SEN support; a passport gets a new version. Changes the rules refuse are passed over.
 */
function planChanges(
  other: SendRecordsReplica,
  onRegister: readonly string[],
  by: Actor,
  today: CalendarDate,
): Planned[] {
  const statusOf = (id: string) => {
    const pupil = other.pupil(id);
    return pupil ? provisionOn(pupil.senProvision, today) : undefined;
  };
  const ids = other.pupils().map((p) => p.id);
  const queues: Planned[][] = [
    onRegister.filter((id) => statusOf(id) !== 'N').flatMap((id) => senChange(other, id, 'needs', by, today)),
    ids.filter((id) => statusOf(id) === 'N').flatMap((id) => senChange(other, id, 'status', by, today)),
    ids.flatMap((id) => passportChange(other, id, by, today)),
  ];
  const planned: Planned[] = [];
  while (planned.length < WRITES && queues.some((q) => q.length > 0))
    for (const queue of queues) {
      const change = queue.shift();
      if (change && planned.length < WRITES) planned.push(change);
    }
  return planned;
}

function senChange(
  other: SendRecordsReplica,
  pupilId: string,
  kind: 'status' | 'needs',
  by: Actor,
  today: CalendarDate,
): Planned[] {
  const record = other.pupilRecord(pupilId);
  if (!record) return [];
  const pupil = record.value;
  let result: SenChangeResult<string>;
  if (kind === 'status') {
    result = changeSenStatus(pupil, { code: 'K', from: today }, today);
  } else {
    const primary = primaryNeedOn(pupil.needs, today);
    const secondary = secondaryNeedOn(pupil.needs, today);
    if (!primary || primary === 'NSA') return [];
    const secondaryNeed = SEN_NEED_CODES.find(
      (c): c is SenNeedCode => c !== primary && c !== secondary && c !== 'NSA',
    );
    result = recordNeeds(pupil, { primaryNeed: primary, secondaryNeed, from: today }, today);
  }
  if (!result.ok) return [];
  const after = result.record;
  const senStatus = provisionOn(after.senProvision, today);
  const primaryNeed = primaryNeedOn(after.needs, today) ?? null;
  const secondaryNeed = secondaryNeedOn(after.needs, today) ?? null;
  const write = async (): Promise<Change> => {
    await other.savePupilSen({
      pupilId,
      senProvision: after.senProvision,
      needs: after.needs,
      expectedETag: record.eTag,
      by,
      audit: auditOf(by, kind === 'status' ? 'sen-status' : 'needs', pupilId),
    });
    return {
      pupilId,
      kind,
      shows: (row) =>
        row.senStatus === senStatus && row.primaryNeed === primaryNeed && row.secondaryNeed === secondaryNeed,
    };
  };
  return [{ pupilId, kind, write }];
}

/** A new version of a pupil's passport (its content kept, "about me" added to), audited as the server does. */
function passportChange(
  other: SendRecordsReplica,
  pupilId: string,
  by: Actor,
  today: CalendarDate,
): Planned[] {
  const current = other.passport(pupilId);
  if (!current) return [];
  const { aboutMe, strengths, whatIFindHard, whatHelpsMe, communication, accessArrangements } = current.value;
  const write = async (): Promise<Change> => {
    const saved = await other.savePassport({
      pupilId,
      content: {
        aboutMe: `${aboutMe} I like the new reading corner.`.slice(0, 2000),
        strengths,
        whatIFindHard,
        whatHelpsMe,
        communication,
        accessArrangements,
      },
      expectedETag: current.eTag,
      by,
      today,
    });
    await other.appendAudit([auditOf(by, 'passport', pupilId)]);
    const dueOn = saved.value.reviewDueOn;
    return { pupilId, kind: 'passport', shows: (row) => row.passportReviewDueOn === dueOn };
  };
  return [{ pupilId, kind: 'passport', write }];
}

const auditOf = (by: Actor, resource: string, pupilId: string): AuditEntry => ({
  at: new Date().toISOString(),
  actor: { userId: by.userId, upn: by.upn },
  action: 'update',
  resource,
  pupilId,
  detail: 'a change made on another instance (benchmark)',
});

/** Every row of the register as the SENCO gets it, page by page (the largest page the API gives). */
async function wholeRegister(baseUrl: string, auth: Record<string, string>): Promise<RegisterRow[]> {
  const rows: RegisterRow[] = [];
  for (let offset = 0; ; offset += REGISTER_PAGE_LIMIT) {
    const page = await json<RegisterPage>(
      `${baseUrl}/api/pupils?limit=${REGISTER_PAGE_LIMIT}&offset=${offset}`,
      { headers: auth },
    );
    rows.push(...page.pupils);
    if (offset + REGISTER_PAGE_LIMIT >= page.total) return rows;
  }
}

/** Every change in its pupil's row (a pupil changed twice: both). */
function showsAll(register: readonly RegisterRow[], changes: readonly Change[]): boolean {
  const rows = new Map(register.map((row) => [row.id, row]));
  return changes.every((change) => {
    const row = rows.get(change.pupilId);
    return row !== undefined && row.access === 'full' && change.shows(row);
  });
}

/**
 * Counts the requests this process sends to Graph (the other instance's), as the stand-in counts them: each
 * request inside a `$batch` one, the envelope none. The Graph client sends through the global fetch.
 */
function countRequestsTo(graphRoot: string) {
  const original = globalThis.fetch;
  let byMethod = new Map<string, number>();
  const add = (method: string, n = 1) => byMethod.set(method, (byMethod.get(method) ?? 0) + n);
  globalThis.fetch = (resource, init) => {
    const url = resource instanceof Request ? resource.url : String(resource);
    if (url.startsWith(graphRoot)) {
      const method = (init?.method ?? (resource instanceof Request ? resource.method : 'GET')).toUpperCase();
      if (/\/\$batch(\?|$)/.test(url) && typeof init?.body === 'string') {
        const { requests } = JSON.parse(init.body) as { requests?: { method?: string }[] };
        for (const r of requests ?? []) add((r.method ?? 'GET').toUpperCase());
      } else add(method);
    }
    return original(resource, init);
  };
  return {
    count: (method?: string) =>
      method ? (byMethod.get(method) ?? 0) : [...byMethod.values()].reduce((a, b) => a + b, 0),
    reset: () => (byMethod = new Map()),
    restore: () => (globalThis.fetch = original),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
