import type { GraphResponse, RouteRequest } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import { checkExpand, parseExpand, projectSelect, parseSelect, queryOption } from './odata-options.ts';
import { SITE_PROPERTIES, siteJson } from './resource-json.ts';
import type { SiteRecord } from './sharepoint-db.ts';
import { siteOf, type SharePointServices } from './sharepoint-services.ts';
import { parseGrant, permissionJson, permissionNotFound } from './site-permissions.ts';

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

function answer(sp: SharePointServices, found: SiteRecord, req: RouteRequest): GraphResponse {
  const site = siteOf(sp, req, found);
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

  registerPermissionRoutes(sp);
}

/**
 * An admin's grants of the site to applications (Sites.Selected): POST, GET, PATCH and DELETE
 * …/permissions (https://learn.microsoft.com/graph/api/site-post-permissions). The caller needs
 * Sites.FullControl.All; only application permissions can be created.
 */
function registerPermissionRoutes(sp: SharePointServices): void {
  const d = sp.ctx.dispatcher;
  const context = (siteId: string) => `${sp.ctx.graphBaseUrl()}/$metadata#sites('${siteId}')/permissions`;
  const granted = (req: RouteRequest) => {
    sp.permissions.requireGranting(req.caller);
    return sp.sites.resolve(req.params['site-id'] ?? '');
  };
  const find = (req: RouteRequest) => {
    const site = granted(req);
    const grant = sp.permissions.grants(site.id).find((g) => g.id === req.params['permission-id']);
    if (!grant) throw permissionNotFound();
    return { site, grant };
  };

  d.register('GET', '/sites/{site-id}/permissions', (req) => {
    const site = granted(req);
    return {
      status: 200,
      body: { '@odata.context': context(site.id), value: sp.permissions.grants(site.id).map(permissionJson) },
    };
  });
  d.register('POST', '/sites/{site-id}/permissions', (req) => {
    const site = granted(req);
    const { roles, app } = parseGrant(req.body);
    const grant = sp.permissions.grant(site.id, app, roles);
    return {
      status: 201,
      body: { '@odata.context': `${context(site.id)}/$entity`, ...permissionJson(grant) },
    };
  });
  d.register('GET', '/sites/{site-id}/permissions/{permission-id}', (req) => {
    const { site, grant } = find(req);
    return {
      status: 200,
      body: { '@odata.context': `${context(site.id)}/$entity`, ...permissionJson(grant) },
    };
  });
  d.register('PATCH', '/sites/{site-id}/permissions/{permission-id}', (req) => {
    const { site, grant } = find(req);
    const { roles } = parseGrant({
      ...(typeof req.body === 'object' && req.body !== null ? req.body : {}),
      grantedToIdentities: [{ application: { id: grant.appId, displayName: grant.displayName } }],
    });
    const changed = sp.permissions.grant(site.id, { id: grant.appId, displayName: grant.displayName }, roles);
    return {
      status: 200,
      body: { '@odata.context': `${context(site.id)}/$entity`, ...permissionJson(changed) },
    };
  });
  d.register('DELETE', '/sites/{site-id}/permissions/{permission-id}', (req) => {
    const { site, grant } = find(req);
    sp.permissions.revoke(site.id, grant.id);
    return { status: 204 };
  });
}
