/** GET /api/tab-settings: what the server tells the tab before sign-in. No pupil data, no sign-in needed. */
export type TabSettingsAnswer = {
  mode: 'local' | 'tenant';
  clientId: string;
  tenantId: string;
  apiScope: string;
  /** Where Entra sends sign-in answers: the tab's own address, registered as a single-page application redirect URI. */
  redirectUri: string;
};
