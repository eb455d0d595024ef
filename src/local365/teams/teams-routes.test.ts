import { loadDirectory } from '../directory/load-directory.ts';
import {
  ROUTE_TEST_APP_ROLES,
  SEND_CHANNEL_ID,
  appCaller,
  buildTestSchool,
  createTestContext,
  graphCall,
  ids,
  staffMember,
  userCaller,
} from '../directory/test-support.ts';
import { listChannelMessages, registerTeamsRoutes } from './teams-routes.ts';
import { DEFAULT_GRAPH_APPLICATION_ROLES } from '../identity/graph-permissions.ts';

function setup() {
  const { ctx, clock } = createTestContext('2026-11-23T15:30:00Z');
  const school = buildTestSchool();
  loadDirectory(ctx, school);
  registerTeamsRoutes(ctx);
  return {
    ctx,
    clock,
    senco: userCaller(staffMember(school, ids.senco)),
    willowTeacher: userCaller(staffMember(school, ids.willowTeacher)),
  };
}

const CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Annual review due for Ava Smith', wrap: true }],
};
const messagesPath = `/teams/${ids.staffTeam}/channels/${SEND_CHANNEL_ID}/messages`;

function cardMessage(overrides: Record<string, unknown> = {}) {
  return {
    body: {
      contentType: 'html',
      content:
        'Reminder for <at id="0">Sam Patel</at> <attachment id="74d20c7f34aa4a7fb74e2b30004247c5"></attachment>',
    },
    attachments: [
      {
        id: '74d20c7f34aa4a7fb74e2b30004247c5',
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: JSON.stringify(CARD),
      },
    ],
    mentions: [
      {
        id: 0,
        mentionText: 'Sam Patel',
        mentioned: { user: { id: ids.willowTeacher, displayName: 'Sam Patel', userIdentityType: 'aadUser' } },
      },
    ],
    ...overrides,
  };
}

describe('channels', () => {
  it('lists the staff team’s channels for a member', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, s.senco, 'GET', `/teams/${ids.staffTeam}/channels`);
    expect(res.status).toBe(200);
    const channels = res.json.value as Record<string, unknown>[];
    expect(channels.map((c) => c.displayName)).toEqual(['General', 'SEND']);
    expect(channels[1]).toMatchObject({
      id: SEND_CHANNEL_ID,
      membershipType: 'standard',
      description: 'SEND reminders and updates',
    });
    expect(String(channels[0]!.id)).toMatch(/^19:[0-9a-f]{32}@thread\.tacv2$/);
  });

  it('filters channels by displayName', async () => {
    const s = setup();
    const res = await graphCall(
      s.ctx,
      s.senco,
      'GET',
      `/teams/${ids.staffTeam}/channels?$filter=displayName eq 'SEND'&$select=id`,
    );
    expect(res.json.value).toEqual([{ id: SEND_CHANNEL_ID }]);
  });

  it('refuses a signed-in user outside the team, and an app without a channel permission', async () => {
    const s = setup();
    expect((await graphCall(s.ctx, s.willowTeacher, 'GET', `/teams/${ids.oak}/channels`)).status).toBe(403);
    // Directory.Read.All also lists channels (https://learn.microsoft.com/en-us/graph/api/channel-list).
    const withoutChannelPermission = DEFAULT_GRAPH_APPLICATION_ROLES.filter(
      (r) => r !== 'Directory.Read.All',
    );
    const app = await graphCall(
      s.ctx,
      appCaller(withoutChannelPermission),
      'GET',
      `/teams/${ids.staffTeam}/channels`,
    );
    expect(app.status).toBe(403);
    expect(
      (
        await graphCall(
          s.ctx,
          appCaller(['Channel.ReadBasic.All']),
          'GET',
          `/teams/${ids.staffTeam}/channels`,
        )
      ).status,
    ).toBe(200);
  });

  it('serves a class team as an education class team', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, s.willowTeacher, 'GET', `/teams/${ids.willow}`);
    expect(res.json).toMatchObject({
      id: ids.willow,
      displayName: 'Year 4 Willow',
      specialization: 'educationClass',
      visibility: 'hiddenMembership',
    });
  });

  it('answers 404 for a group id that is not a team', async () => {
    const s = setup();
    expect(
      (await graphCall(s.ctx, s.senco, 'GET', '/teams/00000000-0000-4000-8000-000000000000/channels')).status,
    ).toBe(404);
  });
});

describe('channel messages', () => {
  it('posts an Adaptive Card with a mention as the signed-in user', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, s.senco, 'POST', messagesPath, { body: cardMessage() });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      id: String(Date.parse('2026-11-23T15:30:00Z')),
      messageType: 'message',
      createdDateTime: '2026-11-23T15:30:00.000Z',
      body: { contentType: 'html' },
      channelIdentity: { teamId: ids.staffTeam, channelId: SEND_CHANNEL_ID },
      from: {
        application: null,
        user: { id: ids.senco, displayName: 'Jo Okafor', userIdentityType: 'aadUser' },
      },
      attachments: [
        {
          id: '74d20c7f34aa4a7fb74e2b30004247c5',
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: JSON.stringify(CARD),
        },
      ],
      mentions: [{ id: 0, mentionText: 'Sam Patel', mentioned: { user: { id: ids.willowTeacher } } }],
    });

    const listed = await graphCall(s.ctx, s.willowTeacher, 'GET', messagesPath);
    expect((listed.json.value as { id: string }[]).map((m) => m.id)).toEqual([res.json.id]);

    expect(listChannelMessages(s.ctx)).toEqual([
      expect.objectContaining({
        team: 'Oakfield Staff',
        channel: 'SEND',
        from: 'Jo Okafor',
        text: 'Reminder for Sam Patel',
        hasCard: true,
        at: '2026-11-23T15:30:00.000Z',
      }),
    ]);
    expect(listChannelMessages(s.ctx, { teamId: ids.willow })).toEqual([]);
  });

  it('refuses an app-only post with Graph’s 403', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, appCaller(), 'POST', messagesPath, { body: cardMessage() });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({
      error: {
        code: 'Forbidden',
        message: `Missing role permissions on the request. API requires one of 'Teamwork.Migrate.All'. Roles on the request '${ROUTE_TEST_APP_ROLES.join(', ')}'.`,
      },
    });
    expect(listChannelMessages(s.ctx)).toEqual([]);
  });

  it('refuses a card given as an object instead of a JSON string', async () => {
    const s = setup();
    const res = await graphCall(s.ctx, s.senco, 'POST', messagesPath, {
      body: cardMessage({
        attachments: [
          {
            id: '74d20c7f34aa4a7fb74e2b30004247c5',
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: CARD,
          },
        ],
      }),
    });
    expect(res.status).toBe(400);
  });

  it('refuses an attachment the body does not reference, and a mention tag without a mention', async () => {
    const s = setup();
    const unreferenced = await graphCall(s.ctx, s.senco, 'POST', messagesPath, {
      body: cardMessage({ body: { contentType: 'html', content: 'Reminder for <at id="0">Sam Patel</at>' } }),
    });
    expect(unreferenced.status).toBe(400);
    const noMention = await graphCall(s.ctx, s.senco, 'POST', messagesPath, {
      body: cardMessage({ mentions: [] }),
    });
    expect(noMention.status).toBe(400);
  });

  it('refuses a post from someone outside the team', async () => {
    const s = setup();
    const res = await graphCall(
      s.ctx,
      s.senco,
      'POST',
      `/teams/${ids.willow}/channels/${encodeURIComponent('19:x@thread.tacv2')}/messages`,
      { body: { body: { content: 'hi' } } },
    );
    expect(res.status).toBe(403);
  });

  it('lists newest first, twenty to a page', async () => {
    const s = setup();
    for (let i = 0; i < 25; i += 1) {
      await graphCall(s.ctx, s.senco, 'POST', messagesPath, { body: { body: { content: `Message ${i}` } } });
      s.clock.advance(1000);
    }
    const first = await graphCall(s.ctx, s.senco, 'GET', messagesPath);
    const page = first.json.value as { body: { content: string } }[];
    expect(page).toHaveLength(20);
    expect(page[0]!.body.content).toBe('Message 24');
    const next = String(first.json['@odata.nextLink']);
    const second = await graphCall(s.ctx, s.senco, 'GET', next.replace(s.ctx.graphBaseUrl(), ''));
    expect((second.json.value as unknown[]).length).toBe(5);
  });
});
