import { appUrl } from '../api/api-client.ts';
import type { TabSettingsAnswer } from '../../contract/tab-settings.ts';

/** What the server tells the tab before sign-in (GET /api/tab-settings). */
export type TabSettings = TabSettingsAnswer;

async function requestTabSettings(): Promise<TabSettings> {
  const res = await fetch(appUrl('/api/tab-settings'));
  if (!res.ok) throw new Error(`Could not reach SENCO Hub's server (${res.status}).`);
  return (await res.json()) as TabSettings;
}

let early: Promise<TabSettings> | undefined;

/** Asks for the settings as the tab's script starts (main.tsx), while the host is detected and React renders. */
export function prefetchTabSettings(): void {
  early ??= requestTabSettings();
  early.catch(() => undefined); // reported by the fetchTabSettings() that takes it
}

/** The settings: the early answer the first time, if one was asked for, then a new request each time. */
export function fetchTabSettings(): Promise<TabSettings> {
  const answer = early ?? requestTabSettings();
  early = undefined;
  return answer;
}
