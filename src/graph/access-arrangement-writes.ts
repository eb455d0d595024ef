import { examAccessArrangementSchema, type ExamAccessArrangement } from '../domain/exam-access.schema.ts';
import { accessArrangementToFields } from './access-arrangements-list.ts';
import { ConflictError } from './graph-request-error.ts';
import { sameETag, type SharePointItem } from './list-fields.ts';
import type { ListWrites } from './list-writes.ts';
import type { Actor, Versioned } from './send-records.ts';

/**
 * Writing exam access arrangements: one item per arrangement, the one record the passport, the class view
 * and the pupil page all show. A new arrangement is created under its ArrangementId (a retried create is
 * stored once); a change quotes the version it was made from (If-Match), so a stale change is a
 * ConflictError carrying the arrangement as now stored.
 */

export type AccessArrangementWritesDeps = {
  writes: ListWrites<'accessArrangements'>;
  newId: () => string;
  record(id: string): (Versioned<ExamAccessArrangement> & { itemId: string }) | undefined;
  applyOwn(item: SharePointItem): void;
  syncArrangements(): Promise<void>;
};

export function accessArrangementWrites(deps: AccessArrangementWritesDeps) {
  const conflict = (id: string, cause?: unknown) =>
    new ConflictError('exam access arrangement', deps.record(id), { cause });
  const readBack = (id: string) => {
    const saved = deps.record(id);
    if (!saved) throw new Error(`The exam access arrangement ${id} was saved but could not be read back`);
    const { itemId: _itemId, ...versioned } = saved;
    return versioned;
  };

  return {
    /**
     * Creates the arrangement when `expectedETag` is undefined (ConflictError if its id is taken by another
     * write), else changes it from that version (ConflictError if stale).
     */
    async save(input: {
      arrangement: ExamAccessArrangement;
      expectedETag: string | undefined;
      by: Actor;
    }): Promise<Versioned<ExamAccessArrangement>> {
      const arrangement = examAccessArrangementSchema.parse(input.arrangement);
      const { id } = arrangement;
      const what = `exam access arrangement ${id} of pupil ${arrangement.pupilId}`;
      const writeId = deps.newId();
      const fields = {
        ...accessArrangementToFields(arrangement),
        ChangedByUserId: input.by.userId,
        ChangedByName: input.by.name,
        WriteId: writeId,
      };
      if (input.expectedETag === undefined) {
        const item = await deps.writes.createOnce('accessArrangements', fields, `record the ${what}`);
        if (item.fields?.['WriteId'] !== writeId) {
          deps.applyOwn(item);
          throw conflict(id);
        }
        deps.applyOwn(item);
        return readBack(id);
      }
      if (!sameETag(deps.record(id)?.eTag, input.expectedETag)) {
        await deps.syncArrangements();
        if (!sameETag(deps.record(id)?.eTag, input.expectedETag)) throw conflict(id);
      }
      const stored = deps.record(id);
      if (!stored) throw conflict(id);
      if (stored.value.pupilId !== arrangement.pupilId)
        throw new RangeError(`Cannot save the ${what}: it belongs to another pupil`);
      const item = await deps.writes.patchIfMatch({
        key: 'accessArrangements',
        itemId: stored.itemId,
        fields,
        version: input.expectedETag,
        operation: `save the ${what}`,
        conflict: (current, cause) => {
          deps.applyOwn(current);
          return conflict(id, cause);
        },
      });
      deps.applyOwn(item);
      return readBack(id);
    },
  };
}

export type AccessArrangementWrites = ReturnType<typeof accessArrangementWrites>;
