import { createHash } from 'node:crypto';
import { migrate, type Db } from '../database.ts';

export type TeamsChannel = {
  /** '19:…@thread.tacv2' */
  id: string;
  teamId: string;
  displayName: string;
  description: string | null;
  membershipType: 'standard' | 'private' | 'shared';
  createdDateTime: string;
};

export type ChatMessageAttachment = {
  id: string;
  contentType: string;
  contentUrl: string | null;
  content: string | null;
  name: string | null;
  thumbnailUrl: string | null;
  teamsAppId: string | null;
};

export type ChatMessageMention = {
  id: number;
  mentionText: string;
  mentioned: {
    user?: { id: string; displayName: string | null; userIdentityType: string } | null;
    [key: string]: unknown;
  };
};

/** A channel message as the stand-in keeps it (Graph's chatMessage minus what is derived on reading). */
export type StoredChatMessage = {
  id: string;
  teamId: string;
  channelId: string;
  replyToId: string | null;
  createdDateTime: string;
  subject: string | null;
  importance: 'normal' | 'high' | 'urgent';
  /** A person, or (with `application`) an app's bot: then `userId` is the app's client id. */
  from: { userId: string; displayName: string; application?: boolean };
  body: { contentType: 'html' | 'text'; content: string };
  attachments: ChatMessageAttachment[];
  mentions: ChatMessageMention[];
};

const SCHEMA = `
CREATE TABLE teams_channels (
  team_id TEXT NOT NULL,
  id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE TABLE teams_messages (
  team_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (team_id, channel_id, id)
);
CREATE INDEX teams_messages_created ON teams_messages (created_at);
`;

const RSC_SCHEMA = `
CREATE TABLE teams_rsc_grants (
  team_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  permission TEXT NOT NULL,
  PRIMARY KEY (team_id, client_id, permission)
);
`;

/** A team's General channel id, derived from the group id so that reloading the directory keeps it. */
export function generalChannelId(teamId: string): string {
  return `19:${createHash('sha256').update(`general:${teamId}`).digest('hex').slice(0, 32)}@thread.tacv2`;
}

export class TeamsStore {
  constructor(private readonly db: Db) {
    migrate(db, 'teams-v1', SCHEMA);
    migrate(db, 'teams-rsc-v1', RSC_SCHEMA);
  }

  /**
   * Resource-specific consent: the permissions a team owner granted an app for this team when adding it (the
   * app manifest's authorization.permissions.resourceSpecific). Tokens do not carry them; Graph looks them up.
   */
  grantResourceSpecific(teamId: string, clientId: string, permissions: readonly string[]): void {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO teams_rsc_grants (team_id, client_id, permission) VALUES (?, ?, ?)',
    );
    for (const p of permissions) insert.run(teamId, clientId, p);
  }

  /** Removing an app from a team takes its resource-specific grants there with it. */
  revokeResourceSpecific(teamId: string, clientId: string): void {
    this.db.prepare('DELETE FROM teams_rsc_grants WHERE team_id = ? AND client_id = ?').run(teamId, clientId);
  }

  hasResourceSpecific(teamId: string, clientId: string, permission: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM teams_rsc_grants WHERE team_id = ? AND client_id = ? AND permission = ?')
        .get(teamId, clientId, permission) !== undefined
    );
  }

  /** The channel with this id in any team (a bot's channel conversation id is the channel id). */
  findChannelAnywhere(channelId: string): TeamsChannel | undefined {
    const row = this.db
      .prepare<[string], { data: string }>('SELECT data FROM teams_channels WHERE id = ?')
      .get(channelId);
    return row ? (JSON.parse(row.data) as TeamsChannel) : undefined;
  }

  upsertChannel(channel: TeamsChannel): void {
    const existing = this.db
      .prepare<[string, string], { ordinal: number }>(
        'SELECT ordinal FROM teams_channels WHERE team_id = ? AND id = ?',
      )
      .get(channel.teamId, channel.id);
    if (existing) {
      this.db
        .prepare('UPDATE teams_channels SET data = ? WHERE team_id = ? AND id = ?')
        .run(JSON.stringify(channel), channel.teamId, channel.id);
      return;
    }
    const next =
      this.db
        .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM teams_channels WHERE team_id = ?')
        .get(channel.teamId)?.n ?? 0;
    this.db
      .prepare('INSERT INTO teams_channels (team_id, id, ordinal, data) VALUES (?, ?, ?, ?)')
      .run(channel.teamId, channel.id, next, JSON.stringify(channel));
  }

  listChannels(teamId: string): TeamsChannel[] {
    return this.db
      .prepare<[string], { data: string }>(
        'SELECT data FROM teams_channels WHERE team_id = ? ORDER BY ordinal',
      )
      .all(teamId)
      .map((r) => JSON.parse(r.data) as TeamsChannel);
  }

  findChannel(teamId: string, channelId: string): TeamsChannel | undefined {
    const row = this.db
      .prepare<[string, string], { data: string }>(
        'SELECT data FROM teams_channels WHERE team_id = ? AND id = ?',
      )
      .get(teamId, channelId);
    return row ? (JSON.parse(row.data) as TeamsChannel) : undefined;
  }

  /** Stores a new message; its id is the creation time in ms, bumped past any id already used in the channel. */
  insertMessage(message: Omit<StoredChatMessage, 'id'>): StoredChatMessage {
    const insert = this.db.transaction(() => {
      let id = Date.parse(message.createdDateTime);
      const taken = this.db.prepare(
        'SELECT 1 FROM teams_messages WHERE team_id = ? AND channel_id = ? AND id = ?',
      );
      while (taken.get(message.teamId, message.channelId, String(id))) id += 1;
      const stored: StoredChatMessage = { ...message, id: String(id) };
      this.db
        .prepare(
          'INSERT INTO teams_messages (team_id, channel_id, id, created_at, data) VALUES (?, ?, ?, ?, ?)',
        )
        .run(stored.teamId, stored.channelId, stored.id, stored.createdDateTime, JSON.stringify(stored));
      return stored;
    });
    return insert();
  }

  findMessage(teamId: string, channelId: string, id: string): StoredChatMessage | undefined {
    const row = this.db
      .prepare<[string, string, string], { data: string }>(
        'SELECT data FROM teams_messages WHERE team_id = ? AND channel_id = ? AND id = ?',
      )
      .get(teamId, channelId, id);
    return row ? (JSON.parse(row.data) as StoredChatMessage) : undefined;
  }

  /** Newest first. */
  listMessages(filter: { teamId?: string; channelId?: string } = {}): StoredChatMessage[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.teamId) {
      where.push('team_id = ?');
      args.push(filter.teamId);
    }
    if (filter.channelId) {
      where.push('channel_id = ?');
      args.push(filter.channelId);
    }
    const sql = `SELECT data FROM teams_messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, CAST(id AS INTEGER) DESC`;
    return this.db
      .prepare<string[], { data: string }>(sql)
      .all(...args)
      .map((r) => JSON.parse(r.data) as StoredChatMessage);
  }
}
