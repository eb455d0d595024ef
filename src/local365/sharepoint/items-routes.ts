import type { GraphResponse, RouteRequest } from '../graph/dispatcher.ts';
import { badRequest, forbidden } from '../graph/graph-error.ts';
import { fieldValueSet, type FieldContext } from './field-values.ts';
import { queryItems } from './item-query.ts';
import {
  bodyObject,
  checkExpand,
  continuationLink,
  encodeToken,
  parseExpand,
  parseSelect,
  projectSelect,
  queryOption,
  unknownProperty,
  type ExpandClause,
} from './odata-options.ts';
import { LIST_ITEM_PROPERTIES, listContextStem, listItemJson } from './resource-json.ts';
import type { ItemRecord, ListRecord, SiteRecord } from './sharepoint-db.ts';
import { actorOf, siteAndList, type SharePointServices } from './sharepoint-services.ts';

/** listItem navigation properties Graph has and the stand-in does not model. */
const UNMODELLED_EXPANDS = [
  'driveItem',
  'analytics',
  'versions',
  'documentSetVersions',
  'createdByUser',
  'lastModifiedByUser',
];

export type ItemShape = { expand: ExpandClause[]; select: string[] | undefined };

/** `$expand` and `$select` of a listItem request. */
export function itemShape(query: URLSearchParams): ItemShape {
  const expand = parseExpand(queryOption(query, 'expand'));
  checkExpand(expand, ['fields'], 'microsoft.graph.listItem', UNMODELLED_EXPANDS);
  return { expand, select: parseSelect(queryOption(query, 'select')) };
}

/** A listItem as Graph answers it, with `fields` when expanded. */
export function itemBody(
  sp: SharePointServices,
  site: SiteRecord,
  list: ListRecord,
  item: ItemRecord,
  shape: ItemShape,
  fieldCtx: FieldContext,
): Record<string, unknown> {
  const body = projectSelect(
    listItemJson(site, list, item),
    shape.select,
    LIST_ITEM_PROPERTIES,
    'microsoft.graph.listItem',
  );
  const fields = shape.expand.find((e) => e.name === 'fields');
  if (fields) {
    body['fields@odata.context'] =
      `${listContextStem(sp.ctx.graphBaseUrl(), site, list)}/items('${item.id}')/fields/$entity`;
    body.fields = fieldValueSet(item, fieldCtx, fields.select);
  }
  return body;
}

/** SharePoint keeps its User Information List itself: apps read it but do not write to it. */
function refuseSystemList(list: ListRecord): void {
  if (list.systemKind)
    throw forbidden(
      'Access denied. You do not have permission to perform this action or access this resource.',
    );
}

const ifMatch = (req: RouteRequest) => req.headers['if-match'];

/** List items: read (filter, order, page), create, update fields with If-Match, delete. */
export function registerItemRoutes(sp: SharePointServices): void {
  const d = sp.ctx.dispatcher;
  const stem = (site: SiteRecord, list: ListRecord) => listContextStem(sp.ctx.graphBaseUrl(), site, list);

  d.register('GET', '/sites/{site-id}/lists/{list-id}/items', (req) => {
    const { site, list } = siteAndList(sp, req);
    const shape = itemShape(req.query);
    const page = queryItems({ db: sp.db, site, list, query: req.query, headers: req.headers });
    const fieldCtx = sp.items.fieldContext(site, list);
    const body: Record<string, unknown> = {
      '@odata.context': `${stem(site, list)}/items`,
      value: page.items.map((item) => itemBody(sp, site, list, item, shape, fieldCtx)),
    };
    if (page.next) {
      body['@odata.nextLink'] = continuationLink(
        sp.ctx.graphBaseUrl(),
        req.path,
        req.query,
        { name: '$skiptoken', value: encodeToken(page.next) },
        ['skiptoken'],
      );
    }
    return { status: 200, body };
  });

  d.register('POST', '/sites/{site-id}/lists/{list-id}/items', (req) => {
    const { site, list } = siteAndList(sp, req);
    refuseSystemList(list);
    const body = bodyObject(req.body);
    for (const key of Object.keys(body)) {
      if (!key.startsWith('@') && !(LIST_ITEM_PROPERTIES as readonly string[]).includes(key))
        throw unknownProperty(key, 'microsoft.graph.listItem');
    }
    const fields = body.fields ?? {};
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
      throw badRequest("Invalid value for property 'fields': an object is expected.");
    const item = sp.db.transaction(() =>
      sp.items.create(site, list, fields as Record<string, unknown>, actorOf(sp, site, req)),
    );
    return {
      status: 201,
      body: {
        '@odata.context': `${stem(site, list)}/items/$entity`,
        ...itemBody(
          sp,
          site,
          list,
          item,
          { expand: [{ name: 'fields' }], select: undefined },
          sp.items.fieldContext(site, list),
        ),
      },
    };
  });

  d.register('GET', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}', (req) => {
    const { site, list } = siteAndList(sp, req);
    const shape = itemShape(req.query);
    const item = sp.items.get(list, req.params['listItem-id'] ?? '');
    return {
      status: 200,
      body: {
        '@odata.context': `${stem(site, list)}/items/$entity`,
        ...itemBody(sp, site, list, item, shape, sp.items.fieldContext(site, list)),
      },
    };
  });

  d.register('DELETE', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}', (req): GraphResponse => {
    const { list } = siteAndList(sp, req);
    refuseSystemList(list);
    sp.items.delete(list, req.params['listItem-id'] ?? '', ifMatch(req));
    return { status: 204 };
  });

  d.register('GET', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}/fields', (req) => {
    const { site, list } = siteAndList(sp, req);
    if (queryOption(req.query, 'expand'))
      throw unknownProperty(queryOption(req.query, 'expand') ?? '', 'microsoft.graph.fieldValueSet');
    const item = sp.items.get(list, req.params['listItem-id'] ?? '');
    return {
      status: 200,
      body: {
        '@odata.context': `${stem(site, list)}/items('${item.id}')/fields/$entity`,
        ...fieldValueSet(
          item,
          sp.items.fieldContext(site, list),
          parseSelect(queryOption(req.query, 'select')),
        ),
      },
    };
  });

  d.register('PATCH', '/sites/{site-id}/lists/{list-id}/items/{listItem-id}/fields', (req) => {
    const { site, list } = siteAndList(sp, req);
    refuseSystemList(list);
    const body = bodyObject(req.body);
    const item = sp.db.transaction(() =>
      sp.items.updateFields(
        site,
        list,
        req.params['listItem-id'] ?? '',
        body,
        ifMatch(req),
        actorOf(sp, site, req),
      ),
    );
    return {
      status: 200,
      body: {
        '@odata.context': `${stem(site, list)}/items('${item.id}')/fields/$entity`,
        ...fieldValueSet(item, sp.items.fieldContext(site, list)),
      },
    };
  });
}
