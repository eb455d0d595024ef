import type { SenNeed } from '../domain/needs.ts';
import type { Pupil } from '../domain/pupil.schema.ts';
import { senHistoryComplete, senHistoryWrites, type SenRecord } from '../domain/sen-record-change.ts';
import type { SenProvisionPeriod } from '../domain/sen-status.ts';
import { ConflictError } from './graph-request-error.ts';
import { sameETag, type SharePointItem } from './list-fields.ts';
import type { ListWrites } from './list-writes.ts';
import { needToFields, senChangeToFields, senPeriodToFields, type SenChange } from './pupils-list.ts';
import type { Actor, AuditEntry, Versioned } from './send-records.ts';

/**
 * Changing a pupil's SEN status and needs, all or nothing, over lists SharePoint cannot change together.
 *
 * 1. Commit: one PATCH of the pupil item, If-Match the version the change was made from, writing the whole
 *    new history and the change's audit entry (SenChange). Before it lands nothing has changed; once it has,
 *    the pupil reads as changed (the replica reads a pupil's history from SenChange), on every server.
 * 2. Finish: write the audit entry (keyed: stored once), then bring the status and needs lists into step —
 *    add the new entries first, then close the ended ones, so the lists never show a pupil with no open
 *    status. Each write is repeatable (createOnce by unique key; closing sets the day an open entry ends).
 *
 * A crash or persistent throttling during step 2 leaves a committed change unfinished, never half-made:
 * `repair` finishes it on start and after every sync, and a later change carries its unwritten audit entries
 * forward. What "finished" means, and that nothing is ever removed or reopened, is the domain's rule
 * (senHistoryWrites), so a late or repeated finish can never undo a newer change.
 */

export type SenChangeDeps = {
  writes: ListWrites<'pupils' | 'senStatus' | 'needs'>;
  newId: () => string;
  /** The pupil item as the replica holds it. */
  pupilItem(pupilId: string): { itemId: string; eTag: string; senChange: SenChange | undefined } | undefined;
  /** Pupils whose item has a SenChange. */
  changedPupils(): Iterable<string>;
  /** The pupil as read (history from SenChange when there is one). */
  pupilRecord(pupilId: string): Versioned<Pupil> | undefined;
  /** What the status and needs lists hold for the pupil. */
  listHistory(pupilId: string): {
    periods: readonly { itemId: string; period: SenProvisionPeriod }[];
    needs: readonly { itemId: string; need: SenNeed }[];
  };
  /** The entry is in the audit log (or too old for the replica to tell, and so long since written). */
  auditWritten(entry: AuditEntry & { id: string }): boolean;
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  /** Our own write, as SharePoint answered it, into the replica. */
  applyOwn(key: 'pupils' | 'senStatus' | 'needs', item: SharePointItem): void;
  syncLists(keys: readonly ('pupils' | 'senStatus' | 'needs')[]): Promise<void>;
  /** A committed change that could not be finished now (it will be, by `repair`). */
  onUnfinished(pupilId: string, error: Error): void;
  /** The replica's clock: how long another instance's change has been seen unfinished. */
  now(): Date;
};

/**
 * How long a change another instance committed may be seen unfinished before this instance finishes it: its
 * maker finishes it within seconds (a few writes), and one finishing it at the same time would only make writes
 * SharePoint refuses as duplicates. A change found unfinished on start is finished at once.
 */
export const OTHERS_CHANGE_GRACE_MS = 2 * 60_000;

export type SenChangeInput = {
  pupilId: string;
  senProvision: Pupil['senProvision'];
  needs: Pupil['needs'];
  expectedETag: string;
  by: Actor;
  audit: AuditEntry;
};

export function pupilSenChanges(deps: SenChangeDeps) {
  /** One change or repair of a pupil at a time in this process. */
  const locks = new Map<string, Promise<unknown>>();
  function locked<T>(pupilId: string, run: () => Promise<T>): Promise<T> {
    const before = locks.get(pupilId) ?? Promise.resolve();
    const result = before.catch(() => undefined).then(run);
    const tail = result.catch(() => undefined);
    locks.set(pupilId, tail);
    void tail.then(() => {
      if (locks.get(pupilId) === tail) locks.delete(pupilId);
    });
    return result;
  }

  const historyOf = (change: SenChange): SenRecord => change as unknown as SenRecord;

  const recordOf = (stored: ReturnType<SenChangeDeps['listHistory']>): SenRecord => ({
    senProvision: stored.periods.map((p) => p.period),
    needs: stored.needs.map((n) => n.need),
  });
  const listRecord = (pupilId: string): SenRecord => recordOf(deps.listHistory(pupilId));

  /** The history a new change is made over: the last committed change, else the lists. */
  function currentHistory(pupilId: string, change: SenChange | undefined): SenRecord {
    return change ? historyOf(change) : listRecord(pupilId);
  }

  /**
   * Whether the lists are not yet in step with the committed change. Its audit entries need no look of their
   * own: `finish` writes them before the lists, and every change adds to the lists (`save` refuses one that
   * does not), so lists in step mean the entries were written — whoever finished it, and though an instance
   * that holds no audit window (the log is read only for the audit view) could not tell from its replica.
   */
  function unfinished(pupilId: string): boolean {
    const change = deps.pupilItem(pupilId)?.senChange;
    if (!change) return false;
    return !senHistoryComplete(listRecord(pupilId), historyOf(change));
  }

  /** Changes committed by this instance (finished by it straight away, or by `repair` after a failure). */
  const ownChanges = new Set<string>();
  /** When another instance's change was first seen unfinished (by change id). */
  const othersSeenAt = new Map<string, number>();
  /** Changes found unfinished on start: left so by a crash or throttling, never waited for. */
  const foundOnStart = new Set<string>();
  let repairs = 0;
  /** Another instance's change seen unfinished only lately: left to its maker (OTHERS_CHANGE_GRACE_MS). */
  function leftToItsMaker(change: SenChange, onStart: boolean): boolean {
    if (onStart) foundOnStart.add(change.changeId);
    if (foundOnStart.has(change.changeId) || ownChanges.has(change.changeId)) return false;
    const at = deps.now().getTime();
    const seen = othersSeenAt.get(change.changeId) ?? at;
    othersSeenAt.set(change.changeId, seen);
    return at - seen < OTHERS_CHANGE_GRACE_MS;
  }

  /** Step 2 for the pupil's committed change; repeatable, and a no-op once done. */
  async function finish(pupilId: string): Promise<void> {
    const change = deps.pupilItem(pupilId)?.senChange;
    if (!change) return;
    const operation = `finish the change of the SEN status and needs of pupil ${pupilId}`;
    const unwritten = change.audit.filter((e) => !deps.auditWritten(e));
    if (unwritten.length > 0) await deps.appendAudit(unwritten);
    // A second pass when an add found an entry already there in another state (made by a server that had
    // not yet seen this change): it is then closed like any other. Every pass only adds or closes.
    for (let pass = 0; pass < 3; pass++) {
      const stored = deps.listHistory(pupilId);
      const writes = senHistoryWrites(recordOf(stored), historyOf(change));
      if (senHistoryComplete(recordOf(stored), historyOf(change))) return;
      for (const period of writes.addPeriods)
        deps.applyOwn(
          'senStatus',
          await deps.writes.createOnce('senStatus', senPeriodToFields(pupilId, period), operation),
        );
      for (const need of writes.addNeeds)
        deps.applyOwn('needs', await deps.writes.createOnce('needs', needToFields(pupilId, need), operation));
      for (const { stored: period, endOn } of writes.closePeriods) {
        const itemId = stored.periods.find((p) => p.period === period)?.itemId;
        if (itemId)
          deps.applyOwn(
            'senStatus',
            await deps.writes.patch('senStatus', itemId, { EndOn: endOn }, operation),
          );
      }
      for (const { stored: need, endOn } of writes.closeNeeds) {
        const itemId = stored.needs.find((n) => n.need === need)?.itemId;
        if (itemId)
          deps.applyOwn('needs', await deps.writes.patch('needs', itemId, { EndOn: endOn }, operation));
      }
    }
  }

  return {
    /**
     * Commits the change (the pupil is then changed, whatever follows) and finishes it. Throws ConflictError
     * when `expectedETag` is not the pupil's version, RangeError when the change would remove, reopen or
     * re-date history, and the Graph error when the commit itself failed (the pupil is as before). A commit
     * that could not be finished at once resolves all the same: it is finished by `repair`.
     */
    save(input: SenChangeInput): Promise<Versioned<Pupil>> {
      const { pupilId, expectedETag, by } = input;
      const what = `SEN status and needs of pupil ${pupilId}`;
      return locked(pupilId, async () => {
        const conflict = (cause?: unknown) =>
          new ConflictError('pupil’s SEN status and needs', deps.pupilRecord(pupilId), { cause });
        if (!sameETag(deps.pupilItem(pupilId)?.eTag, expectedETag)) {
          // Our replica may be behind: look again before calling it a conflict.
          await deps.syncLists(['pupils', 'senStatus', 'needs']);
          if (!deps.pupilItem(pupilId)) throw new Error(`Cannot save the ${what}: no such pupil`);
          if (!sameETag(deps.pupilItem(pupilId)?.eTag, expectedETag)) throw conflict();
        }
        const item = deps.pupilItem(pupilId);
        if (!item) throw new Error(`Cannot save the ${what}: no such pupil`);
        const next: SenRecord = { senProvision: input.senProvision, needs: input.needs };
        const { problems } = senHistoryWrites(currentHistory(pupilId, item.senChange), next);
        if (problems.length > 0) throw new RangeError(`Cannot save the ${what}: ${problems.join('; ')}`);
        // A change adds to the lists: what tells every instance its audit entries are written (`unfinished`).
        if (senHistoryComplete(listRecord(pupilId), next))
          throw new RangeError(`Cannot save the ${what}: nothing would change`);

        const changeId = deps.newId();
        ownChanges.add(changeId);
        // Only lately made ones matter (an older one is finished, or found by `repair` as anyone's is).
        if (ownChanges.size > 1000) ownChanges.delete(ownChanges.values().next().value!);
        const change: SenChange = {
          changeId,
          senProvision: next.senProvision,
          needs: next.needs,
          // An earlier change's entries that may not be written yet travel with this one.
          audit: [
            ...(item.senChange?.audit.filter((e) => !deps.auditWritten(e)) ?? []),
            { ...input.audit, id: input.audit.id ?? changeId },
          ],
        };
        const committed = await deps.writes.patchIfMatch({
          key: 'pupils',
          itemId: item.itemId,
          fields: {
            ...senChangeToFields(change),
            ChangedByUserId: by.userId,
            ChangedByName: by.name,
            WriteId: changeId,
          },
          version: expectedETag,
          operation: `save the ${what}`,
          conflict: async (current, cause) => {
            deps.applyOwn('pupils', current);
            await deps.syncLists(['senStatus', 'needs']).catch(() => undefined);
            return conflict(cause);
          },
        });
        deps.applyOwn('pupils', committed);
        try {
          await finish(pupilId);
        } catch (err) {
          deps.onUnfinished(pupilId, err instanceof Error ? err : new Error(String(err)));
        }
        const saved = deps.pupilRecord(pupilId);
        if (!saved) throw new Error(`The ${what} were saved but could not be read back`);
        return saved;
      });
    },

    /** Finishes every committed change not yet finished (after a crash, or throttling). */
    async repair(): Promise<void> {
      const onStart = repairs++ === 0;
      // Forgotten long after their grace (finished or superseded by then, or waited for once more).
      for (const [changeId, seen] of othersSeenAt)
        if (deps.now().getTime() - seen > 10 * OTHERS_CHANGE_GRACE_MS) othersSeenAt.delete(changeId);
      for (const pupilId of [...deps.changedPupils()]) {
        if (!unfinished(pupilId)) continue;
        const change = deps.pupilItem(pupilId)?.senChange;
        if (change && leftToItsMaker(change, onStart)) continue;
        try {
          await locked(pupilId, () => finish(pupilId));
        } catch (err) {
          deps.onUnfinished(pupilId, err instanceof Error ? err : new Error(String(err)));
        }
      }
    },

    /** Pupils with a committed change not yet finished (for tests and health checks). */
    unfinished: () => [...deps.changedPupils()].filter(unfinished),
  };
}

export type PupilSenChanges = ReturnType<typeof pupilSenChanges>;
