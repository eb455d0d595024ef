import { appUrl } from '../api/api-client.ts';
/** What the server tells the tab before sign-in (GET /api/tab-settings). */
export type TabSettings = {
  mode: 'local' | 'tenant';
  clientId: string;
  tenantId: string;
  apiScope: string;
  /** Where Entra sends sign-in answers: the tab's own address, registered as a single-page application redirect URI. */
  redirectUri: string;
};

export async function fetchTabSettings(): Promise<TabSettings> {
  const res = await fetch(appUrl('/api/tab-settings'));
  if (!res.ok) throw new Error(`Could not reach SENCO Hub's server (${res.status}).`);
  return (await res.json()) as TabSettings;
}
