import { constants, createPrivateKey, randomUUID, sign } from 'node:crypto';

/**
 * The one way to Microsoft Entra's token endpoint for our own grants (on-behalf-of and refresh_token): a form
 * POST that names the app and proves it is the app, with a client secret or a certificate client assertion,
 * and an answer read into either the token or Entra's error, never both.
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-on-behalf-of-flow
 * https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials
 */

/** Entra's v2 token endpoint of a tenant: `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`. */
export function entraTokenUrl(tenantId: string, authorityHost = 'https://login.microsoftonline.com'): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

/** How the app proves itself: a client secret, or the private key of a certificate registered on the app. */
export type ClientCredential =
  | { clientSecret: string }
  /** PEM private key (PKCS#8) and the SHA-256 thumbprint (hex) of the certificate registered on the app. */
  | { certificate: { thumbprintSha256: string; privateKey: string } };

export type TokenEndpoint = {
  /** Where the app's grants go; also the `aud` of its client assertions. */
  url: string;
  clientId: string;
  credential: ClientCredential;
  fetch?: typeof fetch;
};

/** What Entra answers: a token, or its refusal in OAuth's shape (`error`, `error_description`, `suberror`). */
export type TokenAnswer =
  | {
      ok: true;
      accessToken: string;
      expiresInSeconds: number;
      refreshToken: string | undefined;
    }
  | { ok: false; status: number; error: string; description: string; suberror: string | undefined };

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Entra accepts an assertion for up to its `exp`; ten minutes is MSAL's choice too. */
const ASSERTION_LIFETIME_SECONDS = 600;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A client assertion as Entra's certificate credentials page describes it: header `alg` PS256, `typ` JWT and
 * `x5t#S256` (the certificate's SHA-256 thumbprint, base64url); claims `aud` (the token endpoint), `iss` and
 * `sub` (the client id), a fresh `jti`, `nbf`, `iat` and `exp`. Signed with node:crypto (RSASSA-PSS, SHA-256,
 * salt the hash's length), so no library sees the key. Each request gets a new one: a jti is used once.
 */
export function clientAssertion(
  endpoint: { url: string; clientId: string },
  certificate: { thumbprintSha256: string; privateKey: string },
  now: Date,
): string {
  const header = {
    alg: 'PS256',
    typ: 'JWT',
    'x5t#S256': base64url(Buffer.from(certificate.thumbprintSha256.replaceAll(':', ''), 'hex')),
  };
  const iat = Math.floor(now.getTime() / 1000);
  const claims = {
    aud: endpoint.url,
    iss: endpoint.clientId,
    sub: endpoint.clientId,
    jti: randomUUID(),
    nbf: iat,
    iat,
    exp: iat + ASSERTION_LIFETIME_SECONDS,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(signingInput), {
    key: createPrivateKey(certificate.privateKey),
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  });
  return `${signingInput}.${base64url(signature)}`;
}

/** The form fields that authenticate the app (client_secret_post, or private_key_jwt). */
export function clientAuthentication(endpoint: TokenEndpoint, now: Date): Record<string, string> {
  if ('clientSecret' in endpoint.credential) return { client_secret: endpoint.credential.clientSecret };
  return {
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: clientAssertion(endpoint, endpoint.credential.certificate, now),
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** POSTs `fields` with the app's id and proof to the token endpoint and reads the answer. */
export async function requestToken(
  endpoint: TokenEndpoint,
  fields: Record<string, string>,
  now: Date,
): Promise<TokenAnswer> {
  const res = await (endpoint.fetch ?? fetch)(endpoint.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      client_id: endpoint.clientId,
      ...fields,
      ...clientAuthentication(endpoint, now),
    }).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  const accessToken = text(body['access_token']);
  if (res.ok && accessToken) {
    const seconds = Number(body['expires_in'] ?? 3600);
    return {
      ok: true,
      accessToken,
      expiresInSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 3600,
      refreshToken: text(body['refresh_token']),
    };
  }
  return {
    ok: false,
    status: res.status,
    error: text(body['error']) ?? (res.ok ? 'no_access_token' : `http_${res.status}`),
    description:
      text(body['error_description']) ?? (res.ok ? 'The answer has no access_token' : res.statusText),
    suberror: text(body['suberror']),
  };
}
