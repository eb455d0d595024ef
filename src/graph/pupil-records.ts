import type { SenNeed } from '../domain/needs.ts';
import { pupilSchema, type Pupil } from '../domain/pupil.schema.ts';
import { senRecordInOrder } from '../domain/sen-record-change.ts';
import type { SenProvisionPeriod } from '../domain/sen-status.ts';
import { pupilSenChanges } from './pupil-sen-change.ts';
import { groupBy, inItemOrder, versioned, type RecordsContext } from './replica-lists.ts';
import type { AuditEntry, SendRecords, TaAssignment, Versioned } from './send-records.ts';

/**
 * Pupils as the replica reads them: the pupil item joined with their SEN status periods and needs (or, for a
 * change committed through the app and not yet finished in those lists, the history the change carries), and
 * the all-or-nothing SEN status and needs change (pupil-sen-change.ts). Also the TA assignments.
 */

export type PupilRecordsDeps = {
  /** Whether an audit entry is in the audit log already (or older than the log's window). */
  auditWritten(entry: AuditEntry & { id: string }): boolean;
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  now(): Date;
};

/** Stored rows in the domain's order, before they are checked (a malformed one is refused by the pupil's schema). */
const inOrder = (record: {
  senProvision: readonly Record<string, unknown>[];
  needs: readonly Record<string, unknown>[];
}) =>
  senRecordInOrder(
    record as { senProvision: Pick<SenProvisionPeriod, 'startOn'>[]; needs: Pick<SenNeed, 'rank'>[] },
  );

export function pupilRecords(ctx: RecordsContext, deps: PupilRecordsDeps) {
  const { mirror } = ctx;

  /** What the status and needs lists hold, by pupil. */
  const listHistoryView = mirror.view(['senStatus', 'needs'], () => ({
    periods: groupBy(mirror.entries('senStatus').values(), (e) => e.row.pupilId),
    needs: groupBy(mirror.entries('needs').values(), (e) => e.row.pupilId),
  }));

  const pupilsView = mirror.view(['pupils', 'senStatus', 'needs'], () => {
    const { periods, needs } = listHistoryView();
    const list: Pupil[] = [];
    const versions = new Map<string, Versioned<Pupil>>();
    for (const entry of mirror.entries('pupils').values()) {
      const { senChange, ...row } = entry.row;
      const id = row.id;
      // A change committed through the app is the pupil's history, whether or not the lists have caught up.
      const pupil = ctx.parse('pupil', id, pupilSchema, {
        ...row,
        ...inOrder({
          senProvision: senChange?.senProvision ?? (periods.get(id) ?? []).map((e) => e.row.period),
          needs: senChange?.needs ?? (needs.get(id) ?? []).map((e) => e.row.need),
        }),
      });
      if (pupil) {
        list.push(pupil);
        versions.set(pupil.id, versioned(entry, pupil));
      }
    }
    const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
    list.sort(
      (a, b) =>
        collator.compare(a.legalSurname, b.legalSurname) ||
        collator.compare(a.legalForename, b.legalForename) ||
        a.id.localeCompare(b.id),
    );
    return { list, byId: new Map(list.map((p) => [p.id, p])), versions };
  });

  const taAssignmentsView = mirror.view(['taAssignments'], () =>
    inItemOrder(mirror, 'taAssignments').map((e) => e.row),
  );

  const senChanges = pupilSenChanges({
    writes: mirror.writes,
    newId: ctx.newId,
    pupilItem: (pupilId) => {
      const entry = mirror.find('pupils', (row) => row.id === pupilId);
      return entry && { itemId: entry.itemId, eTag: entry.eTag, senChange: entry.row.senChange };
    },
    changedPupils: () =>
      [...mirror.entries('pupils').values()].filter((e) => e.row.senChange).map((e) => e.row.id),
    pupilRecord: (pupilId) => pupilsView().versions.get(pupilId),
    listHistory: (pupilId) => {
      const { periods, needs } = listHistoryView();
      return {
        periods: (periods.get(pupilId) ?? []).map((e) => ({
          itemId: e.itemId,
          period: e.row.period as unknown as SenProvisionPeriod,
        })),
        needs: (needs.get(pupilId) ?? []).map((e) => ({
          itemId: e.itemId,
          need: e.row.need as unknown as SenNeed,
        })),
      };
    },
    auditWritten: (entry) => deps.auditWritten(entry),
    appendAudit: (entries) => deps.appendAudit(entries),
    applyOwn: (key, item) => void mirror.applyOwn(key, item),
    syncLists: mirror.syncLists,
    onUnfinished: (pupilId, error) => ctx.report({ kind: 'sen-change-unfinished', pupilId, error }),
    now: () => deps.now(),
  });

  const records: Pick<SendRecords, 'pupils' | 'pupil' | 'pupilRecord' | 'taAssignments' | 'savePupilSen'> = {
    pupils: () => pupilsView().list,
    pupil: (id) => pupilsView().byId.get(id),
    pupilRecord: (id) => pupilsView().versions.get(id),
    taAssignments: (): readonly TaAssignment[] => taAssignmentsView(),
    savePupilSen: (input) => senChanges.save(input),
  };
  return {
    records,
    /** Finishes SEN changes a crash or throttling left unfinished. */
    repair: () => senChanges.repair(),
    unfinished: () => senChanges.unfinished(),
  };
}
