// @vitest-environment jsdom
import { HttpResponse } from 'msw';
import type { Referral } from '../../domain/referral.schema.ts';
import { apiAnswers } from '../testing/api-answers.ts';
import { refusal } from '../testing/error-answers.ts';
import { setupApiServer } from '../testing/render.tsx';
import { ApiError, createApiClient } from './api-client.ts';
import { conflictOf, errorAnswerOf } from './error-answers.ts';
import { fieldErrorsOf, fieldProblemsOf } from './field-errors.ts';

const server = setupApiServer();
const api = createApiClient(() => Promise.resolve('token'));
const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (e: unknown) => e,
  );

const theirs = { id: 'ref-1', pupilId: 'pupil-1', asked: 'Assessment of speech' } as unknown as Referral;

describe('the server’s refusals, read as the contract types them', () => {
  it('a 409 gives the stored version to merge from, with who saved it and when', async () => {
    server.use(
      apiAnswers.put('*/api/pupils/pupil-1/referrals/ref-1', () =>
        refusal.conflict({
          value: theirs,
          eTag: '"r2"',
          modifiedBy: 'Sara Patel',
          modifiedAt: '2026-11-22T10:00:00Z',
        }),
      ),
    );
    const error = await failureOf(api.put('/api/pupils/pupil-1/referrals/ref-1', {}));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Changed by someone else');
    expect(conflictOf<Referral>(error)).toEqual({
      current: { value: theirs, eTag: '"r2"', modifiedBy: 'Sara Patel', modifiedAt: '2026-11-22T10:00:00Z' },
      eTag: '"r2"',
      changedBy: 'Sara Patel',
      changedAt: '2026-11-22T10:00:00Z',
    });
    expect(fieldErrorsOf(error)).toEqual({});
  });

  it('a 409 that shows only who saved which version keeps its tag but has nothing to merge from', async () => {
    server.use(
      apiAnswers.put('*/api/pupils/pupil-1/referrals/ref-1', () =>
        refusal.conflict({ eTag: '"r2"', modifiedAt: '2026-11-22T10:00:00Z' }),
      ),
    );
    const error = await failureOf(api.put('/api/pupils/pupil-1/referrals/ref-1', {}));
    expect(conflictOf(error)).toEqual({
      current: null,
      eTag: '"r2"',
      changedBy: null,
      changedAt: '2026-11-22T10:00:00Z',
    });
  });

  it('a 409 of another kind, or one not in the contract’s shape, is no version conflict', async () => {
    server.use(
      apiAnswers.put('*/api/pupils/pupil-1/referrals/ref-1', () =>
        HttpResponse.json(
          { error: { code: 'meetingState', message: 'The meeting was cancelled.' } },
          { status: 409 },
        ),
      ),
      apiAnswers.put('*/api/pupils/pupil-2/referrals/ref-1', () =>
        HttpResponse.text('<html>Conflict</html>', { status: 409 }),
      ),
    );
    const meeting = await failureOf(api.put('/api/pupils/pupil-1/referrals/ref-1', {}));
    expect(conflictOf(meeting)).toBeUndefined();
    expect(errorAnswerOf(meeting, 'meetingState')?.error.message).toBe('The meeting was cancelled.');
    const proxy = await failureOf(api.put('/api/pupils/pupil-2/referrals/ref-1', {}));
    expect(conflictOf(proxy)).toBeUndefined();
    expect((proxy as ApiError).answer).toBeUndefined();
    expect((proxy as ApiError).message).toBe(
      'SENCO Hub’s server could not do this. Reload the tab, then try again.',
    );
  });

  it('a 400 names each field at fault', async () => {
    server.use(
      apiAnswers.post('*/api/pupils/pupil-1/referrals', () =>
        refusal.validation([
          { path: 'sentOn', message: 'Date sent cannot be in the future' },
          { path: 'asked', message: 'Say what was asked' },
        ]),
      ),
    );
    const error = await failureOf(api.post('/api/pupils/pupil-1/referrals', {}));
    expect(fieldErrorsOf(error)).toEqual({
      sentOn: 'Date sent cannot be in the future',
      asked: 'Say what was asked',
    });
    expect(conflictOf(error)).toBeUndefined();
  });

  it('a 400 whose fields are not the contract’s is not read as fields, and its words are ours', async () => {
    server.use(
      apiAnswers.post('*/api/pupils/pupil-1/referrals', () =>
        HttpResponse.json({ error: { code: 'invalid', fields: 'sentOn' } } as never, { status: 400 }),
      ),
    );
    const error = await failureOf(api.post('/api/pupils/pupil-1/referrals', {}));
    expect(fieldProblemsOf(error)).toEqual([]);
    expect((error as ApiError).code).toBe('error');
  });

  it('a missing consent names the permissions an administrator must grant', async () => {
    server.use(
      apiAnswers.post('*/api/pupils/pupil-1/bookings', () =>
        refusal.consentRequired(['Calendars.ReadWrite'], 'Ask your IT admin to grant SENCO Hub permission.'),
      ),
    );
    const error = await failureOf(api.post('/api/pupils/pupil-1/bookings', {}));
    expect((error as ApiError).status).toBe(403);
    expect(errorAnswerOf(error, 'consentRequired')?.error.scopes).toEqual(['Calendars.ReadWrite']);
    expect(errorAnswerOf(error, 'forbidden')).toBeUndefined();
  });
});
