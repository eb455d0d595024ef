import { appUrl } from '../api/api-client.ts';
import type { TabSettingsAnswer } from '../../contract/tab-settings.ts';

/** What the server tells the tab before sign-in (GET /api/tab-settings). */
export type TabSettings = TabSettingsAnswer;

export async function fetchTabSettings(): Promise<TabSettings> {
  const res = await fetch(appUrl('/api/tab-settings'));
  if (!res.ok) throw new Error(`Could not reach SENCO Hub's server (${res.status}).`);
  return (await res.json()) as TabSettings;
}
