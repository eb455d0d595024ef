import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { loadDirectory } from '../directory/load-directory.ts';
import { buildTestSchool, createTestContext } from '../directory/test-support.ts';
import { demoSignInRouter, type DemoSignInAnswer } from './demo-sign-in.ts';
import { createIdentityProvider, type IdentityProvider } from './identity-provider.ts';
import { generateSigningKeyJwks, storeSigningKey } from './signing-keys.ts';

const API_CLIENT_ID = 'c0ffee00-5e4d-4b1c-9a8b-7c6d5e4f3a2b';

let server: Server;
let base: string;
let idp: IdentityProvider;

beforeAll(async () => {
  const { ctx } = createTestContext(new Date().toISOString());
  await storeSigningKey(ctx.db, await generateSigningKeyJwks(), ctx.now());
  loadDirectory(ctx, buildTestSchool());
  const app = express();
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/local365`;
  ctx.publicBaseUrl = () => base;
  idp = createIdentityProvider(ctx, { apiAudience: API_CLIENT_ID });
  app.use('/local365', idp.router());
  app.use('/local365', demoSignInRouter(ctx, (req) => idp.issueToken(req)));
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

async function verified(answer: DemoSignInAnswer) {
  const jwks = createRemoteJWKSet(new URL(idp.jwksUri));
  const { payload } = await jwtVerify(answer.access_token, jwks, {
    issuer: idp.issuer,
    audience: API_CLIENT_ID,
  });
  return payload;
}

describe('the demo sign-in in one request', () => {
  it('signs in as the SENCO when nobody is named, with a token the stand-in’s keys verify', async () => {
    const res = await fetch(`${base}/demo-sign-in`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = (await res.json()) as DemoSignInAnswer;
    expect(answer).toMatchObject({
      upn: 'j.okafor@oakfield.example.org',
      displayName: 'Jo Okafor',
      jobTitle: 'SENCO',
      roles: ['Senco', 'SendTeam'],
      token_type: 'Bearer',
    });
    const claims = await verified(answer);
    expect(claims).toMatchObject({
      preferred_username: 'j.okafor@oakfield.example.org',
      roles: ['Senco', 'SendTeam'],
    });
  });

  it('signs in as the member of staff named, whatever the case of the name', async () => {
    const answer = (await (
      await fetch(`${base}/demo-sign-in?upn=S.PATEL@oakfield.example.org`)
    ).json()) as DemoSignInAnswer;
    expect(answer.upn).toBe('s.patel@oakfield.example.org');
    expect(answer.roles).toEqual([]);
    expect((await verified(answer)).preferred_username).toBe('s.patel@oakfield.example.org');
  });

  it('refuses a name that is nobody on the staff rather than signing in as someone else', async () => {
    for (const upn of ['ghost@oakfield.example.org', buildTestSchool().pupils[0]!.upn]) {
      const res = await fetch(`${base}/demo-sign-in?upn=${encodeURIComponent(upn)}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'unknown_user' });
    }
  });

  it('refuses a name given twice', async () => {
    const res = await fetch(`${base}/demo-sign-in?upn=a@x&upn=b@x`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });
});
