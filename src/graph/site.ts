import type { GraphConnection } from './graph-client.ts';
import { getAllPages, graphGet } from './graph-requests.ts';
import type { ListDefinition, ListKey } from './list-definition.ts';

/** Finding the SENCO Hub site and its lists. */

/** The site id (`host,site-guid,web-guid`) of a site URL such as https://school.sharepoint.com/sites/senco-hub. */
export async function findSiteId(input: { connection: GraphConnection; siteUrl: string }): Promise<string> {
  const url = new URL(input.siteUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const site = await graphGet<{ id: string }>(
    input.connection,
    path ? `/sites/${url.hostname}:${encodeURI(path)}?$select=id` : `/sites/${url.hostname}?$select=id`,
    `find the site ${input.siteUrl}`,
  );
  return site.id;
}

export class SiteNotProvisionedError extends Error {
  override name = 'SiteNotProvisionedError';
  constructor(readonly missing: readonly string[]) {
    super(`The SENCO Hub site is missing lists (${missing.join(', ')}): provision the site first`);
  }
}

export class SiteSchemaOutdatedError extends Error {
  override name = 'SiteSchemaOutdatedError';
  constructor(
    readonly siteVersion: number | undefined,
    readonly neededVersion: number,
  ) {
    super(
      `The SENCO Hub site is at schema version ${siteVersion ?? 'none'}; this server needs ${neededVersion}: provision the site first`,
    );
  }
}

/** The ids of the given lists, by display name; throws SiteNotProvisionedError naming any that are missing. */
export async function findListIds(input: {
  connection: GraphConnection;
  siteId: string;
  lists: readonly ListDefinition[];
}): Promise<Record<ListKey, string>> {
  const found = await getAllPages<{ id: string; displayName: string }>(
    input.connection,
    `/sites/${input.siteId}/lists?$select=id,displayName`,
    'read the site’s lists',
  );
  const ids = {} as Record<ListKey, string>;
  const missing: string[] = [];
  for (const list of input.lists) {
    const match = found.find((l) => l.displayName === list.displayName);
    if (match) ids[list.key] = match.id;
    else missing.push(list.displayName);
  }
  if (missing.length > 0) throw new SiteNotProvisionedError(missing);
  return ids;
}
