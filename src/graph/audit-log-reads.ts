import type { GraphConnection } from './graph-client.ts';
import { getAllPages } from './graph-requests.ts';
import { AUDIT_GROUP_PUPIL, auditEntriesFromItem } from './audit-log-list.ts';
import type { SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString } from './odata.ts';
import type { AuditEntry } from './send-records.ts';

/**
 * Every audit entry about one pupil, however old, read from SharePoint (the replica holds only the recent
 * window). For a subject access export. Oldest first.
 *
 * Two reads by the indexed PupilId column: the items naming the pupil (single entries, and every item
 * written before v6), and the items holding groups of entries (`PupilId eq '*'`), whose entries are then
 * searched here, since a multi-line text column cannot be filtered on. The second read grows with the
 * number of groups kept (one per send of the audit log, at most one every 2 seconds per server): a subject
 * access request is rare and has a month's time limit, so it is where the audit log's cost was moved to.
 */
export async function auditEntriesAbout(
  connection: GraphConnection,
  itemsPath: string,
  pupilId: string,
): Promise<AuditEntry[]> {
  const read = (value: string) =>
    getAllPages<SharePointItem>(
      connection,
      `${itemsPath}${itemsQueryString({ filter: eq('PupilId', value) })}`,
      'read the audit entries about a pupil',
    );
  const [naming, groups] = await Promise.all([read(pupilId), read(AUDIT_GROUP_PUPIL)]);
  return [...naming, ...groups]
    .flatMap(auditEntriesFromItem)
    .filter((e) => e.pupilId === pupilId)
    .sort((a, b) => a.at.localeCompare(b.at));
}
