import express from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import { migrate } from '../database.ts';
import type { StandInContext } from '../context.ts';
import { ADAPTIVE_CARD } from '../teams/chat-message.ts';
import { TeamsStore, type ChatMessageAttachment } from '../teams/teams-store.ts';

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
  /**
   * Teams' side of adding the bot to a team: from now on it may post in the team's channels. Posts to a channel
   * of a team the bot was removed from get Teams' 403; to a deleted channel, 404.
   */
  installInTeam(
    teamId: string,
    channelIds: readonly string[],
    /** The app's client id and the resource-specific permissions its manifest asks for, granted for the team. */
    consent?: { clientId: string; resourceSpecific: readonly string[] },
  ): void;
  /** Teams' side of removing the bot from a team: posts get 403 and its resource-specific grants go. */
  removeFromTeam(teamId: string, clientId?: string): void;
  deleteChannel(channelId: string): void;
  /** The next `count` posts (to any conversation) answer `status`, with Retry-After for 429 and 503. */
  failPosts(fault: { status: 429 | 500 | 503; count: number; retryAfterSeconds?: number } | undefined): void;
};

/** A conversation member as the Bot Connector lists them. */
export type ConversationMember = {
  id: string;
  aadObjectId?: string;
  name: string;
  userPrincipalName?: string;
};

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The bot's client id: the appid (v1) or azp (v2) of its connector token, else from the activity's sender. */
function botClientId(authorization: string | undefined, from: unknown): string {
  const payload = authorization?.startsWith('Bearer ') ? authorization.slice(7).split('.')[1] : undefined;
  if (payload) {
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const id = claims['appid'] ?? claims['azp'];
      if (typeof id === 'string') return id;
    } catch {
      // Not a JWT: fall through.
    }
  }
  return typeof from === 'string' ? from.replace(/^28:/, '') : 'senco-hub-bot';
}

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

  const teams = new TeamsStore(ctx.db);
  function record(
    conversationId: string,
    replyToId: string | null,
    body: unknown,
    id = `local-${randomUUID()}`,
  ): string {
    insert.run(id, conversationId, replyToId, ctx.now().toISOString(), JSON.stringify(body ?? {}));
    return id;
  }

  const members = new Map<string, readonly ConversationMember[]>();
  // Which teams the bot is in, their channels, and deleted channels: kept in the database, as Teams keeps them.
  migrate(
    ctx.db,
    'connector-2',
    `CREATE TABLE connector_team_channels (channel_id TEXT PRIMARY KEY, team_id TEXT NOT NULL);
     CREATE TABLE connector_team_installs (team_id TEXT PRIMARY KEY, installed INTEGER NOT NULL);
     CREATE TABLE connector_deleted_channels (channel_id TEXT PRIMARY KEY);`,
  );
  const teamOfChannel = (channelId: string) =>
    (
      ctx.db.prepare('SELECT team_id FROM connector_team_channels WHERE channel_id = ?').get(channelId) as
        { team_id: string } | undefined
    )?.team_id;
  const isInstalled = (teamId: string) =>
    (
      ctx.db.prepare('SELECT installed FROM connector_team_installs WHERE team_id = ?').get(teamId) as
        { installed: number } | undefined
    )?.installed === 1;
  const isDeleted = (channelId: string) =>
    ctx.db.prepare('SELECT 1 FROM connector_deleted_channels WHERE channel_id = ?').get(channelId) !==
    undefined;
  let postFault: { status: 429 | 500 | 503; count: number; retryAfterSeconds?: number } | undefined;

  /** Teams' answer to a post, when it is refused: throttled, channel gone, or bot not in the team. */
  function refusal(
    conversationId: string,
  ): { status: number; body: unknown; retryAfter?: number } | undefined {
    if (postFault && postFault.count > 0) {
      postFault.count -= 1;
      const { status, retryAfterSeconds } = postFault;
      return {
        status,
        body: {
          error: { code: status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'Try again later.' },
        },
        ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}),
      };
    }
    if (isDeleted(conversationId)) {
      return {
        status: 404,
        body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } },
      };
    }
    const team = teamOfChannel(conversationId);
    if (team && !isInstalled(team)) {
      return {
        status: 403,
        body: {
          error: {
            code: 'BotNotInConversationRoster',
            message: 'The bot is not part of the conversation roster.',
          },
        },
      };
    }
    return undefined;
  }
  /**
   * A post to a channel becomes a message in the channel, which Graph then lists (channel-list-messages) with the
   * same id as the activity id the connector answered: the bot as its sender, each card an attachment whose
   * content is the card's JSON text, referenced from the HTML body.
   */
  function postToChannel(conversationId: string, body: unknown, authorization: string | undefined) {
    const channel = teams.findChannelAnywhere(conversationId);
    if (!channel) return undefined;
    const activity = (body ?? {}) as {
      text?: unknown;
      attachments?: unknown;
      from?: { id?: unknown; name?: unknown };
    };
    const attachments: ChatMessageAttachment[] = (
      Array.isArray(activity.attachments) ? activity.attachments : []
    ).map((a: { contentType?: unknown; content?: unknown; name?: unknown }) => ({
      id: randomBytes(16).toString('hex'),
      contentType: typeof a.contentType === 'string' ? a.contentType : ADAPTIVE_CARD,
      contentUrl: null,
      content: a.content === undefined ? null : JSON.stringify(a.content),
      name: typeof a.name === 'string' ? a.name : null,
      thumbnailUrl: null,
      teamsAppId: null,
    }));
    const text = typeof activity.text === 'string' ? escapeText(activity.text) : '';
    return teams.insertMessage({
      teamId: channel.teamId,
      channelId: channel.id,
      replyToId: null,
      createdDateTime: ctx.now().toISOString(),
      subject: null,
      importance: 'normal',
      from: {
        userId: botClientId(authorization, activity.from?.id),
        displayName: 'SENCO Hub',
        application: true,
      },
      body: {
        contentType: 'html',
        content: `${text}${attachments.map((a) => `<attachment id="${a.id}"></attachment>`).join('')}`,
      },
      attachments,
      mentions: [],
    }).id;
  }
  const refuse = (res: express.Response, r: { status: number; body: unknown; retryAfter?: number }) => {
    if (r.retryAfter !== undefined) res.setHeader('Retry-After', String(r.retryAfter));
    res.status(r.status).json(r.body);
  };
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
    installInTeam(teamId, channelIds, consent) {
      ctx.db.transaction(() => {
        if (consent) teams.grantResourceSpecific(teamId, consent.clientId, consent.resourceSpecific);
        ctx.db
          .prepare(
            'INSERT INTO connector_team_installs (team_id, installed) VALUES (?, 1) ON CONFLICT(team_id) DO UPDATE SET installed = 1',
          )
          .run(teamId);
        const link = ctx.db.prepare(
          'INSERT INTO connector_team_channels (channel_id, team_id) VALUES (?, ?) ON CONFLICT(channel_id) DO UPDATE SET team_id = excluded.team_id',
        );
        for (const id of channelIds) link.run(id, teamId);
      })();
    },
    removeFromTeam(teamId, clientId) {
      if (clientId) teams.revokeResourceSpecific(teamId, clientId);
      ctx.db
        .prepare(
          'INSERT INTO connector_team_installs (team_id, installed) VALUES (?, 0) ON CONFLICT(team_id) DO UPDATE SET installed = 0',
        )
        .run(teamId);
    },
    deleteChannel(channelId) {
      ctx.db
        .prepare('INSERT OR IGNORE INTO connector_deleted_channels (channel_id) VALUES (?)')
        .run(channelId);
    },
    failPosts(fault) {
      postFault = fault ? { ...fault } : undefined;
    },
    serviceUrl: () => `${ctx.publicBaseUrl()}/connector/`,
    router() {
      const r = express.Router();
      r.use(express.json({ limit: '1mb' }));
      // Bot Framework Connector REST: send to a conversation, reply to an activity, update, create a conversation.
      r.post('/connector/v3/conversations/:conversationId/activities', (req, res) => {
        const refused = refusal(req.params.conversationId);
        if (refused) return refuse(res, refused);
        const conversationId = req.params.conversationId;
        const messageId = postToChannel(conversationId, req.body, req.headers.authorization);
        res.status(201).json({ id: record(conversationId, null, req.body, messageId) });
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
