import { openDatabase } from '../database.ts';
import { loadOrCreateSigningKey } from './signing-keys.ts';

describe('loadOrCreateSigningKey', () => {
  it('generates a key once and returns the same key afterwards', async () => {
    const db = openDatabase(':memory:');
    const first = await loadOrCreateSigningKey(db, new Date('2026-11-23T09:00:00Z'));
    const again = await loadOrCreateSigningKey(db, new Date('2026-11-24T09:00:00Z'));
    expect(again.kid).toBe(first.kid);
    expect(first.publicJwk).toMatchObject({ kty: 'RSA', e: 'AQAB' });
    expect(first.publicJwk).not.toHaveProperty('d');
  });
});
