import express from 'express';
import type { StandInContext } from '../context.ts';
import { DirectoryStore, type DirectoryUser } from '../directory/directory-store.ts';
import { appRolesHeld } from '../directory/service-principal-routes.ts';
import type { TokenRequest, TokenResponse } from './token-types.ts';

/** The answer of GET /local365/demo-sign-in: who is signed in, their app roles, and a token for our API. */
export type DemoSignInAnswer = {
  upn: string;
  displayName: string;
  jobTitle?: string;
  roles: string[];
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
};

/**
 * The demo's sign-in in one request (local mode only; the stand-in is mounted nowhere else): a token for our
 * API for the demo user named by `?upn=`, or without one for the school's SENCO (the first staff member holding
 * the Senco app role, else the first staff member). The token is the one POST /local365/token issues, signed by
 * the stand-in's key and validated by our server exactly as an Entra token is. A GET, so the served page can ask
 * for it with a `<link rel="preload">` while its scripts download; never cached.
 *
 * A `?upn=` that names nobody on the staff is refused (404 `unknown_user`), never swapped for someone else.
 */
export function demoSignInRouter(
  ctx: StandInContext,
  issueToken: (req: TokenRequest) => Promise<TokenResponse>,
): express.Router {
  const directory = new DirectoryStore(ctx.db);
  const router = express.Router();

  function defaultUser(): DirectoryUser | undefined {
    const staff = directory.listUsers('staff');
    return staff.find((u) => appRolesHeld(directory, u).includes('Senco')) ?? staff[0];
  }

  router.get('/demo-sign-in', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const asked = req.query['upn'];
    if (asked !== undefined && typeof asked !== 'string') {
      res
        .status(400)
        .json({ error: 'invalid_request', error_description: "Field 'upn' must be given once." });
      return;
    }
    const found = asked ? directory.findUser(asked) : defaultUser();
    const user = found?.kind === 'staff' ? found : undefined;
    if (!user) {
      res.status(404).json(
        asked
          ? {
              error: 'unknown_user',
              error_description: `There is no demo user with the sign-in name '${asked}' (field 'upn').`,
            }
          : { error: 'no_demo_users', error_description: 'The local stand-in has no staff to sign in as.' },
      );
      return;
    }
    const token = await issueToken({ upn: user.userPrincipalName });
    res.json({
      upn: user.userPrincipalName,
      displayName: user.displayName,
      ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}),
      roles: appRolesHeld(directory, user),
      access_token: token.access_token,
      token_type: 'Bearer',
      expires_in: token.expires_in,
    } satisfies DemoSignInAnswer);
  });
  return router;
}
