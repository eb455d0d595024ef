import { appUrl } from '../api/api-client.ts';
import type { TabSettingsAnswer } from '../../contract/tab-settings.ts';

/** What the server tells the tab before sign-in (written into the page, else GET /api/tab-settings). */
export type TabSettings = TabSettingsAnswer;

/** The element the server writes the settings into (src/server/http/tab-start-page.ts). */
const SETTINGS_ELEMENT_ID = 'sencohub-tab-settings';

/** The settings the served page carries: none under vite's dev server or in tests, which ask the server. */
export function inlineTabSettings(): TabSettings | undefined {
  const text = globalThis.document?.getElementById(SETTINGS_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<TabSettings>;
    return parsed.mode === 'local' || parsed.mode === 'tenant' ? (parsed as TabSettings) : undefined;
  } catch {
    return undefined;
  }
}

async function requestTabSettings(): Promise<TabSettings> {
  const res = await fetch(appUrl('/api/tab-settings'));
  if (!res.ok) throw new Error(`Could not reach SENCO Hub's server (${res.status}).`);
  return (await res.json()) as TabSettings;
}

let early: Promise<TabSettings> | undefined;

/** Asks for the settings as the tab's script starts (start.tsx), when the page does not carry them. */
export function prefetchTabSettings(): void {
  if (inlineTabSettings()) return;
  early ??= requestTabSettings();
  early.catch(() => undefined); // reported by the fetchTabSettings() that takes it
}

/** The settings: those in the page, else the early answer the first time, then a new request each time. */
export function fetchTabSettings(): Promise<TabSettings> {
  const inline = inlineTabSettings();
  if (inline) return Promise.resolve(inline);
  const answer = early ?? requestTabSettings();
  early = undefined;
  return answer;
}
