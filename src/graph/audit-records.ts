import { AUDIT_LOG_LIST, auditEntryToFields } from './audit-log-list.ts';
import { runBatch, type BatchRequest } from './batch.ts';
import { BatchWriteError, GraphRequestError } from './graph-request-error.ts';
import { createFields, type SharePointItem } from './list-fields.ts';
import { groupBy, type RecordsContext } from './replica-lists.ts';
import type { AuditEntry, SendRecords } from './send-records.ts';

/**
 * The audit log: it grows with every read of a pupil record, so the mirror holds only its window (read on
 * demand, see list-mirror.ts). Entries are written through `$batch`, each under a unique `EntryId` (given,
 * or assigned), so an entry sent again is stored once.
 */
export function auditRecords(ctx: RecordsContext) {
  const { mirror, newId } = ctx;

  const auditIdsView = mirror.view(
    ['auditLog'],
    () => new Set([...mirror.entries('auditLog').values()].map((e) => e.row.id)),
  );

  const auditView = mirror.view(['auditLog'], () => {
    const entries = [...mirror.entries('auditLog').values()];
    // Newest first; SharePoint keeps seconds, so the item id (creation order) breaks ties.
    entries.sort((a, b) => b.row.at.localeCompare(a.row.at) || Number(b.itemId) - Number(a.itemId));
    const rows = entries.map((e) => e.row);
    return { all: rows, byPupil: groupBy(rows, (e) => e.pupilId) };
  });

  const records: Pick<SendRecords, 'refreshAuditLog' | 'auditLog' | 'appendAudit'> = {
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
  };
  return {
    records,
    /** Whether an entry is in the log already, or older than the window held (so never to be written again). */
    written: (entry: AuditEntry & { id: string }) =>
      entry.at < mirror.windowStart('auditLog') || auditIdsView().has(entry.id),
  };
}
