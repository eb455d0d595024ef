import { sharedKeys } from '../../../api/query-keys.ts';

/** The settings screen's query keys, all under the settings root; the school's settings are shared. */
export const settingsKeys = {
  all: sharedKeys.settings,
  school: sharedKeys.schoolSettings,
  channel: [...sharedKeys.settings, 'reminders-channel'] as const,
  roles: [...sharedKeys.settings, 'roles'] as const,
  retention: [...sharedKeys.settings, 'retention'] as const,
};
