import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createAppTokenProvider, type AppTokenOptions } from '../graph/app-token-provider.ts';
import { createDirectory } from '../graph/directory.ts';
import { createGraphConnection } from '../graph/graph-client.ts';
import {
  createSendRecords,
  type ReplicaProblem,
  type SendRecordsReplica,
} from '../graph/send-records-replica.ts';
import type { SendRecords } from '../graph/send-records.ts';
import { findSiteId } from '../graph/site.ts';
import { prepareSchoolSite } from './school-site.ts';
import { createLocal365, SENCO_HUB_SITE_PATH } from '../local365/local365.ts';
import { createApiRouter } from './api/api-router.ts';
import { createPendingRecords } from './api/pending-records.ts';
import { londonCalendarDate } from './api/school-clock.ts';
import { createAuditLogger } from './audit/audit-logger.ts';
import { createTokenValidator } from './auth/token-validator.ts';
import { createTeamsBot, type TeamsBot } from './bot/teams-bot.ts';
import { ConfigError, parseConfig, type AppConfig } from './config.ts';
import { createWebApp } from './http/web-app.ts';
import { loadDemoRecords, type DemoLoadProgress } from './local/demo-records.ts';

export type ServerOptions = {
  now?: () => Date;
  /** Records to serve instead of SharePoint's (tests of the API on fake records). */
  records?: SendRecords;
  /** Loading the demo school's records into the stand-in (local mode), for a progress display. */
  onLoadProgress?: (progress: DemoLoadProgress) => void;
  /** Records SharePoint holds that could not be read, and failed background syncs. Default: console.warn. */
  onRecordsProblem?: (problem: ReplicaProblem) => void;
};

function appTokenOptions(config: AppConfig): AppTokenOptions {
  return config.mode === 'tenant'
    ? {
        kind: 'tenant',
        tenantId: config.tenantId,
        clientId: config.clientId,
        credential: { clientSecret: config.clientSecret },
      }
    : { kind: 'local', tokenUrl: `${config.publicUrl}/local365/token`, clientId: config.clientId };
}

/** The composition root: reads configuration, wires the parts, listens. Only this file reads the clock and env. */
export async function startServer(config: AppConfig, options: ServerOptions = {}) {
  const now = options.now ?? (() => new Date());
  const local365 =
    config.mode === 'local'
      ? createLocal365({
          dbPath: config.local365.dbPath,
          publicBaseUrl: () => `${config.publicUrl}/local365`,
          tenantId: config.tenantId,
          apiAudience: config.clientId,
          seed: config.local365.seed,
          crashSwitch: config.local365.crashSwitch,
          now,
        })
      : undefined;
  const seeded = local365?.ensureSeeded();

  // One Graph connection, app-only, for everything the server reads and writes.
  const connection = createGraphConnection({
    root: config.graphRoot,
    getToken: createAppTokenProvider(appTokenOptions(config), now),
  });
  const directory = createDirectory({ graph: connection, now: () => now().getTime() });
  // The replica is made once the server listens (the stand-in's Graph is this server); until then, 503.
  const records = createPendingRecords();
  if (options.records) records.attach(options.records);
  const audit = createAuditLogger({ append: (entries) => records.appendAudit(entries) });
  const clock = { now, today: () => londonCalendarDate(now()) };

  const validateToken = createTokenValidator(config.auth);
  let bot: TeamsBot | undefined;
  const web = await createWebApp({
    mode: config.mode,
    api: createApiRouter({ records, directory, audit, validateToken, clock }),
    tabDir: fileURLToPath(new URL('../../dist/tab', import.meta.url)),
    local365: local365?.router,
    tabSettings: {
      mode: config.mode,
      clientId: config.clientId,
      tenantId: config.tenantId,
      apiScope: `api://${new URL(config.publicUrl).host}/${config.clientId}/access_as_user`,
    },
    mountBot: async (app) => {
      bot = createTeamsBot(
        config.mode === 'local'
          ? { web: app, local: true, now }
          : {
              web: app,
              local: false,
              clientId: config.clientId,
              clientSecret: config.clientSecret,
              tenantId: config.tenantId,
              now,
            },
      );
      await bot.app.initialize();
    },
    now,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = web.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  let closing = false;
  let replica: SendRecordsReplica | undefined;
  const onProblem =
    options.onRecordsProblem ??
    ((problem: ReplicaProblem) => {
      console.warn('SEND records:', problem.kind === 'sync-failed' ? problem.error.message : problem);
    });
  /** Resolves once the API serves SharePoint's records (at once with `options.records`). */
  const ready = options.records
    ? Promise.resolve()
    : (async () => {
        const siteUrl = local365
          ? `https://${local365.school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`
          : config.mode === 'tenant'
            ? config.siteUrl
            : '';
        const siteId = await findSiteId({ connection, siteUrl });
        if (local365 && !closing) {
          await loadDemoRecords({
            connection,
            siteId,
            school: local365.school,
            ...(options.onLoadProgress ? { onProgress: options.onLoadProgress } : {}),
          });
        } else if (!closing) {
          // The school's site: brought up to this version's schema (only reads when it is up to date already).
          await prepareSchoolSite({ connection, siteId, siteUrl, onProgress: options.onLoadProgress });
        }
        if (closing) return;
        replica = createSendRecords({ connection, siteId, now, onProblem });
        await replica.start();
        records.attach(replica);
      })();
  // A failed load is reported by whoever awaits `ready`; the API keeps answering 503 meanwhile.
  ready.catch(() => undefined);

  return {
    server,
    port,
    local365,
    seeded,
    bot: bot!,
    /** The records the API serves (not ready until `ready` resolves). */
    records,
    ready,
    directory,
    audit,
    async close() {
      closing = true;
      // Audit entries go to SharePoint through Graph, which in local mode this server itself serves: write
      // them while it still listens, then stop, then hand any written meanwhile to the logger's last resort.
      await audit.close();
      await replica?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await ready.catch(() => undefined);
      await replica?.stop();
      if (audit.pending() > 0) await audit.close();
      local365?.close();
    },
  };
}

/** One line per stage and per tenth of the way, not one per item. */
function progressReporter(): (progress: DemoLoadProgress) => void {
  let last = '';
  return (progress) => {
    if ('kind' in progress && progress.kind === 'checked') {
      if (progress.changesNeeded > 0)
        console.log(`  Preparing the SENCO Hub site: ${progress.changesNeeded} changes to make`);
      return;
    }
    if (!('done' in progress)) return;
    const tenth = progress.total > 0 ? Math.floor((progress.done / progress.total) * 10) : 10;
    const key = `${progress.stage} ${tenth}`;
    if (key === last) return;
    last = key;
    const what =
      progress.stage === 'provision'
        ? 'Preparing the SENCO Hub site'
        : 'Loading the demo school’s SEND records';
    console.log(`  ${what}: ${progress.done} of ${progress.total}`);
  };
}

async function main() {
  let config: AppConfig;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const running = await startServer(config, { onLoadProgress: progressReporter() });
  const url = config.publicUrl;
  console.log('');
  console.log(
    `SENCO Hub is running (${config.mode === 'local' ? 'local Microsoft 365 stand-in' : `tenant ${config.tenantId}`}).`,
  );
  if (config.mode === 'local') {
    if (running.seeded?.created) console.log(`Seeded the demo school "${running.seeded.schoolName}".`);
    console.log(`  Open the tab:          ${url}/`);
    console.log(`  Inspect Microsoft 365: ${url}/local365/`);
    console.log(`  Demo users:            ${url}/local365/users`);
  } else {
    console.log(`  Tab:  ${url}/`);
  }
  console.log('');
  running.ready.then(
    () => console.log(`SEND records ready: ${running.records.pupils().length} pupils.`),
    (err: unknown) => {
      console.error('Could not load the SEND records; the API answers 503 until this is fixed.');
      console.error(err);
    },
  );
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
