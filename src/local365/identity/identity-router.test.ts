import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { registerDirectoryRoutes } from '../directory/directory-routes.ts';
import { loadDirectory } from '../directory/load-directory.ts';
import { TEST_TENANT_ID, buildTestSchool, createTestContext, ids } from '../directory/test-support.ts';
import { graphHttpRouter } from '../graph/http-adapter.ts';
import { DEMO_APP_SECRET } from './client-authentication.ts';
import { createIdentityProvider, type IdentityProvider } from './identity-provider.ts';
import { generateSigningKeyJwks, storeSigningKey } from './signing-keys.ts';

const API_CLIENT_ID = 'c0ffee00-5e4d-4b1c-9a8b-7c6d5e4f3a2b';

let server: Server;
let base: string;
let idp: IdentityProvider;

beforeAll(async () => {
  // The server's real clock: jose's remote JWKS and fetch run in real time here.
  const { ctx } = createTestContext(new Date().toISOString());
  await storeSigningKey(ctx.db, await generateSigningKeyJwks(), ctx.now());
  loadDirectory(ctx, buildTestSchool());
  registerDirectoryRoutes(ctx);
  const app = express();
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/local365`;
  ctx.publicBaseUrl = () => base;
  ctx.graphBaseUrl = () => `${base}/graph/v1.0`;
  idp = createIdentityProvider(ctx, { apiAudience: API_CLIENT_ID });
  app.use('/local365', idp.router());
  app.use(
    '/local365/graph/v1.0',
    graphHttpRouter({ dispatcher: ctx.dispatcher, authenticate: idp.authenticateGraph, latencyMs: () => 0 }),
  );
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

const postJson = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('identity HTTP endpoints', () => {
  it('publishes OpenID metadata whose keys verify the tokens it issues', async () => {
    const config = (await (
      await fetch(`${base}/identity/${TEST_TENANT_ID}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(config).toMatchObject({
      issuer: idp.issuer,
      jwks_uri: idp.jwksUri,
      token_endpoint: `${base}/token`,
    });
    expect(config.id_token_signing_alg_values_supported).toEqual(['RS256']);

    const { access_token } = (await (
      await postJson('/token', { upn: 'j.okafor@oakfield.example.org' })
    ).json()) as { access_token: string };
    const { payload } = await jwtVerify(access_token, createRemoteJWKSet(new URL(config.jwks_uri!)), {
      issuer: config.issuer,
      audience: API_CLIENT_ID,
    });
    expect(payload.roles).toEqual(['Senco', 'SendTeam']);
  });

  it('serves the JWKS with the kid it signs with', async () => {
    const res = await fetch(`${base}/identity/${TEST_TENANT_ID}/discovery/v2.0/keys`);
    const jwks = (await res.json()) as {
      keys: { kty: string; kid: string; use: string; n: string; e: string }[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses metadata for another tenant', async () => {
    const res = await fetch(
      `${base}/identity/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration`,
    );
    expect(res.status).toBe(400);
  });

  it('accepts form-encoded token requests (client credentials)', async () => {
    const res = await fetch(`${base}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: API_CLIENT_ID,
        client_secret: DEMO_APP_SECRET,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof body.access_token).toBe('string');
  });

  it('answers a client it cannot authenticate with 401 invalid_client, as Entra does', async () => {
    const res = await fetch(`${base}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: API_CLIENT_ID,
        client_secret: 'not-the-secret',
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringContaining('AADSTS7000215') as unknown,
    });
  });

  it('answers a bad request with 400 invalid_request naming the field', async () => {
    const missing = await postJson('/token', { scope: 'https://graph.microsoft.com/.default' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining("'upn'") as unknown,
    });
    const unknown = await postJson('/token', { upn: 'ghost@oakfield.example.org' });
    expect(await unknown.json()).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('ghost@oakfield.example.org') as unknown,
    });
    const wrongType = await postJson('/token', { upn: 42 });
    expect(await wrongType.json()).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining("'upn'") as unknown,
    });
  });

  it('lists the demo users with their roles and classes', async () => {
    const users = (await (await fetch(`${base}/users`)).json()) as {
      upn: string;
      roles: string[];
      classes: { id: string }[];
    }[];
    expect(users.map((u) => u.upn)).toContain('h.price@oakfield.example.org');
    expect(users.find((u) => u.upn === 's.patel@oakfield.example.org')?.classes.map((c) => c.id)).toEqual([
      ids.willow,
    ]);
  });

  it('lets a token from /token call the stand-in Graph, and turns a bad one away with 401', async () => {
    const { access_token } = (await (
      await postJson('/token', {
        upn: 'j.okafor@oakfield.example.org',
        scope: 'https://graph.microsoft.com/.default',
      })
    ).json()) as {
      access_token: string;
    };
    const me = await fetch(`${base}/graph/v1.0/me`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: ids.senco });

    const apiToken = (await (await postJson('/token', { upn: 'j.okafor@oakfield.example.org' })).json()) as {
      access_token: string;
    };
    const wrongAudience = await fetch(`${base}/graph/v1.0/me`, {
      headers: { authorization: `Bearer ${apiToken.access_token}` },
    });
    expect(wrongAudience.status).toBe(401);
    expect(await wrongAudience.json()).toMatchObject({
      error: {
        code: 'InvalidAuthenticationToken',
        message: 'Access token validation failure. Invalid audience.',
      },
    });
  });
});
