import { HttpResponse } from 'msw';
import {
  ERROR_STATUS,
  type ErrorAnswer,
  type ErrorAnswerOf,
  type ErrorCode,
  type FieldProblem,
  type StoredVersion,
  type VersionStamp,
} from '../../contract/errors.ts';

/**
 * The server's refusals for the tab's tests, built from the contract's types (src/contract/errors.ts) with
 * the status each kind comes with, so a fixture cannot drift from what the server sends. Use them as the
 * answer of an `apiAnswers` handler: `apiAnswers.put('*\/api/…', () => refusal.conflict(theirs))`.
 */
export function refusalOf<C extends ErrorCode>(body: ErrorAnswerOf<C>) {
  const answer: ErrorAnswer = body;
  return HttpResponse.json<ErrorAnswer>(answer, { status: ERROR_STATUS[answer.error.code] });
}

export const refusal = {
  /** 400 naming each field at fault, with the server's summary sentence. */
  validation: (fields: FieldProblem[]) =>
    refusalOf<'invalidRequest'>({
      error: {
        code: 'invalidRequest',
        message: `There is a problem with the request: ${fields[0]?.path}: ${fields[0]?.message}`,
        fields,
      },
    }),
  /** 409 with the version now stored (with its values, or only who and when), as the server words it. */
  conflict: <T>(current: StoredVersion<T> | VersionStamp | null, message = 'Changed by someone else') =>
    refusalOf<'conflict'>({
      error: { code: 'conflict', message },
      current,
      changedBy: current?.modifiedBy ?? null,
      changedAt: current?.modifiedAt ?? null,
    }),
  consentRequired: (scopes: string[], message: string) =>
    refusalOf<'consentRequired'>({ error: { code: 'consentRequired', message, scopes } }),
  notFound: (message: string) => refusalOf<'notFound'>({ error: { code: 'notFound', message } }),
  forbidden: (message: string) => refusalOf<'forbidden'>({ error: { code: 'forbidden', message } }),
  busy: () =>
    refusalOf<'busy'>({
      error: { code: 'busy', message: 'Microsoft 365 is busy. Please try again in a moment.' },
    }),
};
