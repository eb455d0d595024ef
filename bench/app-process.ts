import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * SENCO Hub as a separate process on the local stand-in, as `npm start` runs it (without rebuilding the tab),
 * so its start-up, memory and answers are measured from outside.
 */
export type AppProcess = {
  baseUrl: string;
  pid: number;
  /** Milliseconds from spawning to "SEND records ready". */
  readyAfterMs: number;
  rssMb(): number;
  stop(): Promise<void>;
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function startApp(options: {
  port: number;
  dbPath: string;
  schoolSize?: number;
  latencyMs?: number;
  /** How long to wait for the records (a first start seeds and imports the school). */
  timeoutMs: number;
}): Promise<AppProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      LOCAL365_DB: options.dbPath,
      ...(options.schoolSize ? { LOCAL365_SCHOOL_SIZE: String(options.schoolSize) } : {}),
      ...(options.latencyMs ? { LOCAL365_LATENCY_MS: String(options.latencyMs) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const readyAfterMs = await waitForReady(child, options.timeoutMs, started);
  const pid = child.pid ?? 0;
  return {
    baseUrl: `http://localhost:${options.port}`,
    pid,
    readyAfterMs,
    rssMb: () => rssMbOf(pid),
    stop: () => stopProcess(child),
  };
}

function waitForReady(child: ChildProcess, timeoutMs: number, started: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`SENCO Hub was not ready within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/SEND records ready/.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(performance.now() - started);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`SENCO Hub exited with ${code} before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

/** Resident memory of a process, from /proc (Linux). */
export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
