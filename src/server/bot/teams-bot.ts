import { App, ExpressAdapter } from '@microsoft/teams.apps';
import type express from 'express';

/** Where a bot may later post unprompted: a conversation it was installed in (Teams needs a reference). */
export type ConversationReference = {
  conversationId: string;
  serviceUrl: string;
  tenantId: string | undefined;
  conversationType: string | undefined;
  teamId: string | undefined;
  installedAt: string;
};

export type TeamsBot = {
  app: App;
  /** Conversations the bot has been added to, for reminders (persisted by the reminders feature). */
  conversations(): ConversationReference[];
};

export const HELP_TEXT =
  'SENCO Hub helps you find what helps your pupils with SEND. Open the SENCO Hub tab in Teams for the register, ' +
  'passports and reviews. In a chat, use the SENCO Hub message extension to share a pupil passport card with staff ' +
  'who may see it.';

/**
 * The bot endpoint (POST /api/messages) on our own Express app, through the Teams SDK.
 * In local mode it accepts unauthenticated activities (the stand-in connector and Agents Playground send no
 * Bot Framework token); with a tenant it validates the Bot Connector's tokens for our client id.
 */
export function createTeamsBot(options: {
  web: express.Application;
  local: boolean;
  clientId?: string;
  /** The app's own tokens for the Bot Connector (from its certificate or secret; see app-token-provider.ts). */
  token?: (scope: string | string[]) => Promise<string>;
  tenantId?: string;
  now: () => Date;
}): TeamsBot {
  const conversations = new Map<string, ConversationReference>();
  const app = new App({
    httpServerAdapter: new ExpressAdapter(options.web),
    ...(options.local
      ? { dangerouslyAllowUnauthenticatedRequests: true }
      : {
          clientId: options.clientId,
          token: options.token,
          tenantId: options.tenantId,
          // Explicit, so the SDK's DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS environment variable cannot turn
          // signature checks off for a school.
          dangerouslyAllowUnauthenticatedRequests: false,
        }),
  });

  app.on('install.add', async ({ activity }) => {
    conversations.set(activity.conversation.id, {
      conversationId: activity.conversation.id,
      serviceUrl: activity.serviceUrl ?? '',
      tenantId: activity.conversation.tenantId ?? undefined,
      conversationType: activity.conversation.conversationType
        ? String(activity.conversation.conversationType)
        : undefined,
      teamId: (activity.channelData as { team?: { aadGroupId?: string } } | undefined)?.team?.aadGroupId,
      installedAt: options.now().toISOString(),
    });
    return Promise.resolve();
  });

  app.on('message', async (ctx) => {
    await ctx.send(HELP_TEXT);
  });

  return { app, conversations: () => [...conversations.values()] };
}
