import { ZodError, z } from 'zod';
import { ERROR_STATUS, isErrorAnswer, type ErrorAnswer } from '../../contract/errors.ts';
import { ConsentRequiredError } from '../../graph/delegated-token-provider.ts';
import { ConflictError, GraphRequestError } from '../../graph/graph-request-error.ts';
import { MeetingStateError } from '../../graph/meeting-bookings.ts';
import {
  ForbiddenError,
  NotFoundError,
  NotReadyError,
  PreconditionRequiredError,
  StaleVersionError,
  UnsupportedMediaTypeError,
} from '../api/api-errors.ts';
import { AuthError } from '../auth/token-validator.ts';
import { startApiHarness } from '../api/testing/api-harness.ts';
import { errorAnswer } from './error-answers.ts';

const stored = {
  value: { senStatus: 'E' },
  eTag: '"7"',
  modifiedAt: '2026-11-23T09:10:00Z',
  modifiedBy: 'Sara Patel',
};

/** Every kind of error a route or the HTTP edge throws, with the code it must be answered with. */
const thrown: [string, unknown, ErrorAnswer['error']['code']][] = [
  ['a token not accepted', new AuthError('The token has expired', 'expired'), 'unauthorized'],
  ['a field that fails its schema', z.object({ name: z.string() }).safeParse({}).error, 'invalidRequest'],
  ['something the caller may not know exists', new NotFoundError('No such pupil.'), 'notFound'],
  ['a role that may not', new ForbiddenError('The audit log is for the SENCO only.'), 'forbidden'],
  ['no version quoted', new PreconditionRequiredError('Say which version.'), 'preconditionRequired'],
  ['records still loading', new NotReadyError('Loading the school’s records.', 5), 'notReady'],
  ['a route’s own conflict', new StaleVersionError('Changed meanwhile', stored), 'conflict'],
  ['a conflict from the records', new ConflictError('pupil', stored), 'conflict'],
  ['a record deleted meanwhile', new ConflictError('pupil', undefined), 'conflict'],
  ['a missing consent', new ConsentRequiredError(['Calendars.ReadWrite'], 'AADSTS65001'), 'consentRequired'],
  ['a meeting in the wrong state', new MeetingStateError('The meeting was cancelled.'), 'meetingState'],
  [
    'Microsoft 365 throttling',
    new GraphRequestError({ status: 429, message: 'Too many', operation: 'read', retryAfterSeconds: 7 }),
    'busy',
  ],
  ['a body not UTF-8', new UnsupportedMediaTypeError('Send UTF-8.'), 'unsupportedMediaType'],
  [
    'a body too large',
    Object.assign(new Error('too large'), { type: 'entity.too.large' }),
    'payloadTooLarge',
  ],
  ['a body not JSON', Object.assign(new Error('bad'), { type: 'entity.parse.failed' }), 'invalidJson'],
  ['a body cut short', Object.assign(new Error('aborted'), { type: 'request.aborted' }), 'invalidRequest'],
  [
    'a body that does not inflate',
    Object.assign(new Error('zlib'), { code: 'Z_DATA_ERROR' }),
    'invalidRequest',
  ],
  ['an address that does not decode', new URIError('URI malformed'), 'invalidRequest'],
  ['anything else', new TypeError('x is undefined'), 'internal'],
];

describe('error answers', () => {
  it.each(thrown)('%s is answered as the contract’s kind, with its status', (_what, err, code) => {
    const answer = errorAnswer(err);
    expect(answer.body.error.code).toBe(code);
    expect(answer.status).toBe(ERROR_STATUS[code]);
    expect(isErrorAnswer(answer.body)).toBe(true);
    expect(answer.body.error.message).not.toBe('');
  });

  it('a route’s own conflict shows the values it chose; one from the records only who saved which version', () => {
    expect(errorAnswer(new StaleVersionError('Changed meanwhile', stored)).body).toEqual({
      error: { code: 'conflict', message: 'Changed meanwhile' },
      current: stored,
      changedBy: 'Sara Patel',
      changedAt: '2026-11-23T09:10:00Z',
    });
    const raw = errorAnswer(new ConflictError('pupil', stored)).body;
    expect(raw).toMatchObject({
      current: { eTag: '"7"', modifiedAt: stored.modifiedAt, modifiedBy: 'Sara Patel' },
    });
    expect(raw).not.toHaveProperty('current.value');
    expect(errorAnswer(new ConflictError('pupil', undefined)).body).toMatchObject({
      current: null,
      changedBy: null,
      changedAt: null,
    });
  });

  it('a 400 always names the field at fault, the body itself when it cannot be read', () => {
    for (const [, err, code] of thrown) {
      const body = errorAnswer(err).body;
      if (code !== 'invalidRequest' || body.error.code !== 'invalidRequest') continue;
      expect(body.error.fields.length).toBeGreaterThan(0);
    }
    const cut = errorAnswer(Object.assign(new Error('aborted'), { type: 'request.aborted' })).body;
    expect(cut).toEqual({
      error: {
        code: 'invalidRequest',
        message: 'The request body could not be read.',
        fields: [{ path: 'body', message: 'The request body could not be read.' }],
      },
    });
    expect(errorAnswer(new ZodError([])).body.error.message).toBe('The request is not valid.');
  });

  it('a missing consent names the permissions; waits say when to come back', () => {
    const consent = errorAnswer(new ConsentRequiredError(['Calendars.ReadWrite'], 'AADSTS65001'));
    expect(consent.body).toMatchObject({ error: { scopes: ['Calendars.ReadWrite'] } });
    expect(errorAnswer(new NotReadyError('Loading.', 5)).headers).toEqual({ 'Retry-After': '5' });
    const busy = errorAnswer(new GraphRequestError({ status: 503, message: 'Busy', operation: 'read' }));
    expect(busy.headers).toEqual({ 'Retry-After': '10' });
    expect(errorAnswer(new AuthError('No token', 'missing')).headers).toEqual({
      'WWW-Authenticate': 'Bearer',
    });
  });

  it('over HTTP, refusals before any route are the contract’s too', async () => {
    const api = await startApiHarness();
    try {
      const unknown = await api.request('senco', 'GET', '/api/secret-things');
      expect(unknown.status).toBe(404);
      expect(isErrorAnswer(unknown.body)).toBe(true);
      const noToken = await api.request(undefined, 'GET', '/api/pupils');
      expect(noToken.status).toBe(401);
      expect(isErrorAnswer(noToken.body)).toBe(true);
    } finally {
      await api.close();
    }
  });
});

describe('isErrorAnswer', () => {
  it('refuses what is not a refusal the tab can rely on', () => {
    expect(isErrorAnswer('<html>Bad gateway</html>')).toBe(false);
    expect(isErrorAnswer({ error: { code: 'not-found', message: 'x' } })).toBe(false);
    expect(isErrorAnswer({ error: { code: 'notFound' } })).toBe(false);
    expect(isErrorAnswer({ error: { code: 'invalidRequest', message: 'x' } })).toBe(false);
    expect(isErrorAnswer({ error: { code: 'invalidRequest', message: 'x', fields: [{ path: 'a' }] } })).toBe(
      false,
    );
    expect(isErrorAnswer({ error: { code: 'consentRequired', message: 'x' } })).toBe(false);
    expect(isErrorAnswer({ error: { code: 'conflict', message: 'x' }, current: 'v2' })).toBe(false);
  });
});
