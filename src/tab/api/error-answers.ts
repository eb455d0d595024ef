import {
  hasStoredValues,
  type ErrorAnswer,
  type ErrorAnswerOf,
  type ErrorCode,
  type StoredVersion,
} from '../../contract/errors.ts';
import { ApiError } from './api-client.ts';

/**
 * The server's refusals read as the contract types them (src/contract/errors.ts): the tab never reaches into
 * an error's body by hand.
 */

/** The server's answer of that kind, when the error is one. */
export function errorAnswerOf<C extends ErrorCode>(error: unknown, code: C): ErrorAnswerOf<C> | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const answer: ErrorAnswer | undefined = error.answer;
  return answer?.error.code === code ? (answer as ErrorAnswerOf<C>) : undefined;
}

/** A 409 read as a record of `T` as now stored: its values when the route showed them, who saved it and when. */
export type Conflict<T> = {
  /** The stored version with its values; null when the record is gone or the route shows only who and when. */
  current: StoredVersion<T> | null;
  /** The stored version's tag, to save over it; undefined when the record is gone. */
  eTag: string | undefined;
  changedBy: string | null;
  changedAt: string | null;
};

/**
 * A version conflict (409 `conflict`), typed by what the route that answered shows of its record: the caller
 * names `T` as it names a read's answer type.
 */
export function conflictOf<T>(error: unknown): Conflict<T> | undefined {
  const answer = errorAnswerOf(error, 'conflict');
  if (!answer) return undefined;
  const stored = answer.current ?? null;
  return {
    current: hasStoredValues<T>(stored) ? stored : null,
    eTag: stored?.eTag,
    changedBy: answer.changedBy ?? stored?.modifiedBy ?? null,
    changedAt: answer.changedAt ?? stored?.modifiedAt ?? null,
  };
}
