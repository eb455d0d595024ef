import type { GraphResponse, RouteRequest } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import { checkExpand, parseExpand, projectSelect, parseSelect, queryOption } from './odata-options.ts';
import { SITE_PROPERTIES, siteJson } from './resource-json.ts';
import type { SiteRecord } from './sharepoint-db.ts';
import type { SharePointServices } from './sharepoint-services.ts';

const SITE_NAVIGATION = [
  'analytics',
  'columns',
  'contentTypes',
  'drive',
  'drives',
  'externalColumns',
  'items',
  'lists',
  'onenote',
  'operations',
  'pages',
  'permissions',
  'sites',
  'termStore',
  'termStores',
];

function answer(sp: SharePointServices, site: SiteRecord, req: RouteRequest): GraphResponse {
  checkExpand(parseExpand(queryOption(req.query, 'expand')), [], 'microsoft.graph.site', SITE_NAVIGATION);
  const body = projectSelect(
    siteJson(site),
    parseSelect(queryOption(req.query, 'select')),
    SITE_PROPERTIES,
    'microsoft.graph.site',
  );
  return {
    status: 200,
    body: { '@odata.context': `${sp.ctx.graphBaseUrl()}/$metadata#sites/$entity`, ...body },
  };
}

/** GET a site by id, by path, as a group's team site, or the tenant's root site. */
export function registerSiteRoutes(sp: SharePointServices): void {
  const d = sp.ctx.dispatcher;

  d.register('GET', '/sites/root', (req) => answer(sp, sp.sites.resolve(sp.ctx.sharePointHostname), req));

  d.register('GET', '/sites/{site-id}', (req) =>
    answer(sp, sp.sites.resolve(req.params['site-id'] ?? ''), req),
  );

  d.register('GET', '/sites/{hostname}:/{server-relative-path}', (req) => {
    // Graph allows a closing ':' (`…:/sites/x:`); anything after it addresses a child the stand-in lacks.
    const raw = req.params['server-relative-path'] ?? '';
    const close = raw.indexOf(':');
    if (close !== -1 && raw.slice(close + 1).replace(/^\/+/, '') !== '') {
      throw new GraphError(
        501,
        'notImplemented',
        'local365 does not serve resources below a path-addressed site; use the site id.',
      );
    }
    const path = close === -1 ? raw : raw.slice(0, close);
    return answer(sp, sp.sites.byPath(req.params.hostname ?? '', `/${path}`), req);
  });

  d.register('GET', '/groups/{group-id}/sites/root', (req) =>
    answer(sp, sp.sites.byGroup(req.params['group-id'] ?? ''), req),
  );
}
