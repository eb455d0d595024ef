import type { Audience } from '../../cards/passport-cards.ts';
import { MAX_REFRESH_USERS } from '../../cards/passport-cards.ts';

type MembersApi = {
  conversations: {
    getPagedMembers(
      conversationId: string,
      pageSize?: number,
      continuationToken?: string,
    ): Promise<{ members: { aadObjectId?: string }[]; continuationToken?: string }>;
  };
};

/**
 * Who is in the conversation a card goes to, as `8:orgid:<object id>` for the card's refresh. One page is
 * enough: more than 60 members means Teams will not refresh for them all, and the card offers "Show passport"
 * instead. A conversation the bot is not in (the extension used in a chat without the bot) cannot be read;
 * the card then offers the button to everyone.
 */
export async function conversationAudience(
  api: MembersApi,
  conversationId: string,
  onError: (what: string, err: unknown) => void,
): Promise<Audience> {
  try {
    const page = await api.conversations.getPagedMembers(conversationId, 100);
    const ids = page.members.flatMap((m) => (m.aadObjectId ? [`8:orgid:${m.aadObjectId}`] : []));
    // A further page means more than a hundred: larger than Teams refreshes for.
    if (page.continuationToken || ids.length > MAX_REFRESH_USERS) return { memberIds: undefined };
    return { memberIds: ids };
  } catch (err) {
    // Not in the conversation's roster (403) or no such conversation (404) is expected; anything else is told.
    const status = (err as { response?: { status?: unknown } } | undefined)?.response?.status;
    if (status !== 403 && status !== 404) onError('could not read the conversation’s members', err);
    return { memberIds: undefined };
  }
}
