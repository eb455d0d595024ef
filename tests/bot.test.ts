/**
 * The bot endpoint in local mode: a Teams-shaped activity posted to /api/messages reaches the Teams SDK
 * handlers, and what the bot answers lands in the Bot Connector stand-in (the activity's serviceUrl).
 */
import { HELP_TEXT } from '../src/server/bot/teams-bot.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

function activity(overrides: Record<string, unknown>) {
  const senco = app.local365.school.staff.find((s) => s.role === 'senco')!;
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: app.local365.connector.serviceUrl(),
    from: { id: `29:${senco.id}`, aadObjectId: senco.id, name: senco.displayName },
    recipient: { id: '28:senco-hub-bot', name: 'SENCO Hub' },
    conversation: { id: 'a:personal-chat-1', conversationType: 'personal', tenantId: app.config.tenantId },
    ...overrides,
  };
}

async function waitFor<T>(read: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the bot in local mode', () => {
  it('answers a message in the same conversation, through the connector stand-in', async () => {
    const res = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity({ text: 'hello' })),
    });
    expect(res.status).toBeLessThan(300);
    const reply = await waitFor(
      () => app.local365.connector.listActivities({ conversationId: 'a:personal-chat-1' })[0],
      'the bot’s reply',
    );
    expect(reply.activity['text']).toBe(HELP_TEXT);
  });

  it('remembers a team it is installed in, for reminders later', async () => {
    const staffTeam = app.local365.school.staffTeam;
    const res = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(
        activity({
          type: 'installationUpdate',
          action: 'add',
          conversation: {
            id: '19:send-channel@thread.tacv2',
            conversationType: 'channel',
            tenantId: app.config.tenantId,
          },
          channelData: {
            team: { id: '19:general@thread.tacv2', aadGroupId: staffTeam.groupId },
            tenant: { id: app.config.tenantId },
          },
        }),
      ),
    });
    expect(res.status).toBeLessThan(300);
    const installed = await waitFor(
      async () =>
        (await app.running.bot.conversations()).find(
          (c) => c.conversationId === '19:send-channel@thread.tacv2',
        ),
      'the stored conversation',
    );
    expect(installed.teamId).toBe(staffTeam.groupId);
    expect(installed.serviceUrl).toBe(app.local365.connector.serviceUrl());
  });
});
