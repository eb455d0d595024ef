import type { GraphResponse, RouteRequest } from '../graph/dispatcher.ts';
import { forbidden } from '../graph/graph-error.ts';
import { columnJson } from './columns.ts';
import { compileFilter, parseFilter } from './odata-filter.ts';
import {
  bodyObject,
  checkExpand,
  jsonBinder,
  pageByOffset,
  parseExpand,
  parseSelect,
  projectSelect,
  queryOption,
  refuseUnmodelled,
  type ExpandClause,
} from './odata-options.ts';
import { LIST_PROPERTIES, listJson } from './resource-json.ts';
import type { ColumnDef, ListRecord, SiteRecord } from './sharepoint-db.ts';
import { actorOf, siteAndList, siteOf, type SharePointServices } from './sharepoint-services.ts';

const LIST_FILTER_TYPES = {
  id: 'string',
  name: 'string',
  displayName: 'string',
  description: 'string',
  webUrl: 'string',
  createdDateTime: 'dateTime',
  lastModifiedDateTime: 'dateTime',
  'list/template': 'string',
  'list/hidden': 'boolean',
} as const;

const COLUMN_PROPERTIES = [
  'id',
  'name',
  'displayName',
  'description',
  'columnGroup',
  'enforceUniqueValues',
  'hidden',
  'indexed',
  'readOnly',
  'required',
  'defaultValue',
  'text',
  'number',
  'dateTime',
  'choice',
  'boolean',
  'personOrGroup',
  'lookup',
  'calculated',
  'currency',
  'geolocation',
  'hyperlinkOrPicture',
  'term',
  'thumbnail',
  'contentApprovalStatus',
  'validation',
  'sourceContentType',
  'isDeletable',
  'isReorderable',
  'isSealed',
  'propagateChanges',
  'type',
] as const;

const COLUMN_FILTER_TYPES = {
  id: 'string',
  name: 'string',
  displayName: 'string',
  description: 'string',
  columnGroup: 'string',
  enforceUniqueValues: 'boolean',
  hidden: 'boolean',
  indexed: 'boolean',
  readOnly: 'boolean',
  required: 'boolean',
} as const;

/** SharePoint keeps its User Information List itself; apps read it but do not redefine it. */
function refuseSystemList(list: ListRecord): void {
  if (list.systemKind)
    throw forbidden(
      'Access denied. You do not have permission to perform this action or access this resource.',
    );
}

/**
 * GET …/columns leaves hidden columns out unless `hidden` is selected (columnDefinition resource docs).
 */
function visibleColumns(columns: ColumnDef[], select: string[] | undefined): ColumnDef[] {
  return select?.includes('hidden') ? columns : columns.filter((c) => !c.hidden);
}

function columnsJson(columns: ColumnDef[], select: string[] | undefined): Record<string, unknown>[] {
  return visibleColumns(columns, select).map((c) =>
    projectSelect(columnJson(c), select, COLUMN_PROPERTIES, 'microsoft.graph.columnDefinition'),
  );
}

function listBody(
  sp: SharePointServices,
  site: SiteRecord,
  list: ListRecord,
  expand: ExpandClause[],
  select: string[] | undefined,
) {
  const body = projectSelect(listJson(site, list), select, LIST_PROPERTIES, 'microsoft.graph.list');
  const columns = expand.find((e) => e.name === 'columns');
  if (columns) body.columns = columnsJson(sp.lists.columns(list), columns.select);
  return body;
}

function listOptions(req: RouteRequest) {
  const expand = parseExpand(queryOption(req.query, 'expand'));
  checkExpand(expand, ['columns'], 'microsoft.graph.list', [
    'items',
    'contentTypes',
    'drive',
    'operations',
    'subscriptions',
    'createdByUser',
    'lastModifiedByUser',
  ]);
  return { expand, select: parseSelect(queryOption(req.query, 'select')) };
}

/** Lists of a site (find by displayName, create with typed columns, delete) and their columns. */
export function registerListRoutes(sp: SharePointServices): void {
  const d = sp.ctx.dispatcher;
  const base = () => sp.ctx.graphBaseUrl();

  d.register('GET', '/sites/{site-id}/lists', (req) => {
    const site = siteOf(sp, req);
    refuseUnmodelled(req.query, 'lists', ['orderby']);
    const { expand, select } = listOptions(req);
    let rows = sp.db.lists(site.id).map((list) => ({ list, json: listJson(site, list) }));
    const filter = queryOption(req.query, 'filter');
    if (filter) {
      const test = compileFilter(
        parseFilter(filter),
        jsonBinder(LIST_FILTER_TYPES, 'microsoft.graph.list'),
        site.timeZone,
      );
      rows = rows.filter((r) => test(r.json));
    }
    const { page, nextLink } = pageByOffset(rows, req, base());
    return {
      status: 200,
      body: {
        '@odata.context': `${base()}/$metadata#sites('${encodeURIComponent(site.id)}')/lists`,
        value: page.map((r) => listBody(sp, site, r.list, expand, select)),
        ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
      },
    };
  });

  d.register('POST', '/sites/{site-id}/lists', (req) => {
    const site = siteOf(sp, req);
    const body = bodyObject(req.body);
    const list = sp.db.transaction(() => sp.lists.create(site, body, actorOf(sp, site, req)));
    return {
      status: 201,
      body: {
        '@odata.context': `${base()}/$metadata#sites('${encodeURIComponent(site.id)}')/lists/$entity`,
        ...listJson(site, list),
      },
    };
  });

  d.register('GET', '/sites/{site-id}/lists/{list-id}', (req) => {
    const { site, list } = siteAndList(sp, req);
    const { expand, select } = listOptions(req);
    return {
      status: 200,
      body: {
        '@odata.context': `${base()}/$metadata#sites('${encodeURIComponent(site.id)}')/lists/$entity`,
        ...listBody(sp, site, list, expand, select),
      },
    };
  });

  d.register('DELETE', '/sites/{site-id}/lists/{list-id}', (req): GraphResponse => {
    const { site, list } = siteAndList(sp, req);
    refuseSystemList(list);
    sp.lists.delete(site, list);
    return { status: 204 };
  });

  d.register('GET', '/sites/{site-id}/lists/{list-id}/columns', (req) => {
    const { site, list } = siteAndList(sp, req);
    refuseUnmodelled(req.query, 'columns', ['orderby']);
    checkExpand(parseExpand(queryOption(req.query, 'expand')), [], 'microsoft.graph.columnDefinition', [
      'sourceColumn',
    ]);
    const select = parseSelect(queryOption(req.query, 'select'));
    let columns = visibleColumns(sp.lists.columns(list), select);
    const filter = queryOption(req.query, 'filter');
    if (filter) {
      const test = compileFilter(
        parseFilter(filter),
        jsonBinder(COLUMN_FILTER_TYPES, 'microsoft.graph.columnDefinition'),
        site.timeZone,
      );
      columns = columns.filter((c) => test(columnJson(c)));
    }
    const { page, nextLink } = pageByOffset(columns, req, base());
    return {
      status: 200,
      body: {
        '@odata.context': `${base()}/$metadata#sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/columns`,
        value: page.map((c) =>
          projectSelect(columnJson(c), select, COLUMN_PROPERTIES, 'microsoft.graph.columnDefinition'),
        ),
        ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
      },
    };
  });

  d.register('POST', '/sites/{site-id}/lists/{list-id}/columns', (req) => {
    const { site, list } = siteAndList(sp, req);
    refuseSystemList(list);
    const column = sp.db.transaction(() =>
      sp.lists.addColumn(site, list, bodyObject(req.body), actorOf(sp, site, req)),
    );
    return {
      status: 201,
      body: {
        '@odata.context': `${base()}/$metadata#sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/columns/$entity`,
        ...columnJson(column),
      },
    };
  });

  d.register('GET', '/sites/{site-id}/lists/{list-id}/columns/{columnDefinition-id}', (req) => {
    const { site, list } = siteAndList(sp, req);
    checkExpand(parseExpand(queryOption(req.query, 'expand')), [], 'microsoft.graph.columnDefinition', [
      'sourceColumn',
    ]);
    const column = sp.lists.column(list, req.params['columnDefinition-id'] ?? '');
    const select = parseSelect(queryOption(req.query, 'select'));
    return {
      status: 200,
      body: {
        '@odata.context': `${base()}/$metadata#sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/columns/$entity`,
        ...projectSelect(columnJson(column), select, COLUMN_PROPERTIES, 'microsoft.graph.columnDefinition'),
      },
    };
  });

  d.register('PATCH', '/sites/{site-id}/lists/{list-id}/columns/{columnDefinition-id}', (req) => {
    const { site, list } = siteAndList(sp, req);
    refuseSystemList(list);
    const body = bodyObject(req.body);
    const column = sp.db.transaction(() =>
      sp.lists.updateColumn(list, req.params['columnDefinition-id'] ?? '', body, actorOf(sp, site, req)),
    );
    return {
      status: 200,
      body: {
        '@odata.context': `${base()}/$metadata#sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/columns/$entity`,
        ...columnJson(column),
      },
    };
  });
}
