import type { GraphConnection } from './graph-client.ts';
import { getAllPages } from './graph-requests.ts';
import { auditEntryFromItem } from './audit-log-list.ts';
import type { SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString } from './odata.ts';
import type { AuditEntry } from './send-records.ts';

/**
 * Every audit entry about one pupil, however old, read from SharePoint by the indexed PupilId column (the
 * replica holds only the recent window). For a subject access export. Oldest first.
 */
export async function auditEntriesAbout(
  connection: GraphConnection,
  itemsPath: string,
  pupilId: string,
): Promise<AuditEntry[]> {
  const items = await getAllPages<SharePointItem>(
    connection,
    `${itemsPath}${itemsQueryString({ filter: eq('PupilId', pupilId) })}`,
    'read the audit entries about a pupil',
  );
  return items.map(auditEntryFromItem).sort((a, b) => a.at.localeCompare(b.at));
}
