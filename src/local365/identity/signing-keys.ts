import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { migrate, type Db } from '../database.ts';

export type SigningKey = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK };

const SCHEMA = `
CREATE TABLE idp_signing_keys (
  kid TEXT PRIMARY KEY,
  private_jwk TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

type Row = { kid: string; private_jwk: string; public_jwk: string };

/** A fresh RS256 key pair as JWKs (2048-bit RSA, as Entra's keys). */
export async function generateSigningKeyJwks(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    extractable: true,
    modulusLength: 2048,
  });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

/** Stores a key pair unless the database already has one (the first stored key wins). */
export async function storeSigningKey(
  db: Db,
  pair: { privateJwk: JWK; publicJwk: JWK },
  createdAt: Date,
): Promise<void> {
  migrate(db, 'identity-v1', SCHEMA);
  const kid = await calculateJwkThumbprint(pair.publicJwk);
  db.prepare(
    'INSERT OR IGNORE INTO idp_signing_keys (kid, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?)',
  ).run(kid, JSON.stringify(pair.privateJwk), JSON.stringify(pair.publicJwk), createdAt.toISOString());
}

/**
 * The stand-in Entra's RS256 signing key: generated once per database and kept there, so tokens issued before
 * a restart still verify after it (as Entra's keys outlive a process). The kid is the key's JWK thumbprint.
 */
export async function loadOrCreateSigningKey(db: Db, createdAt: Date): Promise<SigningKey> {
  migrate(db, 'identity-v1', SCHEMA);
  const select = () =>
    db
      .prepare<[], Row>(
        'SELECT kid, private_jwk, public_jwk FROM idp_signing_keys ORDER BY created_at, kid LIMIT 1',
      )
      .get();
  let row = select();
  if (!row) {
    // Another process may store one meanwhile: whichever came first is kept.
    await storeSigningKey(db, await generateSigningKeyJwks(), createdAt);
    row = select();
    if (!row) throw new Error('local365 identity: could not store the signing key');
  }
  const publicJwk = JSON.parse(row.public_jwk) as JWK;
  return {
    kid: row.kid,
    privateKey: (await importJWK(JSON.parse(row.private_jwk) as JWK, 'RS256')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'RS256')) as CryptoKey,
    publicJwk,
  };
}
