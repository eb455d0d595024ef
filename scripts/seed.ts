/**
 * npm run seed [-- --reset] [-- --seed N]
 * Seeds the local Microsoft 365 stand-in with the demo school (npm start does this on first start).
 * --reset throws the local data away first. Stop `npm start` before resetting.
 */
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLocal365 } from '../src/local365/local365.ts';
import { parseConfig } from '../src/server/config.ts';

const { values } = parseArgs({
  options: { reset: { type: 'boolean', default: false }, seed: { type: 'string' } },
});
const config = parseConfig({ ...process.env, ...(values.seed ? { LOCAL365_SEED: values.seed } : {}) });
if (config.mode !== 'local') {
  console.error(
    'npm run seed is for the local stand-in; unset TENANT_ID, CLIENT_ID, CLIENT_CERTIFICATE_PATH, CLIENT_SECRET and SITE_URL.',
  );
  process.exit(1);
}

const running = await fetch(`http://localhost:${config.port}/api/health`).then(
  (r) => r.ok,
  () => false,
);
if (running) {
  console.error(
    `SENCO Hub is running on port ${config.port}: stop it (Ctrl+C in its terminal) before seeding.`,
  );
  process.exit(1);
}

const { dbPath, seed, schoolSize } = config.local365;
if (values.reset) {
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) if (existsSync(file)) rmSync(file);
  console.log(`Removed the local data in ${dbPath}.`);
}
const local365 = createLocal365({
  dbPath,
  publicBaseUrl: () => `${config.publicUrl}/local365`,
  tenantId: config.tenantId,
  apiAudience: config.clientId,
  seed,
  ...(schoolSize !== undefined ? { schoolSize } : {}),
});
const result = local365.ensureSeeded();
const s = local365.school;
console.log(
  result.created
    ? `Seeded ${s.school.name}: ${s.pupils.length} pupils in ${s.classes.length} classes, ${s.staff.length} staff (seed ${seed}).`
    : `${s.school.name} is already seeded in ${dbPath}; use --reset to start again.`,
);
local365.close();
