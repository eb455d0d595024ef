import { readFileSync } from 'node:fs';
import type { BotConnector } from './bot-connector.ts';

/**
 * What Teams does when someone adds the bot to a team, removes it, or deletes a channel: Teams changes what the
 * bot may do, then tells the bot with an activity (installationUpdate add/remove, conversationUpdate
 * channelDeleted) carrying the conversation and the team
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events).
 * Adding the app also grants, for that team, the resource-specific permissions its manifest asks for
 * (authorization.permissions.resourceSpecific: the team owner consents as they add it,
 * https://learn.microsoft.com/en-us/microsoftteams/platform/graph-api/rsc/resource-specific-consent).
 */

type Team = {
  groupId: string;
  displayName?: string;
  channels: readonly { id: string; displayName?: string }[];
};
type Person = { id: string; displayName: string };

/** The resource-specific application permissions SENCO Hub's manifest asks for. */
export function manifestResourceSpecificPermissions(): string[] {
  const manifest = JSON.parse(
    readFileSync(new URL('../../../manifest/manifest.template.json', import.meta.url), 'utf8'),
  ) as { authorization?: { permissions?: { resourceSpecific?: { name: string; type: string }[] } } };
  return (manifest.authorization?.permissions?.resourceSpecific ?? [])
    .filter((p) => p.type === 'Application')
    .map((p) => p.name);
}

async function tellBot(botEndpoint: string, activity: Record<string, unknown>, what: string): Promise<void> {
  const res = await fetch(botEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (!res.ok) throw new Error(`The bot refused ${what}: ${res.status} ${await res.text()}`);
}

function teamActivity(options: {
  connector: BotConnector;
  tenantId: string;
  team: Team;
  by: Person;
  now: Date;
}): Record<string, unknown> {
  const general = options.team.channels[0];
  if (!general) throw new Error('A team has at least its General channel');
  return {
    timestamp: options.now.toISOString(),
    channelId: 'msteams',
    serviceUrl: options.connector.serviceUrl(),
    from: { id: `29:${options.by.id}`, aadObjectId: options.by.id, name: options.by.displayName },
    recipient: { id: '28:senco-hub-bot', name: 'SENCO Hub' },
    conversation: { id: general.id, conversationType: 'channel', tenantId: options.tenantId },
    channelData: {
      team: { id: general.id, aadGroupId: options.team.groupId, name: options.team.displayName },
      tenant: { id: options.tenantId },
    },
  };
}

export async function addBotToTeam(options: {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages. */
  botEndpoint: string;
  connector: BotConnector;
  tenantId: string;
  team: Team;
  installedBy: Person;
  /** The app's client id: its resource-specific permissions are granted for the team. */
  clientId?: string;
  now?: Date;
}): Promise<void> {
  const { team, connector } = options;
  connector.installInTeam(
    team.groupId,
    team.channels.map((c) => c.id),
    options.clientId
      ? { clientId: options.clientId, resourceSpecific: manifestResourceSpecificPermissions() }
      : undefined,
  );
  const base = teamActivity({ ...options, by: options.installedBy, now: options.now ?? new Date() });
  await tellBot(
    options.botEndpoint,
    { ...base, type: 'installationUpdate', action: 'add', id: `install-${team.groupId}-${Date.now()}` },
    'the install',
  );
}

/** Someone removes the app from the team: posts there get 403 from now on, and its grants there go. */
export async function removeBotFromTeam(options: {
  botEndpoint: string;
  connector: BotConnector;
  tenantId: string;
  team: Team;
  removedBy: Person;
  clientId?: string;
  now?: Date;
}): Promise<void> {
  options.connector.removeFromTeam(options.team.groupId, options.clientId);
  const base = teamActivity({ ...options, by: options.removedBy, now: options.now ?? new Date() });
  await tellBot(
    options.botEndpoint,
    {
      ...base,
      type: 'installationUpdate',
      action: 'remove',
      id: `uninstall-${options.team.groupId}-${Date.now()}`,
    },
    'the removal',
  );
}

/** An owner deletes a channel: posts there get 404 from now on. */
export async function deleteTeamChannel(options: {
  botEndpoint: string;
  connector: BotConnector;
  tenantId: string;
  team: Team;
  channelId: string;
  deletedBy: Person;
  now?: Date;
}): Promise<void> {
  const channel = options.team.channels.find((c) => c.id === options.channelId);
  if (!channel) throw new Error(`No channel ${options.channelId} in ${options.team.groupId}`);
  if (channel === options.team.channels[0]) throw new Error('The General channel cannot be deleted');
  options.connector.deleteChannel(options.channelId);
  const base = teamActivity({ ...options, by: options.deletedBy, now: options.now ?? new Date() });
  const channelData = base['channelData'] as Record<string, unknown>;
  await tellBot(
    options.botEndpoint,
    {
      ...base,
      type: 'conversationUpdate',
      id: `channel-deleted-${options.channelId}`,
      channelData: {
        ...channelData,
        eventType: 'channelDeleted',
        channel: { id: channel.id, name: channel.displayName },
      },
    },
    'the channel deletion',
  );
}
