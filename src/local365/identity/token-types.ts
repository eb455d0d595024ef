import type { StaffRole } from '../seed/demo-school.types.ts';

/**
 * A token request, as JSON or form fields. Shapes:
 * - `{ upn }` (or `username`): a delegated token for our API (scp access_as_user, roles = the user's app roles);
 * - `{ upn, scope: 'https://graph.microsoft.com/.default' }`: a delegated Graph token;
 * - `{ grant_type: 'client_credentials', client_id, scope: 'https://graph.microsoft.com/.default' }`: app-only Graph;
 * - `{ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, scope, requested_token_use: 'on_behalf_of' }`:
 *   on-behalf-of, exchanging an API token for the same user's Graph token (with a refresh token when the scope
 *   includes `offline_access`);
 * - `{ grant_type: 'refresh_token', client_id, refresh_token, scope }`: a new Graph token from that refresh token.
 * On-behalf-of and refresh_token need the app's proof: `client_secret`, or `client_assertion` with
 * `client_assertion_type` (client-authentication.ts); client credentials are checked when sent.
 */
export type TokenRequest = {
  grant_type?: string;
  upn?: string;
  username?: string;
  scope?: string;
  client_id?: string;
  client_secret?: string;
  /** A certificate client assertion (private_key_jwt) instead of client_secret, with its type. */
  client_assertion?: string;
  client_assertion_type?: string;
  assertion?: string;
  requested_token_use?: string;
  /** The `refresh_token` grant: a refresh token issued with an earlier answer. */
  refresh_token?: string;
};

export type TokenResponse = {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  /** On-behalf-of and refresh answers, when `offline_access` was asked for. */
  refresh_token?: string;
};

/** A refused token request, in OAuth's error shape (Entra answers these with 400). */
export class TokenRequestError extends Error {
  constructor(
    readonly error:
      | 'invalid_request'
      | 'invalid_client'
      | 'invalid_grant'
      | 'invalid_scope'
      | 'invalid_resource'
      | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
    this.name = 'TokenRequestError';
  }
}

/** A member of staff someone can sign in as, with what they may do in the app. */
export type DemoUser = {
  id: string;
  upn: string;
  displayName: string;
  jobTitle?: string;
  staffRole: StaffRole | null;
  /** App roles (the `roles` claim of their token for our API). */
  roles: string[];
  /** Classes whose team they belong to: 'teacher' for class teachers (owners), 'member' for TAs and other staff. */
  classes: { id: string; displayName: string; role: 'teacher' | 'member' }[];
};
