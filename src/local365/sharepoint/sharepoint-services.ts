import type { StandInContext } from '../context.ts';
import type { RouteRequest } from '../graph/dispatcher.ts';
import { ListItemService, type Actor } from './list-items.ts';
import { ListService } from './lists.ts';
import { SharePointDb, type ListRecord, type SiteRecord } from './sharepoint-db.ts';
import { accessFor, SitePermissions } from './site-permissions.ts';
import { SiteUsers } from './site-users.ts';
import { SiteService } from './sites.ts';

/** The SharePoint stand-in's parts, wired once and shared by its routes and its store API. */
export type SharePointServices = {
  ctx: StandInContext;
  db: SharePointDb;
  sites: SiteService;
  lists: ListService;
  items: ListItemService;
  users: SiteUsers;
  permissions: SitePermissions;
};

export function createSharePointServices(ctx: StandInContext): SharePointServices {
  const db = new SharePointDb(ctx.db);
  const items = new ListItemService(db, ctx.now);
  const lists = new ListService(db, items, ctx.now);
  const sites = new SiteService(db, lists, ctx.now, ctx.sharePointHostname);
  const users = new SiteUsers(db, items);
  const permissions = new SitePermissions(ctx.db);
  return { ctx, db, sites, lists, items, users, permissions };
}

/** The site and list a route's `{site-id}` and `{list-id}` name. */
export function siteAndList(
  sp: SharePointServices,
  req: RouteRequest,
): { site: SiteRecord; list: ListRecord } {
  const site = siteOf(sp, req);
  const list = sp.lists.resolve(site, req.params['list-id'] ?? '');
  return { site, list };
}

/** The site a route's `{site-id}` names, once the caller is known to hold the access the route needs (else 403). */
export function siteOf(
  sp: SharePointServices,
  req: RouteRequest,
  site = sp.sites.resolve(req.params['site-id'] ?? ''),
): SiteRecord {
  sp.permissions.require(req.caller, site, accessFor(req));
  return site;
}

/** The writer of a request, added to the site's User Information List if new (inside the write's transaction). */
export function actorOf(sp: SharePointServices, site: SiteRecord, req: RouteRequest): Actor {
  return sp.users.actorFor(site, req.caller);
}
