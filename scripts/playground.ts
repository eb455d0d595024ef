/**
 * npm run playground — Microsoft 365 Agents Playground, a Teams-like chat client, pointed at our bot endpoint.
 * Start the app first (npm start), then open the URL this prints. Runs offline: no telemetry, no browser launch,
 * no Entra credentials (the bot accepts unauthenticated activities in local mode only).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const port = process.env.PORT ?? '3978';
const endpoint = `http://127.0.0.1:${port}/api/messages`;
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@microsoft/m365agentsplayground/package.json'));
const pkg = require('@microsoft/m365agentsplayground/package.json') as {
  bin: Record<string, string> | string;
};
const bin =
  typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin['agentsplayground'] ?? Object.values(pkg.bin)[0]!);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  TEAMSAPPTESTER_BROWSER: 'none',
};
for (const name of ['AUTH_CLIENT_ID', 'AUTH_CLIENT_SECRET', 'AUTH_TENANT_ID']) delete env[name];

console.log(`Agents Playground → ${endpoint}`);
console.log('Open http://localhost:56150 once it is up (npm start must be running).');
const child = spawn(
  process.execPath,
  [join(pkgDir, bin), '-e', endpoint, '-c', 'msteams', '--disable-telemetry'],
  {
    stdio: 'inherit',
    env,
  },
);
child.on('exit', (code) => process.exit(code ?? 0));
