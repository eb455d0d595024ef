import express from 'express';
import {
  APP_ROLE_LABELS,
  saveSettingsBody,
  type AppRoleName,
  type InstalledTeam,
  type RemindersChannelAnswer,
  type RemindersStatusAnswer,
  type RolesAnswer,
  type SettingsAnswer,
} from '../../contract/settings.ts';
import type { DomainSettings } from '../../domain/domain-settings.ts';
import { botInTeam, channelDeleted } from '../../graph/bot-conversations-list.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError, NotReadyError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import type { RemindersPort } from './reminders-port.ts';
import { actorOf, auditEntry, contextOf, type ApiDeps, type RequestContext } from './request-context.ts';
import { expectedETagField, expectedETagOf, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * The school's settings (SENCO only): the statutory rules' settings, term dates and where reminders go; where
 * the bot is installed; who holds which app role. A change quotes the version it replaces. The home view's
 * reminder warning is for the SEND team.
 */

const saveBody = saveSettingsBody.extend({ expectedETag: expectedETagField.optional() });

export const HOW_TO_INSTALL =
  'In Teams, open Apps, find SENCO Hub, choose Add to a team and pick the staff team. The bot can then post in any of that team’s channels.';

export const HOW_TO_CHANGE_ROLES =
  'App roles are given in Microsoft Entra, not in SENCO Hub: an administrator opens the Microsoft Entra admin centre, ' +
  'goes to Enterprise applications › SENCO Hub › Users and groups, and adds or removes a person (or a group) with ' +
  'the role. A change shows here within a few minutes, and in the person’s SENCO Hub when they next sign in.';

function requireSenco(context: RequestContext): void {
  if (!capabilitiesOf(context.caller).settings) throw new ForbiddenError('Settings are for the SENCO only.');
}

function requireReminders(deps: ApiDeps): RemindersPort {
  if (!deps.reminders) throw new NotReadyError('Reminders are not set up on this server.', 30);
  return deps.reminders;
}

function settingsAnswer(current: Versioned<DomainSettings>): SettingsAnswer {
  return {
    settings: current.value,
    eTag: current.eTag,
    modifiedAt: current.modifiedAt,
    modifiedBy: current.modifiedBy ?? null,
  } satisfies SettingsAnswer;
}

export function settingsRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/settings', (_req, res) => {
    requireSenco(contextOf(res));
    const current = records.settings();
    setETagHeader(res, current.eTag);
    res.json(settingsAnswer(current));
  });

  router.put('/settings', async (req, res) => {
    const context = contextOf(res);
    requireSenco(context);
    const body = saveBody.parse(req.body);
    const expectedETag = requireExpectedETag(expectedETagOf(req, body.expectedETag), 'settings');
    const saved = await deps.audit
      .change(auditEntry(context, { action: 'update', resource: 'settings' }), () =>
        records.saveSettings({ settings: body.settings, expectedETag, by: actorOf(context) }),
      )
      // The school's settings name no pupil: the stored ones are shown whole, to merge from.
      .catch(conflictAnswer({ shape: (current: DomainSettings) => current }));
    setETagHeader(res, saved.eTag);
    res.json(settingsAnswer(saved));
  });

  router.get('/settings/reminders-channel', async (_req, res) => {
    requireSenco(contextOf(res));
    const port = requireReminders(deps);
    const channel = records.settings().value.reminders.channel;
    const conversations = await port.conversations();
    const installedTeamIds = [
      ...new Set(
        conversations.flatMap((c) => (c.teamId && botInTeam(conversations, c.teamId) ? [c.teamId] : [])),
      ),
    ];
    const teams = (await Promise.all(installedTeamIds.map((id) => port.teams.teamChannels(id)))).filter(
      (t): t is InstalledTeam => t !== undefined,
    );
    teams.sort((a, b) => a.teamName.localeCompare(b.teamName, 'en-GB'));
    const answer = {
      channel: channel ?? null,
      botInstalled: channel ? installedTeamIds.includes(channel.teamId) : false,
      channelDeleted: channel ? channelDeleted(conversations, channel.channelId) : false,
      teams,
      howToInstall: HOW_TO_INSTALL,
    } satisfies RemindersChannelAnswer;
    res.json(answer);
  });

  router.get('/settings/roles', async (_req, res) => {
    requireSenco(contextOf(res));
    if (!deps.roleHolders)
      throw new NotReadyError('Reading app roles from Microsoft Entra is not set up on this server.', 30);
    const holders = await deps.roleHolders.all();
    const roleNames = Object.keys(APP_ROLE_LABELS) as AppRoleName[];
    const answer = {
      roles: roleNames.map((role) => ({
        role,
        label: APP_ROLE_LABELS[role],
        people: holders
          .filter((h) => h.role === role)
          .map((h) => ({ name: h.name, upn: h.upn, viaGroup: h.viaGroup })),
      })),
      howToChange: HOW_TO_CHANGE_ROLES,
    } satisfies RolesAnswer;
    res.json(answer);
  });

  router.get('/reminders/status', async (_req, res) => {
    const context = contextOf(res);
    if (!capabilitiesOf(context.caller).fullRecords) {
      throw new ForbiddenError('Reminder delivery is for the SENCO and the SEND team.');
    }
    const problem = deps.reminders ? await deps.reminders.problem() : undefined;
    res.json({ problem: problem ?? null } satisfies RemindersStatusAnswer);
  });

  return router;
}
