import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * Configuration, parsed once at start-up from the environment.
 *
 * - Local mode (no tenant setting at all): the app runs on the local Microsoft 365 stand-in (src/local365) with a
 *   demo school, for trying SENCO Hub on this computer. Anyone who can reach it can sign in as anyone, so it only
 *   listens on the loopback interface and refuses a public address.
 * - Tenant mode (any of TENANT_ID, CLIENT_ID, CLIENT_CERTIFICATE_PATH, CLIENT_SECRET, SITE_URL set): the school's
 *   own Microsoft 365. Every setting it needs is checked before anything starts, and every problem is named.
 */
export const LOCAL_TENANT_ID = '5e4c0b0b-0000-4000-8000-00000000a11a';
/** Our app registration's client id in local mode: the audience of tokens for our API. */
export const LOCAL_CLIENT_ID = '5e4c0b0b-0000-4000-8000-0000000c11e7';
/** The delegated scope our API exposes; every user call must carry it. */
export const API_SCOPE_NAME = 'access_as_user';

/** The Teams app id (manifest `id`) in local mode, for deep links from cards into the tab. */
export const LOCAL_TEAMS_APP_ID = '9b0e2c1d-1111-4a2b-8c3d-123456789abc';

/** Settings whose presence means "run for a school". */
const TENANT_SETTINGS = [
  'TENANT_ID',
  'CLIENT_ID',
  'CLIENT_CERTIFICATE_PATH',
  'CLIENT_SECRET',
  'SITE_URL',
] as const;

/** What Express's `trust proxy` takes: https://expressjs.com/en/guide/behind-proxies.html */
export type TrustProxy = boolean | number | string[];

export type ClientCredential = { kind: 'certificate'; path: string } | { kind: 'secret'; secret: string };

export type AppConfig =
  | (CommonConfig & {
      mode: 'local';
      local365: {
        dbPath: string;
        seed: number;
        schoolSize?: number;
        latencyMs?: number;
        crashSwitch: boolean;
        /**
         * Which token format the stand-in issues for our API (LOCAL365_ACCESS_TOKEN_VERSION), as Entra does from
         * the app registration's `accessTokenAcceptedVersion`: 2 (default; what the deployment guide sets) or 1
         * (Entra's default when it is left null).
         */
        accessTokenVersion: 1 | 2;
        /** Epoch milliseconds the server's clock starts at (LOCAL365_CLOCK_START). */
        clockStart?: number;
      };
    })
  | (CommonConfig & { mode: 'tenant'; credential: ClientCredential; siteUrl: string });

type CommonConfig = {
  port: number;
  /** Interface to listen on; undefined means every interface. */
  host: string | undefined;
  publicUrl: string;
  tenantId: string;
  clientId: string;
  /**
   * The Teams app's id, which deep links from cards name: the manifest's `id` for an uploaded app, the org
   * catalogue's id once published (TEAMS_APP_ID; by default the client id, when the manifest uses it as its id).
   */
  teamsAppId: string;
  /** Graph root without version. */
  graphRoot: string;
  /** Token issuers, key set and audiences our API trusts, and the scope user calls must carry. */
  auth: { issuers: { v1: string; v2: string }; jwksUri: string; audience: string[]; requiredScope: string };
  /** The scope the tab asks for: `api://{host}/{clientId}/access_as_user`. */
  apiScope: string;
  trustProxy: TrustProxy;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Audit entries not yet in SharePoint; must survive restarts (README, "Audit journal"). */
  auditJournalPath: string;
  /**
   * The reminder scheduler: how often it runs (REMINDERS_INTERVAL_MINUTES, default 5; 0 turns it off) and after
   * how long an unsent claim is taken to be from an attempt that died and is sent again
   * (REMINDERS_STALE_CLAIM_MINUTES, default 10). Tests on the stand-in may set the interval in seconds
   * (REMINDERS_INTERVAL_SECONDS): then it is a fraction of a minute.
   */
  reminders: { intervalMinutes: number; staleClaimMinutes: number };
  /**
   * Deleting SEND records whose retention period is over (src/server/retention): how often the check runs
   * (RETENTION_INTERVAL_HOURS, default 24; 0 turns the scheduled run off, leaving the SENCO's "Delete now").
   */
  retention: { intervalHours: number };
  /**
   * How often meetings booked from SENCO Hub are checked against their organisers' Outlook for moves and
   * cancellations made there (OUTLOOK_CHECK_INTERVAL_MINUTES, default 15; 0 turns the periodic check off).
   */
  outlookCheck: { intervalMinutes: number };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const isLoopback = (host: string) => LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);

const commonSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  TRUST_PROXY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** The audit journal (src/server/audit/audit-journal.ts). Default: beside LOCAL365_DB, or .data/. */
  AUDIT_JOURNAL: z.string().min(1).optional(),
  /** The Teams app's id in the manifest or the org catalogue, for deep links from cards. */
  TEAMS_APP_ID: z.guid('must be the Teams app’s id, a GUID').optional(),
  REMINDERS_INTERVAL_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .int({ error: 'must be a whole number of minutes' })
    .min(0)
    .max(1440)
    .default(5),
  REMINDERS_STALE_CLAIM_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .int({ error: 'must be a whole number of minutes' })
    .min(0)
    .max(1440)
    .default(10),
  RETENTION_INTERVAL_HOURS: z.coerce
    .number({ error: 'must be a number of hours' })
    .int({ error: 'must be a whole number of hours' })
    .min(0)
    .max(24 * 7)
    .default(24),
  OUTLOOK_CHECK_INTERVAL_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .int({ error: 'must be a whole number of minutes' })
    .min(0)
    .max(1440)
    .default(15),
});

const localSchema = z.object({
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOCAL365_DB: z.string().default('.data/local365.sqlite'),
  LOCAL365_GRAPH_ROOT: z.url().optional(),
  LOCAL365_SEED: z.coerce.number().int().default(20260901),
  /** A generated school of this many pupils instead of the demo school, on first start (benchmarks). */
  LOCAL365_SCHOOL_SIZE: z.coerce.number().int().min(7).max(100_000).optional(),
  /** Latency added to each stand-in Graph request from the start (benchmarks), in milliseconds. */
  LOCAL365_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** '1': the stand-in's fault switches may kill this process at a chosen write (crash tests only). */
  LOCAL365_CRASH_SWITCH: z.enum(['0', '1']).default('0'),
  /** '1': the stand-in issues v1 access tokens for our API, as Entra does with accessTokenAcceptedVersion null. */
  LOCAL365_ACCESS_TOKEN_VERSION: z.enum(['1', '2'], { error: "must be '1' or '2'" }).default('2'),
  /**
   * An instant (ISO 8601, e.g. 2026-12-07T08:00:00Z) the server's clock starts at and runs on from, to try
   * dated behaviour (reminders, deadlines) on another day. Local mode only.
   */
  LOCAL365_CLOCK_START: z.iso
    .datetime({ offset: true, error: 'must be an instant such as 2026-12-07T08:00:00Z' })
    .optional(),
  /**
   * The reminder scheduler's interval in seconds, instead of REMINDERS_INTERVAL_MINUTES: for tests that wait for
   * a timed run (tests/reminders-crash.test.ts). Local mode only; a school's server runs at whole minutes.
   */
  REMINDERS_INTERVAL_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int({ error: 'must be a whole number of seconds' })
    .min(1)
    .max(3600)
    .optional(),
});

const tenantSchema = z.object({
  TENANT_ID: z.guid('must be the Directory (tenant) ID, a GUID'),
  CLIENT_ID: z.guid('must be the app registration’s Application (client) ID, a GUID'),
  CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
  CLIENT_SECRET: z.string().min(1).optional(),
  SITE_URL: z
    .url({ protocol: /^https$/, error: 'must be the https address of the SENCO Hub SharePoint site' })
    .refine((u) => pathOf(u) === undefined || /^\/(sites|teams)\/[^/]+\/?$/.test(pathOf(u)!), {
      message: 'must be a SharePoint site address such as https://school.sharepoint.com/sites/senco-hub',
    }),
  PUBLIC_URL: z
    .url({ protocol: /^https$/, error: 'must be the https address staff and Teams reach SENCO Hub at' })
    .refine((u) => pathOf(u) === undefined || ['', '/'].includes(pathOf(u)!), {
      message: 'must be the server’s address with no path, e.g. https://senco-hub.school.example.org',
    }),
});

type Problems = string[];

/** A URL's path, or undefined for a string that is not a URL (already reported by z.url). */
function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

function issuesOf(
  result: z.ZodSafeParseResult<unknown>,
  env: Record<string, string | undefined>,
  into: Problems,
): void {
  if (result.success) return;
  for (const issue of result.error.issues) {
    const field = issue.path.join('.');
    into.push(`  ${field}: ${env[field] === undefined ? 'missing' : issue.message}`);
  }
}

function parseTrustProxy(value: string | undefined, problems: Problems): TrustProxy {
  if (value === undefined) return ['loopback'];
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((s) => s.trim());
  const bad = entries.filter((entry) => {
    const [address, bits] = entry.split('/');
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return false;
    return !address || isIP(address) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits));
  });
  if (bad.length)
    problems.push(
      `  TRUST_PROXY: '${bad.join("', '")}' is not an address, subnet, loopback, linklocal or uniquelocal ` +
        '(or use a number of proxy hops, true or false)',
    );
  return entries;
}

export function parseConfig(given: Record<string, string | undefined>): AppConfig {
  // An empty variable (FOO= in a settings file) counts as not set.
  const env = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== ''));
  const set = (k: string) => env[k] !== undefined;
  const tenantMode = TENANT_SETTINGS.some(set);
  const problems: Problems = [];
  const common = commonSchema.safeParse(env);
  issuesOf(common, env, problems);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  if (tenantMode) return tenantConfig(env, common, trustProxy, problems);

  const local = localSchema.safeParse(env);
  issuesOf(local, env, problems);
  if (!common.success || !local.success || problems.length) throw invalid('Invalid configuration', problems);
  const c = common.data;
  const publicUrl = (local.data.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
  const host = c.HOST ?? '127.0.0.1';
  const notLocal = [
    ...(isLoopback(new URL(publicUrl).hostname) ? [] : [`PUBLIC_URL is ${publicUrl}`]),
    ...(isLoopback(host) ? [] : [`HOST is ${host}`]),
  ];
  if (notLocal.length) {
    throw new ConfigError(
      `Local mode is for trying SENCO Hub on this computer, but ${notLocal.join(' and ')}. ` +
        'Its demo sign-in lets anyone be anyone, so it only listens on this computer (localhost). ' +
        'Set TENANT_ID, CLIENT_ID, CLIENT_CERTIFICATE_PATH (or CLIENT_SECRET), SITE_URL and an https PUBLIC_URL ' +
        'to run SENCO Hub for a school (docs/deploy.md).',
    );
  }
  const local365 = `${publicUrl}/local365`;
  const appIdUri = `api://${new URL(publicUrl).host}/${LOCAL_CLIENT_ID}`;
  return {
    mode: 'local',
    port: c.PORT,
    host,
    publicUrl,
    tenantId: LOCAL_TENANT_ID,
    clientId: LOCAL_CLIENT_ID,
    teamsAppId: c.TEAMS_APP_ID ?? LOCAL_TEAMS_APP_ID,
    graphRoot: (local.data.LOCAL365_GRAPH_ROOT ?? `${local365}/graph`).replace(/\/+$/, ''),
    auth: {
      issuers: {
        v1: `${local365}/sts/${LOCAL_TENANT_ID}/`,
        v2: `${local365}/identity/${LOCAL_TENANT_ID}/v2.0`,
      },
      jwksUri: `${local365}/identity/${LOCAL_TENANT_ID}/discovery/v2.0/keys`,
      audience: [LOCAL_CLIENT_ID, appIdUri],
      requiredScope: API_SCOPE_NAME,
    },
    apiScope: `${appIdUri}/${API_SCOPE_NAME}`,
    trustProxy,
    logLevel: c.LOG_LEVEL,
    auditJournalPath: c.AUDIT_JOURNAL ?? join(dirname(local.data.LOCAL365_DB), 'audit-journal.jsonl'),
    reminders: {
      intervalMinutes: (local.data.REMINDERS_INTERVAL_SECONDS ?? c.REMINDERS_INTERVAL_MINUTES * 60) / 60,
      staleClaimMinutes: c.REMINDERS_STALE_CLAIM_MINUTES,
    },
    retention: { intervalHours: c.RETENTION_INTERVAL_HOURS },
    outlookCheck: { intervalMinutes: c.OUTLOOK_CHECK_INTERVAL_MINUTES },
    local365: {
      dbPath: local.data.LOCAL365_DB,
      seed: local.data.LOCAL365_SEED,
      crashSwitch: local.data.LOCAL365_CRASH_SWITCH === '1',
      accessTokenVersion: local.data.LOCAL365_ACCESS_TOKEN_VERSION === '1' ? 1 : 2,
      ...(local.data.LOCAL365_CLOCK_START !== undefined
        ? { clockStart: Date.parse(local.data.LOCAL365_CLOCK_START) }
        : {}),
      ...(local.data.LOCAL365_SCHOOL_SIZE !== undefined
        ? { schoolSize: local.data.LOCAL365_SCHOOL_SIZE }
        : {}),
      ...(local.data.LOCAL365_LATENCY_MS !== undefined ? { latencyMs: local.data.LOCAL365_LATENCY_MS } : {}),
    },
  };
}

function tenantConfig(
  env: Record<string, string | undefined>,
  common: z.ZodSafeParseResult<z.infer<typeof commonSchema>>,
  trustProxy: TrustProxy,
  problems: Problems,
): AppConfig {
  const tenant = tenantSchema.safeParse(env);
  issuesOf(tenant, env, problems);
  const present = (k: string) => env[k] !== undefined;
  if (!present('CLIENT_CERTIFICATE_PATH') && !present('CLIENT_SECRET'))
    problems.push(
      '  CLIENT_CERTIFICATE_PATH or CLIENT_SECRET: missing — the app’s credential (a certificate is preferred)',
    );
  if (present('DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS'))
    problems.push(
      '  DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: must not be set for a school — the bot only accepts ' +
        'messages signed by Microsoft',
    );
  if (present('REMINDERS_INTERVAL_SECONDS'))
    problems.push(
      '  REMINDERS_INTERVAL_SECONDS: must not be set for a school — it is for tests on the local stand-in; ' +
        'use REMINDERS_INTERVAL_MINUTES',
    );
  if (!common.success || !tenant.success || problems.length)
    throw invalid(
      'SENCO Hub cannot start for a school: these settings are missing or wrong',
      problems,
      'Fix them (docs/deploy.md lists each), or unset every tenant setting to try SENCO Hub locally.',
    );
  const c = common.data;
  const t = tenant.data;
  const publicUrl = t.PUBLIC_URL.replace(/\/+$/, '');
  const appIdUri = `api://${new URL(publicUrl).host}/${t.CLIENT_ID}`;
  return {
    mode: 'tenant',
    port: c.PORT,
    host: c.HOST,
    publicUrl,
    tenantId: t.TENANT_ID,
    clientId: t.CLIENT_ID,
    teamsAppId: c.TEAMS_APP_ID ?? t.CLIENT_ID,
    graphRoot: 'https://graph.microsoft.com',
    auth: {
      issuers: {
        v1: `https://sts.windows.net/${t.TENANT_ID}/`,
        v2: `https://login.microsoftonline.com/${t.TENANT_ID}/v2.0`,
      },
      jwksUri: `https://login.microsoftonline.com/${t.TENANT_ID}/discovery/v2.0/keys`,
      audience: [t.CLIENT_ID, appIdUri],
      requiredScope: API_SCOPE_NAME,
    },
    apiScope: `${appIdUri}/${API_SCOPE_NAME}`,
    trustProxy,
    logLevel: c.LOG_LEVEL,
    auditJournalPath: c.AUDIT_JOURNAL ?? join('.data', 'audit-journal.jsonl'),
    reminders: {
      intervalMinutes: c.REMINDERS_INTERVAL_MINUTES,
      staleClaimMinutes: c.REMINDERS_STALE_CLAIM_MINUTES,
    },
    retention: { intervalHours: c.RETENTION_INTERVAL_HOURS },
    outlookCheck: { intervalMinutes: c.OUTLOOK_CHECK_INTERVAL_MINUTES },
    // Both given: the certificate is used (a secret can be read by anyone who sees the environment).
    credential: t.CLIENT_CERTIFICATE_PATH
      ? { kind: 'certificate', path: t.CLIENT_CERTIFICATE_PATH }
      : { kind: 'secret', secret: t.CLIENT_SECRET! },
    siteUrl: t.SITE_URL.replace(/\/+$/, ''),
  };
}

function invalid(title: string, problems: Problems, advice?: string): ConfigError {
  return new ConfigError([`${title}:`, ...problems, ...(advice ? [advice] : [])].join('\n'));
}
