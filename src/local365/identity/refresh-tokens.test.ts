import { openDatabase } from '../database.ts';
import { refreshTokenStore } from './refresh-tokens.ts';
import { TokenRequestError } from './token-types.ts';

/** The stand-in's refresh tokens hold to Entra's rules: client, resource, scopes, lapse, single use, revocation. */

function store(start = Date.parse('2026-12-03T09:00:00Z')) {
  let now = start;
  const tokens = refreshTokenStore(openDatabase(':memory:'), () => new Date(now));
  return { tokens, advanceDays: (days: number) => (now += days * 86_400_000) };
}

const grant = {
  clientId: 'senco-hub',
  userId: 'user-1',
  resource: 'graph' as const,
  scopes: ['Calendars.ReadWrite', 'Calendars.Read.Shared'],
};
const graphRequest = { clientId: 'senco-hub', resource: 'graph' as const, scopes: ['Calendars.ReadWrite'] };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TokenRequestError);
    expect((err as TokenRequestError).error).toBe('invalid_grant');
    return (err as TokenRequestError).description;
  }
  throw new Error('expected a refusal');
}

it('redeems a token for the client and resource it was issued for, once', () => {
  const { tokens } = store();
  const token = tokens.issue(grant);
  expect(tokens.redeem(token, graphRequest)).toMatchObject({ userId: 'user-1', clientId: 'senco-hub' });
  expect(refusal(() => tokens.redeem(token, graphRequest))).toContain('AADSTS9002313');
});

it('refuses another client, another resource, and scopes beyond the grant, without spending the token', () => {
  const { tokens } = store();
  const token = tokens.issue(grant);
  expect(refusal(() => tokens.redeem(token, { ...graphRequest, clientId: 'someone-else' }))).toContain(
    'AADSTS70000',
  );
  expect(refusal(() => tokens.redeem(token, { ...graphRequest, resource: 'api', scopes: [] }))).toContain(
    'AADSTS65001',
  );
  expect(refusal(() => tokens.redeem(token, { ...graphRequest, scopes: ['Mail.Send'] }))).toContain(
    'Mail.Send',
  );
  expect(tokens.redeem(token, graphRequest).userId).toBe('user-1');
});

it('lapses after 90 days unused, and not at 90', () => {
  const { tokens, advanceDays } = store();
  const kept = tokens.issue(grant);
  const lapsed = tokens.issue(grant);
  advanceDays(90);
  expect(tokens.redeem(kept, graphRequest).userId).toBe('user-1');
  advanceDays(0.01);
  expect(refusal(() => tokens.redeem(lapsed, graphRequest))).toContain('AADSTS700082');
});

it('stops working when the user’s sessions are revoked', () => {
  const { tokens } = store();
  const token = tokens.issue(grant);
  expect(tokens.revokeUser('user-1')).toBe(1);
  expect(refusal(() => tokens.redeem(token, graphRequest))).toContain('revoked');
});
