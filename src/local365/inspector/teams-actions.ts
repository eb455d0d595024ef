import express from 'express';
import type { BotConnector } from '../connector/bot-connector.ts';
import { addBotToTeam, deleteTeamChannel, removeBotFromTeam } from '../connector/team-install.ts';
import { escapeHtml } from './inspector-page.ts';

/**
 * The inspector's Teams switches: add the SENCO Hub bot to a team, remove it, delete a channel — each done the
 * way Teams does it (what the bot may do changes, then Teams tells the bot: team-install.ts), so the app's
 * reaction can be tried by hand and in tests.
 */

type Team = {
  groupId: string;
  displayName: string;
  channels: readonly { id: string; displayName: string }[];
};

export type TeamsActionsDeps = {
  connector: BotConnector;
  tenantId: string;
  /** SENCO Hub's client id: adding it grants its manifest's resource-specific permissions for the team. */
  clientId: string;
  /** The bot's messaging endpoint. */
  botEndpoint: () => string;
  teams: () => Team[];
  /** Who does it, as Teams names them in the activity (the SENCO in the demo school). */
  actor: () => { id: string; displayName: string };
};

export function teamsActionsRouter(deps: TeamsActionsDeps): express.Router {
  const r = express.Router();
  const common = (teamId: string) => {
    const team = deps.teams().find((t) => t.groupId === teamId);
    if (!team) return undefined;
    return { botEndpoint: deps.botEndpoint(), connector: deps.connector, tenantId: deps.tenantId, team };
  };
  const run = (action: (team: NonNullable<ReturnType<typeof common>>) => Promise<void>) =>
    (async (req: express.Request, res: express.Response) => {
      const team = common(String(req.params['teamId']));
      if (!team) {
        res.status(404).json({ error: { code: 'notFound', message: 'No such team in the demo school' } });
        return;
      }
      try {
        await action(team);
      } catch (err) {
        res
          .status(502)
          .json({ error: { code: 'botRefused', message: err instanceof Error ? err.message : String(err) } });
        return;
      }
      if (req.accepts(['json', 'html']) === 'html') res.redirect(303, '/local365/#teams');
      else res.status(204).end();
    }) as express.RequestHandler;

  r.post(
    '/teams/:teamId/bot',
    run((t) => addBotToTeam({ ...t, installedBy: deps.actor(), clientId: deps.clientId })),
  );
  r.post(
    '/teams/:teamId/bot/remove',
    run((t) => removeBotFromTeam({ ...t, removedBy: deps.actor(), clientId: deps.clientId })),
  );
  r.post(
    '/teams/:teamId/channels/:channelId/delete',
    (req, res, next) =>
      void run((t) =>
        deleteTeamChannel({ ...t, channelId: String(req.params['channelId']), deletedBy: deps.actor() }),
      )(req, res, next),
  );
  return r;
}

/** The inspector's section: each team with buttons for what Teams would do. */
export function teamsActionsSection(teams: Team[]): string {
  const button = (action: string, label: string) =>
    `<form method="post" action="${escapeHtml(action)}" style="display:inline"><button type="submit">${escapeHtml(label)}</button></form>`;
  const rows = teams
    .map((t) => {
      const base = `/local365/teams/${encodeURIComponent(t.groupId)}`;
      const channels = t.channels
        .slice(1)
        .map(
          (c) =>
            `${escapeHtml(c.displayName)} ${button(`${base}/channels/${encodeURIComponent(c.id)}/delete`, `Delete ${c.displayName}`)}`,
        )
        .join(' · ');
      return `<tr><td>${escapeHtml(t.displayName)}</td><td>${button(`${base}/bot`, 'Add the bot')} ${button(`${base}/bot/remove`, 'Remove the bot')}</td><td>${channels}</td></tr>`;
    })
    .join('');
  return `<section aria-labelledby="teams"><h2 id="teams">Teams: the bot and channels</h2>
<p class="muted">Done as Teams does it: the bot is told at once (installationUpdate, conversationUpdate channelDeleted).</p>
<table><thead><tr><th scope="col">Team</th><th scope="col">The SENCO Hub bot</th><th scope="col">Channels</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
