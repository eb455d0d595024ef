import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  certificateCredential,
  createAppTokenProvider,
  createTenantTokenFunction,
  type AppTokenOptions,
} from '../graph/app-token-provider.ts';
import { createBotConversations } from '../graph/bot-conversations-list.ts';
import { createReminderLog } from '../graph/reminder-log.ts';
import { createPostedReminders } from '../graph/channel-reminder-posts.ts';
import { createTeamsDirectory } from '../graph/team-channels.ts';
import { createStaffAccounts } from '../graph/staff-accounts.ts';
import { createAppRoleHolders } from '../graph/app-role-holders.ts';
import { APP_ROLE_IDS, APP_ROLES } from './access/caller.ts';
import { createDirectory } from '../graph/directory.ts';
import { createHeadTeacherLookup } from '../graph/head-teacher.ts';
import { createDelegatedTokens } from '../graph/delegated-token-provider.ts';
import { entraTokenUrl, type TokenEndpoint } from '../graph/token-endpoint.ts';
import { createGraphConnection } from '../graph/graph-client.ts';
import { outlookCalendar } from '../graph/outlook-calendar.ts';
import {
  createSendRecords,
  type ReplicaProblem,
  type SendRecordsReplica,
} from '../graph/send-records-replica.ts';
import type { SendRecords } from '../graph/send-records.ts';
import { findSiteId } from '../graph/site.ts';
import { explainProvisioningFailure, prepareSchoolSite } from './school-site.ts';
// Types only: the stand-in (and its native SQLite module) is loaded in local mode alone, by import() below.
import type { Local365 } from '../local365/local365.ts';
import { createApiRouter } from './api/api-router.ts';
import { createPendingRecords } from './api/pending-records.ts';
import { londonCalendarDate } from './api/school-clock.ts';
import { englishBankHolidaysAround } from './bank-holidays.ts';
import { createFileJournal } from './audit/audit-journal.ts';
import { createAuditLogger } from './audit/audit-logger.ts';
import { createTokenValidator } from './auth/token-validator.ts';
import { createTeamsBot, type TeamsBot } from './bot/teams-bot.ts';
import { ConfigError, parseConfig, type AppConfig } from './config.ts';
import { listNotificationsRouter } from './http/list-notifications-route.ts';
import { createWebApp, LIST_NOTIFICATIONS_PATH } from './http/web-app.ts';
import type { DemoLoadProgress } from './local/demo-records.ts';
import { createTeamsPoster } from './reminders/channel-poster.ts';
import { createReminderScheduler, type ReminderScheduler } from './reminders/reminder-scheduler.ts';
import { retentionDeletion, type RetentionDeletion } from '../graph/retention-deletion.ts';
import { createRetentionJob } from './retention/retention-job.ts';
import { createOutlookCheck } from './bookings/outlook-check.ts';
import { changesLine } from './bookings/outlook-check-log.ts';

/** The built tab (npm run build:tab). */
const TAB_DIR = fileURLToPath(new URL('../../dist/tab', import.meta.url));

export type ServerOptions = {
  now?: () => Date;
  /** Records to serve instead of SharePoint's (tests of the API on fake records). */
  records?: SendRecords;
  /** Loading the demo school's records into the stand-in (local mode), for a progress display. */
  onLoadProgress?: (progress: DemoLoadProgress) => void;
  /** Records SharePoint holds that could not be read, and failed background syncs. Default: console.warn. */
  onRecordsProblem?: (problem: ReplicaProblem) => void;
};

type TenantTokenOptions = Extract<AppTokenOptions, { kind: 'tenant' }>;

/** The app's credential for the school's tenant, read from its file; never logged, errors never quote it. */
function tenantTokenOptions(config: Extract<AppConfig, { mode: 'tenant' }>): TenantTokenOptions {
  const common = { kind: 'tenant' as const, tenantId: config.tenantId, clientId: config.clientId };
  if (config.credential.kind === 'secret')
    return { ...common, credential: { clientSecret: config.credential.secret } };
  let pem: string;
  try {
    pem = readFileSync(config.credential.path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `CLIENT_CERTIFICATE_PATH: cannot read ${config.credential.path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return { ...common, credential: { certificate: certificateCredential(pem) } };
  } catch (err) {
    throw new ConfigError(`CLIENT_CERTIFICATE_PATH: ${(err as Error).message} (${config.credential.path})`);
  }
}

/**
 * Where on-behalf-of and refresh_token grants go, and the app's proof: Entra's token endpoint with the
 * configured secret or certificate; locally the stand-in's, with the demo registration's certificate.
 */
function delegatedTokenEndpoint(
  config: AppConfig,
  tenant: TenantTokenOptions | undefined,
  local365: Local365 | undefined,
): TokenEndpoint {
  if (tenant)
    return {
      url: entraTokenUrl(tenant.tenantId, tenant.authorityHost),
      clientId: tenant.clientId,
      credential: tenant.credential,
    };
  if (!local365) throw new Error('unreachable: local mode has the stand-in');
  return {
    url: `${config.publicUrl}/local365/token`,
    clientId: config.clientId,
    credential: { certificate: certificateCredential(local365.identity.demoAppCredential.certificatePem) },
  };
}

/** The real clock, or in local mode one started at LOCAL365_CLOCK_START and running on from there. */
/**
 * Whether Graph can deliver change notifications to our public URL: https (all Graph delivers to), or, in local
 * mode, the stand-in on this machine (which also delivers over http to a loopback host).
 */
function notificationsReachable(publicUrl: string, mode: AppConfig['mode']): boolean {
  const url = new URL(publicUrl);
  return (
    url.protocol === 'https:' ||
    (mode === 'local' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
  );
}

function shiftedClock(config: AppConfig): () => Date {
  const start = config.mode === 'local' ? config.local365.clockStart : undefined;
  if (start === undefined) return () => new Date();
  const offset = start - Date.now();
  return () => new Date(Date.now() + offset);
}

/** The composition root: reads configuration, wires the parts, listens. Only this file reads the clock and env. */
export async function startServer(config: AppConfig, options: ServerOptions = {}) {
  const now = options.now ?? shiftedClock(config);
  const tenantTokens = config.mode === 'tenant' ? tenantTokenOptions(config) : undefined;
  const standIn = config.mode === 'local' ? await import('../local365/local365.ts') : undefined;
  const local365: Local365 | undefined =
    config.mode === 'local' && standIn
      ? standIn.createLocal365({
          dbPath: config.local365.dbPath,
          publicBaseUrl: () => `${config.publicUrl}/local365`,
          tenantId: config.tenantId,
          apiAudience: config.clientId,
          seed: config.local365.seed,
          ...(config.local365.schoolSize !== undefined ? { schoolSize: config.local365.schoolSize } : {}),
          ...(config.local365.latencyMs !== undefined ? { latencyMs: config.local365.latencyMs } : {}),
          crashSwitch: config.local365.crashSwitch,
          api: {
            apiIdentifierUri: config.auth.audience[1]!,
            accessTokenAcceptedVersion: config.local365.accessTokenVersion,
          },
          now,
        })
      : undefined;
  const seeded = local365?.ensureSeeded();

  // One Graph connection, app-only, for everything the server reads and writes.
  const connection = createGraphConnection({
    root: config.graphRoot,
    getToken: createAppTokenProvider(
      tenantTokens ?? {
        kind: 'local',
        tokenUrl: `${config.publicUrl}/local365/token`,
        clientId: config.clientId,
      },
      now,
    ),
  });
  const directory = createDirectory({ graph: connection, now: () => now().getTime() });
  // Outlook is reached as the signed-in person (on-behalf-of), on the same Graph client: never app-only.
  // Our own requests at the token endpoint, with the app's secret or certificate (the refresh token kept).
  const delegatedTokens = createDelegatedTokens(delegatedTokenEndpoint(config, tenantTokens, local365), {
    now,
  });
  const calendarWith = (getToken: () => Promise<string>) =>
    outlookCalendar(createGraphConnection({ root: config.graphRoot, getToken }), getToken);
  const calendarFor = (userId: string, assertion: string) =>
    calendarWith(delegatedTokens.forUser(userId, assertion));
  // The secret Graph echoes in each change notification, so ours are told from anyone else's POST.
  const notificationSecret = randomBytes(32).toString('base64url');
  // The replica is made once the server listens (the stand-in's Graph is this server); until then, 503.
  const records = createPendingRecords();
  if (options.records) records.attach(options.records);
  // Every audit entry is fsync'd to the journal before its answer is sent, and sent to SharePoint from there.
  const audit = createAuditLogger({
    append: (entries) => records.appendAudit(entries),
    // The entries of each send as one item (a class view is one item, not one per pupil).
    appendGroup: (groupId, entries) => records.appendAuditGroup(groupId, entries),
    journal: createFileJournal(config.auditJournalPath),
    canSend: () => records.isReady(),
  });
  // Entries a crash left unsent are replayed now; a journal that cannot be read stops the start.
  await audit.opened;
  const clock = { now, today: () => londonCalendarDate(now()) };
  const staffAccounts = createStaffAccounts({
    graph: connection,
    clientId: config.clientId,
    roles: APP_ROLE_IDS,
    now: () => now().getTime(),
  });
  // Who holds each app role in Entra (the settings screen; the head teacher invited to annual reviews).
  const appRoleHolders = createAppRoleHolders({
    graph: connection,
    clientId: config.clientId,
    roles: APP_ROLES,
    now: () => now().getTime(),
  });
  // Meetings moved or cancelled in Outlook, noticed while nobody has SENCO Hub open (tokens had without them).
  const outlookCheck = createOutlookCheck({
    records,
    tokens: delegatedTokens,
    calendarFor: calendarWith,
    accounts: staffAccounts,
    clock,
    audit,
    onError: (err) => console.warn('Outlook check:', err instanceof Error ? err.message : err),
    onReport: (report) => {
      // Calendars that cannot be read are told once per organiser as that changes (outlook-check-log.ts).
      const line = changesLine(report.organisers.reduce((n, o) => n + o.changes.length, 0));
      if (line) console.log(line);
    },
  });

  const validateToken = createTokenValidator({ ...config.auth, now });
  // The bot: who is asking (from the directory), and where it is installed (in SharePoint, once the site is found).
  let siteIdFound: (siteId: string) => void = () => undefined;
  const siteIdPromise = new Promise<string>((resolve) => (siteIdFound = resolve));
  const botDeps = {
    schoolTenantId: config.tenantId,
    now,
    conversations: createBotConversations({ connection, siteId: () => siteIdPromise }),
    sharing: {
      records,
      directory,
      audit,
      clock,
      accounts: staffAccounts,
      tabLink: { teamsAppId: config.teamsAppId, publicUrl: config.publicUrl },
    },
  };
  let bot: TeamsBot | undefined;
  // Reminders into the staff channel: claimed in the Reminder Log before they are posted through the bot.
  let reminders: ReminderScheduler | undefined;
  const reminderLog = createReminderLog({ connection, siteId: () => siteIdPromise });
  // Deleting records whose retention period is over: finished on start if a crash interrupted one, then daily.
  let deletionFound: (deletion: RetentionDeletion) => void = () => undefined;
  const deletionPromise = new Promise<RetentionDeletion>((resolve) => (deletionFound = resolve));
  let replicaForRetention: SendRecordsReplica | undefined;
  const retention = createRetentionJob({
    records,
    roll: () => directory.roll(),
    deletion: () => deletionPromise,
    today: () => clock.today(),
    now,
    // Audit entries still in the journal go first, so those about a pupil being deleted are deleted with them.
    refresh: async () => {
      await audit.flush();
      await replicaForRetention?.syncNow();
    },
    onReport: (report) => {
      if (report.deleted.length > 0)
        console.log(`Retention: the SEND records of ${report.deleted.length} pupils were deleted.`);
      if (report.skipped === 'empty-roll')
        console.warn('Retention: the school’s roll could not be read, so no records were deleted.');
    },
    onError: (err) => console.warn('Retention:', err instanceof Error ? err.message : err),
  });
  const web = await createWebApp({
    mode: config.mode,
    api: createApiRouter({
      records,
      directory,
      audit,
      validateToken,
      calendarFor,
      clock,
      retention,
      headTeacher: createHeadTeacherLookup({
        graph: connection,
        headteacherRole: () => appRoleHolders.roleHolders('Headteacher'),
        now: () => now().getTime(),
      }),
      outlookCheck: {
        status: (userId) => outlookCheck.status(userId),
        checkNow: async (by, assertion) => {
          await outlookCheck.checkNow(by, delegatedTokens.forUser(by.userId, assertion));
        },
      },
      reminders: {
        problem: async () => (reminders && (await reminders.problem())) ?? undefined,
        conversations: () => botDeps.conversations.list(),
        teams: createTeamsDirectory(connection),
        accounts: botDeps.sharing.accounts,
      },
      roleHolders: appRoleHolders,
    }),
    tabDir: TAB_DIR,
    local365: local365?.router,
    listNotifications: listNotificationsRouter((body) => replica?.acceptListNotifications(body) ?? 0),
    tabSettings: {
      mode: config.mode,
      clientId: config.clientId,
      tenantId: config.tenantId,
      apiScope: config.apiScope,
      redirectUri: `${config.publicUrl}/auth-redirect.html`,
    },
    trustProxy: config.trustProxy,
    mountBot: async (app) => {
      bot = createTeamsBot(
        tenantTokens
          ? {
              web: app,
              local: false,
              clientId: config.clientId,
              token: createTenantTokenFunction(tenantTokens),
              ...botDeps,
            }
          : {
              web: app,
              local: true,
              // Proactive posts go to the stand-in's Bot Connector, with a token from the stand-in.
              serviceUrl: `${config.publicUrl}/local365/connector/`,
              clientId: config.clientId,
              token: createAppTokenProvider(
                { kind: 'local', tokenUrl: `${config.publicUrl}/local365/token`, clientId: config.clientId },
                now,
              ),
              ...botDeps,
            },
      );
      await bot.app.initialize();
      reminders = createReminderScheduler({
        now,
        records,
        log: reminderLog,
        conversations: botDeps.conversations,
        poster: createTeamsPoster(bot.app),
        postedReminders: createPostedReminders(connection),
        bankHolidays: () => [...englishBankHolidaysAround(clock.today())].sort(),
        link: { teamsAppId: config.teamsAppId, publicUrl: config.publicUrl },
        staleClaimMinutes: config.reminders.staleClaimMinutes,
        onError: (err) => console.warn('Reminders:', err instanceof Error ? err.message : err),
        onReport: (report) => {
          if (report.posted.length || report.failed.length)
            console.log(`Reminders: ${report.posted.length} posted, ${report.failed.length} not posted yet.`);
          if (report.channelUnchecked)
            console.warn(`Reminders: the channel could not be read back: ${report.channelUnchecked}`);
          if (report.skipped === 'bot-not-installed')
            console.warn('Reminders: the SENCO Hub bot is not in the reminders team; nothing can be posted.');
        },
      });
    },
    now,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = config.host
      ? web.listen(config.port, config.host, () => resolve(s))
      : web.listen(config.port, () => resolve(s));
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
        const siteUrl =
          local365 && standIn
            ? `https://${local365.school.tenant.sharePointHostname}${standIn.SENCO_HUB_SITE_PATH}`
            : config.mode === 'tenant'
              ? config.siteUrl
              : '';
        // Without a grant on the site (Sites.Selected) this is refused already: say what the admin must do.
        const siteId = await findSiteId({ connection, siteUrl }).catch((err: unknown) => {
          throw explainProvisioningFailure(err, siteUrl);
        });
        if (local365 && !closing) {
          const { loadDemoRecords } = await import('./local/demo-records.ts');
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
        siteIdFound(siteId);
        // A deletion under retention that a crash interrupted is finished before any list is read, so a
        // pupil whose records were being deleted is never served half-deleted.
        const deletion = retentionDeletion({ connection, siteId });
        const resumed = await deletion.resume(now());
        if (resumed.length > 0)
          console.log(
            `Retention: finished ${resumed.length} interrupted ${resumed.length === 1 ? 'deletion' : 'deletions'} of SEND records.`,
          );
        deletionFound(deletion);
        replica = createSendRecords({
          connection,
          siteId,
          now,
          onProblem,
          // Graph tells us when a list changes, so an idle server asks nothing (it polls when it cannot be told).
          // Graph delivers to https only; the local stand-in also to this machine over http.
          ...(notificationsReachable(config.publicUrl, config.mode)
            ? {
                notifications: {
                  notificationUrl: `${config.publicUrl}${LIST_NOTIFICATIONS_PATH}`,
                  clientState: notificationSecret,
                },
              }
            : {}),
        });
        await replica.start();
        replicaForRetention = replica;
        records.attach(replica);
        // Entries journaled before a crash (or while loading) go to SharePoint now, not at the next interval.
        void audit.flush();
        // The first run is the catch-up after downtime; then every few minutes.
        if (config.reminders.intervalMinutes > 0 && reminders) {
          reminders.start(config.reminders.intervalMinutes * 60_000);
        }
        if (config.retention.intervalHours > 0) retention.start(config.retention.intervalHours * 3_600_000);
        if (config.outlookCheck.intervalMinutes > 0)
          outlookCheck.start(config.outlookCheck.intervalMinutes * 60_000);
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
    /** Deleting records whose retention period is over. */
    retention,
    /** The reminder scheduler (undefined until the bot is mounted). */
    reminders: () => reminders,
    /** The periodic check of meetings changed in Outlook. */
    outlookCheck,
    async close() {
      closing = true;
      await reminders?.stop();
      await retention.stop();
      await outlookCheck.stop();
      // Audit entries go to SharePoint through Graph, which in local mode this server itself serves: write
      // them while it still listens, then stop, then hand any written meanwhile to the logger's last resort.
      await audit.close();
      await replica?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await ready.catch(() => undefined);
      await replica?.stop();
      // Entries recorded after the audit logger closed are in the journal, sent on the next start.
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
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    config = parseConfig(process.env);
    running = await startServer(config, { onLoadProgress: progressReporter() });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
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
  if (!existsSync(TAB_DIR))
    console.warn('The tab is not built, so only the API answers: run npm run build:tab.');
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
