/**
 * Only the tab's figure: the register's first row in headless Chromium, several times at one size, on the same
 * seeded schools `npm run bench` keeps in .data/bench. For working on the tab's start without running the rest
 * of the benchmark on a shared machine. The tab is served from dist/tab as it is (run `npm run build:tab` first).
 *
 *   npx tsx bench/tab-run.ts --size 5000 --runs 5 --cpu 1
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/support/browser.ts';
import { startApp } from './app-process.ts';
import { freePort } from './http.ts';
import { copyOfSchool, seededSchool } from './seeded-schools.ts';
import { measureRegisterFirstRow } from './tab-bench.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '5' },
    cpu: { type: 'string', default: '1' },
    latency: { type: 'string', default: '50' },
    /** Print what the page fetched before its first row, and when. */
    timeline: { type: 'boolean', default: false },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);
const cpuSlowdown = Number(values.cpu);
const dbPath = copyOfSchool((await seededSchool(size)).path, 'sencohub-tab-bench-');

const app = await startApp({
  port: await freePort(),
  dbPath,
  latencyMs: Number(values.latency),
  timeoutMs: 600_000,
});
const browser = await launchBrowser();
try {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const measure = await measureRegisterFirstRow({
      browser,
      baseUrl: app.baseUrl,
      cpuSlowdown,
      timeline: values.timeline,
    });
    times.push(measure.firstRowMs);
    for (const entry of measure.timeline ?? [])
      console.log(`  ${String(entry.start).padStart(5)} → ${String(entry.end).padStart(5)}  ${entry.path}`);
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    console.log(
      `run ${run + 1}: first row ${measure.firstRowMs} ms, JS ${measure.initialJsGzipKb} KB gzip in ${measure.jsFiles} files (load ${load})`,
    );
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${size} pupils, ${cpuSlowdown}× CPU: median ${sorted[Math.floor(sorted.length / 2)]} ms, best ${sorted[0]} ms, worst ${sorted.at(-1)} ms`,
  );
} finally {
  await browser.close();
  await app.stop();
  rmSync(dirname(dbPath), { recursive: true, force: true });
}
