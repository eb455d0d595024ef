import type { App } from '@microsoft/teams.apps';

/**
 * Posting into a channel as the bot: a proactive message through the Teams SDK (`app.send` to the channel's
 * conversation id: https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
 * Failures leave as PostError with the Bot Connector's status, so the scheduler can tell a throttled
 * connector (429, retried after Retry-After) from a channel that is gone (404) or a bot removed from the team (403).
 */

export type ChannelMessage = { card: object; summary: string };

export type ChannelPoster = {
  /** Posts and answers the activity id Teams gave the post. */
  post(conversationId: string, message: ChannelMessage): Promise<{ id: string }>;
};

export class PostError extends Error {
  override name = 'PostError';
  constructor(
    message: string,
    /** The connector's HTTP status; undefined when no answer came (network failure, timeout). */
    readonly status: number | undefined,
    /** From Retry-After, when the connector said how long to wait. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }

  /** Worth trying again soon: throttled, busy, or no answer. 403 and 404 need someone to act first. */
  get retryable(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** What the SENCO is told, in plain words, for a failed post. */
export function describePostFailure(err: PostError): string {
  if (err.status === 403)
    return 'The SENCO Hub bot is not in the team any more (Teams answered 403): add it to the team again.';
  if (err.status === 404)
    return 'The channel was not found (Teams answered 404): it may have been deleted. Choose another in Settings.';
  if (err.status === 429) return 'Teams is throttling the bot’s posts (429): they will be tried again.';
  if (err.status === undefined) return `Teams could not be reached: ${err.message}`;
  return `Teams answered ${err.status}: ${err.message}`;
}

function retryAfterMs(headers: unknown): number | undefined {
  const raw = (headers as Record<string, unknown> | undefined)?.['retry-after'];
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The Teams SDK's answer errors (axios-shaped) as PostError. */
export function toPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  const response = (err as { response?: { status?: unknown; headers?: unknown } } | undefined)?.response;
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return new PostError(message, status, retryAfterMs(response?.headers));
}

export function createTeamsPoster(app: Pick<App, 'send'>): ChannelPoster {
  return {
    async post(conversationId, message) {
      try {
        const sent = await app.send(conversationId, {
          type: 'message',
          summary: message.summary,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }],
        } as Parameters<App['send']>[1]);
        if (!sent.id) throw new PostError('Teams accepted the post without an activity id', 502, undefined);
        return { id: sent.id };
      } catch (err) {
        throw toPostError(err);
      }
    },
  };
}
