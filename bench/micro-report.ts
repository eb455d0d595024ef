/**
 * Puts the micro-benchmarks' figures (`vitest bench --outputJson`) into the committed results, after
 * `bench/run.ts` has written them: a section of latest.md (replaced if there already) and `micro` in
 * latest.json. Vitest keeps no samples, so a benchmark is summed up by its median, p75 and p99; the p99 bounds
 * the p95 the search's target is read against.
 *
 *   npx tsx bench/micro-report.ts [--in .data/bench/micro.json] [--out bench/results]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatCalendarDate, parseCalendarDate } from '../src/domain/calendar-date.ts';

type VitestBenchmark = { name: string; median: number; p75: number; p99: number; sampleCount: number };
type VitestBenchOutput = { files: { groups: { fullName: string; benchmarks: VitestBenchmark[] }[] }[] };

export type MicroBenchmark = {
  group: string;
  name: string;
  medianMs: number;
  p75Ms: number;
  p99Ms: number;
  samples: number;
};

/** The message extension's search target (src/server/bot/pupil-search.bench.ts): p95 ≤ 300 ms. */
const SEARCH_P95_MS = 300;
const SECTION = '## Micro-benchmarks';

export function microBenchmarks(output: VitestBenchOutput): MicroBenchmark[] {
  return output.files.flatMap((file) =>
    file.groups.flatMap((group) =>
      group.benchmarks.map((b) => ({
        // "src/server/bot/pupil-search.bench.ts > message extension search, 10,000 pupils": the group's name.
        group: group.fullName.split(' > ').slice(1).join(' > ') || group.fullName,
        name: b.name,
        medianMs: round(b.median),
        p75Ms: round(b.p75),
        p99Ms: round(b.p99),
        samples: b.sampleCount,
      })),
    ),
  );
}

export function formatMicro(benchmarks: readonly MicroBenchmark[], at: Date, load: number): string {
  const day = formatCalendarDate(parseCalendarDate(at.toISOString().slice(0, 10)));
  const rows = benchmarks.map((b) => {
    const search = b.group.startsWith('message extension search');
    const mark = search ? ` ${b.p99Ms <= SEARCH_P95_MS ? '✓' : '✗'}` : '';
    return `| ${b.group} | ${b.name} | ${n(b.medianMs)} ms | ${n(b.p75Ms)} ms | ${n(b.p99Ms)} ms${mark} | ${b.samples} |`;
  });
  return [
    SECTION,
    '',
    `\`vitest bench\` (\`*.bench.ts\`), run on ${day} at ${at.toISOString().slice(11, 16)} UTC, load average ${load}. ` +
      `The message extension's search is read against p95 ≤ ${SEARCH_P95_MS} ms (✓/✗ on its p99, which bounds the p95).`,
    '',
    '| Benchmark | Case | Median | p75 | p99 | Samples |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

const round = (v: number) => Math.round(v * 10) / 10;
const n = (v: number) => v.toLocaleString('en-GB');

function main() {
  const { values } = parseArgs({
    options: {
      in: { type: 'string', default: join('.data', 'bench', 'micro.json') },
      out: { type: 'string', default: join('bench', 'results') },
    },
  });
  const benchmarks = microBenchmarks(JSON.parse(readFileSync(values.in, 'utf8')) as VitestBenchOutput);
  const at = new Date();
  const load = Math.round((loadavg()[0] ?? 0) * 10) / 10;

  const mdPath = join(values.out, 'latest.md');
  const md = readFileSync(mdPath, 'utf8');
  const before = md.includes(SECTION) ? md.slice(0, md.indexOf(SECTION)) : `${md.trimEnd()}\n\n`;
  writeFileSync(mdPath, before + formatMicro(benchmarks, at, load));

  const jsonPath = join(values.out, 'latest.json');
  const run = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    jsonPath,
    `${JSON.stringify({ ...run, micro: { at: at.toISOString(), loadAverage: load, benchmarks } }, null, 2)}\n`,
  );
  console.log(`Micro-benchmarks added to ${mdPath} and latest.json.`);
}

main();
