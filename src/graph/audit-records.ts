import { AUDIT_LOG_LIST, auditEntryToFields, auditGroupToFields } from './audit-log-list.ts';
import { runBatch, type BatchRequest } from './batch.ts';
import { createOnce } from './create-once.ts';
import { BatchWriteError, GraphRequestError } from './graph-request-error.ts';
import { createFields, type SharePointItem } from './list-fields.ts';
import { groupBy, type RecordsContext } from './replica-lists.ts';
import type { AuditEntry, SendRecords } from './send-records.ts';

/** The first instant of an item's entries (an item holding a group is as old as its first entry). */
export const earliestAt = (entries: readonly AuditEntry[]): string =>
  entries.reduce((min, e) => (min === '' || e.at < min ? e.at : min), '');

/**
 * The audit log: it grows with every read of a pupil record, so the mirror holds only its window (read on
 * demand, see list-mirror.ts). An item holds one entry or (since v6, `appendAuditGroup`) the entries of one
 * send; either way it is stored under a unique `EntryId` (the entry's, or the group's), so an item sent again
 * is stored once. Readers see entries, never items.
 */
export function auditRecords(ctx: RecordsContext) {
  const { mirror, newId } = ctx;

  /** Every entry held, with its item's id and its place in the item (for a stable order). */
  const heldEntries = () =>
    [...mirror.entries('auditLog').values()].flatMap((item) =>
      item.row.map((entry, place) => ({ entry, itemId: Number(item.itemId), place })),
    );

  const auditIdsView = mirror.view(['auditLog'], () => new Set(heldEntries().map((e) => e.entry.id)));

  const auditView = mirror.view(['auditLog'], () => {
    const entries = heldEntries();
    // Newest first; SharePoint keeps seconds, so the item id (creation order), then the place in the item,
    // breaks ties.
    entries.sort((a, b) => b.entry.at.localeCompare(a.entry.at) || b.itemId - a.itemId || b.place - a.place);
    const rows = entries.map((e) => e.entry);
    return { all: rows, byPupil: groupBy(rows, (e) => e.pupilId) };
  });

  const records: Pick<SendRecords, 'refreshAuditLog' | 'auditLog' | 'appendAudit' | 'appendAuditGroup'> = {
    refreshAuditLog: () => mirror.load('auditLog'),
    auditLog: ({ pupilId, limit }) => {
      const { all, byPupil } = auditView();
      return (pupilId === undefined ? all : (byPupil.get(pupilId) ?? [])).slice(0, Math.max(0, limit));
    },

    async appendAudit(entries) {
      if (entries.length === 0) return;
      const operation = 'append to the audit log';
      const withIds = entries.map((e) => ({ ...e, id: e.id ?? newId() }));
      const requests: BatchRequest[] = withIds.map((e) => ({
        id: e.id,
        method: 'POST',
        url: mirror.itemsPath('auditLog'),
        body: { fields: createFields(auditEntryToFields(e.id, e)) },
        // A failed create is read back by its EntryId: one stored already (a retried write) is what we wanted.
        key: { column: AUDIT_LOG_LIST.keyColumn, value: e.id },
      }));
      const results = await runBatch(mirror.connection, requests, { operation });
      const failures: { id: string; error: GraphRequestError; record: AuditEntry }[] = [];
      const stored: SharePointItem[] = [];
      for (const entry of withIds) {
        const result = results.get(entry.id);
        if (result && !result.error) {
          stored.push(result.body as SharePointItem);
          continue;
        }
        // 409: an entry with this id is stored already (a retried write), which is what we wanted.
        if (result?.error?.status === 409) continue;
        failures.push({
          id: entry.id,
          error: result?.error ?? new GraphRequestError({ status: 0, message: 'No result', operation }),
          record: entry,
        });
      }
      // Applied from SharePoint's answers: the next poll brings anyone else's entries.
      mirror.applyAnswers('auditLog', stored);
      if (failures.length > 0) throw new BatchWriteError(operation, failures);
    },

    async appendAuditGroup(groupId, entries) {
      if (entries.length === 0) return;
      // One item, keyed by the group's id: all of the group is stored or none of it, and a group sent again
      // (its answer lost, or the process stopped before the journal said it was sent) is found by its key.
      const { item } = await createOnce(
        mirror.connection,
        {
          itemsPath: mirror.itemsPath('auditLog'),
          key: { column: AUDIT_LOG_LIST.keyColumn, value: groupId },
          fields: auditGroupToFields(groupId, entries),
        },
        'append a group of entries to the audit log',
      );
      mirror.applyAnswers('auditLog', [item]);
    },
  };
  return {
    records,
    /** Whether an entry is in the log already, or older than the window held (so never to be written again). */
    written: (entry: AuditEntry & { id: string }) =>
      entry.at < mirror.windowStart('auditLog') || auditIdsView().has(entry.id),
  };
}
