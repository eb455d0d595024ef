import { z } from 'zod';

/**
 * Configuration, parsed once at start-up from the environment. With no tenant configured the app runs on the
 * local Microsoft 365 stand-in (src/local365); with TENANT_ID, CLIENT_ID and a credential it runs on the
 * school's own tenant.
 */
export const LOCAL_TENANT_ID = '5e4c0b0b-0000-4000-8000-00000000a11a';
/** Our app registration's client id in local mode: the audience of tokens for our API. */
export const LOCAL_CLIENT_ID = '5e4c0b0b-0000-4000-8000-0000000c11e7';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  PUBLIC_URL: z.url().optional(),
  TENANT_ID: z.uuid().optional(),
  CLIENT_ID: z.uuid().optional(),
  CLIENT_SECRET: z.string().min(1).optional(),
  SITE_URL: z.url().optional(),
  LOCAL365_DB: z.string().default('.data/local365.sqlite'),
  LOCAL365_GRAPH_ROOT: z.url().optional(),
  LOCAL365_SEED: z.coerce.number().int().default(20260901),
  /** '1': the stand-in's fault switches may kill this process at a chosen write (crash tests only). */
  LOCAL365_CRASH_SWITCH: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type AppConfig =
  | (CommonConfig & {
      mode: 'local';
      local365: { dbPath: string; seed: number; crashSwitch: boolean };
    })
  | (CommonConfig & { mode: 'tenant'; clientSecret: string; siteUrl: string });

type CommonConfig = {
  port: number;
  publicUrl: string;
  tenantId: string;
  clientId: string;
  /** Graph root without version. */
  graphRoot: string;
  /** Token issuer and key set our API trusts. */
  auth: { issuer: string; jwksUri: string; audience: string[] };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const tenantKeys = [e.TENANT_ID, e.CLIENT_ID, e.CLIENT_SECRET, e.SITE_URL];
  if (tenantKeys.every((v) => v === undefined)) {
    const local365 = `${publicUrl}/local365`;
    return {
      mode: 'local',
      port: e.PORT,
      publicUrl,
      tenantId: LOCAL_TENANT_ID,
      clientId: LOCAL_CLIENT_ID,
      graphRoot: (e.LOCAL365_GRAPH_ROOT ?? `${local365}/graph`).replace(/\/+$/, ''),
      auth: {
        issuer: `${local365}/identity/${LOCAL_TENANT_ID}/v2.0`,
        jwksUri: `${local365}/identity/${LOCAL_TENANT_ID}/discovery/v2.0/keys`,
        audience: [LOCAL_CLIENT_ID, `api://localhost/${LOCAL_CLIENT_ID}`],
      },
      logLevel: e.LOG_LEVEL,
      local365: {
        dbPath: e.LOCAL365_DB,
        seed: e.LOCAL365_SEED,
        crashSwitch: e.LOCAL365_CRASH_SWITCH === '1',
      },
    };
  }
  const missing = (['TENANT_ID', 'CLIENT_ID', 'CLIENT_SECRET', 'SITE_URL'] as const).filter(
    (k) => e[k] === undefined,
  );
  if (missing.length > 0) {
    throw new ConfigError(
      `Tenant mode needs TENANT_ID, CLIENT_ID, CLIENT_SECRET and SITE_URL together; missing: ${missing.join(', ')}. ` +
        'Unset them all to run on the local Microsoft 365 stand-in.',
    );
  }
  const tenantId = e.TENANT_ID!;
  const clientId = e.CLIENT_ID!;
  const host = new URL(publicUrl).host;
  return {
    mode: 'tenant',
    port: e.PORT,
    publicUrl,
    tenantId,
    clientId,
    graphRoot: 'https://graph.microsoft.com',
    auth: {
      issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
      jwksUri: `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`,
      audience: [clientId, `api://${host}/${clientId}`],
    },
    logLevel: e.LOG_LEVEL,
    clientSecret: e.CLIENT_SECRET!,
    siteUrl: e.SITE_URL!,
  };
}
