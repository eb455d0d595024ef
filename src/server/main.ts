import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createLocal365 } from '../local365/local365.ts';
import { createTokenValidator } from './auth/token-validator.ts';
import { createTeamsBot, type TeamsBot } from './bot/teams-bot.ts';
import { ConfigError, parseConfig, type AppConfig } from './config.ts';
import { createWebApp } from './http/web-app.ts';

/** The composition root: reads configuration, wires the parts, listens. Only this file reads the clock and env. */
export async function startServer(config: AppConfig, now: () => Date = () => new Date()) {
  const local365 =
    config.mode === 'local'
      ? createLocal365({
          dbPath: config.local365.dbPath,
          publicBaseUrl: () => `${config.publicUrl}/local365`,
          tenantId: config.tenantId,
          apiAudience: config.clientId,
          seed: config.local365.seed,
          now,
        })
      : undefined;
  const seeded = local365?.ensureSeeded();

  const validateToken = createTokenValidator(config.auth);
  let bot: TeamsBot | undefined;
  const web = await createWebApp({
    mode: config.mode,
    validateToken,
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

  return {
    server,
    port,
    local365,
    seeded,
    bot: bot!,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      local365?.close();
    },
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
  const running = await startServer(config);
  const url = config.publicUrl;
  console.log('');
  console.log(
    `SENCO Hub is running (${config.mode === 'local' ? 'local Microsoft 365 stand-in' : `tenant ${config.tenantId}`}).`,
  );
  if (config.mode === 'local') {
    if (running.seeded?.created) console.log(`Seeded the demo school "${running.seeded.schoolName}".`);
    console.log(`  Open the tab:        ${url}/`);
    console.log(`  Inspect Microsoft 365: ${url}/local365/`);
    console.log(`  Demo users:          ${url}/local365/users`);
  } else {
    console.log(`  Tab:  ${url}/`);
  }
  console.log('');
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
