/**
 * For tests of deletion under retention: a pupil made a long-gone leaver in SharePoint (as if the school's
 * roster no longer had them and they were born long ago), and what SharePoint still holds about a pupil.
 */
import type { GraphConnection } from '../../src/graph/graph-client.ts';
import { getAllPages, graphPatch } from '../../src/graph/graph-requests.ts';
import type { ListKey } from '../../src/graph/list-definition.ts';
import type { SharePointItem } from '../../src/graph/list-fields.ts';
import { eq, itemsQueryString } from '../../src/graph/odata.ts';
import { SENCO_HUB_SCHEMA } from '../../src/graph/site-schema.ts';
import { findListIds, findSiteId } from '../../src/graph/site.ts';
import { upnCheckLetter } from '../../src/domain/upn.ts';

export type SiteLists = { siteId: string; ids: Record<ListKey, string> };

export async function siteLists(connection: GraphConnection, siteUrl: string): Promise<SiteLists> {
  const siteId = await findSiteId({ connection, siteUrl });
  return { siteId, ids: await findListIds({ connection, siteId, lists: SENCO_HUB_SCHEMA.lists }) };
}

/** A valid UPN no roster holds (LA code 999, serial from `n`). */
export function leaverUpn(n: number): string {
  const body = `99900000${String(n).padStart(4, '0')}`;
  return `${upnCheckLetter(body)}${body}`;
}

/** The pupil's item now says: born on `dateOfBirth`, a UPN not on the roll. */
export async function makeLeaver(
  connection: GraphConnection,
  lists: SiteLists,
  pupilId: string,
  input: { dateOfBirth: string; upn: string },
): Promise<void> {
  const path = `/sites/${lists.siteId}/lists/${lists.ids.pupils}/items`;
  const [item] = await getAllPages<SharePointItem>(
    connection,
    `${path}${itemsQueryString({ filter: eq('PupilId', pupilId) })}`,
    'find the pupil',
  );
  if (!item) throw new Error(`No pupil item for ${pupilId}`);
  await graphPatch(
    connection,
    `${path}/${item.id}/fields`,
    { DateOfBirth: input.dateOfBirth, Upn: input.upn },
    'make the pupil a leaver',
  );
}

/**
 * Every item SharePoint holds that names the pupil: in a PupilId column (by list) or in a JSON list of pupil
 * ids (meetings, intervention sessions). The audit log's entries are listed by id.
 */
export async function itemsAbout(
  connection: GraphConnection,
  lists: SiteLists,
  pupilId: string,
): Promise<{ byList: Partial<Record<ListKey, number>>; auditEntryIds: string[]; shared: number }> {
  const byList: Partial<Record<ListKey, number>> = {};
  let auditEntryIds: string[] = [];
  for (const list of SENCO_HUB_SCHEMA.lists) {
    if (!list.columns.some((c) => c.name === 'PupilId')) continue;
    const items = await getAllPages<SharePointItem>(
      connection,
      `/sites/${lists.siteId}/lists/${lists.ids[list.key]}/items${itemsQueryString({ filter: eq('PupilId', pupilId) })}`,
      `read ${list.key}`,
    );
    if (list.key === 'auditLog') auditEntryIds = items.map((i) => String(i.fields?.['EntryId']));
    else if (items.length > 0) byList[list.key] = items.length;
  }
  let shared = 0;
  for (const [key, columns] of [
    ['meetings', ['PupilIds']],
    ['interventionSessions', ['AttendedPupilIds', 'AbsentPupilIds']],
  ] as const) {
    const items = await getAllPages<SharePointItem>(
      connection,
      `/sites/${lists.siteId}/lists/${lists.ids[key]}/items?$expand=fields`,
      `read ${key}`,
    );
    shared += items.filter((i) =>
      columns.some((c) => {
        const value = i.fields?.[c];
        return typeof value === 'string' && value.includes(`"${pupilId}"`);
      }),
    ).length;
  }
  return { byList, auditEntryIds, shared };
}
