import { createHash } from 'node:crypto';
import type { GraphConnection } from './graph-client.ts';
import { createOnce } from './create-once.ts';
import { getAllPages, graphPatch } from './graph-requests.ts';
import { dateTimeColumn, noteColumn, textColumn, type ListDefinition } from './list-definition.ts';
import { fieldReader, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';
import { itemsQueryString } from './odata.ts';
import { findListIds } from './site.ts';

/**
 * Conversations the bot is installed in (a team's channel, a group chat, a person's chat), kept so the bot can
 * post there later without being spoken to: Teams needs the conversation id and service URL it was given
 * at install (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
 * Kept in SharePoint, not in memory, so they outlive a restart and are shared by every server instance.
 * One item per conversation: ConversationKey (a hash of the conversation id, which can be longer than a text
 * column) is unique, so an install reported twice updates the one item.
 */
export const BOT_CONVERSATIONS_LIST: ListDefinition = {
  key: 'botConversations',
  displayName: 'SENCO Hub Bot Conversations',
  description: 'Where the SENCO Hub bot is installed, so it can post reminders there (SENCO Hub).',
  keyColumn: 'ConversationKey',
  since: 3,
  columns: [
    textColumn('ConversationKey', { unique: true, since: 3, description: 'SHA-256 of the conversation id' }),
    noteColumn('ConversationId', { since: 3 }),
    textColumn('ServiceUrl', { since: 3 }),
    textColumn('TenantId', { since: 3 }),
    textColumn('ConversationType', { since: 3 }),
    textColumn('TeamId', { indexed: true, since: 3, description: 'The team’s Microsoft 365 group id' }),
    dateTimeColumn('InstalledAt', { since: 3 }),
    dateTimeColumn('GoneAt', {
      since: 5,
      description: 'When Teams said the bot was removed, or the channel or team deleted (empty while usable)',
    }),
    textColumn('GoneReason', { since: 5, description: 'bot-removed, channel-deleted or team-deleted' }),
  ],
};

export const GONE_REASONS = ['bot-removed', 'channel-deleted', 'team-deleted'] as const;
export type GoneReason = (typeof GONE_REASONS)[number];

/** Where a bot may later post unprompted: a conversation it was installed in. */
export type ConversationReference = {
  conversationId: string;
  serviceUrl: string;
  tenantId: string | undefined;
  conversationType: string | undefined;
  /** The team's Microsoft 365 group id, for a channel. */
  teamId: string | undefined;
  installedAt: string;
  /**
   * Set when Teams said the conversation is no longer usable: the bot removed from the team, the team
   * deleted (installationUpdate remove, conversationUpdate teamDeleted), or this channel deleted
   * (conversationUpdate channelDeleted: stored as its own conversation, keyed by the channel id).
   */
  gone?: { at: string; reason: GoneReason } | undefined;
};

export type BotConversations = {
  /** Records an install; the same conversation again updates its item (service URLs can change). */
  save(reference: ConversationReference): Promise<void>;
  /** Every conversation the bot is installed in, as stored (those gone too, with `gone`). */
  list(): Promise<ConversationReference[]>;
  /**
   * Records what Teams said is gone: the conversation itself (created if it was never stored, e.g. a deleted
   * channel the bot was never spoken to in), or, for `team-deleted` and `bot-removed`, every stored
   * conversation of the team as well.
   */
  markGone(reference: ConversationReference & { gone: { at: string; reason: GoneReason } }): Promise<void>;
};

/** Whether the bot can post in a team: some conversation of the team is stored and none of them says it is gone. */
export function botInTeam(conversations: readonly ConversationReference[], teamId: string): boolean {
  const ofTeam = conversations.filter((c) => c.teamId === teamId);
  return (
    ofTeam.some((c) => !c.gone) &&
    !ofTeam.some((c) => c.gone?.reason === 'bot-removed' || c.gone?.reason === 'team-deleted')
  );
}

/** Whether Teams said this channel was deleted. */
export function channelDeleted(conversations: readonly ConversationReference[], channelId: string): boolean {
  return conversations.some((c) => c.conversationId === channelId && c.gone?.reason === 'channel-deleted');
}

export function conversationKey(conversationId: string): string {
  return createHash('sha256').update(conversationId, 'utf8').digest('hex');
}

export function conversationToFields(ref: ConversationReference): Fields {
  return {
    Title: titleValue(ref.conversationType ? `${ref.conversationType} conversation` : 'conversation'),
    ConversationKey: conversationKey(ref.conversationId),
    ConversationId: ref.conversationId,
    ServiceUrl: ref.serviceUrl,
    TenantId: opt(ref.tenantId),
    ConversationType: opt(ref.conversationType),
    TeamId: opt(ref.teamId),
    InstalledAt: ref.installedAt,
    // An install (or a restored channel) clears what was gone.
    GoneAt: ref.gone?.at ?? null,
    GoneReason: ref.gone?.reason ?? null,
  };
}

export function conversationFromItem(item: SharePointItem): ConversationReference {
  const f = fieldReader(BOT_CONVERSATIONS_LIST, item);
  return {
    conversationId: f.text('ConversationId'),
    serviceUrl: f.text('ServiceUrl'),
    tenantId: f.optionalText('TenantId'),
    conversationType: f.optionalText('ConversationType'),
    teamId: f.optionalText('TeamId'),
    installedAt: f.text('InstalledAt'),
    gone: goneOf(f.optionalText('GoneAt'), f.optionalText('GoneReason')),
  };
}

function goneOf(at: string | undefined, reason: string | undefined): ConversationReference['gone'] {
  if (!at) return undefined;
  const known = (GONE_REASONS as readonly string[]).includes(reason ?? '');
  return { at, reason: known ? (reason as GoneReason) : 'bot-removed' };
}

/** `siteId` may come later (the server finds its site once it listens): a function waited on at first use. */
export function createBotConversations(options: {
  connection: GraphConnection;
  siteId: string | (() => Promise<string>);
}): BotConversations {
  const { connection } = options;
  let listId: Promise<string> | undefined;
  let siteId = '';
  const itemsPath = async () => {
    siteId = typeof options.siteId === 'string' ? options.siteId : await options.siteId();
    listId ??= findListIds({ connection, siteId, lists: [BOT_CONVERSATIONS_LIST] }).then(
      (ids) => ids.botConversations,
      (err: unknown) => {
        listId = undefined;
        throw err;
      },
    );
    return `/sites/${siteId}/lists/${await listId}/items`;
  };

  async function save(reference: ConversationReference) {
    const path = await itemsPath();
    const fields = conversationToFields(reference);
    const key = { column: 'ConversationKey', value: fields['ConversationKey'] as string };
    // Any failed create may have stored the item (SharePoint answers a duplicate key with 500, not 409).
    const { item, alreadyStored } = await createOnce(
      connection,
      { itemsPath: path, key, fields },
      'store a bot conversation',
    );
    if (!alreadyStored) return;
    // Stored before (an earlier install, or this one's lost answer): bring its item up to date.
    const { ConversationKey: _key, ...rest } = fields;
    await graphPatch(connection, `${path}/${item.id}/fields`, rest, 'update a stored bot conversation');
  }
  async function list() {
    const items = await getAllPages<SharePointItem>(
      connection,
      `${await itemsPath()}${itemsQueryString({})}`,
      'read the bot conversations',
    );
    return items.map(conversationFromItem);
  }

  return {
    async save(reference) {
      await save(reference);
      if (reference.gone || !reference.teamId) return;
      // Added to the team again: what said the bot was removed from it no longer holds.
      for (const other of await list()) {
        if (other.teamId !== reference.teamId || other.conversationId === reference.conversationId) continue;
        if (other.gone?.reason !== 'bot-removed') continue;
        await save({ ...other, gone: undefined });
      }
    },
    list,
    async markGone(reference) {
      await save(reference);
      if (reference.gone.reason === 'channel-deleted' || !reference.teamId) return;
      for (const other of await list()) {
        if (other.teamId !== reference.teamId || other.conversationId === reference.conversationId) continue;
        if (other.gone?.reason === reference.gone.reason) continue;
        await save({ ...other, gone: reference.gone });
      }
    },
  };
}
