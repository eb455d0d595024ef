import { z } from 'zod';
import { ApiError } from './api-client.ts';
import { fieldErrorsOf, schemaErrorsOf } from './field-errors.ts';

describe('field errors', () => {
  it('reads a 400 by field, and nothing from other answers', () => {
    const body = {
      error: {
        code: 'invalidRequest',
        message:
          'There are 2 problems with the request: decisionToAssess.notifiedOn: Date notified cannot be in the future',
        fields: [
          { path: 'decisionToAssess.notifiedOn', message: 'Date notified cannot be in the future' },
          { path: 'requestedBy', message: 'Requested by is not recognised' },
        ],
      },
    };
    expect(fieldErrorsOf(new ApiError(400, 'invalidRequest', 'Bad request', body))).toEqual({
      'decisionToAssess.notifiedOn': 'Date notified cannot be in the future',
      requestedBy: 'Requested by is not recognised',
    });
    expect(
      fieldErrorsOf(new ApiError(409, 'conflict', 'Conflict', { error: { code: 'conflict', message: 'x' } })),
    ).toEqual({});
    // Fields in a body that is not the contract's 400 are not read as the server's.
    expect(
      fieldErrorsOf(new ApiError(400, 'invalid', 'Bad', { error: { fields: body.error.fields } })),
    ).toEqual({});
    expect(fieldErrorsOf(new Error('offline'))).toEqual({});
  });

  it('keeps the first message of the contract schema for each field', () => {
    const schema = z.object({ name: z.string().min(1, 'Name is required').max(3, 'Name is too long') });
    const result = schema.safeParse({ name: '' });
    expect(result.success).toBe(false);
    if (!result.success) expect(schemaErrorsOf(result.error)).toEqual({ name: 'Name is required' });
  });
});
