import { formatCalendarDate, parseCalendarDate } from '../src/domain/calendar-date.ts';
import type { CatchUpResult } from './catch-up.ts';
import type { ReminderScanResult } from './reminder-scan.ts';
import type { TabMeasure } from './tab-bench.ts';

type Timing = { p50: number; p95: number; wireKb: number };

export type SizeResult = {
  size: number;
  cold: {
    readyMs: number;
    graphRequests: number;
    rssMb: number;
    /** Requests that read list items, and Σ ceil(items / page) over the lists held from the start. */
    listReads?: number;
    listReadBound?: number;
  };
  warm: { register: Timing; classView: Timing; pupilRecord: Timing; graphRequests: number };
  idlePer30s: number;
  /** What the idle server asked Graph for. */
  idleOperations: { operation: string; count: number }[];
  /** SENCO Hub's requests over the session: what they were (audit entries, idle ticks). */
  session: {
    ours: number;
    naive: number;
    ratio: number;
    operations?: { operation: string; count: number }[];
  };
  /** The register after 100 writes by another instance (bench/catch-up.ts). */
  catchUp?: CatchUpResult;
  /** A tenant-mode server's holdings for the school, in a process without the stand-in (bench/tenant-memory.ts). */
  tenantMemory?: { baselineMb: number; heldMb: number; pupils: number; registerRows: number };
  tab: TabMeasure[];
  rssAfterMb: number;
  /** The machine's 1-minute load average when this size's run ended (other work on it skews every figure). */
  loadAverage?: number;
  /**
   * Set when the idle and session figures come from a later run of those alone (`--session-only`): when, the
   * load then, and that run's cold start (its Graph requests include the change notification subscriptions).
   */
  sessionRun?: { at: string; loadAverage: number; coldGraphRequests: number; coldReadyMs: number };
};

export type BenchRun = {
  at: string;
  latencyMs: number;
  idleSeconds: number;
  repeats: number;
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    node: string;
    kernel: string;
    loadAverage?: number;
  };
  /** How long the run took (the tab's build and any seeding included), and which schools it seeded. */
  seconds?: number;
  seeded?: { size: number; seconds: number }[];
  results: SizeResult[];
  /** The reminder scan at trust scale (bench/reminder-scan.ts). */
  reminderScan?: ReminderScanResult;
};

/** The targets the figures are read against (bench/README.md); never asserted by tests. */
const TARGETS = {
  tabFirstRowMs: 1000,
  warmRegisterP95Ms: 50,
  sessionRatio: 20,
  idlePer30s: 1,
  initialJsGzipKb: 200,
  rssMb: 300,
};

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const laterRun = (r: SizeResult) =>
  r.sessionRun
    ? ` (run of ${r.sessionRun.at.slice(0, 16).replace('T', ' ')} UTC, load ${r.sessionRun.loadAverage})`
    : '';
const n = (v: number) => v.toLocaleString('en-GB');

const CATCH_UP_HEADER = [
  'After 100 writes by another instance: register shows them (after the last write), Graph requests of the catch-up',
  'Then register / class view / pupil record API p50 / p95, size; Graph reads',
];

/** The register after 100 writes by another instance (bench/catch-up.ts). */
function catchUpCells(r: SizeResult): string[] {
  const c = r.catchUp;
  if (!c) return ['—', '—'];
  const w = c.warm;
  const t = (x: { p50: number; p95: number; wireKb: number }) => `${x.p50} / ${x.p95} ms, ${x.wireKb} KB`;
  return [
    `${n(c.visibleAfterMs)} ms (${c.registerPolls} ${c.registerPolls === 1 ? 'read' : 'reads'} of every page, the last ${n(c.lastPollMs)} ms); ` +
      `${n(c.appRequests)} req (${n(c.appReads)} reads) for ${c.writes} changes`,
    `${t(w.register)} ${mark(w.register.p95 <= TARGETS.warmRegisterP95Ms)}; ${t(w.classView)}; ${t(w.pupilRecord)}; ` +
      `${n(w.graphReads)} reads ${mark(w.graphReads === 0)}`,
  ];
}

/** The cold start's list reads against the fewest that read every list held (bench/cold-start-bound.ts). */
function listReads(r: SizeResult): string {
  const { listReads: reads, listReadBound: bound } = r.cold;
  if (reads === undefined || bound === undefined) return '';
  return ` (list reads ${n(reads)} of at most ${n(bound)} ${mark(reads <= bound)})`;
}

/** How long the run took, and which schools it had to seed first. */
function runTime(run: BenchRun): string[] {
  if (run.seconds === undefined) return [];
  const seeded = (run.seeded ?? []).map((s) => `${n(s.size)} pupils in ${n(s.seconds)} s`);
  return [
    `The run took ${n(run.seconds)} s, building the tab included` +
      (seeded.length > 0
        ? `, and seeding the schools it had not seeded before (${seeded.join(', ')}).`
        : '; every school was seeded already.'),
  ];
}

export function formatReport(run: BenchRun): string {
  const rows = run.results.map((r) => {
    const tab1 = r.tab.find((t) => t.cpuSlowdown === 1);
    const tab4 = r.tab.find((t) => t.cpuSlowdown === 4);
    return [
      r.loadAverage !== undefined ? `${n(r.size)} (load ${r.loadAverage})` : n(r.size),
      `${n(r.cold.readyMs)} ms, ${n(r.cold.graphRequests)} req${listReads(r)}, ${n(r.cold.rssMb)} MB`,
      `${r.warm.register.p50} / ${r.warm.register.p95} ms ${mark(r.warm.register.p95 <= TARGETS.warmRegisterP95Ms)}, ${r.warm.register.wireKb} KB`,
      `${r.warm.classView.p50} / ${r.warm.classView.p95} ms, ${r.warm.classView.wireKb} KB`,
      `${r.warm.pupilRecord.p50} / ${r.warm.pupilRecord.p95} ms, ${r.warm.pupilRecord.wireKb} KB`,
      `${n(r.warm.graphRequests)}`,
      ...catchUpCells(r),
      `${r.idlePer30s} ${mark(r.idlePer30s <= TARGETS.idlePer30s)}${laterRun(r)}`,
      `${n(r.session.ours)} vs ${n(r.session.naive)} (${r.session.ratio}×) ${mark(r.session.ratio >= TARGETS.sessionRatio)}${laterRun(r)}`,
      tab1 ? `${n(tab1.firstRowMs)} ms ${mark(tab1.firstRowMs <= TARGETS.tabFirstRowMs)}` : 'no Chromium',
      tab4 ? `${n(tab4.firstRowMs)} ms` : '—',
      tab1 ? `${tab1.initialJsGzipKb} KB ${mark(tab1.initialJsGzipKb <= TARGETS.initialJsGzipKb)}` : '—',
      `${n(r.rssAfterMb)} MB`,
      r.tenantMemory
        ? `${n(r.tenantMemory.heldMb)} MB ${mark(r.tenantMemory.heldMb <= TARGETS.rssMb)} (${n(r.tenantMemory.baselineMb)} MB before reading)`
        : '—',
    ];
  });
  const header = [
    'Pupils',
    'Cold start (ready, Graph requests (delta pages reading the lists, against Σ ceil(items / page) + 1), RSS)',
    'Register API p50 / p95, size',
    'Class view API',
    'Pupil record API',
    'Graph requests while warm',
    ...CATCH_UP_HEADER,
    'Idle Graph requests / 30 s',
    '10-minute session: Graph requests, SENCO Hub vs naive',
    'Tab: first register row (1× CPU)',
    '(4× CPU)',
    'Tab: JS before first row (gzip)',
    'RSS after (local mode, stand-in included)',
    'Tenant mode: RSS holding the records and register rows',
  ];
  const m = run.machine;
  return [
    `# SENCO Hub benchmark, ${formatCalendarDate(parseCalendarDate(run.at.slice(0, 10)))}`,
    '',
    `Local stand-in with ${run.latencyMs} ms added to every Graph request; ${run.repeats} requests per API figure; ` +
      `idle measured over ${run.idleSeconds} s. Machine: ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, Linux ${m.kernel}` +
      (m.loadAverage !== undefined ? `; load average ${m.loadAverage} when the run ended.` : '.'),
    ...runTime(run),
    '"RSS after" is the whole local-mode process, stand-in and SQLite included; the tenant-mode figure is a process of its own ' +
      'reading the same school over Graph, without the stand-in (bench/tenant-memory.ts). ✓/✗: against the targets in bench/README.md.',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...(run.reminderScan ? [formatReminderScan(run.reminderScan)] : []),
  ].join('\n');
}

/** The reminder scan at trust scale: each scan per school (median, slowest) and all schools together. */
export function formatReminderScan(scan: ReminderScanResult): string {
  const rows: [string, ReminderScanResult['totals']['firstScan']][] = [
    ['After a restart (previous school day: nothing new, the whole log read)', scan.totals.restart],
    ['First scan of the day', scan.totals.firstScan],
    [`Re-scan after ${scan.changesPerSchool} pupils' changes`, scan.totals.rescan],
    ['Re-scan, nothing changed (every 5 minutes)', scan.totals.idleRescan],
  ];
  const per = (key: 'rulesMs' | 'catchUpMs' | 'rssMb') => {
    const values = scan.perSchool.map((s) => s[key]).sort((a, b) => a - b);
    return `${values[Math.floor((values.length - 1) / 2)] ?? '—'} (max ${values.at(-1) ?? '—'})`;
  };
  return [
    `## Reminder scan: ${scan.schools} schools × ${n(scan.pupilsPerSchool)} pupils`,
    '',
    `Each school its own server process on its own copy of one school (${scan.historyReminders} reminders already ` +
      `posted over ${scan.historyDays} school days), ${scan.latencyMs} ms per Graph request, ${scan.concurrency} schools ` +
      `at a time; scanned on ${formatCalendarDate(parseCalendarDate(scan.scanDay))}. ${scan.schools} schools in ${scan.wallSeconds} s, load average ` +
      `${scan.loadAverage} at the end. CPU is the school's process, stand-in included. Reminder rules alone ` +
      `(remindersDue over every pupil): ${per('rulesMs')} ms; the other server's changes reached the records ` +
      `in ${per('catchUpMs')} ms; RSS ${per('rssMb')} MB.`,
    '',
    '| Scan | Time per school (median / slowest) | Graph requests, all schools | Reminders posted, all schools | CPU, all schools |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      ([label, t]) =>
        `| ${label} | ${n(t.msP50)} / ${n(t.msMax)} ms | ${n(t.graphRequests)} (${round1(t.graphRequests / scan.schools)} per school) | ${n(t.posted)} | ${n(t.cpuMs)} ms |`,
    ),
    '',
  ].join('\n');
}

const round1 = (v: number) => Math.round(v * 10) / 10;
