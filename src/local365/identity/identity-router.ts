import express, { type Request, type Response } from 'express';
import type { JWK } from 'jose';
import { TokenRequestError, type DemoUser, type TokenRequest, type TokenResponse } from './token-types.ts';

type RouterDeps = {
  tenantId: string;
  issuer(): string;
  jwksUri(): string;
  tokenEndpoint(): string;
  jwks(): Promise<{ keys: JWK[] }>;
  issueToken(req: TokenRequest): Promise<TokenResponse>;
  listDemoUsers(): DemoUser[];
};

const TOKEN_FIELDS = [
  'grant_type',
  'upn',
  'username',
  'scope',
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'assertion',
  'requested_token_use',
  'refresh_token',
] as const;

function oauthError(res: Response, status: number, error: string, description: string): void {
  res
    .status(status)
    .json({ error, error_description: description, error_codes: [], timestamp: new Date().toISOString() });
}

function tokenRequestFrom(body: unknown): TokenRequest | string {
  if (!body || typeof body !== 'object')
    return 'The request body must be JSON or application/x-www-form-urlencoded.';
  const record = body as Record<string, unknown>;
  const out: TokenRequest = {};
  for (const field of TOKEN_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `Field '${field}' must be a string.`;
    out[field] = value;
  }
  return out;
}

/**
 * HTTP face of the stand-in Entra, mounted at /local365: OpenID metadata, keys, the token endpoint (also at
 * Entra's path) and the list of demo users to sign in as.
 */
export function identityRouter(deps: RouterDeps): express.Router {
  const router = express.Router();

  const sameTenant = (req: Request, res: Response): boolean => {
    if (req.params.tid === deps.tenantId) return true;
    oauthError(
      res,
      400,
      'invalid_tenant',
      `AADSTS90002: Tenant '${String(req.params.tid)}' not found. This stand-in serves tenant '${deps.tenantId}'.`,
    );
    return false;
  };

  router.get('/identity/:tid/v2.0/.well-known/openid-configuration', (req, res) => {
    if (!sameTenant(req, res)) return;
    res.json({
      issuer: deps.issuer(),
      token_endpoint: deps.tokenEndpoint(),
      jwks_uri: deps.jwksUri(),
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'],
      grant_types_supported: [
        'client_credentials',
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
        'refresh_token',
        'password',
      ],
      response_types_supported: ['token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'nbf',
        'name',
        'oid',
        'tid',
        'preferred_username',
        'roles',
        'scp',
        'azp',
        'ver',
        'uti',
        'idtyp',
      ],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'local365',
    });
  });

  router.get('/identity/:tid/discovery/v2.0/keys', async (req, res) => {
    if (!sameTenant(req, res)) return;
    res.json(await deps.jwks());
  });

  const token = async (req: Request, res: Response) => {
    const parsed = tokenRequestFrom(req.body);
    if (typeof parsed === 'string') {
      oauthError(res, 400, 'invalid_request', parsed);
      return;
    }
    try {
      res.json(await deps.issueToken(parsed));
    } catch (err) {
      if (err instanceof TokenRequestError) {
        // Entra answers a client it cannot authenticate with 401, every other refusal with 400.
        oauthError(res, err.error === 'invalid_client' ? 401 : 400, err.error, err.description);
        return;
      }
      throw err;
    }
  };
  const bodyParsers = [express.json(), express.urlencoded({ extended: false })];
  router.post('/token', ...bodyParsers, token);
  router.post('/identity/:tid/oauth2/v2.0/token', ...bodyParsers, (req, res) =>
    sameTenant(req, res) ? token(req, res) : undefined,
  );

  router.get('/users', (_req, res) => {
    res.json(deps.listDemoUsers());
  });

  return router;
}
