import { ConfidentialClientApplication } from '@azure/msal-node';
import { X509Certificate, createPrivateKey } from 'node:crypto';

/**
 * App-only Graph tokens for the server (client credentials): from Microsoft Entra through MSAL in a school's
 * tenant (client secret or certificate), or from the local stand-in's token endpoint. Either way the token is
 * kept until shortly before it expires, and callers asking at the same moment share one request.
 */

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** Renew this long before expiry, so a token never runs out in the middle of a request and its retries. */
const RENEW_BEFORE_MS = 5 * 60_000;

export type AppToken = { accessToken: string; expiresAt: Date };

export type AppTokenOptions =
  | {
      kind: 'tenant';
      tenantId: string;
      clientId: string;
      credential:
        | { clientSecret: string }
        /** PEM private key and the SHA-256 thumbprint of the certificate registered on the app. */
        | { certificate: { thumbprintSha256: string; privateKey: string; x5c?: string } };
      /** Default https://login.microsoftonline.com. */
      authorityHost?: string;
    }
  | {
      kind: 'local';
      /** The stand-in's token endpoint, e.g. http://localhost:3978/local365/token. */
      tokenUrl: string;
      clientId: string;
      fetch?: typeof fetch;
    };

export class TokenRequestError extends Error {
  override name = 'TokenRequestError';
}

/** Caches a token until RENEW_BEFORE_MS before it expires; concurrent callers share one acquisition. */
export function cachedTokenProvider(
  acquire: () => Promise<AppToken>,
  now: () => Date = () => new Date(),
): () => Promise<string> {
  let token: AppToken | undefined;
  let pending: Promise<AppToken> | undefined;
  return async () => {
    if (token && token.expiresAt.getTime() - RENEW_BEFORE_MS > now().getTime()) return token.accessToken;
    pending ??= acquire().finally(() => {
      pending = undefined;
    });
    token = await pending;
    return token.accessToken;
  };
}

export type CertificateCredential = { thumbprintSha256: string; privateKey: string; x5c: string };

/**
 * The app's certificate credential from one PEM file holding the certificate and its private key (as
 * `openssl req -x509 -newkey rsa:2048 -nodes …` or Key Vault's PEM download give). MSAL needs the key in PKCS#8
 * and the certificate's SHA-256 thumbprint in hex; the certificate itself is sent as x5c.
 * https://learn.microsoft.com/en-us/entra/msal/javascript/node/certificate-credentials
 * Errors say what is wrong with the file and never quote it.
 */
export function certificateCredential(pem: string): CertificateCredential {
  const certificatePem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const keyPem =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const missing = [
    ...(certificatePem ? [] : ['certificate']),
    ...(keyPem ? [] : ['unencrypted private key']),
  ];
  if (missing.length) throw new Error(`the PEM file has no ${missing.join(' and no ')}`);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem!);
  } catch {
    throw new Error('the certificate in the PEM file cannot be read');
  }
  let privateKey: string;
  try {
    const key = createPrivateKey(keyPem!);
    if (!certificate.checkPrivateKey(key)) throw new Error('mismatch');
    privateKey = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (err) {
    throw new Error(
      (err as Error).message === 'mismatch'
        ? 'the private key in the PEM file does not belong to its certificate'
        : 'the private key in the PEM file cannot be read (it must not be encrypted)',
    );
  }
  return {
    thumbprintSha256: certificate.fingerprint256.replaceAll(':', ''),
    privateKey,
    x5c: certificatePem!,
  };
}

function confidentialClient(options: Extract<AppTokenOptions, { kind: 'tenant' }>) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      authority: `${options.authorityHost ?? 'https://login.microsoftonline.com'}/${options.tenantId}`,
      ...('clientSecret' in options.credential
        ? { clientSecret: options.credential.clientSecret }
        : { clientCertificate: options.credential.certificate }),
    },
  });
}

/**
 * App-only tokens for any resource (`scope` ending in /.default) from the school's tenant, e.g. for the bot's
 * replies through the Bot Connector (https://api.botframework.com/.default). MSAL keeps each until near expiry.
 */
export function createTenantTokenFunction(
  options: Extract<AppTokenOptions, { kind: 'tenant' }>,
): (scope: string | string[]) => Promise<string> {
  const app = confidentialClient(options);
  return async (scope) => {
    const scopes = Array.isArray(scope) ? scope : [scope];
    const result = await app.acquireTokenByClientCredential({ scopes });
    if (!result?.accessToken)
      throw new TokenRequestError(
        `No token for ${scopes.join(' ')} for app ${options.clientId} in tenant ${options.tenantId}`,
      );
    return result.accessToken;
  };
}

function msalAcquirer(options: Extract<AppTokenOptions, { kind: 'tenant' }>): () => Promise<AppToken> {
  const app = confidentialClient(options);
  return async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    if (!result?.accessToken)
      throw new TokenRequestError(`No Graph token for app ${options.clientId} in tenant ${options.tenantId}`);
    return {
      accessToken: result.accessToken,
      expiresAt: result.expiresOn ?? new Date(Date.now() + 3_600_000),
    };
  };
}

function localAcquirer(
  options: Extract<AppTokenOptions, { kind: 'local' }>,
  now: () => Date,
): () => Promise<AppToken> {
  const doFetch = options.fetch ?? fetch;
  return async () => {
    const res = await doFetch(options.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        scope: GRAPH_DEFAULT_SCOPE,
      }),
    });
    if (!res.ok) throw new TokenRequestError(`Token request failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string')
      throw new TokenRequestError('Token response has no access_token');
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    return { accessToken: body.access_token, expiresAt: new Date(now().getTime() + seconds * 1000) };
  };
}

/** `getToken` for createGraphConnection. */
export function createAppTokenProvider(
  options: AppTokenOptions,
  now: () => Date = () => new Date(),
): () => Promise<string> {
  return cachedTokenProvider(
    options.kind === 'tenant' ? msalAcquirer(options) : localAcquirer(options, now),
    now,
  );
}
