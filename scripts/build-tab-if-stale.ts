/**
 * npm start: builds the tab (vite) only when dist/tab is missing or older than what it is built from, so a
 * start after the first is quick. `npm run serve` never builds: hosting runs `npm run build:tab` once per release.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** What the tab is built from: its own code, the domain rules it shares, its public files and build settings. */
const SOURCES = ['src/tab', 'src/domain', 'public', 'vite.config.ts', 'package-lock.json'];

function newest(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const built = newest(join(root, 'dist/tab/index.html'));
const source = Math.max(...SOURCES.map((p) => newest(join(root, p))));
if (built > 0 && built >= source) {
  console.log('The tab is up to date (dist/tab).');
} else {
  console.log(built === 0 ? 'Building the tab (first start)…' : 'Building the tab (its code changed)…');
  const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
