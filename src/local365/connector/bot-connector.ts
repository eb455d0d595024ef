import express from 'express';
import { randomUUID } from 'node:crypto';
import { migrate } from '../database.ts';
import type { StandInContext } from '../context.ts';

/**
 * The Bot Connector stand-in: where the bot's replies and proactive posts land in local mode (the
 * activity's serviceUrl points here). It records them so tests and the inspector can see what the
 * bot said, and where.
 */
export type RecordedActivity = {
  id: string;
  conversationId: string;
  replyToId: string | null;
  receivedAt: string;
  activity: Record<string, unknown>;
};

export type BotConnector = {
  router(): express.Router;
  /** The serviceUrl to put on activities sent to the bot, so its answers come back here. */
  serviceUrl(): string;
  listActivities(filter?: { conversationId?: string }): RecordedActivity[];
  /**
   * Says who is in a conversation the bot is part of (as Teams knows from the install). The connector answers
   * member requests only for such conversations; any other gets Teams' 403 (the bot is not in its roster).
   */
  setMembers(conversationId: string, members: readonly ConversationMember[]): void;
};

/** A conversation member as the Bot Connector lists them. */
export type ConversationMember = {
  id: string;
  aadObjectId?: string;
  name: string;
  userPrincipalName?: string;
};

const MEMBERS_PAGE = { min: 50, default: 200, max: 500 } as const;

export function createBotConnector(ctx: StandInContext): BotConnector {
  migrate(
    ctx.db,
    'connector-1',
    `CREATE TABLE connector_activities (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       id TEXT NOT NULL UNIQUE,
       conversation_id TEXT NOT NULL,
       reply_to_id TEXT,
       received_at TEXT NOT NULL,
       activity TEXT NOT NULL
     );
     CREATE INDEX connector_activities_conversation ON connector_activities (conversation_id, seq);`,
  );
  const insert = ctx.db.prepare(
    'INSERT INTO connector_activities (id, conversation_id, reply_to_id, received_at, activity) VALUES (?, ?, ?, ?, ?)',
  );

  function record(conversationId: string, replyToId: string | null, body: unknown): string {
    const id = `local-${randomUUID()}`;
    insert.run(id, conversationId, replyToId, ctx.now().toISOString(), JSON.stringify(body ?? {}));
    return id;
  }

  const members = new Map<string, readonly ConversationMember[]>();
  const notInRoster = (res: express.Response) =>
    res.status(403).json({
      error: {
        code: 'BotNotInConversationRoster',
        message: 'The bot is not part of the conversation roster.',
      },
    });

  return {
    setMembers(conversationId, list) {
      members.set(conversationId, [...list]);
    },
    serviceUrl: () => `${ctx.publicBaseUrl()}/connector/`,
    router() {
      const r = express.Router();
      r.use(express.json({ limit: '1mb' }));
      // Bot Framework Connector REST: send to a conversation, reply to an activity, update, create a conversation.
      r.post('/connector/v3/conversations/:conversationId/activities', (req, res) => {
        res.status(201).json({ id: record(req.params.conversationId, null, req.body) });
      });
      r.post('/connector/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
        res.status(201).json({ id: record(req.params.conversationId, req.params.activityId, req.body) });
      });
      r.put('/connector/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
        res.status(200).json({ id: record(req.params.conversationId, req.params.activityId, req.body) });
      });
      // Members of a conversation: all at once, or paged (pageSize 50 to 500, default 200).
      r.get('/connector/v3/conversations/:conversationId/members', (req, res) => {
        const list = members.get(req.params.conversationId);
        if (!list) return notInRoster(res);
        res.json(list);
      });
      r.get('/connector/v3/conversations/:conversationId/pagedMembers', (req, res) => {
        const list = members.get(req.params.conversationId);
        if (!list) return notInRoster(res);
        const asked = Number(req.query['pageSize'] ?? MEMBERS_PAGE.default);
        const size = Math.min(
          MEMBERS_PAGE.max,
          Math.max(MEMBERS_PAGE.min, Number.isFinite(asked) ? asked : MEMBERS_PAGE.default),
        );
        const start = Number(req.query['continuationToken'] ?? 0) || 0;
        const page = list.slice(start, start + size);
        const more = start + size < list.length;
        res.json({ members: page, ...(more ? { continuationToken: String(start + size) } : {}) });
      });
      r.post('/connector/v3/conversations', (req, res) => {
        const conversationId = `a:local-${randomUUID()}`;
        const activity = (req.body as { activity?: unknown } | undefined)?.activity;
        const activityId = activity ? record(conversationId, null, activity) : undefined;
        res
          .status(201)
          .json({ id: conversationId, activityId, serviceUrl: `${ctx.publicBaseUrl()}/connector/` });
      });
      return r;
    },
    listActivities(filter = {}) {
      const rows = (
        filter.conversationId
          ? ctx.db
              .prepare('SELECT * FROM connector_activities WHERE conversation_id = ? ORDER BY seq')
              .all(filter.conversationId)
          : ctx.db.prepare('SELECT * FROM connector_activities ORDER BY seq DESC LIMIT 500').all()
      ) as {
        id: string;
        conversation_id: string;
        reply_to_id: string | null;
        received_at: string;
        activity: string;
      }[];
      return rows.map((row) => ({
        id: row.id,
        conversationId: row.conversation_id,
        replyToId: row.reply_to_id,
        receivedAt: row.received_at,
        activity: JSON.parse(row.activity) as Record<string, unknown>,
      }));
    },
  };
}
