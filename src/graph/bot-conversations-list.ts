import { createHash } from 'node:crypto';
import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphGet, graphPatch, graphPost } from './graph-requests.ts';
import { dateTimeColumn, noteColumn, textColumn, type ListDefinition } from './list-definition.ts';
import {
  createFields,
  fieldReader,
  opt,
  titleValue,
  type Fields,
  type SharePointItem,
} from './list-fields.ts';
import { eq, itemsQueryString } from './odata.ts';
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
      try {
        await graphPost(connection, path, { fields: createFields(fields) }, 'store a bot conversation');
        return;
      } catch (err) {
        if (!(err instanceof GraphRequestError && err.status === 409)) throw err;
      }
      // Already stored: bring its item up to date.
      const found = await graphGet<{ value: SharePointItem[] }>(
        connection,
        `${path}${itemsQueryString({ filter: eq('ConversationKey', fields['ConversationKey'] as string), select: ['ConversationKey'], top: 1 })}`,
        'find a stored bot conversation',
      );
      const item = found.value[0];
      if (!item) throw new Error('A bot conversation was refused as a duplicate but cannot be found');
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
