import { z } from 'zod';
import { domainSettingsSchema, type DomainSettings } from '../domain/domain-settings.ts';

/**
 * The SENCO's settings screen: GET/PUT /api/settings (the school's settings, saved against the version read),
 * GET /api/settings/reminders-channel (where reminders go and whether the bot is there), GET /api/settings/roles
 * (who holds which SENCO Hub app role), and GET /api/reminders/status (the home view's warning).
 */

/** PUT /api/settings. The version may come in If-Match instead. */
export const saveSettingsBody = z.strictObject({
  settings: domainSettingsSchema,
  expectedETag: z
    .string({ error: 'Expected eTag must be text' })
    .min(1, { error: 'Expected eTag is required' })
    .max(200, { error: 'Expected eTag is too long' })
    .optional(),
});
export type SaveSettingsBody = z.input<typeof saveSettingsBody>;

export type SettingsAnswer = {
  settings: DomainSettings;
  eTag: string;
  modifiedAt: string | undefined;
  modifiedBy: string | null;
};

/** A team the bot is installed in, with its channels (read from the directory). */
export type InstalledTeam = {
  teamId: string;
  teamName: string;
  channels: { id: string; name: string }[];
};

export type RemindersChannelAnswer = {
  /** The channel chosen in the settings, if any. */
  channel: DomainSettings['reminders']['channel'] | null;
  /** Whether the bot is installed in the chosen channel's team (it can post there). */
  botInstalled: boolean;
  /** Whether Teams said the chosen channel was deleted (the bot is told at once; reminders cannot go there). */
  channelDeleted: boolean;
  /** Teams the bot is installed in: the channels it can post to. A team that cannot be read is left out. */
  teams: InstalledTeam[];
  /** How to add the bot to a team, in the words of the Teams client. */
  howToInstall: string;
};

export const APP_ROLE_LABELS = {
  Senco: 'SENCO',
  SendTeam: 'SEND team',
  Headteacher: 'Headteacher',
} as const;
export type AppRoleName = keyof typeof APP_ROLE_LABELS;

export type RolesAnswer = {
  /**
   * Everyone holding each role on SENCO Hub's enterprise app in Microsoft Entra, given it directly or through
   * a group (then `viaGroup` names the group).
   */
  roles: {
    role: AppRoleName;
    label: string;
    people: { name: string; upn: string; viaGroup: string | null }[];
  }[];
  /** How to change who holds a role, in Microsoft Entra. */
  howToChange: string;
};

export type RemindersStatusAnswer = {
  /** Set when reminders are not reaching the channel; plain words for the SENCO. */
  problem: { message: string; failedCount: number } | null;
};
