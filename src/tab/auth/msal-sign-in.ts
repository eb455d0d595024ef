import {
  InteractionRequiredAuthError,
  createNestablePublicClientApplication,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { TabSettings } from './tab-settings.ts';

/**
 * Sign-in against the school's tenant. Inside Teams this is nested app authentication (TeamsJS must be
 * initialised first); outside Teams the same call falls back to a standard public client. Popup only:
 * redirect APIs throw under NAA.
 */
export async function createMsalTokenSource(settings: TabSettings, loginHint: string | undefined) {
  const pca: IPublicClientApplication = await createNestablePublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `https://login.microsoftonline.com/${settings.tenantId}`,
      // Set, not left to MSAL's default (the current page, e.g. /pupils/…, which is not registered); the popup
      // lands here and MSAL reads the answer from it. Nested app authentication uses brk-multihub://{host}.
      redirectUri: settings.redirectUri,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  const request = () => ({
    scopes: [settings.apiScope],
    account: pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? undefined,
    ...(loginHint ? { loginHint } : {}),
  });
  return async (): Promise<string> => {
    try {
      const result = await pca.acquireTokenSilent(request());
      return result.accessToken;
    } catch (err) {
      if (!(err instanceof InteractionRequiredAuthError) && pca.getAllAccounts().length > 0) throw err;
      const result = await pca.acquireTokenPopup(request());
      if (result.account) pca.setActiveAccount(result.account);
      return result.accessToken;
    }
  };
}
