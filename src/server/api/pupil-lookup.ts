import type { Pupil } from '../../domain/pupil.schema.ts';
import type { Directory } from '../../graph/directory.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import { pupilAccess } from '../access/access-policy.ts';
import { NotFoundError } from './api-errors.ts';
import type { RequestContext } from './request-context.ts';

const NO_SUCH_PUPIL = 'No such pupil.';

/** A pupil the caller may see, with how much; unknown and not-permitted pupils are the same 404. */
export function findVisiblePupil(
  records: Pick<SendRecordsReader, 'pupil'>,
  context: RequestContext,
  pupilId: string,
): { pupil: Pupil; access: 'full' | 'class' } {
  const pupil = records.pupil(pupilId);
  const access = pupil ? pupilAccess(context.caller, pupil, context.today) : 'none';
  if (!pupil || access === 'none') throw new NotFoundError(NO_SUCH_PUPIL);
  return { pupil, access };
}

/**
 * A pupil whose whole record the caller may read (SENCO, SEND team). Class staff get the same 404 as for a
 * pupil they cannot see: whether a pupil has, say, an EHC plan is not theirs to learn from the API.
 */
export function findPupilRecord(
  records: Pick<SendRecordsReader, 'pupil'>,
  context: RequestContext,
  pupilId: string,
): Pupil {
  const found = findVisiblePupil(records, context, pupilId);
  if (found.access !== 'full') throw new NotFoundError(NO_SUCH_PUPIL);
  return found.pupil;
}

/** Class display names by id, for showing a pupil's classes. */
export async function classNamesOf(directory: Pick<Directory, 'classes'>): Promise<Map<string, string>> {
  return new Map((await directory.classes()).map((c) => [c.id, c.displayName]));
}
