/**
 * The page Entra's sign-in popup returns to (MSAL's redirectUri, /auth-redirect.html) when the tab runs outside
 * Teams. It hands the answer to the tab in the opening window and closes; it must not start the tab itself.
 * https://learn.microsoft.com/en-us/entra/msal/javascript/browser/redirect-bridge
 */
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

void broadcastResponseToMainFrame().catch(() => {
  document.body.textContent = 'Sign-in did not finish. Close this window and try again from SENCO Hub.';
});
