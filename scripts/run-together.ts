/**
 * Runs npm scripts side by side and fails if any fails: `tsx scripts/run-together.ts typecheck lint build:tab`.
 * The type-check and the linter each use one core, so on a two-core CI machine they take the time of the slower
 * one instead of both. Each script's output is printed whole when it ends, with how long it took.
 */
import { spawn } from 'node:child_process';

type Outcome = { script: string; code: number | null; seconds: number; output: string };

function run(script: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (err) => {
      output += `${err.message}\n`;
    });
    child.once('close', (code) => {
      const outcome = { script, code, seconds: (Date.now() - started) / 1000, output };
      const verdict = code === 0 ? 'passed' : `FAILED (exit ${String(code)})`;
      process.stdout.write(`\n> npm run ${script}: ${verdict} in ${outcome.seconds.toFixed(1)} s\n${output}`);
      resolve(outcome);
    });
  });
}

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('Usage: tsx scripts/run-together.ts <npm script> [<npm script> …]');
  process.exit(2);
}
const outcomes = await Promise.all(scripts.map(run));
const failed = outcomes.filter((o) => o.code !== 0).map((o) => o.script);
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
