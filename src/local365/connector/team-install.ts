import type { BotConnector } from './bot-connector.ts';

/**
 * What Teams does when someone adds the bot to a team: the bot may now post in the team's channels, and Teams
 * tells the bot with an installationUpdate activity carrying the conversation and the team
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events).
 */
export async function addBotToTeam(options: {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages. */
  botEndpoint: string;
  connector: BotConnector;
  tenantId: string;
  team: { groupId: string; channels: readonly { id: string }[] };
  installedBy: { id: string; displayName: string };
}): Promise<void> {
  const { team, connector } = options;
  const general = team.channels[0];
  if (!general) throw new Error('A team has at least its General channel');
  connector.installInTeam(
    team.groupId,
    team.channels.map((c) => c.id),
  );
  const res = await fetch(options.botEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'installationUpdate',
      action: 'add',
      id: `install-${team.groupId}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl(),
      from: {
        id: `29:${options.installedBy.id}`,
        aadObjectId: options.installedBy.id,
        name: options.installedBy.displayName,
      },
      recipient: { id: '28:senco-hub-bot', name: 'SENCO Hub' },
      conversation: { id: general.id, conversationType: 'channel', tenantId: options.tenantId },
      channelData: {
        team: { id: general.id, aadGroupId: team.groupId },
        tenant: { id: options.tenantId },
      },
    }),
  });
  if (!res.ok) throw new Error(`The bot refused the install: ${res.status} ${await res.text()}`);
}
