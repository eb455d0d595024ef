import { ConflictError } from '../../graph/graph-request-error.ts';
import type { AuditEntry, Versioned } from '../../graph/send-records.ts';
import type { AuditLogger } from '../audit/audit-logger.ts';
import { StaleVersionError } from './api-errors.ts';

/**
 * A 409 answers with only what the client needs to merge: the values of what it was changing as they are
 * now stored, the version to quote next time, and who saved it when. Never the whole record (a pupil's date
 * of birth, contacts, looked-after or pupil premium flags are not what an edit of their needs is about).
 * When the values shown are a pupil's, the answer is a read of them and is audited before it is sent.
 *
 * Use as the rejection handler of a write: `await write().catch(conflictAnswer({ ... }))`. Any other error
 * passes through unchanged.
 */
export function conflictAnswer<T, S>(input: {
  /** What the client may see of the stored version. */
  shape: (current: T) => S;
  /** The read this answer is, when it shows a pupil's data; awaited before the answer goes. */
  audit?: { logger: AuditLogger; entry: AuditEntry };
}): (err: unknown) => Promise<never> {
  return async (err) => {
    if (!(err instanceof ConflictError)) throw err;
    const current = err.current as Versioned<T> | undefined;
    const shown: Versioned<S> | undefined = current && {
      value: input.shape(current.value),
      eTag: current.eTag,
      modifiedAt: current.modifiedAt,
      modifiedBy: current.modifiedBy,
    };
    if (shown && input.audit) await input.audit.logger.record(input.audit.entry);
    throw new StaleVersionError(err.message, shown, { cause: err });
  };
}
