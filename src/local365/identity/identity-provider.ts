import { createHash, randomBytes } from 'node:crypto';
import type express from 'express';
import {
  SignJWT,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { StandInContext } from '../context.ts';
import { DirectoryStore, type DirectoryUser } from '../directory/directory-store.ts';
import { appRolesHeld } from '../directory/service-principal-routes.ts';
import type { Caller } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import type { Authenticate } from '../graph/http-adapter.ts';
import {
  API_SCOPE,
  DEFAULT_GRAPH_APPLICATION_ROLES,
  DEFAULT_GRAPH_DELEGATED_SCOPES,
  GRAPH_APP_ID,
  GRAPH_RESOURCE_URI,
} from './graph-permissions.ts';
import { identityRouter } from './identity-router.ts';
import { TokenRequestError, type DemoUser, type TokenRequest, type TokenResponse } from './token-types.ts';
import { loadOrCreateSigningKey, type SigningKey } from './signing-keys.ts';
import { refreshTokenStore, type RefreshTokenStore } from './refresh-tokens.ts';
import {
  DEMO_APP_SECRET,
  clientAuthenticator,
  demoAppCertificatePem,
  demoAppCredentials,
  type AppCredentials,
} from './client-authentication.ts';

export type IdentityProviderOptions = {
  /** SENCO Hub's client id: the audience of tokens for our own API. */
  apiAudience: string;
  /**
   * Our app registration's Application ID URI ("Expose an API"), e.g. `api://senco-hub.school.example/{clientId}`.
   * Without it, any `api://{host}/{clientId}` is taken as ours (the form Teams single sign-on requires).
   */
  apiIdentifierUri?: string;
  /**
   * The app registration's `accessTokenAcceptedVersion` (manifest) / `api.requestedAccessTokenVersion` (Graph):
   * which token format Entra issues for our API. `null` or 1: v1 tokens (issuer `https://sts.windows.net/{tid}/`,
   * `aud` the identifier the client asked with, `upn`, `appid`); 2: v2 tokens (issuer `…/{tid}/v2.0`, `aud` the
   * client id, `preferred_username`, `azp`). Entra's default for a new registration is null (v1); the deployment
   * guide sets 2, so 2 is the default here.
   * https://learn.microsoft.com/en-us/entra/identity-platform/reference-microsoft-graph-app-manifest#accesstokenacceptedversion-attribute
   */
  accessTokenAcceptedVersion?: 1 | 2 | null;
  /** Delegated Graph scopes consented for the app (the `scp` of `.default` Graph tokens). */
  delegatedGraphScopes?: readonly string[];
  /** Application permissions consented for the app (the `roles` of app-only Graph tokens). */
  applicationPermissions?: readonly string[];
  tokenLifetimeSeconds?: number;
  /**
   * Credentials registered on app registrations, by client id (client-authentication.ts). Default: SENCO Hub's
   * registration (`apiAudience`) with the demo secret and certificate.
   */
  appCredentials?: ReadonlyMap<string, AppCredentials>;
};

export type IdentityProvider = {
  /** Issuer of v2 tokens (Entra: https://login.microsoftonline.com/{tid}/v2.0). */
  readonly issuer: string;
  /** Issuer of v1 tokens (Entra: https://sts.windows.net/{tid}/). */
  readonly issuerV1: string;
  readonly jwksUri: string;
  readonly tokenEndpoint: string;
  issueToken(req: TokenRequest): Promise<TokenResponse>;
  /** Verifies a bearer token sent to the stand-in Graph and says who is calling; throws GraphError 401. */
  authenticateGraph: Authenticate;
  /** The public signing keys, as served at jwksUri. */
  jwks(): Promise<{ keys: JWK[] }>;
  /** Staff who can sign in, with their app roles and classes (for pickers, tests and the inspector). */
  listDemoUsers(): DemoUser[];
  /** Mounted by the composition root at /local365. */
  router(): express.Router;
  /** Refresh tokens issued on the on-behalf-of grant (revoking a user's, as an admin's sign-out does). */
  readonly refreshTokens: RefreshTokenStore;
  /**
   * What the demo registration's admin would copy out of the Entra admin centre: its client secret, and its
   * certificate with the private key (PEM), for the server in local mode and for tests.
   */
  readonly demoAppCredential: { clientSecret: string; certificatePem: string };
};

const GRAPH_AUDIENCES = [GRAPH_APP_ID, GRAPH_RESOURCE_URI, `${GRAPH_RESOURCE_URI}/`];
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

const invalidToken = (message: string) => new GraphError(401, 'InvalidAuthenticationToken', message);

/** A stable GUID-shaped id derived from a seed (the app's service principal object id). */
function derivedGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Entra's `sub` is pairwise: the same user has a different subject for each application. */
function pairwiseSubject(oid: string, audience: string): string {
  return createHash('sha256').update(`${oid}|${audience}`).digest('base64url').slice(0, 43);
}

/** What a token is for: our API (asked for by client id or Application ID URI, or bare) or Graph. */
type Resource = { kind: 'api'; identifier: string | undefined } | { kind: 'graph'; scopes: string[] };

/**
 * The stand-in's Microsoft Entra ID: issues RS256 tokens shaped like Entra's access tokens for the demo
 * school's users and for the app itself, publishes OpenID metadata and keys, and verifies the tokens the
 * stand-in Graph receives. Tokens for our API are v1- or v2-shaped as the app registration's
 * `accessTokenAcceptedVersion` says.
 *
 * Unlike real Entra, which issues v1-format tokens for Graph, Graph tokens here are v2-shaped with one issuer.
 * Clients must treat Graph tokens as opaque anyway.
 */
export function createIdentityProvider(
  ctx: StandInContext,
  options: IdentityProviderOptions,
): IdentityProvider {
  // Read on each use: the composition root may learn its public URL (port) only once it listens.
  const issuer = () => `${ctx.publicBaseUrl()}/identity/${ctx.tenantId}/v2.0`;
  /** Stands for `https://sts.windows.net/{tid}/`, the issuer of v1 tokens. */
  const issuerV1 = () => `${ctx.publicBaseUrl()}/sts/${ctx.tenantId}/`;
  const apiTokenVersion =
    options.accessTokenAcceptedVersion === 2 || options.accessTokenAcceptedVersion === undefined ? 2 : 1;
  const jwksUri = () => `${ctx.publicBaseUrl()}/identity/${ctx.tenantId}/discovery/v2.0/keys`;
  const tokenEndpoint = () => `${ctx.publicBaseUrl()}/token`;
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const delegatedScopes = [...(options.delegatedGraphScopes ?? DEFAULT_GRAPH_DELEGATED_SCOPES)];
  const applicationPermissions = [...(options.applicationPermissions ?? DEFAULT_GRAPH_APPLICATION_ROLES)];
  const directory = new DirectoryStore(ctx.db);
  const refreshTokens = refreshTokenStore(ctx.db, ctx.now);
  const clients = clientAuthenticator(
    ctx.db,
    ctx.now,
    options.appCredentials ?? new Map([[options.apiAudience, demoAppCredentials()]]),
  );
  /** The URLs this token endpoint answers at: an assertion's `aud` must name one. */
  const tokenEndpoints = () => [
    tokenEndpoint(),
    `${ctx.publicBaseUrl()}/identity/${ctx.tenantId}/oauth2/v2.0/token`,
  ];
  const authenticateClient = (req: TokenRequest, required: boolean) =>
    clients.authenticate(req, { required, tokenEndpoints: tokenEndpoints() });
  const asksOffline = (scope: string | undefined) => (scope ?? '').split(/\s+/).includes('offline_access');

  let keyPromise: Promise<SigningKey> | undefined;
  const signingKey = () => {
    keyPromise ??= loadOrCreateSigningKey(ctx.db, ctx.now()).catch((err: unknown) => {
      keyPromise = undefined;
      throw err;
    });
    return keyPromise;
  };

  async function sign(
    claims: JWTPayload,
    version: 1 | 2 = 2,
  ): Promise<TokenResponse & { claims: JWTPayload }> {
    const key = await signingKey();
    const iat = Math.floor(ctx.now().getTime() / 1000);
    const full: JWTPayload = {
      ...claims,
      iss: version === 1 ? issuerV1() : issuer(),
      iat,
      nbf: iat,
      exp: iat + lifetime,
      tid: ctx.tenantId,
      uti: randomBytes(16).toString('base64url').slice(0, 22),
      ver: version === 1 ? '1.0' : '2.0',
    };
    const access_token = await new SignJWT(full)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .sign(key.privateKey);
    const scope = typeof full.scp === 'string' ? full.scp : `${String(full.aud)}/.default`;
    return {
      token_type: 'Bearer',
      scope,
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token,
      claims: full,
    };
  }

  function classifyScopes(scope: string | undefined): Resource {
    const requested = (scope ?? '').split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
    const graph: string[] = [];
    const api: string[] = [];
    for (const s of requested) {
      const graphPrefix = [`${GRAPH_RESOURCE_URI}/`, `${GRAPH_APP_ID}/`].find((p) => s.startsWith(p));
      if (graphPrefix) graph.push(s.slice(graphPrefix.length));
      else if (s === API_SCOPE || s.startsWith(`${options.apiAudience}/`)) api.push(s);
      else if (s.startsWith('api://')) {
        if (!isOurIdentifierUri(s.slice(0, s.lastIndexOf('/'))))
          throw new TokenRequestError(
            'invalid_resource',
            `AADSTS500011: The resource principal named ${s.slice(0, s.lastIndexOf('/'))} was not found in the tenant named ${ctx.tenantId} (field 'scope').`,
          );
        api.push(s);
      } else if (delegatedScopes.includes(s)) graph.push(s);
      else
        throw new TokenRequestError(
          'invalid_scope',
          `AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope '${s}' does not exist.`,
        );
    }
    if (graph.length && api.length) {
      throw new TokenRequestError(
        'invalid_scope',
        "AADSTS28000: Provided value for the input parameter 'scope' is not valid because it contains more than one resource.",
      );
    }
    for (const s of api) {
      const name = s.split('/').at(-1);
      if (name !== API_SCOPE && name !== '.default') {
        throw new TokenRequestError(
          'invalid_scope',
          `AADSTS65005: The application asked for scope '${s}' that doesn't exist on the resource '${options.apiAudience}'.`,
        );
      }
    }
    if (graph.length) return { kind: 'graph', scopes: graph };
    const first = api[0];
    return {
      kind: 'api',
      identifier: first?.includes('/') ? first.slice(0, first.lastIndexOf('/')) : undefined,
    };
  }

  function isOurIdentifierUri(uri: string): boolean {
    if (options.apiIdentifierUri !== undefined) return uri === options.apiIdentifierUri;
    return /^api:\/\/[^/]+\/(.+)$/.exec(uri)?.[1] === options.apiAudience;
  }

  /** Audiences of our API's tokens: the client id (v2, or v1 asked for by it) and the Application ID URI (v1). */
  const isOurApiAudience = (aud: unknown) =>
    typeof aud === 'string' &&
    (aud === options.apiAudience || (aud.startsWith('api://') && isOurIdentifierUri(aud)));

  function userFor(upn: string): DirectoryUser {
    const user = directory.findUser(upn);
    if (!user)
      throw new TokenRequestError(
        'invalid_request',
        `AADSTS50034: The user account '${upn}' (field 'upn') does not exist in the ${ctx.tenantId} directory.`,
      );
    return user;
  }

  async function delegatedToken(user: DirectoryUser, resource: Resource, clientId: string | undefined) {
    const common = {
      name: user.displayName,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      azp: clientId ?? options.apiAudience,
      azpacr: '0',
    };
    if (resource.kind === 'api') {
      // Entra leaves `roles` out when the user holds no app role.
      // Roles given to a group the user is a direct member of are in the claim too.
      const held = appRolesHeld(directory, user);
      const roles = held.length ? { roles: held } : {};
      if (apiTokenVersion === 2) {
        return sign({
          ...common,
          aud: options.apiAudience,
          sub: pairwiseSubject(user.id, options.apiAudience),
          scp: API_SCOPE,
          ...roles,
        });
      }
      // v1: aud is the identifier the client asked with; the user is named in upn and unique_name; the client
      // in appid and appidacr. https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference
      const aud = resource.identifier ?? options.apiIdentifierUri ?? options.apiAudience;
      return sign(
        {
          aud,
          name: user.displayName,
          oid: user.id,
          upn: user.userPrincipalName,
          unique_name: user.userPrincipalName,
          appid: clientId ?? options.apiAudience,
          appidacr: '0',
          sub: pairwiseSubject(user.id, options.apiAudience),
          scp: API_SCOPE,
          ...roles,
        },
        1,
      );
    }
    let scp: string[];
    if (resource.scopes.includes('.default')) scp = delegatedScopes;
    else {
      const missing = resource.scopes.filter((s) => !delegatedScopes.includes(s));
      if (missing.length) {
        throw new TokenRequestError(
          'invalid_grant',
          `AADSTS65001: The user or administrator has not consented to use the application with ID '${options.apiAudience}'. Send an interactive authorization request for this user and resource (scope '${missing.join(' ')}').`,
        );
      }
      scp = resource.scopes;
    }
    return sign({
      ...common,
      aud: GRAPH_APP_ID,
      sub: pairwiseSubject(user.id, GRAPH_APP_ID),
      scp: scp.join(' '),
    });
  }

  async function appToken(req: TokenRequest) {
    if (!req.client_id)
      throw new TokenRequestError(
        'invalid_request',
        "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
      );
    // Checked when sent (the stand-in's app-only callers send none yet; Entra would ask for one).
    await authenticateClient(req, false);
    const resource = classifyScopes(req.scope);
    if (resource.kind !== 'graph' || resource.scopes.length !== 1 || resource.scopes[0] !== '.default') {
      throw new TokenRequestError(
        'invalid_scope',
        `AADSTS1002012: The provided value for scope '${req.scope ?? ''}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (field 'scope': use 'https://graph.microsoft.com/.default').`,
      );
    }
    const spId = derivedGuid(`service-principal:${ctx.tenantId}:${req.client_id}`);
    return sign({
      aud: GRAPH_APP_ID,
      azp: req.client_id,
      azpacr: '1',
      idtyp: 'app',
      oid: spId,
      sub: spId,
      roles: [...applicationPermissions],
    });
  }

  async function verifyOwnToken(token: string): Promise<JWTPayload> {
    const key = await signingKey();
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw invalidToken('CompactToken parsing failed with error code: 80049217');
    }
    if (kid !== key.kid) throw invalidToken('Access token validation failure.');
    try {
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: ['RS256'],
        currentDate: ctx.now(),
        clockTolerance: 300,
      });
      return payload;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired)
        throw invalidToken('Access token has expired or is not yet valid.');
      if (
        err instanceof joseErrors.JWTClaimValidationFailed &&
        (err.claim === 'nbf' || err.claim === 'iat')
      ) {
        throw invalidToken('Access token has expired or is not yet valid.');
      }
      if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid)
        throw invalidToken('CompactToken parsing failed with error code: 80049217');
      throw invalidToken('Access token validation failure.');
    }
  }

  /**
   * On-behalf-of as Entra does it: the middle tier names itself (client_id), says `requested_token_use=on_behalf_of`,
   * and presents a user's token whose audience is that same app; anything else is refused.
   * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-on-behalf-of-flow
   */
  async function onBehalfOf(req: TokenRequest) {
    for (const field of ['client_id', 'assertion', 'requested_token_use'] as const) {
      if (!req[field])
        throw new TokenRequestError(
          'invalid_request',
          `AADSTS900144: The request body must contain the following parameter: '${field}'.`,
        );
    }
    if (req.requested_token_use !== 'on_behalf_of')
      throw new TokenRequestError(
        'invalid_request',
        `AADSTS90014: The value '${req.requested_token_use}' of field 'requested_token_use' is not valid: it must be 'on_behalf_of'.`,
      );
    // A confidential client proves itself first, as Entra requires for on-behalf-of.
    await authenticateClient(req, true);
    if (req.client_id !== options.apiAudience)
      throw new TokenRequestError(
        'invalid_grant',
        `AADSTS50013: Assertion audience does not match the Client app presenting the assertion (field 'client_id' '${req.client_id ?? ''}' is not the assertion's audience).`,
      );
    if (!req.assertion) throw new Error('unreachable: assertion checked above');
    let payload: JWTPayload;
    try {
      payload = await verifyOwnToken(req.assertion);
    } catch (err) {
      const message = err instanceof GraphError ? err.message : 'invalid assertion';
      throw new TokenRequestError(
        'invalid_grant',
        `AADSTS50013: Assertion failed validation (field 'assertion'): ${message}`,
      );
    }
    if (!isOurApiAudience(payload.aud) || (payload.iss !== issuer() && payload.iss !== issuerV1())) {
      throw new TokenRequestError(
        'invalid_grant',
        `AADSTS50013: Assertion audience does not match the client app (field 'assertion' must be a token for '${options.apiAudience}').`,
      );
    }
    const resource = classifyScopes(req.scope);
    if (resource.kind !== 'graph')
      throw new TokenRequestError(
        'invalid_scope',
        "AADSTS70011: On-behalf-of needs a Graph scope (field 'scope').",
      );
    const user = userFor(String(payload.preferred_username ?? payload.upn));
    const issued = await delegatedToken(user, resource, req.client_id);
    if (!asksOffline(req.scope)) return issued;
    const scopes = typeof issued.claims.scp === 'string' ? issued.claims.scp.split(' ') : [];
    return {
      ...issued,
      refresh_token: refreshTokens.issue({
        clientId: req.client_id,
        userId: user.id,
        resource: 'graph',
        scopes,
      }),
    };
  }

  /**
   * The refresh_token grant, as strict as Entra: the client it was issued to, for the resource it was issued
   * for, within the scopes it carries, for a user still in the directory; the token is replaced by a new one.
   * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token
   */
  async function refresh(req: TokenRequest) {
    for (const field of ['client_id', 'refresh_token'] as const) {
      if (!req[field])
        throw new TokenRequestError(
          'invalid_request',
          `AADSTS900144: The request body must contain the following parameter: '${field}'.`,
        );
    }
    await authenticateClient(req, true);
    const resource = classifyScopes(req.scope);
    const grant = refreshTokens.redeem(req.refresh_token!, {
      clientId: req.client_id!,
      resource: resource.kind,
      scopes: resource.kind === 'graph' ? resource.scopes : [],
    });
    if (resource.kind !== 'graph') throw new Error('unreachable: redeem refuses other resources');
    const user = directory.findUser(grant.userId);
    if (!user)
      throw new TokenRequestError(
        'invalid_grant',
        "AADSTS50034: The user account of this refresh token no longer exists (field 'refresh_token').",
      );
    const issued = await delegatedToken(user, resource, grant.clientId);
    return { ...issued, refresh_token: refreshTokens.issue(grant) };
  }

  async function issueToken(req: TokenRequest): Promise<TokenResponse> {
    const grant = req.grant_type;
    let issued: TokenResponse & { claims: JWTPayload };
    if (grant === 'client_credentials') issued = await appToken(req);
    else if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') issued = await onBehalfOf(req);
    else if (grant === 'refresh_token') issued = await refresh(req);
    else if (grant === undefined || grant === 'password') {
      const upn = req.upn ?? req.username;
      if (!upn)
        throw new TokenRequestError(
          'invalid_request',
          "AADSTS900144: The request body must contain the following parameter: 'upn' (or grant_type 'client_credentials' with 'client_id').",
        );
      const resource = classifyScopes(req.scope);
      issued = await delegatedToken(userFor(upn), resource, req.client_id);
    } else {
      throw new TokenRequestError(
        'unsupported_grant_type',
        `AADSTS70003: The app requested an unsupported grant type '${grant}' (field 'grant_type').`,
      );
    }
    const { claims: _claims, ...response } = issued;
    return response;
  }

  const authenticateGraph: Authenticate = async (authorization) => {
    const token = /^Bearer\s+(.*)$/i.exec(authorization?.trim() ?? '')?.[1]?.trim() ?? '';
    if (!token) throw invalidToken('Access token is empty.');
    if (token.split('.').length !== 3)
      throw invalidToken('CompactToken parsing failed with error code: 80049217');
    const claims = await verifyOwnToken(token);
    if (claims.iss !== issuer() || claims.tid !== ctx.tenantId)
      throw invalidToken('Access token validation failure. Invalid issuer.');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((a) => a !== undefined && GRAPH_AUDIENCES.includes(a)))
      throw invalidToken('Access token validation failure. Invalid audience.');
    if (claims.idtyp === 'app' || typeof claims.scp !== 'string') {
      return {
        kind: 'app',
        appId: typeof claims.azp === 'string' ? claims.azp : '',
        tenantId: ctx.tenantId,
        roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
      } satisfies Caller;
    }
    return {
      kind: 'user',
      userId: typeof claims.oid === 'string' ? claims.oid : '',
      upn: typeof claims.preferred_username === 'string' ? claims.preferred_username : '',
      tenantId: ctx.tenantId,
      scopes: claims.scp.split(' ').filter(Boolean),
    } satisfies Caller;
  };

  async function jwks(): Promise<{ keys: JWK[] }> {
    const key = await signingKey();
    const { kty, n, e } = key.publicJwk;
    return { keys: [{ kty, use: 'sig', kid: key.kid, n, e, alg: 'RS256', issuer: issuer() } as JWK] };
  }

  function listDemoUsers(): DemoUser[] {
    return directory.listUsers('staff').map((u) => ({
      id: u.id,
      upn: u.userPrincipalName,
      displayName: u.displayName,
      ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
      staffRole: u.staffRole,
      roles: appRolesHeld(directory, u),
      classes: directory
        .groupsOfMember(u.id)
        .filter((g) => g.kind === 'class')
        .map((g) => ({
          id: g.id,
          displayName: g.displayName,
          role: directory.isOwner(g.id, u.id) ? ('teacher' as const) : ('member' as const),
        })),
    }));
  }

  const provider: IdentityProvider = {
    get issuer() {
      return issuer();
    },
    get issuerV1() {
      return issuerV1();
    },
    get jwksUri() {
      return jwksUri();
    },
    get tokenEndpoint() {
      return tokenEndpoint();
    },
    issueToken,
    authenticateGraph,
    jwks,
    listDemoUsers,
    refreshTokens,
    demoAppCredential: { clientSecret: DEMO_APP_SECRET, certificatePem: demoAppCertificatePem() },
    router: () =>
      identityRouter({
        tenantId: ctx.tenantId,
        issuer,
        jwksUri,
        tokenEndpoint,
        jwks,
        issueToken,
        listDemoUsers,
      }),
  };
  return provider;
}
