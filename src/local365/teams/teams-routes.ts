import type { StandInContext } from '../context.ts';
import { DirectoryStore, type DirectoryGroup } from '../directory/directory-store.ts';
import {
  applyFilter,
  applySelect,
  collectionBody,
  odataContext,
  page,
  refuseUnimplemented,
} from '../directory/odata.ts';
import { accessDenied, requirePermission, type PermissionNeed } from '../directory/permissions.ts';
import type { Caller, RouteRequest } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import { validateNewMessage } from './chat-message.ts';
import { TeamsStore, generalChannelId, type StoredChatMessage, type TeamsChannel } from './teams-store.ts';

const READ_TEAM: PermissionNeed = {
  delegated: [
    'Team.ReadBasic.All',
    'TeamSettings.Read.All',
    'TeamSettings.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
  ],
  application: [
    'Team.ReadBasic.All',
    'TeamSettings.Read.All',
    'TeamSettings.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
  ],
};
const READ_CHANNELS: PermissionNeed = {
  delegated: [
    'Channel.ReadBasic.All',
    'ChannelSettings.Read.All',
    'ChannelSettings.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
  ],
  application: [
    'Channel.ReadBasic.All',
    'ChannelSettings.Read.All',
    'ChannelSettings.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
  ],
};
const READ_MESSAGES: PermissionNeed = {
  delegated: ['ChannelMessage.Read.All', 'Group.Read.All', 'Group.ReadWrite.All'],
  application: ['ChannelMessage.Read.All', 'Group.Read.All', 'Group.ReadWrite.All'],
};
/** The resource-specific permission that lets an app added to a team read its channel messages app-only. */
export const READ_MESSAGES_RSC = 'ChannelMessage.Read.Group';
/**
 * Sending is delegated only. Application permissions serve migration alone (Teamwork.Migrate.All, into a team in
 * migration mode), which the stand-in does not model: app-only posts are refused as Graph refuses them [M1].
 */
const SEND_MESSAGE: PermissionNeed = {
  delegated: ['ChannelMessage.Send', 'Group.ReadWrite.All'],
  application: ['Teamwork.Migrate.All'],
};

const MESSAGE_PAGE = { defaultSize: 20, maxSize: 50, style: 'skiptoken' as const };

const teamNotFound = (id: string) => new GraphError(404, 'NotFound', `No team found with Group Id ${id}`);
const channelNotFound = () => new GraphError(404, 'NotFound', 'Channel not found');

function channelShape(ctx: StandInContext, c: TeamsChannel): Record<string, unknown> {
  return {
    id: c.id,
    createdDateTime: c.createdDateTime,
    displayName: c.displayName,
    description: c.description,
    isFavoriteByDefault: null,
    email: '',
    tenantId: ctx.tenantId,
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(c.id)}/${encodeURIComponent(c.displayName)}?groupId=${c.teamId}&tenantId=${ctx.tenantId}`,
    membershipType: c.membershipType,
    isArchived: false,
  };
}

function teamShape(ctx: StandInContext, g: DirectoryGroup): Record<string, unknown> {
  const internalId = generalChannelId(g.id);
  return {
    id: g.id,
    createdDateTime: g.createdDateTime,
    displayName: g.displayName,
    description: g.description,
    internalId,
    classification: null,
    specialization: g.kind === 'class' ? 'educationClass' : 'none',
    visibility:
      g.visibility === 'HiddenMembership'
        ? 'hiddenMembership'
        : g.visibility === 'Public'
          ? 'public'
          : 'private',
    webUrl: `https://teams.microsoft.com/l/team/${encodeURIComponent(internalId)}/conversations?groupId=${g.id}&tenantId=${ctx.tenantId}`,
    isArchived: false,
    tenantId: ctx.tenantId,
    isMembershipLimitedToOwners: false,
    memberSettings: {
      allowCreateUpdateChannels: g.kind !== 'class',
      allowDeleteChannels: false,
      allowAddRemoveApps: false,
      allowCreateUpdateRemoveTabs: g.kind !== 'class',
      allowCreateUpdateRemoveConnectors: false,
    },
    guestSettings: { allowCreateUpdateChannels: false, allowDeleteChannels: false },
    messagingSettings: {
      allowUserEditMessages: true,
      allowUserDeleteMessages: true,
      allowOwnerDeleteMessages: true,
      allowTeamMentions: true,
      allowChannelMentions: true,
    },
    funSettings: {
      allowGiphy: true,
      giphyContentRating: 'strict',
      allowStickersAndMemes: true,
      allowCustomMemes: false,
    },
    discoverySettings: { showInTeamsSearchAndSuggestions: false },
  };
}

/** Graph's chatMessage JSON for a stored channel message. */
export function chatMessageShape(ctx: StandInContext, m: StoredChatMessage): Record<string, unknown> {
  const identity = (id: string, displayName: string | null) => ({
    '@odata.type': '#microsoft.graph.teamworkUserIdentity',
    id,
    displayName,
    userIdentityType: 'aadUser',
    tenantId: ctx.tenantId,
  });
  return {
    id: m.id,
    replyToId: m.replyToId,
    etag: m.id,
    messageType: 'message',
    createdDateTime: m.createdDateTime,
    lastModifiedDateTime: m.createdDateTime,
    lastEditedDateTime: null,
    deletedDateTime: null,
    subject: m.subject,
    summary: null,
    chatId: null,
    importance: m.importance,
    locale: 'en-us',
    webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(m.channelId)}/${m.id}?groupId=${m.teamId}&tenantId=${ctx.tenantId}&createdTime=${m.id}&parentMessageId=${m.replyToId ?? m.id}`,
    policyViolation: null,
    eventDetail: null,
    from: m.from.application
      ? {
          application: {
            '@odata.type': '#microsoft.graph.teamworkApplicationIdentity',
            id: m.from.userId,
            displayName: m.from.displayName,
            applicationIdentityType: 'bot',
          },
          device: null,
          user: null,
        }
      : { application: null, device: null, user: identity(m.from.userId, m.from.displayName) },
    body: m.body,
    channelIdentity: { teamId: m.teamId, channelId: m.channelId },
    attachments: m.attachments,
    mentions: m.mentions.map((mention) => ({
      id: mention.id,
      mentionText: mention.mentionText,
      mentioned: {
        application: null,
        device: null,
        conversation: null,
        tag: null,
        user: mention.mentioned.user
          ? identity(mention.mentioned.user.id, mention.mentioned.user.displayName)
          : null,
      },
    })),
    reactions: [],
    messageHistory: [],
  };
}

/**
 * Teams: the team, its channels, and channel messages (list, read, post). Per https://learn.microsoft.com/en-us/graph/api/chatmessage-post an app-only
 * token cannot post channel messages: it gets Graph's 403. A signed-in user must belong to the team.
 */
export function registerTeamsRoutes(ctx: StandInContext): void {
  const directory = new DirectoryStore(ctx.db);
  const store = new TeamsStore(ctx.db);
  const d = ctx.dispatcher;

  const team = (req: RouteRequest): DirectoryGroup => {
    const id = req.params['team-id'] ?? '';
    const g = directory.findGroup(id);
    if (!g?.isTeam) throw teamNotFound(id);
    return g;
  };

  /** A signed-in user sees and posts in a team's channels only as a member of the team. */
  const requireMembership = (caller: Caller, g: DirectoryGroup) => {
    if (caller.kind === 'user' && !directory.isMember(g.id, caller.userId)) {
      throw new GraphError(
        403,
        'Forbidden',
        `Forbidden: the signed-in user is not a member of team ${g.id}.`,
      );
    }
  };

  const channel = (req: RouteRequest, g: DirectoryGroup): TeamsChannel => {
    const c = store.findChannel(g.id, req.params['channel-id'] ?? '');
    if (!c) throw channelNotFound();
    return c;
  };

  d.register('GET', '/teams/{team-id}', (req) => {
    requirePermission(req.caller, READ_TEAM, 'teams');
    const g = team(req);
    requireMembership(req.caller, g);
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, 'teams/$entity'),
        ...applySelect(teamShape(ctx, g), req.query, 'microsoft.graph.team'),
      },
    };
  });

  d.register('GET', '/teams/{team-id}/channels', (req) => {
    requirePermission(req.caller, READ_CHANNELS, 'teams');
    const g = team(req);
    requireMembership(req.caller, g);
    refuseUnimplemented(req.query, ['$search', '$count', '$orderby', '$expand', '$top', '$skip'], req.path);
    const channels = applyFilter(
      store.listChannels(g.id),
      req.query,
      { displayName: (c) => c.displayName, membershipType: (c) => c.membershipType, id: (c) => c.id },
      (p) => new GraphError(400, 'BadRequest', `Filtering on '${p}' is not supported for channels.`),
    );
    return {
      status: 200,
      body: collectionBody(ctx, `teams('${g.id}')/channels`, {
        value: channels.map((c) => applySelect(channelShape(ctx, c), req.query, 'microsoft.graph.channel')),
      }),
    };
  });

  d.register('GET', '/teams/{team-id}/channels/{channel-id}', (req) => {
    requirePermission(req.caller, READ_CHANNELS, 'teams');
    const g = team(req);
    requireMembership(req.caller, g);
    const c = channel(req, g);
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, `teams('${g.id}')/channels/$entity`),
        ...applySelect(channelShape(ctx, c), req.query, 'microsoft.graph.channel'),
      },
    };
  });

  /**
   * Reading channel messages app-only is a protected API (https://learn.microsoft.com/en-us/graph/teams-protected-apis):
   * tenant-wide permissions need Microsoft's approval, which the stand-in does not model, so an app reads a team's
   * messages only with the team's resource-specific grant (ChannelMessage.Read.Group), which the token does not
   * carry. Graph's answer otherwise, word for word as apps report it.
   */
  const requireMessageRead = (caller: Caller, teamId: string) => {
    if (caller.kind === 'user') return requirePermission(caller, READ_MESSAGES, 'teams');
    if (store.hasResourceSpecific(teamId, caller.appId, READ_MESSAGES_RSC)) return;
    throw new GraphError(
      403,
      'Forbidden',
      'Invoked API requires Protected API access in application-only context when not using Resource Specific Consent. Visit https://docs.microsoft.com/en-us/graph/teams-protected-apis for more details.',
    );
  };

  d.register('GET', '/teams/{team-id}/channels/{channel-id}/messages', (req) => {
    requireMessageRead(req.caller, req.params['team-id'] ?? '');
    const g = team(req);
    requireMembership(req.caller, g);
    const c = channel(req, g);
    refuseUnimplemented(
      req.query,
      ['$search', '$count', '$orderby', '$expand', '$filter', '$select', '$skip'],
      req.path,
    );
    const messages = store
      .listMessages({ teamId: g.id, channelId: c.id })
      .filter((m) => m.replyToId === null);
    const result = page(ctx, req, messages, MESSAGE_PAGE);
    return {
      status: 200,
      body: collectionBody(ctx, `teams('${g.id}')/channels('${c.id}')/messages`, {
        ...result,
        value: result.value.map((m) => chatMessageShape(ctx, m)),
      }),
    };
  });

  d.register('GET', '/teams/{team-id}/channels/{channel-id}/messages/{chatMessage-id}', (req) => {
    requireMessageRead(req.caller, req.params['team-id'] ?? '');
    const g = team(req);
    requireMembership(req.caller, g);
    const c = channel(req, g);
    const m = store.findMessage(g.id, c.id, req.params['chatMessage-id'] ?? '');
    if (!m) throw new GraphError(404, 'NotFound', 'Message not found');
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, `teams('${g.id}')/channels('${c.id}')/messages/$entity`),
        ...chatMessageShape(ctx, m),
      },
    };
  });

  d.register('POST', '/teams/{team-id}/channels/{channel-id}/messages', (req) => {
    if (req.caller.kind === 'app') throw accessDenied('teams', req.caller, SEND_MESSAGE);
    requirePermission(req.caller, SEND_MESSAGE, 'teams');
    const g = team(req);
    requireMembership(req.caller, g);
    const c = channel(req, g);
    const message = validateNewMessage(req.body);
    const sender = directory.findUser(req.caller.userId);
    const stored = store.insertMessage({
      teamId: g.id,
      channelId: c.id,
      replyToId: null,
      createdDateTime: ctx.now().toISOString(),
      subject: message.subject,
      importance: message.importance,
      from: { userId: req.caller.userId, displayName: sender?.displayName ?? req.caller.upn },
      body: message.body,
      attachments: message.attachments,
      mentions: message.mentions,
    });
    return {
      status: 201,
      body: {
        '@odata.context': odataContext(ctx, `teams('${g.id}')/channels('${c.id}')/messages/$entity`),
        ...chatMessageShape(ctx, stored),
      },
    };
  });
}

/** A channel message in the inspector's terms. */
export type ChannelMessageRecord = {
  at: string;
  team: string;
  channel: string;
  from: string;
  /** The body as plain text (mentions kept as their text, attachment placeholders dropped). */
  text: string;
  hasCard: boolean;
  teamId: string;
  channelId: string;
  id: string;
  body: StoredChatMessage['body'];
  attachments: StoredChatMessage['attachments'];
  mentions: StoredChatMessage['mentions'];
};

function plainText(body: StoredChatMessage['body']): string {
  if (body.contentType === 'text') return body.content;
  return body.content
    .replace(/<attachment[^>]*>\s*<\/attachment>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Every channel message posted through the stand-in (newest first), optionally for one team (for the inspector). */
export function listChannelMessages(
  ctx: StandInContext,
  filter: { teamId?: string } = {},
): ChannelMessageRecord[] {
  const directory = new DirectoryStore(ctx.db);
  const store = new TeamsStore(ctx.db);
  return store.listMessages(filter.teamId ? { teamId: filter.teamId } : {}).map((m) => ({
    at: m.createdDateTime,
    team: directory.findGroup(m.teamId)?.displayName ?? m.teamId,
    channel: store.findChannel(m.teamId, m.channelId)?.displayName ?? m.channelId,
    from: m.from.displayName,
    text: plainText(m.body),
    hasCard: m.attachments.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'),
    teamId: m.teamId,
    channelId: m.channelId,
    id: m.id,
    body: m.body,
    attachments: m.attachments,
    mentions: m.mentions,
  }));
}
