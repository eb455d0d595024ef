import express from 'express';
import { z } from 'zod';
import { registerCalendarRoutes, listCalendarActivity } from './calendar/calendar-routes.ts';
import { CalendarStore } from './calendar/calendar-store.ts';
import { seedBookedReviews } from './calendar/seed-events.ts';
import { createBotConnector, type BotConnector } from './connector/bot-connector.ts';
import type { StandInContext } from './context.ts';
import { migrate, openDatabase, type Db } from './database.ts';
import { registerDirectoryRoutes } from './directory/directory-routes.ts';
import { loadDirectory } from './directory/load-directory.ts';
import { createFaultState, type FaultState } from './faults.ts';
import { registerBatchRoute } from './graph/batch-route.ts';
import { GraphDispatcher } from './graph/dispatcher.ts';
import { graphHttpRouter } from './graph/http-adapter.ts';
import {
  createIdentityProvider,
  type IdentityProvider,
  type IdentityProviderOptions,
} from './identity/identity-provider.ts';
import { demoSignInRouter } from './identity/demo-sign-in.ts';
import { inspectorRouter } from './inspector/inspector-page.ts';
import { generateDemoSchool, OAKFIELD } from './seed/demo-school.ts';
import { generateScaleSchools } from './seed/scale-school.ts';
import type { DemoSchool } from './seed/demo-school.types.ts';
import { registerSharePointRoutes, type SharePointStore } from './sharepoint/register-sharepoint-routes.ts';
import { listChannelMessages, registerTeamsRoutes } from './teams/teams-routes.ts';
import { teamsActionsRouter, teamsActionsSection } from './inspector/teams-actions.ts';

/** Where SENCO Hub's records live on the school's SharePoint (the IT admin creates this site). */
export const SENCO_HUB_SITE_PATH = '/sites/senco-hub';

export type Local365Options = {
  /** SQLite file, or ':memory:'. */
  dbPath: string;
  /** Absolute base of the stand-in as clients reach it, e.g. http://localhost:3978/local365. */
  publicBaseUrl: () => string;
  tenantId: string;
  /** Our app's client id: the audience of tokens for SENCO Hub's API. */
  apiAudience: string;
  /** Seed of the demo school. */
  seed: number;
  /**
   * Seeds a generated school of this many pupils instead of the demo school (benchmarks and trying SENCO Hub
   * at scale); only when the database is first seeded.
   */
  schoolSize?: number;
  /** Latency added to every Graph request from the start, as the `latencyMs` fault switch (benchmarks). */
  latencyMs?: number;
  now?: () => Date;
  /**
   * Lets the fault switches' `crash` kill this process (SIGKILL) at a chosen Graph write: for crash tests
   * that run the server as a child process. Off by default; `PUT /local365/faults` refuses `crash` then.
   */
  crashSwitch?: boolean;
  /** Our API's Application ID URI and which token format Entra issues for it (identity-provider.ts). */
  api?: Pick<IdentityProviderOptions, 'apiIdentifierUri' | 'accessTokenAcceptedVersion'>;
};

export type Local365 = {
  readonly db: Db;
  readonly dispatcher: GraphDispatcher;
  readonly identity: IdentityProvider;
  readonly sharePoint: SharePointStore;
  readonly connector: BotConnector;
  readonly faults: FaultState;
  /** The demo school this database holds. */
  readonly school: DemoSchool;
  /** Mounted at /local365: Graph, identity, connector, fault switches, inspector. */
  readonly router: express.Router;
  /** Loads the demo school into a new database; does nothing to one already seeded. */
  ensureSeeded(): { created: boolean; schoolName: string };
  close(): void;
};

/** The school's calendar date in England, for spreading the demo school's dates around "today". */
/** What a person reads in a bot's activity: its text or summary, then the words on its cards. */
function activityText(activity: Record<string, unknown>): string {
  const own = typeof activity['text'] === 'string' ? activity['text'] : '';
  const summary = typeof activity['summary'] === 'string' ? activity['summary'] : '';
  const words: string[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if ((n['type'] === 'TextBlock' || n['type'] === 'TextRun') && typeof n['text'] === 'string')
      words.push(n['text']);
    if (typeof n['title'] === 'string' && typeof n['value'] === 'string')
      words.push(`${n['title']}: ${n['value']}`);
    for (const key of ['attachments', 'content', 'body', 'inlines', 'facts', 'items', 'columns'])
      collect(n[key]);
  };
  collect(activity['attachments']);
  // A card's words say it all (its summary repeats the title); a plain message is its text.
  return words.length ? words.join(' · ') : own || summary;
}

/** A channel message's attachment with its card parsed from the JSON text Graph gives. */
function cardOf(attachment: { content?: unknown }): Record<string, unknown> {
  if (typeof attachment.content !== 'string') return { ...attachment };
  try {
    return { ...attachment, content: JSON.parse(attachment.content) as unknown };
  } catch {
    return { ...attachment, content: undefined };
  }
}

export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

const faultSettingsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  failure: z
    .strictObject({
      status: z.union([z.literal(429), z.literal(503)]),
      count: z.number().int().min(1).optional(),
      fraction: z.number().min(0).max(1).optional(),
      seed: z.number().int().optional(),
      retryAfterSeconds: z.number().int().min(0).max(300).optional(),
      pathPrefix: z.string().startsWith('/').optional(),
      method: z.string().optional(),
      afterApplying: z.boolean().optional(),
    })
    .refine((f) => (f.count === undefined) !== (f.fraction === undefined), {
      message: 'give exactly one of count or fraction',
    })
    .optional(),
  sharePoint: z
    .strictObject({
      deltaDeletes: z.enum(['error', 'deleted']).optional(),
      deltaLinksDropExpand: z.boolean().optional(),
    })
    .optional(),
  crash: z
    .strictObject({
      atRequest: z.number().int().min(1),
      when: z.enum(['before', 'after']),
      method: z.string().optional(),
      pathPrefixes: z.array(z.string().startsWith('/')).optional(),
    })
    .optional(),
});

function newSchool(options: Local365Options, today: string): DemoSchool {
  if (options.schoolSize === undefined) return generateDemoSchool({ seed: options.seed, today });
  const [school] = generateScaleSchools({
    schools: 1,
    pupilsPerSchool: options.schoolSize,
    seed: options.seed,
    today,
  });
  if (!school) throw new Error('local365: the generated school is missing');
  return school;
}

export function createLocal365(options: Local365Options): Local365 {
  const now = options.now ?? (() => new Date());
  const db = openDatabase(options.dbPath);
  migrate(
    db,
    'local365-school-1',
    'CREATE TABLE local365_school (id INTEGER PRIMARY KEY CHECK (id = 1), seeded_at TEXT NOT NULL, school TEXT NOT NULL)',
  );
  const stored = db.prepare('SELECT school FROM local365_school WHERE id = 1').get() as
    { school: string } | undefined;
  const school: DemoSchool = stored
    ? (JSON.parse(stored.school) as DemoSchool)
    : newSchool(options, londonDate(now()));

  const faults = createFaultState();
  if (options.latencyMs) faults.set({ latencyMs: options.latencyMs });
  const dispatcher = new GraphDispatcher({
    now,
    fault: (req) => faults.decide(req),
    observe: (req, phase) => {
      // kill -9 of this very process: SharePoint keeps what was committed, the server loses everything else.
      if (options.crashSwitch && faults.crashesAt(req, phase)) process.kill(process.pid, 'SIGKILL');
    },
  });
  const ctx: StandInContext = {
    db,
    dispatcher,
    graphBaseUrl: () => `${options.publicBaseUrl()}/graph/v1.0`,
    publicBaseUrl: options.publicBaseUrl,
    tenantId: options.tenantId,
    sharePointHostname: school.tenant.sharePointHostname || OAKFIELD.sharePointHostname,
    now,
    sharePointQuirks: () => faults.settings.sharePoint ?? {},
  };

  const identity = createIdentityProvider(ctx, { apiAudience: options.apiAudience, ...options.api });
  const sharePoint = registerSharePointRoutes(ctx);
  registerBatchRoute(ctx);
  registerDirectoryRoutes(ctx, { appId: options.apiAudience });
  registerCalendarRoutes(ctx);
  registerTeamsRoutes(ctx);
  const connector = createBotConnector(ctx);

  const router = express.Router();
  router.use(identity.router());
  router.use(demoSignInRouter(ctx, (req) => identity.issueToken(req)));
  router.use(
    '/graph/v1.0',
    graphHttpRouter({
      dispatcher,
      authenticate: identity.authenticateGraph,
      latencyMs: () => faults.settings.latencyMs ?? 0,
    }),
  );
  router.use(connector.router());
  router.get('/stats', (_req, res) => {
    res.json(dispatcher.stats.snapshot());
  });
  router.delete('/stats', (_req, res) => {
    dispatcher.stats.reset();
    res.status(204).end();
  });
  router.get('/faults', (_req, res) => {
    res.json({ ...faults.settings, failedCount: faults.failedCount });
  });
  router.put('/faults', express.json(), (req, res) => {
    const parsed = faultSettingsSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: {
          code: 'invalidFaults',
          message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        },
      });
      return;
    }
    if (parsed.data.crash && !options.crashSwitch) {
      res.status(400).json({
        error: { code: 'invalidFaults', message: 'crash: the crash switch is off (LOCAL365_CRASH_SWITCH=1)' },
      });
      return;
    }
    faults.set(parsed.data);
    res.json(faults.settings);
  });
  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  const teamsActions = {
    connector,
    tenantId: options.tenantId,
    clientId: options.apiAudience,
    botEndpoint: () => `${options.publicBaseUrl().replace(/\/local365$/, '')}/api/messages`,
    teams: () => [school.staffTeam],
    actor: () => {
      const senco = school.staff.find((s) => s.appRoles.includes('Senco')) ?? school.staff[0]!;
      return { id: senco.id, displayName: senco.displayName };
    },
  };
  router.use(teamsActionsRouter(teamsActions));
  router.use(
    inspectorRouter({
      extraSections: () => teamsActionsSection(teamsActions.teams()),
      users: () => identity.listDemoUsers(),
      sites: () => sharePoint.listSites(),
      lists: (siteId) => sharePoint.listLists(siteId).filter((l) => !l.hidden),
      items: (siteId, listId, page) => sharePoint.listItems(siteId, listId, page),
      calendar: () => [...listCalendarActivity(ctx)].reverse(),
      // A card posted to a channel: Graph holds the card as JSON text in the attachment; its words are read.
      channelMessages: () =>
        listChannelMessages(ctx).map((m) =>
          m.text || !m.hasCard ? m : { ...m, text: activityText({ attachments: m.attachments.map(cardOf) }) },
        ),
      // A post to a channel is listed once, as the channel message it became.
      botActivities: () => {
        const inChannels = new Set(listChannelMessages(ctx).map((m) => `${m.channelId} ${m.id}`));
        return connector
          .listActivities()
          .filter((a) => !inChannels.has(`${a.conversationId} ${a.id}`))
          .map((a) => ({
            at: a.receivedAt,
            conversationId: a.conversationId,
            text: activityText(a.activity),
            hasCard: Array.isArray(a.activity['attachments']) && a.activity['attachments'].length > 0,
          }));
      },
      faults: () => ({ ...faults.settings, failedCount: faults.failedCount }),
      requestStats: () => dispatcher.stats.snapshot(),
    }),
  );

  /**
   * The school's admin grants SENCO Hub (Sites.Selected) full control of its own site, and of no other: the
   * app creates its lists and columns there (https://learn.microsoft.com/graph/api/site-post-permissions).
   * Done on every start too, so a database seeded before grants were enforced keeps working.
   */
  function grantSencoHubSite(): void {
    const site = sharePoint
      .listSites()
      .find((s) => s.serverRelativePath.toLowerCase() === SENCO_HUB_SITE_PATH);
    if (site)
      sharePoint.grantApp(site.id, { id: options.apiAudience, displayName: 'SENCO Hub' }, ['fullcontrol']);
  }

  return {
    db,
    dispatcher,
    identity,
    sharePoint,
    connector,
    faults,
    school,
    router,
    ensureSeeded() {
      if (db.prepare('SELECT 1 FROM local365_school WHERE id = 1').get()) {
        grantSencoHubSite();
        return { created: false, schoolName: school.school.name };
      }
      db.transaction(() => {
        loadDirectory(ctx, school);
        sharePoint.ensureSite({
          hostname: ctx.sharePointHostname,
          serverRelativePath: SENCO_HUB_SITE_PATH,
          displayName: 'SENCO Hub',
        });
        const teamSites = [school.staffTeam, ...school.classes];
        for (const team of teamSites) {
          sharePoint.ensureSite({
            hostname: ctx.sharePointHostname,
            serverRelativePath: `/sites/${team.mailNickname}`,
            displayName: team.displayName,
            groupId: team.groupId,
          });
        }
        seedBookedReviews(new CalendarStore(db), school);
        db.prepare('INSERT INTO local365_school (id, seeded_at, school) VALUES (1, ?, ?)').run(
          now().toISOString(),
          JSON.stringify(school),
        );
        grantSencoHubSite();
      })();
      return { created: true, schoolName: school.school.name };
    },
    close() {
      db.close();
    },
  };
}
