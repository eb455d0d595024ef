/**
 * `npm run bench`: SENCO Hub measured as a school meets it, on the local stand-in with latency injected into
 * every Graph request. See bench/README.md for what each figure means and the targets it is read against.
 *
 *   npm run bench -- --sizes 400,2000,5000 --latency 50 --idle-seconds 30
 *   npx tsx bench/run.ts --session-only --sizes 400,2000,5000   # idle and session columns only (see README)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { launchBrowser, CHROMIUM_PATH } from '../tests/support/browser.ts';
import { startApp, type AppProcess } from './app-process.ts';
import { freePort, get, graphStats, json, percentile, resetGraphStats, userToken } from './http.ts';
import { createNaiveClient } from './naive-client.ts';
import { copyOfSchool, seededSchool } from './seeded-schools.ts';
import { measureCatchUp } from './catch-up.ts';
import { coldStartBound, listReadRequests } from './cold-start-bound.ts';
import { SAFETY_SWEEP_EVERY_TICKS } from '../src/graph/list-mirror.ts';
import { formatReport, type BenchRun, type SizeResult } from './report.ts';
import { measureReminderScan } from './reminder-scan.ts';
import { measureRegisterFirstRow } from './tab-bench.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '400,2000,5000,20000' },
    latency: { type: 'string', default: '50' },
    'idle-seconds': { type: 'string', default: '30' },
    repeats: { type: 'string', default: '30' },
    out: { type: 'string', default: 'bench/results' },
    /** Serve dist/tab as it is, without building the tab first (it is built by default: 20 s). */
    'no-build': { type: 'boolean', default: false },
    /** Measure the idle and session columns only (no tab, no tenant memory) and put them into latest.json. */
    'session-only': { type: 'boolean', default: false },
  },
});
const sessionOnly = values['session-only'];
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
const latencyMs = Number(values.latency);
const idleSeconds = Number(values['idle-seconds']);
const repeats = Number(values.repeats);
const SETTLE_MS = 5_000;

type SchoolRow = { school: string };
type StoredSchool = {
  tenant: { sharePointHostname: string };
  staff: { id: string; upn: string; role: string }[];
  classes: { groupId: string; teacherIds: string[] }[];
};

/** The schools this run seeded, and how long each took (included in the run's time). */
const seeded: { size: number; seconds: number }[] = [];

/** The seeded school of a size, noting in `seeded` how long seeding took when this run had to seed it. */
async function seededDatabase(size: number): Promise<string> {
  const school = await seededSchool(size);
  if (school.seconds !== undefined) seeded.push({ size, seconds: school.seconds });
  return school.path;
}

function readSchool(dbPath: string): StoredSchool {
  const db = new Database(dbPath, { readonly: true });
  try {
    const row = db.prepare('SELECT school FROM local365_school WHERE id = 1').get() as SchoolRow;
    return JSON.parse(row.school) as StoredSchool;
  } finally {
    db.close();
  }
}

async function timed(n: number, call: () => Promise<{ status: number; ms: number; wireBytes: number }>) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i += 1) {
    const answer = await call();
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
    ms.push(answer.ms);
    bytes = answer.wireBytes;
  }
  return { p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), wireKb: round(bytes / 1024) };
}

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measureSize(size: number): Promise<SizeResult> {
  const seeded = await seededDatabase(size);
  const dbPath = copyOfSchool(seeded);
  const school = readSchool(dbPath);
  const senco = school.staff.find((s) => s.role === 'senco');
  const firstClass = school.classes.find((c) => c.teacherIds.length > 0);
  const teacher = school.staff.find((s) => s.id === firstClass?.teacherIds[0]);
  if (!senco || !firstClass || !teacher) throw new Error('the seeded school has no SENCO or class teacher');

  console.log(`${size} pupils: cold start with ${latencyMs} ms per Graph request…`);
  const app: AppProcess = await startApp({
    port: await freePort(),
    dbPath,
    latencyMs,
    timeoutMs: 10 * 60_000,
  });
  try {
    const coldStats = await graphStats(app.baseUrl);
    const cold = {
      readyMs: Math.round(app.readyAfterMs),
      graphRequests: coldStats.requests,
      rssMb: app.rssMb(),
      // The requests that read list items, beside the fewest that can read every list held from the start.
      listReads: listReadRequests(coldStats.byOperation),
      listReadBound: coldStartBound(dbPath).bound,
    };
    const api = `${app.baseUrl}/api`;
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const sencoAuth = auth(await userToken(app.baseUrl, senco.upn));
    const teacherAuth = auth(await userToken(app.baseUrl, teacher.upn));
    const register = await json<{ pupils: { id: string }[] }>(`${api}/pupils`, { headers: sencoAuth });
    const pupilIds = register.pupils.map((p) => p.id);
    const pupilAt = (i: number) => pupilIds[i % pupilIds.length] ?? '';

    // Warm: one round to fill the directory cache, then measure with the Graph counter at zero.
    await get(`${api}/classes/${firstClass.groupId}/pupils`, teacherAuth);
    await resetGraphStats(app.baseUrl);
    let i = 0;
    const measureWarm = async () => ({
      register: await timed(repeats, () => get(`${api}/pupils`, sencoAuth)),
      classView: await timed(repeats, () => get(`${api}/classes/${firstClass.groupId}/pupils`, teacherAuth)),
      pupilRecord: await timed(repeats, () => get(`${api}/pupils/${pupilAt(i++)}`, sencoAuth)),
      graphRequests: (await graphStats(app.baseUrl)).requests,
    });
    const warm = await measureWarm();

    console.log(`${size} pupils: idle for ${idleSeconds} s…`);
    await sleep(SETTLE_MS); // writes the reads caused (audit entries) and their sync are not idle traffic
    await resetGraphStats(app.baseUrl);
    await sleep(idleSeconds * 1000);
    const idleStats = await graphStats(app.baseUrl);
    const idleRequests = idleStats.requests;
    const idlePer30s = round((idleRequests * 30) / idleSeconds);

    // A ten-minute session: the register three times, eight pupil records, a teacher's class view three times;
    // the rest of the ten minutes idle (extrapolated from the idle rate just measured).
    await resetGraphStats(app.baseUrl);
    const sessionStarted = performance.now();
    for (let r = 0; r < 3; r += 1) await get(`${api}/pupils`, sencoAuth);
    for (let p = 0; p < 8; p += 1) await get(`${api}/pupils/${pupilAt(p * 7)}`, sencoAuth);
    for (let c = 0; c < 3; c += 1) await get(`${api}/classes/${firstClass.groupId}/pupils`, teacherAuth);
    // The audit entries those reads wrote go to SharePoint every couple of seconds: counted once settled, with
    // the idle ticks of that wait; the rest of the ten minutes is idle.
    await sleep(SETTLE_MS);
    const sessionSeconds = (performance.now() - sessionStarted) / 1000;
    const sessionStats = await graphStats(app.baseUrl);
    // While subscribed to change notifications an idle server asks nothing but one list of a safety sweep
    // every SAFETY_SWEEP_EVERY_TICKS ticks of 30 s, which a short idle window rarely sees: counted all the same.
    const restSeconds = Math.max(0, 600 - sessionSeconds);
    const idleRest = Math.max(
      (idleRequests / idleSeconds) * restSeconds,
      restSeconds / (SAFETY_SWEEP_EVERY_TICKS * 30),
    );
    const ours = round(sessionStats.requests + idleRest);

    const naiveClient = await createNaiveClient(app.baseUrl, school.tenant.sharePointHostname);
    await resetGraphStats(app.baseUrl);
    for (let r = 0; r < 3; r += 1) await naiveClient.register();
    for (let p = 0; p < 8; p += 1) await naiveClient.pupilRecord(pupilAt(p * 7));
    for (let c = 0; c < 3; c += 1) await naiveClient.classView(firstClass.groupId);
    const naive = (await graphStats(app.baseUrl)).requests;

    // After the session, so the idle and session figures are not disturbed by another instance's writes.
    const catchUp = sessionOnly
      ? undefined
      : (console.log(`${size} pupils: 100 writes by another instance, and the catch-up…`),
        await measureCatchUp({
          baseUrl: app.baseUrl,
          sharePointHostname: school.tenant.sharePointHostname,
          senco,
          sencoAuth,
          measureWarm,
        }));

    const tab = !sessionOnly && existsSync(CHROMIUM_PATH) ? await measureTab(app.baseUrl) : [];
    const tenantMemory = sessionOnly
      ? undefined
      : measureTenantMemory(app.baseUrl, school.tenant.sharePointHostname);
    return {
      size,
      cold,
      warm,
      idlePer30s,
      idleOperations: idleStats.byOperation,
      session: {
        ours,
        naive,
        ratio: ours > 0 ? round(naive / ours) : Number.POSITIVE_INFINITY,
        operations: sessionStats.byOperation,
      },
      ...(catchUp ? { catchUp } : {}),
      ...(tenantMemory ? { tenantMemory } : {}),
      tab,
      rssAfterMb: app.rssMb(),
    };
  } finally {
    await app.stop();
    rmSync(join(dbPath, '..'), { recursive: true, force: true });
  }
}

/** What a tenant-mode server holds for this school, in a process without the stand-in (bench/tenant-memory.ts). */
function measureTenantMemory(baseUrl: string, hostname: string): SizeResult['tenantMemory'] {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/tenant-memory.ts', baseUrl, hostname],
    { encoding: 'utf8', timeout: 10 * 60_000 },
  );
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    throw new Error(`bench/tenant-memory.ts failed (${run.status}): ${run.stderr.slice(-2000)}`);
  }
  return JSON.parse(line) as SizeResult['tenantMemory'];
}

async function measureTab(baseUrl: string) {
  const browser = await launchBrowser();
  try {
    const results = [];
    for (const cpuSlowdown of [1, 4])
      results.push(await measureRegisterFirstRow({ browser, baseUrl, cpuSlowdown }));
    return results;
  } finally {
    await browser.close();
  }
}

/** The committed run with some columns replaced (`--session-only`): its machine and date kept. */
function writeMerged(merged: SizeResult[]) {
  const previous = JSON.parse(readFileSync(join(values.out, 'latest.json'), 'utf8')) as BenchRun;
  const run = { ...previous, results: merged };
  writeFileSync(join(values.out, 'latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  const markdown = formatReport(run);
  writeFileSync(join(values.out, 'latest.md'), markdown);
  return markdown;
}

/** The results so far, written after each size: a size that fails or stalls leaves the others' figures. */
function writeResults(results: SizeResult[], extra: Pick<BenchRun, 'reminderScan'> = {}) {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    /** Other work on the machine skews every figure: the 1-minute load average when the run ended. */
    loadAverage: loadNow(),
  };
  const run = {
    at: new Date().toISOString(),
    latencyMs,
    idleSeconds,
    repeats,
    machine,
    /** The whole run so far (building the tab and seeding included); the micro-benchmarks follow it. */
    seconds: Math.round((performance.now() - started) / 1000),
    seeded,
    results,
    ...extra,
  };
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  const markdown = formatReport(run);
  writeFileSync(join(values.out, 'latest.md'), markdown);
  return markdown;
}

/**
 * The idle and session figures of this run put into the committed results (the other columns kept, and the
 * row saying which run its idle and session figures come from).
 */
function mergeSession(measured: SizeResult[]): SizeResult[] {
  const previous = JSON.parse(readFileSync(join(values.out, 'latest.json'), 'utf8')) as BenchRun;
  const at = new Date().toISOString();
  return previous.results.map((row) => {
    const fresh = measured.find((m) => m.size === row.size);
    if (!fresh) return row;
    return {
      ...row,
      idlePer30s: fresh.idlePer30s,
      idleOperations: fresh.idleOperations,
      session: fresh.session,
      sessionRun: {
        at,
        loadAverage: fresh.loadAverage ?? 0,
        coldGraphRequests: fresh.cold.graphRequests,
        coldReadyMs: fresh.cold.readyMs,
      },
    };
  });
}

/** The tab as the source is now: a fresh clone has no dist/tab, and an old one would measure old code. */
function buildTab(): void {
  if (sessionOnly || values['no-build'] || !existsSync(CHROMIUM_PATH)) return;
  console.log('Building the tab (npm run build:tab)…');
  const build = spawnSync('npm', ['run', 'build:tab'], { encoding: 'utf8', timeout: 10 * 60_000 });
  if (build.status !== 0) throw new Error(`npm run build:tab failed:\n${build.stdout}${build.stderr}`);
}

const loadNow = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;
const started = performance.now();
buildTab();
const results: SizeResult[] = [];
let markdown = '';
for (const size of sizes) {
  results.push({ ...(await measureSize(size)), loadAverage: loadNow() });
  if (!sessionOnly) markdown = writeResults(results);
}
if (!sessionOnly)
  markdown = writeResults(results, {
    reminderScan: await measureReminderScan({
      seededDb: await seededDatabase(2000),
      pupils: 2000,
      latencyMs,
    }),
  });
if (sessionOnly) markdown = writeMerged(mergeSession(results));
console.log(`\n${markdown}\nWritten to ${join(values.out, 'latest.md')} and latest.json.`);
