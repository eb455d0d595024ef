import { app, pages } from '@microsoft/teams-js';
import type { TabConfiguration } from './teams-host.ts';

/**
 * The configuration page's calls into Teams. They import TeamsJS directly: that page is shown only inside
 * Teams, in its own chunk, while the rest of the tab loads TeamsJS only when framed (teams-host.ts).
 */

/**
 * Enables Teams' Save button on the configuration page and saves the tab with `pages.config` when pressed.
 * `getConfiguration` is read at save time so the latest tab name is used.
 */
export function enableConfigurationSave(getConfiguration: () => TabConfiguration): void {
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig(getConfiguration())
      .then(() => saveEvent.notifySuccess())
      .catch((err: unknown) =>
        saveEvent.notifyFailure(err instanceof Error ? err.message : 'SENCO Hub could not save the tab.'),
      );
  });
  pages.config.setValidityState(true);
}

export function setConfigurationValid(valid: boolean): void {
  pages.config.setValidityState(valid);
}

/** Tells Teams the configuration page is showing (hides its loading indicator). */
export function notifyConfigurationShown(): void {
  void app.notifySuccess().catch(() => undefined);
}
