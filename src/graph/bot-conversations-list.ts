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
  ],
};

/** Where a bot may later post unprompted: a conversation it was installed in. */
export type ConversationReference = {
  conversationId: string;
  serviceUrl: string;
  tenantId: string | undefined;
  conversationType: string | undefined;
  /** The team's Microsoft 365 group id, for a channel. */
  teamId: string | undefined;
  installedAt: string;
};

export type BotConversations = {
  /** Records an install; the same conversation again updates its item (service URLs can change). */
  save(reference: ConversationReference): Promise<void>;
  /** Every conversation the bot is installed in, as stored. */
  list(): Promise<ConversationReference[]>;
};

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
  };
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

  return {
    async save(reference) {
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
    },
    async list() {
      const items = await getAllPages<SharePointItem>(
        connection,
        `${await itemsPath()}${itemsQueryString({})}`,
        'read the bot conversations',
      );
      return items.map(conversationFromItem);
    },
  };
}
