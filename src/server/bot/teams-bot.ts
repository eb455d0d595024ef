import type { AdaptiveCardActionResponse, MessagingExtensionResponse } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import type express from 'express';
import type { Audience } from '../../cards/passport-cards.ts';
import type {
  BotConversations,
  ConversationReference,
  GoneReason,
} from '../../graph/bot-conversations-list.ts';
import { isSchoolTenant } from './bot-caller.ts';
import { conversationAudience } from './conversation-members.ts';
import { createPassportSharing, OtherTenantError, type PassportSharingDeps } from './passport-sharing.ts';

export type { ConversationReference } from '../../graph/bot-conversations-list.ts';

export type TeamsBot = {
  app: App;
  /** Conversations the bot has been installed in, as stored in SharePoint (for reminders). */
  conversations(): Promise<ConversationReference[]>;
};

export const HELP_TEXT =
  'SENCO Hub helps you find what helps your pupils with SEND. Open the SENCO Hub tab in Teams for the register, ' +
  'passports and reviews. In a chat, use the SENCO Hub message extension to share a pupil passport card with staff ' +
  'who may see it.';

const COULD_NOT_ANSWER = 'SENCO Hub could not answer just now. Try again in a moment.';

export type TeamsBotOptions = {
  web: express.Application;
  local: boolean;
  clientId?: string;
  /** The app's own tokens for the Bot Connector (from its certificate or secret; see app-token-provider.ts). */
  token?: (scope: string | string[]) => Promise<string>;
  /** Where proactive posts go (the Bot Connector); default the SDK's, Teams' global service URL. */
  serviceUrl?: string;
  /** The school's tenant: activities from any other are refused. */
  schoolTenantId: string;
  now: () => Date;
  conversations: BotConversations;
  sharing: Omit<PassportSharingDeps, 'schoolTenantId'>;
  /** Where failures are reported (default console.warn). */
  onError?: (what: string, err: unknown) => void;
};

/**
 * The bot endpoint (POST /api/messages) on our own Express app, through the Teams SDK: help text, installs
 * (stored in SharePoint for reminders), and the message extension: search, the chosen result, link
 * unfurling and each person's own view of a shared passport card (passport-sharing.ts).
 * In local mode it accepts unauthenticated activities (the stand-in connector and Agents Playground send no
 * Bot Framework token); with a tenant it validates the Bot Connector's tokens for our client id.
 */
export function createTeamsBot(options: TeamsBotOptions): TeamsBot {
  const onError = options.onError ?? ((what, err) => console.warn(`Bot: ${what}:`, err));
  const app = new App({
    httpServerAdapter: new ExpressAdapter(options.web),
    ...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}),
    ...(options.local
      ? {
          dangerouslyAllowUnauthenticatedRequests: true,
          // With a client id and token the bot can post unprompted (app.send) to the stand-in's connector.
          ...(options.clientId && options.token ? { clientId: options.clientId, token: options.token } : {}),
        }
      : {
          clientId: options.clientId,
          token: options.token,
          tenantId: options.schoolTenantId,
          // Explicit, so the SDK's DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS environment variable cannot turn
          // signature checks off for a school.
          dangerouslyAllowUnauthenticatedRequests: false,
        }),
  });
  const sharing = createPassportSharing({ ...options.sharing, schoolTenantId: options.schoolTenantId });
  const fromSchool = (activity: Parameters<typeof isSchoolTenant>[0]) =>
    isSchoolTenant(activity, options.schoolTenantId);

  /**
   * Runs an invoke answer: another tenant gets 403; a failure a message, never a bare 500. Our answers are the
   * shapes Teams documents; the SDK's types are stricter about card objects, hence the casts here, at the edge.
   */
  async function answer<T>(
    what: string,
    run: () => Promise<T>,
    failed: () => T,
  ): Promise<T | { status: 403 }> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof OtherTenantError) return { status: 403 };
      onError(what, err);
      return failed();
    }
  }
  const asExtension = (p: Promise<unknown>) => p as Promise<MessagingExtensionResponse | { status: 403 }>;
  const asCardAction = (p: Promise<unknown>) => p as Promise<AdaptiveCardActionResponse | { status: 403 }>;
  const failedMessage = () => ({ composeExtension: { type: 'message' as const, text: COULD_NOT_ANSWER } });

  type TeamActivity = {
    conversation: { id: string; tenantId?: string | null; conversationType?: unknown };
    serviceUrl?: string | null;
    channelData?: unknown;
  };
  const channelDataOf = (activity: TeamActivity) =>
    activity.channelData as
      { team?: { aadGroupId?: string }; channel?: { id?: string; name?: string } } | undefined;
  /** The conversation an activity comes from, as stored for posting later. */
  const referenceOf = (activity: TeamActivity, conversationId = activity.conversation.id) => ({
    conversationId,
    serviceUrl: activity.serviceUrl ?? '',
    tenantId: activity.conversation.tenantId ?? undefined,
    conversationType:
      typeof activity.conversation.conversationType === 'string'
        ? activity.conversation.conversationType
        : undefined,
    teamId: channelDataOf(activity)?.team?.aadGroupId,
    installedAt: options.now().toISOString(),
  });
  const store = async (what: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (err) {
      onError(what, err);
    }
  };

  app.on('install.add', async ({ activity }) => {
    if (!fromSchool(activity)) return;
    await store('could not store the conversation it was installed in', () =>
      options.conversations.save(referenceOf(activity)),
    );
  });

  /**
   * What Teams says when the bot can no longer post somewhere
   * (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events):
   * stored at once, so the settings screen and the home view say so before the next reminder fails.
   */
  const gone = (reason: GoneReason) => (activity: TeamActivity, conversationId?: string) =>
    store(`could not record that Teams said ${reason}`, () =>
      options.conversations.markGone({
        ...referenceOf(activity, conversationId),
        gone: { at: options.now().toISOString(), reason },
      }),
    );
  app.on('install.remove', async ({ activity }) => {
    if (!fromSchool(activity)) return;
    await gone('bot-removed')(activity);
  });
  app.on('teamDeleted', async ({ activity }) => {
    if (!fromSchool(activity)) return;
    await gone('team-deleted')(activity);
  });
  app.on('channelDeleted', async ({ activity }) => {
    if (!fromSchool(activity)) return;
    const channelId = channelDataOf(activity)?.channel?.id;
    if (channelId) await gone('channel-deleted')(activity, channelId);
  });
  app.on('channelRestored', async ({ activity }) => {
    if (!fromSchool(activity)) return;
    const channelId = channelDataOf(activity)?.channel?.id;
    if (!channelId) return;
    await store('could not record that Teams restored a channel', () =>
      options.conversations.save(referenceOf(activity, channelId)),
    );
  });

  app.on('message', async (ctx) => {
    if (!fromSchool(ctx.activity)) return;
    await ctx.send(HELP_TEXT);
  });

  const audienceOf =
    (ctx: { api: Parameters<typeof conversationAudience>[0]; activity: { conversation: { id: string } } }) =>
    (): Promise<Audience> =>
      conversationAudience(ctx.api, ctx.activity.conversation.id, onError);

  app.on('message.ext.query', (ctx) =>
    asExtension(answer('search', () => sharing.query(ctx.activity, audienceOf(ctx)), failedMessage)),
  );

  app.on('message.ext.select-item', (ctx) =>
    asExtension(
      answer(
        'chosen result',
        () =>
          sharing.cardFor(
            ctx.activity,
            (ctx.activity.value as { pupilId?: unknown } | undefined)?.pupilId,
            audienceOf(ctx),
          ),
        failedMessage,
      ),
    ),
  );

  app.on('message.ext.query-link', (ctx) =>
    asExtension(
      answer(
        'link',
        () => sharing.cardFor(ctx.activity, sharing.pupilIdOfLink(ctx.activity.value?.url), audienceOf(ctx)),
        failedMessage,
      ),
    ),
  );

  app.on('card.action', (ctx) =>
    asCardAction(
      answer(
        'card action',
        () => sharing.personalView(ctx.activity, audienceOf(ctx)),
        () => ({
          statusCode: 500 as const,
          type: 'application/vnd.microsoft.error' as const,
          value: { code: 'InternalError', message: COULD_NOT_ANSWER },
        }),
      ),
    ),
  );

  return { app, conversations: () => options.conversations.list() };
}
