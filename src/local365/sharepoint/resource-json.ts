import { itemETag } from './field-values.ts';
import type { ItemRecord, ListRecord, SiteRecord } from './sharepoint-db.ts';

/** Graph's JSON for sites, lists and list items (the fieldValueSet is in field-values.ts). */

export function siteWebUrl(site: SiteRecord): string {
  return `https://${site.hostname}${site.serverRelativePath === '/' ? '' : encodeURI(site.serverRelativePath)}`;
}

export function listWebUrl(site: SiteRecord, list: ListRecord): string {
  if (list.systemKind === 'userInformation') return `${siteWebUrl(site)}/_catalogs/users`;
  return `${siteWebUrl(site)}/Lists/${encodeURIComponent(list.name)}`;
}

export const SITE_PROPERTIES = [
  'id',
  'createdDateTime',
  'description',
  'displayName',
  'lastModifiedDateTime',
  'name',
  'root',
  'siteCollection',
  'webUrl',
  'sharepointIds',
  'eTag',
  'createdBy',
  'lastModifiedBy',
  'parentReference',
  'isPersonalSite',
  'error',
] as const;

export function siteJson(site: SiteRecord): Record<string, unknown> {
  const name = site.serverRelativePath === '/' ? '' : (site.serverRelativePath.split('/').at(-1) ?? '');
  return {
    createdDateTime: site.createdAt,
    description: site.description,
    id: site.id,
    lastModifiedDateTime: site.modifiedAt,
    name,
    webUrl: siteWebUrl(site),
    displayName: site.displayName,
    isPersonalSite: false,
    // Every site here is the root web of its own site collection.
    root: {},
    siteCollection: { hostname: site.hostname },
  };
}

export const LIST_PROPERTIES = [
  'id',
  'createdDateTime',
  'description',
  'eTag',
  'lastModifiedDateTime',
  'name',
  'webUrl',
  'displayName',
  'createdBy',
  'lastModifiedBy',
  'parentReference',
  'list',
  'system',
  'sharepointIds',
  'columns',
  'contentTypes',
  'drive',
  'items',
  'operations',
  'subscriptions',
  'createdByUser',
  'lastModifiedByUser',
] as const;

export function listJson(site: SiteRecord, list: ListRecord): Record<string, unknown> {
  const eTag = `"${list.id},${list.version}"`;
  return {
    '@odata.etag': eTag,
    createdDateTime: list.createdAt,
    description: list.description,
    eTag,
    id: list.id,
    lastModifiedDateTime: list.modifiedAt,
    name: list.name,
    webUrl: listWebUrl(site, list),
    displayName: list.displayName,
    createdBy: list.createdBy,
    lastModifiedBy: list.modifiedBy,
    parentReference: { siteId: site.id },
    list: { contentTypesEnabled: false, hidden: list.hidden, template: list.template },
  };
}

export const LIST_ITEM_PROPERTIES = [
  'id',
  'createdDateTime',
  'eTag',
  'lastModifiedDateTime',
  'webUrl',
  'createdBy',
  'lastModifiedBy',
  'parentReference',
  'contentType',
  'fields',
  'sharepointIds',
  'name',
  'description',
  'deleted',
  'analytics',
  'driveItem',
  'versions',
  'documentSetVersions',
  'createdByUser',
  'lastModifiedByUser',
] as const;

/** The Item content type's id in a list: 0x0100 followed by a list-specific suffix. */
function contentTypeId(list: ListRecord): string {
  return `0x0100${list.id.replace(/-/g, '').toUpperCase()}`;
}

/** `$metadata#sites('…')/lists('…')` — the stem of a list's @odata.context values. */
export function listContextStem(graphBaseUrl: string, site: SiteRecord, list: ListRecord): string {
  return `${graphBaseUrl}/$metadata#sites('${encodeURIComponent(site.id)}')/lists('${list.id}')`;
}

export function listItemJson(site: SiteRecord, list: ListRecord, item: ItemRecord): Record<string, unknown> {
  const eTag = itemETag(item);
  return {
    '@odata.etag': eTag,
    createdDateTime: item.createdAt,
    eTag,
    id: String(item.id),
    lastModifiedDateTime: item.modifiedAt,
    webUrl: `${listWebUrl(site, list)}/${item.id}_.000`,
    createdBy: item.createdBy,
    lastModifiedBy: item.modifiedBy,
    parentReference: { id: list.id, siteId: site.id },
    contentType: { id: contentTypeId(list), name: 'Item' },
  };
}
