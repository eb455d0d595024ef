import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { pagesOf } from './graph-requests.ts';

/**
 * Which reminders are already in a channel, read back from Teams: the way to tell, after a crash between the
 * Bot Connector accepting a post and the Reminder Log recording it, that the post happened.
 *
 * App-only, under the resource-specific consent permission ChannelMessage.Read.Group that the app's manifest
 * asks for and a team owner grants when adding the app to the team
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/graph-api/rsc/resource-specific-consent). Without it
 * the call needs ChannelMessage.Read.All plus Microsoft's protected-API approval
 * (https://learn.microsoft.com/en-us/graph/teams-protected-apis), which SENCO Hub does not ask for: Graph answers
 * 403, and the caller is told it could not look (ChannelReadRefused).
 * List channel messages: https://learn.microsoft.com/en-us/graph/api/channel-list-messages (root messages, at most
 * 50 a page). A reminder card carries its key as the id of its first element (src/cards/reminder-cards.ts);
 * Graph gives a bot's card as an attachment whose `content` is the card's JSON text.
 */

export class ChannelReadRefused extends Error {
  override name = 'ChannelReadRefused';
}

type MessageJson = {
  id: string;
  createdDateTime?: string | null;
  deletedDateTime?: string | null;
  attachments?: { contentType?: string | null; content?: string | null }[] | null;
};

export type PostedReminders = {
  /**
   * Reminder key → Teams message id, for SENCO Hub reminder cards in the channel created at or after `since`.
   * Reads newest first and stops at the first page wholly older than `since`, or after `maxPages`.
   * `complete` is false when it stopped at `maxPages` before reaching `since`.
   */
  find(input: {
    teamId: string;
    channelId: string;
    since: string;
    keyOfCard: (card: unknown) => string | undefined;
    maxPages?: number;
  }): Promise<{ found: Map<string, string>; complete: boolean }>;
};

function cardsOf(message: MessageJson): unknown[] {
  return (message.attachments ?? []).flatMap((a) => {
    if (a.contentType !== 'application/vnd.microsoft.card.adaptive' || typeof a.content !== 'string')
      return [];
    try {
      return [JSON.parse(a.content) as unknown];
    } catch {
      return [];
    }
  });
}

export function createPostedReminders(connection: GraphConnection): PostedReminders {
  return {
    async find({ teamId, channelId, since, keyOfCard, maxPages = 20 }) {
      const found = new Map<string, string>();
      const sinceMs = Date.parse(since);
      const path = `/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}/messages?$top=50`;
      let pages = 0;
      try {
        for await (const page of pagesOf<MessageJson>(
          connection,
          path,
          'look for reminders in the channel',
        )) {
          pages += 1;
          let newer = false;
          for (const message of page.value) {
            const created = Date.parse(message.createdDateTime ?? '');
            if (!(created < sinceMs)) newer = true;
            if (message.deletedDateTime) continue;
            for (const card of cardsOf(message)) {
              const key = keyOfCard(card);
              if (key && !found.has(key)) found.set(key, message.id);
            }
          }
          if (!newer) return { found, complete: true };
          if (pages >= maxPages) return { found, complete: false };
        }
      } catch (err) {
        if (err instanceof GraphRequestError && (err.status === 403 || err.status === 401))
          throw new ChannelReadRefused(
            `SENCO Hub may not read the channel's messages (Graph answered ${err.status}): the team owner has not granted ChannelMessage.Read.Group.`,
          );
        throw err;
      }
      return { found, complete: true };
    },
  };
}
