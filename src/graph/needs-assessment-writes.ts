import type { EhcNeedsAssessment } from '../domain/ehc-needs-assessment.schema.ts';
import { ConflictError } from './graph-request-error.ts';
import { sameETag, type SharePointItem } from './list-fields.ts';
import type { ListWrites } from './list-writes.ts';
import { needsAssessmentToFields } from './needs-assessments-list.ts';
import type { Actor, Versioned } from './send-records.ts';

/**
 * Recording an EHC needs assessment request and its milestones: each a write to one item. A request is a
 * create under a fresh AssessmentId (`createOnce`: a retried create is not doubled; its WriteId tells ours
 * from another's); a milestone is a PATCH If-Match the version it was made from (`patchIfMatch`), so a change
 * made by someone else in between is a ConflictError with the request as now stored, never overwritten.
 */

export type NeedsAssessmentWritesDeps = {
  writes: ListWrites<'needsAssessments'>;
  newId: () => string;
  /** The item as the replica holds it. */
  item(assessmentId: string): { itemId: string; eTag: string } | undefined;
  /** The request as read, with its version. */
  record(assessmentId: string): Versioned<EhcNeedsAssessment> | undefined;
  /** Our own write, as SharePoint answered it, into the replica. */
  applyOwn(item: SharePointItem): void;
  sync(): Promise<void>;
};

const RESOURCE = 'EHC needs assessment request';

export function needsAssessmentWrites(deps: NeedsAssessmentWritesDeps) {
  const changedBy = (by: Actor, writeId: string) => ({
    ChangedByUserId: by.userId,
    ChangedByName: by.name,
    WriteId: writeId,
  });

  const readBack = (id: string): Versioned<EhcNeedsAssessment> => {
    const saved = deps.record(id);
    if (!saved) throw new Error(`The ${RESOURCE} ${id} was saved but could not be read back`);
    return saved;
  };

  return {
    /** A new request (its id assigned here). */
    async create(input: {
      assessment: Omit<EhcNeedsAssessment, 'id'>;
      by: Actor;
    }): Promise<Versioned<EhcNeedsAssessment>> {
      const assessment: EhcNeedsAssessment = { ...input.assessment, id: deps.newId() };
      const writeId = deps.newId();
      const item = await deps.writes.createOnce(
        'needsAssessments',
        { ...needsAssessmentToFields(assessment), ...changedBy(input.by, writeId) },
        `record an ${RESOURCE} for pupil ${assessment.pupilId}`,
      );
      if (item.fields?.['WriteId'] !== writeId) {
        deps.applyOwn(item);
        throw new ConflictError(RESOURCE, deps.record(assessment.id));
      }
      deps.applyOwn(item);
      return readBack(assessment.id);
    },

    /**
     * The request as given (its milestones recorded), if it is still at `expectedETag`. Throws ConflictError
     * with the request as now stored otherwise, and RangeError when there is no such request.
     */
    async update(input: {
      assessment: EhcNeedsAssessment;
      expectedETag: string;
      by: Actor;
    }): Promise<Versioned<EhcNeedsAssessment>> {
      const { assessment, expectedETag, by } = input;
      const id = assessment.id;
      if (!sameETag(deps.item(id)?.eTag, expectedETag)) {
        // Our replica may be behind: look again before calling it a conflict.
        await deps.sync();
        if (!deps.item(id)) throw new RangeError(`There is no ${RESOURCE} ${id}`);
        if (!sameETag(deps.item(id)?.eTag, expectedETag)) throw new ConflictError(RESOURCE, deps.record(id));
      }
      const item = deps.item(id);
      if (!item) throw new RangeError(`There is no ${RESOURCE} ${id}`);
      const stored = await deps.writes.patchIfMatch({
        key: 'needsAssessments',
        itemId: item.itemId,
        fields: { ...needsAssessmentToFields(assessment), ...changedBy(by, deps.newId()) },
        version: expectedETag,
        operation: `record milestones of ${RESOURCE} ${id}`,
        conflict: (current, cause) => {
          deps.applyOwn(current);
          return new ConflictError(RESOURCE, deps.record(id), { cause });
        },
      });
      deps.applyOwn(stored);
      return readBack(id);
    },
  };
}

export type NeedsAssessmentWrites = ReturnType<typeof needsAssessmentWrites>;
