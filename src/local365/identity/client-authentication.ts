import { X509Certificate, createHash, timingSafeEqual, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { migrate, type Db } from '../database.ts';
import { TokenRequestError, type TokenRequest } from './token-types.ts';

/**
 * How the stand-in's Entra knows a confidential client is who it says: the client secret, or a client
 * assertion signed with the private key of a certificate registered on the app, checked as Entra checks it:
 *
 * - a grant that needs the app's proof (on-behalf-of, refresh_token) without one: AADSTS7000218;
 * - a secret that is not one of the app's: AADSTS7000215;
 * - an assertion whose header names (`x5t#S256` or `x5t`) no certificate of the app: AADSTS700027; whose
 *   signature (RS256 or PS256) does not verify with that certificate's key: AADSTS700027;
 * - `iss`/`sub` not the client id: AADSTS700021; `aud` not this token endpoint: AADSTS700023;
 * - outside `nbf`..`exp`, or without `exp`: AADSTS700024; a `jti` presented before: refused (RFC 7523 §3).
 *
 * All are `invalid_client`, which Entra answers with 401.
 * https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials
 * https://learn.microsoft.com/en-us/azure/developer/java/sdk/troubleshooting-authentication-service-principal (codes)
 * https://www.rfc-editor.org/rfc/rfc7523#section-3
 */

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** An app registration's credentials: client secrets, and certificates (PEM) whose keys sign its assertions. */
export type AppCredentials = { secrets: readonly string[]; certificates: readonly string[] };

/**
 * The demo school's registration of SENCO Hub: a client secret, and a certificate whose private key sits beside
 * it in demo-app-certificate.pem (a stand-in's test credential, valid nowhere else). The server in local mode
 * uses them as a school's deployment uses the ones made in the Entra admin centre.
 */
export const DEMO_APP_SECRET = 'local365-demo-secret~SENCO-Hub~not-for-any-real-tenant';
export function demoAppCertificatePem(): string {
  return readFileSync(new URL('./demo-app-certificate.pem', import.meta.url), 'utf8');
}
export const demoAppCredentials = (): AppCredentials => ({
  secrets: [DEMO_APP_SECRET],
  certificates: [demoAppCertificatePem()],
});

const SCHEMA = `
CREATE TABLE idp_client_assertion_ids (
  client_id TEXT NOT NULL,
  jti TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, jti)
);
`;

type Registered = { sha256: string; sha1: string; publicKey: KeyObject; validTo: Date };

const invalidClient = (description: string) => new TokenRequestError('invalid_client', description);

function registered(pem: string): Registered {
  const certificate = new X509Certificate(pem);
  return {
    sha256: createHash('sha256').update(certificate.raw).digest('base64url'),
    sha1: createHash('sha1').update(certificate.raw).digest('base64url'),
    publicKey: certificate.publicKey,
    validTo: new Date(certificate.validTo),
  };
}

function sameSecret(given: string, secret: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

export type ClientAuthenticator = {
  /**
   * Checks the proof in `req` for `req.client_id`; `required` for grants only a confidential client may use.
   * `tokenEndpoints` are the URLs this token endpoint answers at (an assertion's `aud` must be one of them).
   */
  authenticate(
    req: TokenRequest,
    options: { required: boolean; tokenEndpoints: readonly string[] },
  ): Promise<void>;
};

export function clientAuthenticator(
  db: Db,
  now: () => Date,
  apps: ReadonlyMap<string, AppCredentials>,
): ClientAuthenticator {
  migrate(db, 'identity-client-assertions-v1', SCHEMA);
  const certificates = new Map([...apps].map(([id, app]) => [id, app.certificates.map(registered)]));

  /** Remembers a jti until its assertion expires; false when it was presented before. */
  function firstUse(clientId: string, jti: string, expiresAt: number): boolean {
    db.prepare('DELETE FROM idp_client_assertion_ids WHERE expires_at < ?').run(
      Math.floor(now().getTime() / 1000) - 600,
    );
    return (
      db
        .prepare(
          'INSERT OR IGNORE INTO idp_client_assertion_ids (client_id, jti, expires_at) VALUES (?, ?, ?)',
        )
        .run(clientId, jti, expiresAt).changes === 1
    );
  }

  async function verifyAssertion(
    clientId: string,
    assertion: string,
    tokenEndpoints: readonly string[],
  ): Promise<void> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      throw invalidClient("AADSTS50027: JWT token is invalid or malformed (field 'client_assertion').");
    }
    const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
    const cert = (certificates.get(clientId) ?? []).find((c) =>
      x5tS256 !== undefined ? c.sha256 === x5tS256 : c.sha1 === header.x5t,
    );
    if (!cert)
      throw invalidClient(
        `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${x5tS256 ?? header.x5t ?? ''}'] (field 'client_assertion' header 'x5t#S256').`,
      );
    if (cert.validTo.getTime() < now().getTime())
      throw invalidClient(
        `AADSTS700027: The certificate used to sign the client assertion expired on ${cert.validTo.toISOString()}: upload a new one to the app registration (field 'client_assertion').`,
      );
    let claims: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload: claims } = await jwtVerify(assertion, cert.publicKey, {
        algorithms: ['RS256', 'PS256'],
        currentDate: now(),
        clockTolerance: 300,
        requiredClaims: ['exp', 'jti', 'aud', 'iss', 'sub'],
      }));
    } catch (err) {
      if (
        err instanceof joseErrors.JWTExpired ||
        (err instanceof joseErrors.JWTClaimValidationFailed && (err.claim === 'nbf' || err.claim === 'exp'))
      )
        throw invalidClient(
          "AADSTS700024: Client assertion is not within its valid time range (field 'client_assertion' claims 'nbf'/'exp').",
        );
      if (err instanceof joseErrors.JWTClaimValidationFailed)
        throw invalidClient(
          `AADSTS50027: JWT token is invalid: the client assertion has no '${err.claim}' claim (field 'client_assertion').`,
        );
      throw invalidClient(
        "AADSTS700027: Client assertion failed signature validation (field 'client_assertion' is not signed by the registered certificate's key).",
      );
    }
    if (claims.iss !== clientId || claims.sub !== clientId)
      throw invalidClient(
        `AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter (claims 'iss' and 'sub' must be '${clientId}').`,
      );
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (audiences.length !== 1 || !tokenEndpoints.includes(String(audiences[0])))
      throw invalidClient(
        `AADSTS700023: Client assertion audience claim does not match Realm issuer (claim 'aud' must be the token endpoint ${tokenEndpoints[0] ?? ''}).`,
      );
    if (!firstUse(clientId, String(claims.jti), claims.exp!))
      throw invalidClient(
        "The client assertion was presented before: its 'jti' has been used (field 'client_assertion'; sign a new one for each request).",
      );
  }

  return {
    async authenticate(req, { required, tokenEndpoints }) {
      const secret = req.client_secret;
      const assertion = req.client_assertion;
      if (!secret && !assertion) {
        if (!required) return;
        throw invalidClient(
          "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        );
      }
      if (secret && assertion)
        throw new TokenRequestError(
          'invalid_request',
          "AADSTS50027: Send either 'client_secret' or 'client_assertion', not both.",
        );
      const clientId = req.client_id ?? '';
      const app = apps.get(clientId);
      if (!app)
        throw invalidClient(
          `AADSTS700016: Application with identifier '${clientId}' was not found in the directory (field 'client_id').`,
        );
      if (secret) {
        if (!app.secrets.some((s) => sameSecret(secret, s)))
          throw invalidClient(
            `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}' (field 'client_secret').`,
          );
        return;
      }
      if (req.client_assertion_type !== CLIENT_ASSERTION_TYPE)
        throw new TokenRequestError(
          'invalid_request',
          `AADSTS90014: The field 'client_assertion_type' must be '${CLIENT_ASSERTION_TYPE}'.`,
        );
      await verifyAssertion(clientId, assertion!, tokenEndpoints);
    },
  };
}
