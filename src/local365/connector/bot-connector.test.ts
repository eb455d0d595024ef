import express from 'express';
import type { AddressInfo } from 'node:net';
import { loadDirectory } from '../directory/load-directory.ts';
import {
  SEND_CHANNEL_ID,
  appCaller,
  buildTestSchool,
  createTestContext,
  graphCall,
  ids,
} from '../directory/test-support.ts';
import { registerTeamsRoutes } from '../teams/teams-routes.ts';
import { createBotConnector } from './bot-connector.ts';
import { manifestResourceSpecificPermissions } from './team-install.ts';

/**
 * A bot's post to a channel through the Bot Connector becomes a channel message Graph lists, with the id the
 * connector answered; reading it app-only needs the team's resource-specific grant, as Teams requires.
 */

const CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    {
      type: 'TextBlock',
      text: 'Passport review due',
      id: 'senco-hub-reminder:passport-review|p1|2026-12-14',
    },
  ],
};
const app = appCaller([]);
const messagesPath = `/teams/${ids.staffTeam}/channels/${SEND_CHANNEL_ID}/messages`;

async function setup() {
  const { ctx } = createTestContext('2026-12-07T07:31:00Z');
  loadDirectory(ctx, buildTestSchool());
  registerTeamsRoutes(ctx);
  const connector = createBotConnector(ctx);
  const web = express();
  web.use(connector.router());
  const server = web.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const post = (body: unknown) =>
    fetch(`${base}/connector/v3/conversations/${encodeURIComponent(SEND_CHANNEL_ID)}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { ctx, connector, post, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('the Bot Connector stand-in and Graph channel messages', () => {
  it('the manifest asks for ChannelMessage.Read.Group, to read back the channel the bot posts in', () => {
    expect(manifestResourceSpecificPermissions()).toEqual(['ChannelMessage.Read.Group']);
  });

  it('lists a bot post app-only only with the team’s resource-specific grant, with the id the connector gave', async () => {
    const s = await setup();
    try {
      s.connector.installInTeam(ids.staffTeam, [SEND_CHANNEL_ID]);
      const res = await s.post({
        type: 'message',
        from: { id: `28:${app.kind === 'app' ? app.appId : ''}` },
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: CARD }],
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };

      const refused = await graphCall(s.ctx, app, 'GET', messagesPath);
      expect(refused.status).toBe(403);
      expect(String((refused.json['error'] as { message: string }).message)).toMatch(
        /requires Protected API access in application-only context when not using Resource Specific Consent/,
      );
      // A tenant-wide permission does not do instead: Microsoft's approval for protected APIs is not modelled.
      const tenantWide = await graphCall(s.ctx, appCaller(['ChannelMessage.Read.All']), 'GET', messagesPath);
      expect(tenantWide.status).toBe(403);

      s.connector.installInTeam(ids.staffTeam, [SEND_CHANNEL_ID], {
        clientId: app.kind === 'app' ? app.appId : '',
        resourceSpecific: ['ChannelMessage.Read.Group'],
      });
      const listed = await graphCall(s.ctx, app, 'GET', messagesPath);
      expect(listed.status).toBe(200);
      const [message] = listed.json['value'] as {
        id: string;
        from: { application: { id: string; applicationIdentityType: string } | null; user: unknown };
        body: { content: string };
        attachments: { id: string; contentType: string; content: string }[];
      }[];
      expect(message!.id).toBe(id);
      expect(message!.from.user).toBeNull();
      expect(message!.from.application?.applicationIdentityType).toBe('bot');
      expect(message!.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.parse(message!.attachments[0]!.content)).toEqual(CARD);
      expect(message!.body.content).toContain(
        `<attachment id="${message!.attachments[0]!.id}"></attachment>`,
      );
      expect(s.connector.listActivities({ conversationId: SEND_CHANNEL_ID }).map((a) => a.id)).toEqual([id]);

      // Removing the app from the team takes the grant with it.
      s.connector.removeFromTeam(ids.staffTeam, app.kind === 'app' ? app.appId : '');
      expect((await graphCall(s.ctx, app, 'GET', messagesPath)).status).toBe(403);
      expect((await s.post({ type: 'message', text: 'hello' })).status).toBe(403);
    } finally {
      await s.close();
    }
  });
});
