import type { StandInContext } from '../context.ts';
import { registerDeltaRoute } from './delta.ts';
import { fieldValueSet, itemETag } from './field-values.ts';
import { registerItemRoutes } from './items-routes.ts';
import { SYSTEM_ACTOR } from './list-items.ts';
import { registerListRoutes } from './lists-routes.ts';
import { listWebUrl, siteWebUrl } from './resource-json.ts';
import { createSharePointServices, type SharePointServices } from './sharepoint-services.ts';
import type { SiteRole } from './site-permissions.ts';
import type { SiteUserInput } from './site-users.ts';
import type { EnsureSiteInput } from './sites.ts';
import { registerSiteRoutes } from './sites-routes.ts';
import { registerSubscriptionRoutes, type SubscriptionStore } from './subscriptions.ts';

export type SharePointSite = {
  id: string;
  displayName: string;
  webUrl: string;
  hostname: string;
  serverRelativePath: string;
  groupId: string | null;
};

export type SharePointListSummary = {
  id: string;
  displayName: string;
  itemCount: number;
  hidden: boolean;
  webUrl: string;
};

export type SharePointItemSummary = {
  id: string;
  eTag: string;
  lastModified: string;
  fields: Record<string, unknown>;
};

/** What the seed loader, the inspector page and tests use besides Graph itself. */
export type SharePointStore = {
  /** Creates the site (and its User Information List) or updates its name and group; idempotent. */
  ensureSite(input: EnsureSiteInput): SharePointSite;
  listSites(): SharePointSite[];
  listLists(siteId: string): SharePointListSummary[];
  /** Items in id order with Graph's fieldValueSet, for the inspector. */
  listItems(siteId: string, listId: string, page: { limit: number; offset: number }): SharePointItemSummary[];
  /** A person's id in the site's User Information List (what person columns hold), adding them if new. */
  ensureSiteUser(siteId: string, user: SiteUserInput): string;
  /**
   * Creates items in one transaction with Graph's write rules, as the system account: seed data and
   * large-list tests without thousands of HTTP calls. `listId` may be the GUID or the display name.
   */
  addItems(siteId: string, listId: string, fields: Record<string, unknown>[]): string[];
  /** Expires every delta token of a list: the next delta call with one answers 410 (resync). */
  expireDeltaTokens(siteId: string, listId: string): void;
  /**
   * What a school's SharePoint admin does with POST /sites/{id}/permissions: grants an app (Sites.Selected)
   * roles on one site, replacing any it had there. The same rules as the Graph route.
   */
  grantApp(siteId: string, app: { id: string; displayName: string }, roles: readonly SiteRole[]): void;
  /** Change notification subscriptions on lists (subscriptions.ts). */
  readonly subscriptions: SubscriptionStore;
};

/** The tenant's root site exists in every tenant (GET /sites/root). */
const ROOT_SITE_NAME = 'Communication site';

/** Registers the SharePoint sites, lists, columns, items and delta routes; returns the store API. */
export function registerSharePointRoutes(ctx: StandInContext): SharePointStore {
  const sp = createSharePointServices(ctx);
  registerSiteRoutes(sp);
  registerListRoutes(sp);
  registerItemRoutes(sp);
  registerDeltaRoute(sp);
  const subscriptions = registerSubscriptionRoutes(sp);
  sp.sites.ensure({ hostname: ctx.sharePointHostname, serverRelativePath: '/', displayName: ROOT_SITE_NAME });
  return createStore(sp, subscriptions);
}

function createStore(sp: SharePointServices, subscriptions: SubscriptionStore): SharePointStore {
  const summary = (site: ReturnType<typeof sp.sites.resolve>): SharePointSite => ({
    id: site.id,
    displayName: site.displayName,
    webUrl: siteWebUrl(site),
    hostname: site.hostname,
    serverRelativePath: site.serverRelativePath,
    groupId: site.groupId,
  });
  return {
    subscriptions,
    ensureSite: (input) => summary(sp.sites.ensure(input)),
    listSites: () => sp.db.sites().map(summary),
    listLists(siteId) {
      const site = sp.sites.resolve(siteId);
      return sp.db.lists(site.id).map((list) => ({
        id: list.id,
        displayName: list.displayName,
        itemCount: sp.db.itemCount(list.id),
        hidden: list.hidden,
        webUrl: listWebUrl(site, list),
      }));
    },
    listItems(siteId, listId, page) {
      const site = sp.sites.resolve(siteId);
      const list = sp.lists.resolve(site, listId);
      const fieldCtx = sp.items.fieldContext(site, list);
      return sp.db.itemsByOffset(list.id, page.limit, page.offset).map((item) => {
        const { '@odata.etag': _etag, ...fields } = fieldValueSet(item, fieldCtx);
        return { id: String(item.id), eTag: itemETag(item), lastModified: item.modifiedAt, fields };
      });
    },
    ensureSiteUser: (siteId, user) => String(sp.users.ensure(sp.sites.resolve(siteId), user)),
    addItems(siteId, listId, fields) {
      const site = sp.sites.resolve(siteId);
      const list = sp.lists.resolve(site, listId);
      return sp.items.createMany(site, list, fields, SYSTEM_ACTOR).map((item) => String(item.id));
    },
    expireDeltaTokens(siteId, listId) {
      const site = sp.sites.resolve(siteId);
      sp.db.bumpDeltaEpoch(sp.lists.resolve(site, listId).id);
    },
    grantApp(siteId, app, roles) {
      sp.permissions.grant(sp.sites.resolve(siteId).id, app, roles);
    },
  };
}
