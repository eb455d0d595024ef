/**
 * The reminder scan at trust scale: 20 schools of 2,000 pupils, each its own SENCO Hub server (as each school's
 * SharePoint site has its own), measured with the product's own scheduler as main.ts wires it, its reminder log
 * and Graph request path against the stand-in with latency injected, and the bot posting through the stand-in's
 * Bot Connector. See bench/README.md ("Reminder scan") for how the 20 schools are made and how to read it.
 *
 *   npx tsx bench/reminder-scan.ts                           # 20 schools × 2,000 pupils, 4 at a time
 *   npx tsx bench/reminder-scan.ts --schools 4 --concurrency 2 --latency 50 --changes 5
 *
 * Each school is a child process (`--child`) on its own copy of one prepared school database, so its time, CPU
 * and memory are its own; the parent only starts them and adds their figures up.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { percentile } from './http.ts';
import { formatReminderScan } from './report.ts';
import { BENCH_CACHE, seededSchool } from './seeded-schools.ts';
import type { SchoolScan, ScanMeasure } from './reminder-scan-school.ts';

export type { SchoolScan, ScanMeasure } from './reminder-scan-school.ts';

export type ReminderScanResult = {
  schools: number;
  pupilsPerSchool: number;
  latencyMs: number;
  /** Schools measured at once (each a process of its own). */
  concurrency: number;
  /** Pupils per school given a change that makes a new reminder due, before the re-scan. */
  changesPerSchool: number;
  /** The school day scanned, and the school days of reminders already in each school's log before it. */
  scanDay: string;
  historyDays: number;
  historyReminders: number;
  /** Wall time of the whole measurement (preparing the shared school database included), seconds. */
  wallSeconds: number;
  /** The 1-minute load average when the last school finished. */
  loadAverage: number;
  totals: Record<'restart' | 'firstScan' | 'rescan' | 'idleRescan', ScanTotals>;
  perSchool: SchoolScan[];
};

export type ScanTotals = {
  /** Per school: median and slowest scan time. */
  msP50: number;
  msMax: number;
  /** All schools together. */
  graphRequests: number;
  posted: number;
  cpuMs: number;
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = BENCH_CACHE;

/** Made again when this changes (or the seeded school does). */
const TEMPLATE_VERSION = 1;

type Template = {
  version: number;
  path: string;
  seededFrom: { path: string; mtimeMs: number; size: number };
  scanDay: string;
  historyDays: string[];
  historyReminders: number;
};

function runChild(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/reminder-scan-school.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(line);
      else
        reject(
          new Error(`bench/reminder-scan-school.ts ${args[0]} exited ${code}:\n${(err || out).slice(-3000)}`),
        );
    });
  });
}

/**
 * The school every measured school is a copy of: the seeded school with the bot added to its staff team, the
 * SEND channel chosen for reminders, and three weeks of school days of reminders already posted (so the log is
 * not empty, as it is not in a school that has used SENCO Hub). Kept in .data/bench beside the seeded school.
 */
async function preparedTemplate(seededDb: string, pupils: number): Promise<Template> {
  const path = join(CACHE, `reminders-${pupils}.sqlite`);
  const metaPath = `${path}.json`;
  const seeded = statSync(seededDb);
  const seededFrom = { path: seededDb, mtimeMs: seeded.mtimeMs, size: seeded.size };
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Template;
    const same = meta.seededFrom.mtimeMs === seededFrom.mtimeMs && meta.seededFrom.size === seededFrom.size;
    if (same && meta.version === TEMPLATE_VERSION) return meta;
  }
  console.log(
    `Reminder scan: preparing a ${pupils}-pupil school with reminders history (once; kept in ${path})…`,
  );
  const work = mkdtempSync(join(tmpdir(), 'sencohub-scan-template-'));
  try {
    const db = join(work, 'local365.sqlite');
    copyDatabase(seededDb, db);
    const meta = JSON.parse(await runChild(['--prepare', db], 10 * 60_000)) as Omit<
      Template,
      'version' | 'path' | 'seededFrom'
    >;
    // One file: the WAL folded in, so a copy is the whole school.
    const sqlite = new Database(db);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    mkdirSync(CACHE, { recursive: true });
    renameSync(db, path);
    const template: Template = { ...meta, version: TEMPLATE_VERSION, path, seededFrom };
    writeFileSync(metaPath, `${JSON.stringify(template, null, 2)}\n`);
    return template;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function copyDatabase(from: string, to: string) {
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
}

const round = (n: number) => Math.round(n * 10) / 10;

function totalsOf(schools: SchoolScan[], pick: (s: SchoolScan) => ScanMeasure): ScanTotals {
  const ms = schools.map((s) => pick(s).ms);
  const sum = (f: (m: ScanMeasure) => number) => schools.reduce((n, s) => n + f(pick(s)), 0);
  return {
    msP50: round(percentile(ms, 50)),
    msMax: round(Math.max(...ms)),
    graphRequests: sum((m) => m.graphRequests),
    posted: sum((m) => m.posted),
    cpuMs: Math.round(sum((m) => m.cpuMs)),
  };
}

/** The scan at trust scale: `schools` copies of one prepared school, `concurrency` processes at a time. */
export async function measureReminderScan(options: {
  seededDb: string;
  pupils: number;
  schools?: number;
  concurrency?: number;
  latencyMs?: number;
  changes?: number;
}): Promise<ReminderScanResult> {
  const started = performance.now();
  const schools = options.schools ?? 20;
  const concurrency = options.concurrency ?? 4;
  const latencyMs = options.latencyMs ?? 50;
  const changes = options.changes ?? 5;
  const template = await preparedTemplate(options.seededDb, options.pupils);
  console.log(
    `Reminder scan: ${schools} schools of ${options.pupils} pupils, ${concurrency} at a time, ${latencyMs} ms per Graph request…`,
  );
  const perSchool: SchoolScan[] = [];
  let next = 0;
  const worker = async () => {
    while (next < schools) {
      const index = (next += 1);
      const line = await runChild(
        [
          '--child',
          template.path,
          '--scan-day',
          template.scanDay,
          '--previous-day',
          template.historyDays.at(-1) ?? template.scanDay,
          '--latency',
          String(latencyMs),
          '--changes',
          String(changes),
        ],
        5 * 60_000,
      );
      perSchool.push({ ...(JSON.parse(line) as SchoolScan), school: index });
      console.log(`  school ${index}: ${summaryLine(perSchool.at(-1)!)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, schools) }, worker));
  perSchool.sort((a, b) => a.school - b.school);
  return {
    schools,
    pupilsPerSchool: options.pupils,
    latencyMs,
    concurrency,
    changesPerSchool: changes,
    scanDay: template.scanDay,
    historyDays: template.historyDays.length,
    historyReminders: template.historyReminders,
    wallSeconds: Math.round((performance.now() - started) / 1000),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    totals: {
      restart: totalsOf(perSchool, (s) => s.restart),
      firstScan: totalsOf(perSchool, (s) => s.firstScan),
      rescan: totalsOf(perSchool, (s) => s.rescan),
      idleRescan: totalsOf(perSchool, (s) => s.idleRescan),
    },
    perSchool,
  };
}

function summaryLine(s: SchoolScan): string {
  const m = (x: ScanMeasure) => `${Math.round(x.ms)} ms, ${x.graphRequests} req, ${x.posted} posted`;
  return `first scan ${m(s.firstScan)}; re-scan ${m(s.rescan)}; unchanged ${m(s.idleRescan)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      schools: { type: 'string', default: '20' },
      pupils: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '4' },
      latency: { type: 'string', default: '50' },
      changes: { type: 'string', default: '5' },
    },
  });
  const pupils = Number(values.pupils);
  const result = await measureReminderScan({
    seededDb: (await seededSchool(pupils)).path,
    pupils,
    schools: Number(values.schools),
    concurrency: Number(values.concurrency),
    latencyMs: Number(values.latency),
    changes: Number(values.changes),
  });
  console.log(`\n${formatReminderScan(result)}`);
  console.log(JSON.stringify({ ...result, perSchool: undefined }, null, 2));
}
