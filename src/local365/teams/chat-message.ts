import { GraphError } from '../graph/graph-error.ts';
import type { ChatMessageAttachment, ChatMessageMention, StoredChatMessage } from './teams-store.ts';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export type NewChatMessage = Pick<
  StoredChatMessage,
  'subject' | 'importance' | 'body' | 'attachments' | 'mentions'
>;

const badRequest = (message: string) => new GraphError(400, 'BadRequest', message);

/**
 * Checks a chatMessage to post the way Teams does [M1][M2]: `body` is required; every `<attachment id="…">` in
 * the HTML names an entry of `attachments` and every attachment is referenced; an Adaptive Card's `content` is
 * the card as a JSON string, not an object; every `<at id="n">` has `mentions[n]` and every mention is used.
 */
export function validateNewMessage(input: unknown): NewChatMessage {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw badRequest('Empty Payload. JSON content expected.');
  const raw = input as {
    body?: unknown;
    subject?: unknown;
    importance?: unknown;
    attachments?: unknown;
    mentions?: unknown;
  };
  const bodyIn = raw.body as { contentType?: unknown; content?: unknown } | undefined;
  if (!bodyIn || typeof bodyIn !== 'object' || typeof bodyIn.content !== 'string')
    throw badRequest("A chatMessage needs 'body' with string 'content'.");
  const contentType = typeof bodyIn.contentType === 'string' ? bodyIn.contentType.toLowerCase() : 'text';
  if (contentType !== 'html' && contentType !== 'text')
    throw badRequest(`'${String(bodyIn.contentType)}' is not a body contentType (html or text).`);
  const body: StoredChatMessage['body'] = { contentType, content: bodyIn.content };

  const importance = raw.importance === undefined ? 'normal' : raw.importance;
  if (importance !== 'normal' && importance !== 'high' && importance !== 'urgent')
    throw badRequest(`'${String(raw.importance)}' is not an importance (normal, high or urgent).`);

  const attachments = parseAttachments(raw.attachments);
  const referenced = [...body.content.matchAll(/<attachment\s+id\s*=\s*["']([^"']+)["'][^>]*>/gi)].map(
    (m) => m[1] ?? '',
  );
  for (const id of referenced) {
    if (!attachments.some((a) => a.id === id))
      throw badRequest(`The message body refers to attachment '${id}', which is not in 'attachments'.`);
  }
  for (const a of attachments) {
    if (!referenced.includes(a.id))
      throw badRequest(
        `Attachment '${a.id}' is not referenced in the message body (add <attachment id="${a.id}"></attachment>).`,
      );
  }

  const mentions = parseMentions(raw.mentions);
  const atIds = [...body.content.matchAll(/<at\s+id\s*=\s*["']?(\d+)["']?[^>]*>/gi)].map((m) => Number(m[1]));
  for (const id of atIds) {
    if (!mentions.some((m) => m.id === id))
      throw badRequest(`The message body has <at id="${id}"> but 'mentions' has no entry with id ${id}.`);
  }
  for (const m of mentions) {
    if (!atIds.includes(m.id))
      throw badRequest(
        `Mention ${m.id} is not used in the message body (add <at id="${m.id}">${m.mentionText}</at>).`,
      );
  }

  return {
    subject: typeof raw.subject === 'string' ? raw.subject : null,
    importance,
    body,
    attachments,
    mentions,
  };
}

function parseAttachments(value: unknown): ChatMessageAttachment[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest("'attachments' must be a collection.");
  return value.map((raw: Record<string, unknown>, i) => {
    if (typeof raw?.id !== 'string' || !raw.id) throw badRequest(`attachments[${i}] needs an 'id'.`);
    if (typeof raw.contentType !== 'string') throw badRequest(`attachments[${i}] needs a 'contentType'.`);
    if (raw.content !== undefined && raw.content !== null && typeof raw.content !== 'string') {
      throw badRequest(`attachments[${i}].content must be a string: serialise the card with JSON.stringify.`);
    }
    const content = typeof raw.content === 'string' ? raw.content : null;
    if (raw.contentType === ADAPTIVE_CARD) {
      if (content === null) throw badRequest(`attachments[${i}] is an Adaptive Card without 'content'.`);
      let card: unknown;
      try {
        card = JSON.parse(content);
      } catch {
        throw badRequest(`attachments[${i}].content is not valid JSON.`);
      }
      if (!card || typeof card !== 'object' || (card as { type?: unknown }).type !== 'AdaptiveCard') {
        throw badRequest(`attachments[${i}].content is not an Adaptive Card (type 'AdaptiveCard').`);
      }
    }
    return {
      id: raw.id,
      contentType: raw.contentType,
      contentUrl: typeof raw.contentUrl === 'string' ? raw.contentUrl : null,
      content,
      name: typeof raw.name === 'string' ? raw.name : null,
      thumbnailUrl: typeof raw.thumbnailUrl === 'string' ? raw.thumbnailUrl : null,
      teamsAppId: typeof raw.teamsAppId === 'string' ? raw.teamsAppId : null,
    };
  });
}

function parseMentions(value: unknown): ChatMessageMention[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest("'mentions' must be a collection.");
  return value.map((raw: Record<string, unknown>, i) => {
    if (typeof raw?.id !== 'number' || typeof raw.mentionText !== 'string')
      throw badRequest(`mentions[${i}] needs a numeric 'id' and a 'mentionText'.`);
    const mentioned = (raw.mentioned ?? {}) as {
      user?: { id?: unknown; displayName?: unknown; userIdentityType?: unknown };
    };
    if (typeof mentioned.user?.id !== 'string')
      throw badRequest(`mentions[${i}].mentioned.user needs an 'id' (the user's Entra object id).`);
    return {
      id: raw.id,
      mentionText: raw.mentionText,
      mentioned: {
        user: {
          id: mentioned.user.id,
          displayName: typeof mentioned.user.displayName === 'string' ? mentioned.user.displayName : null,
          userIdentityType:
            typeof mentioned.user.userIdentityType === 'string' ? mentioned.user.userIdentityType : 'aadUser',
        },
      },
    };
  });
}
