import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphDelete, graphPatch } from './graph-requests.ts';
import {
  AUDIT_GROUP_PUPIL,
  AUDIT_LOG_LIST,
  auditEntriesFromItem,
  auditEntryFromItem,
  auditEntryToFields,
  auditGroupText,
} from './audit-log-list.ts';
import { createOnce } from './create-once.ts';
import type { ListKey } from './list-definition.ts';
import { jsonValue, type SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString } from './odata.ts';
import type { AuditEntry } from './send-records.ts';
import { SENCO_HUB_SCHEMA } from './site-schema.ts';
import { findListIds } from './site.ts';

/**
 * Deleting every SharePoint item that holds a pupil's SEND records, when the school's retention period for them
 * is over (the rule: src/domain/retention.ts). SharePoint cannot delete across lists at once, so the deletion is
 * made all or nothing in effect, and resumable:
 *
 * 1. a "started" entry is written to the audit log, keyed by the pupil (created once): the intent, which
 *    survives a crash;
 * 2. the pupil's own item is deleted: from here the pupil is gone from every view (every record is reached
 *    through its pupil);
 * 3. every item of every list that names the pupil is deleted (their audit entries too, but the two of this
 *    deletion); meetings and intervention sessions shared with other pupils lose only this pupil's id;
 * 4. a "finished" entry is written (created once), with how many items went.
 *
 * Every step can be repeated: a deleted item is not found again, a 404 on delete is "already gone", the entries
 * are created once by key. `resume()` finishes every deletion with a "started" entry but no "finished" one; the
 * server calls it before it reads the lists on start, so nothing half-deleted is ever served.
 *
 * The two entries hold no special category data: the pupil's opaque id, the period, the date, counts.
 */

/** The lists that name a pupil in a PupilId column (every one of them indexed). */
const LISTS_WITH_PUPIL_ID: readonly ListKey[] = SENCO_HUB_SCHEMA.lists
  .filter((l) => l.key !== 'pupils' && l.columns.some((c) => c.name === 'PupilId'))
  .map((l) => l.key);

/** Lists that name pupils in JSON arrays: an item about this pupil alone goes, a shared one loses the id. */
const SHARED_ITEMS: readonly { key: ListKey; columns: readonly string[] }[] = [
  { key: 'meetings', columns: ['PupilIds'] },
  { key: 'interventionSessions', columns: ['AttendedPupilIds', 'AbsentPupilIds'] },
];

export const RETENTION_ACTOR = { userId: 'senco-hub-retention', upn: 'SENCO Hub (retention)' };
export const RETENTION_RESOURCE = 'retention';
const startedId = (pupilId: string) => `retention-started-${pupilId}`;
const finishedId = (pupilId: string) => `retention-finished-${pupilId}`;

export type RetentionDeletionReport = { pupilId: string; itemsDeleted: number; itemsChanged: number };

export type RetentionDeletion = {
  /** Deletes every record of the pupil (steps 1–4 above); `reason` goes in the entries (no pupil data). */
  erase(input: { pupilId: string; reason: string; at: Date }): Promise<RetentionDeletionReport>;
  /** Pupils whose deletion was started and not finished (a crash, a failure). */
  unfinished(): Promise<string[]>;
  /** Finishes every unfinished deletion; resolves with what each one did. */
  resume(at: Date): Promise<RetentionDeletionReport[]>;
};

export function retentionDeletion(deps: { connection: GraphConnection; siteId: string }): RetentionDeletion {
  const { connection, siteId } = deps;
  let listIds: Promise<Record<ListKey, string>> | undefined;
  const itemsPath = async (key: ListKey) => {
    listIds ??= findListIds({ connection, siteId, lists: SENCO_HUB_SCHEMA.lists }).catch((err: unknown) => {
      listIds = undefined;
      throw err;
    });
    return `/sites/${siteId}/lists/${(await listIds)[key]}/items`;
  };

  const itemsWhere = async (key: ListKey, pupilId: string) =>
    getAllPages<SharePointItem>(
      connection,
      `${await itemsPath(key)}${itemsQueryString({ filter: eq('PupilId', pupilId) })}`,
      `read the ${key} items of a pupil due for deletion`,
    );

  const deleteItem = async (key: ListKey, itemId: string) => {
    try {
      await graphDelete(
        connection,
        `${await itemsPath(key)}/${itemId}`,
        `delete a ${key} item under retention`,
      );
    } catch (err) {
      // Gone already: deleted by an earlier attempt whose answer was lost.
      if (err instanceof GraphRequestError && err.status === 404) return;
      throw err;
    }
  };

  const writeEntry = async (entry: AuditEntry & { id: string }) => {
    await createOnce(
      connection,
      {
        itemsPath: await itemsPath('auditLog'),
        key: { column: AUDIT_LOG_LIST.keyColumn, value: entry.id },
        fields: auditEntryToFields(entry.id, entry),
      },
      'record a deletion under retention in the audit log',
    );
  };

  const entry = (id: string, pupilId: string, at: Date, detail: string): AuditEntry & { id: string } => ({
    id,
    at: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    actor: RETENTION_ACTOR,
    action: 'delete',
    resource: RETENTION_RESOURCE,
    pupilId,
    detail,
  });

  /** Items naming the pupil in a JSON array column: deleted when only this pupil, else the id taken out. */
  const clearShared = async (pupilId: string) => {
    let deleted = 0;
    let changed = 0;
    for (const { key, columns } of SHARED_ITEMS) {
      const items = await getAllPages<SharePointItem>(
        connection,
        `${await itemsPath(key)}?$expand=fields`,
        `read the ${key} items for a deletion under retention`,
      );
      for (const item of items) {
        const lists = columns.map((column) => idsIn(item.fields?.[column]));
        if (!lists.some((ids) => ids.includes(pupilId))) continue;
        const others = lists.map((ids) => ids.filter((id) => id !== pupilId));
        if (others.every((ids) => ids.length === 0)) {
          await deleteItem(key, item.id);
          deleted += 1;
        } else {
          const fields = Object.fromEntries(columns.map((column, i) => [column, jsonValue(others[i])]));
          await graphPatch(
            connection,
            `${await itemsPath(key)}/${item.id}/fields`,
            fields,
            `take a pupil out of a ${key} item`,
          );
          changed += 1;
        }
      }
    }
    // Groups of audit entries (one item per send, since v6): the pupil's entries taken out, the item deleted
    // when they were all it held.
    for (const item of await itemsWhere('auditLog', AUDIT_GROUP_PUPIL)) {
      const entries = auditEntriesFromItem(item) as (AuditEntry & { id: string })[];
      const others = entries.filter((e) => e.pupilId !== pupilId);
      if (others.length === entries.length) continue;
      if (others.length === 0) {
        await deleteItem('auditLog', item.id);
        deleted += 1;
      } else {
        await graphPatch(
          connection,
          `${await itemsPath('auditLog')}/${item.id}/fields`,
          { Entries: auditGroupText(others) },
          'take a pupil out of a group of audit entries',
        );
        changed += 1;
      }
    }
    return { deleted, changed };
  };

  async function erase(input: {
    pupilId: string;
    reason: string;
    at: Date;
  }): Promise<RetentionDeletionReport> {
    const { pupilId } = input;
    await writeEntry(
      entry(
        startedId(pupilId),
        pupilId,
        input.at,
        `Deletion of the pupil’s SEND records started: ${input.reason}`,
      ),
    );
    let itemsDeleted = 0;
    // The pupil first: once their item is gone, nothing of theirs can be reached.
    for (const item of await itemsWhere('pupils', pupilId)) {
      await deleteItem('pupils', item.id);
      itemsDeleted += 1;
    }
    const keep = new Set([startedId(pupilId), finishedId(pupilId)]);
    for (const key of LISTS_WITH_PUPIL_ID) {
      for (const item of await itemsWhere(key, pupilId)) {
        if (key === 'auditLog' && keep.has(String(item.fields?.['EntryId']))) continue;
        await deleteItem(key, item.id);
        itemsDeleted += 1;
      }
    }
    const shared = await clearShared(pupilId);
    itemsDeleted += shared.deleted;
    await writeEntry(
      entry(
        finishedId(pupilId),
        pupilId,
        input.at,
        `The pupil’s SEND records were deleted: ${input.reason} (${itemsDeleted} items deleted, ${shared.changed} shared items changed by this run)`,
      ),
    );
    return { pupilId, itemsDeleted, itemsChanged: shared.changed };
  }

  async function unfinished(): Promise<string[]> {
    const entries = (
      await getAllPages<SharePointItem>(
        connection,
        `${await itemsPath('auditLog')}${itemsQueryString({ filter: eq('Action', 'delete') })}`,
        'read the deletions under retention',
      )
    )
      .map(auditEntryFromItem)
      .filter((e) => e.resource === RETENTION_RESOURCE && e.pupilId !== undefined);
    const finished = new Set(entries.filter((e) => e.id === finishedId(e.pupilId!)).map((e) => e.pupilId));
    return entries
      .filter((e) => e.id === startedId(e.pupilId!) && !finished.has(e.pupilId))
      .map((e) => e.pupilId!);
  }

  return {
    erase,
    unfinished,
    async resume(at) {
      const reports: RetentionDeletionReport[] = [];
      for (const pupilId of await unfinished())
        reports.push(await erase({ pupilId, reason: 'finishing a deletion that was interrupted', at }));
      return reports;
    },
  };
}

function idsIn(value: unknown): string[] {
  if (typeof value !== 'string' || value === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
