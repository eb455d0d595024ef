import { randomUUID } from 'node:crypto';
import { migrate, type Db } from '../database.ts';
import type { Caller, RouteRequest } from '../graph/dispatcher.ts';
import { badRequest, forbidden, notFound } from '../graph/graph-error.ts';
import type { SiteRecord } from './sharepoint-db.ts';

/**
 * Who may do what on a site. Application callers with `Sites.Selected` have no access to any site until an
 * admin grants the app a role on it with POST /sites/{id}/permissions
 * (https://learn.microsoft.com/graph/api/site-post-permissions,
 * https://learn.microsoft.com/graph/permissions-selected-overview); without a grant every SharePoint call
 * answers 403. `read` reads; `write` also writes items; creating or changing lists and columns needs more
 * than `write` (reported from SharePoint Online: https://techcommunity.microsoft.com/idea/microsoft365developerplatform/graph-api-scope-sites-selected-should-include-readwrite-to-selected-sites-lists/2537162),
 * so `owner` or `fullcontrol`. Tenant-wide permissions, application or delegated, work on every site:
 * Sites.Read.All reads, Sites.ReadWrite.All writes items, creating lists and columns needs Sites.Manage.All
 * or more (https://learn.microsoft.com/graph/api/list-create, https://learn.microsoft.com/graph/api/list-post-columns).
 */

export type SiteRole = 'read' | 'write' | 'owner' | 'fullcontrol';
/** What a request does to a site: read it, write list items, or create and change lists and columns. */
export type SiteAccess = 'read' | 'write' | 'manage';

const ROLES: readonly SiteRole[] = ['read', 'write', 'owner', 'fullcontrol'];
const ROLE_ALLOWS: Record<SiteRole, readonly SiteAccess[]> = {
  read: ['read'],
  write: ['read', 'write'],
  owner: ['read', 'write', 'manage'],
  fullcontrol: ['read', 'write', 'manage'],
};
const TENANT_WIDE: Record<string, readonly SiteAccess[]> = {
  'Sites.Read.All': ['read'],
  'Sites.ReadWrite.All': ['read', 'write'],
  'Sites.Manage.All': ['read', 'write', 'manage'],
  'Sites.FullControl.All': ['read', 'write', 'manage'],
};
/** Granting needs Sites.FullControl.All (application, or delegated for a SharePoint admin). */
const GRANTING = 'Sites.FullControl.All';

export const ACCESS_DENIED = 'Access denied';

/** The access a SharePoint route needs: GET reads; changing items writes; changing lists or columns manages. */
export function accessFor(req: Pick<RouteRequest, 'method' | 'path'>): SiteAccess {
  if (req.method.toUpperCase() === 'GET') return 'read';
  return /\/lists\/[^/]+\/items(\/|$)/.test(req.path) ? 'write' : 'manage';
}

type GrantRow = { id: string; site_id: string; app_id: string; display_name: string; roles: string };
export type SiteGrant = { id: string; siteId: string; appId: string; displayName: string; roles: SiteRole[] };

const fromRow = (r: GrantRow): SiteGrant => ({
  id: r.id,
  siteId: r.site_id,
  appId: r.app_id,
  displayName: r.display_name,
  roles: JSON.parse(r.roles) as SiteRole[],
});

export class SitePermissions {
  constructor(private readonly db: Db) {
    migrate(
      db,
      'sharepoint-site-permissions-1',
      `CREATE TABLE sp_site_permissions (
         id TEXT PRIMARY KEY,
         site_id TEXT NOT NULL,
         app_id TEXT NOT NULL,
         display_name TEXT NOT NULL,
         roles TEXT NOT NULL
       );
       CREATE INDEX sp_site_permissions_site ON sp_site_permissions (site_id, app_id);`,
    );
  }

  grants(siteId: string): SiteGrant[] {
    return (
      this.db
        .prepare('SELECT * FROM sp_site_permissions WHERE site_id = ? ORDER BY rowid')
        .all(siteId) as GrantRow[]
    ).map(fromRow);
  }

  /** Grants (or, for an app already granted, replaces) the app's roles on the site. */
  grant(siteId: string, app: { id: string; displayName: string }, roles: readonly SiteRole[]): SiteGrant {
    const existing = this.grants(siteId).find((g) => g.appId.toLowerCase() === app.id.toLowerCase());
    const id = existing?.id ?? randomUUID();
    this.db
      .prepare(
        `INSERT INTO sp_site_permissions (id, site_id, app_id, display_name, roles) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET roles = excluded.roles, display_name = excluded.display_name`,
      )
      .run(id, siteId, app.id, app.displayName, JSON.stringify(roles));
    return { id, siteId, appId: app.id, displayName: app.displayName, roles: [...roles] };
  }

  revoke(siteId: string, permissionId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM sp_site_permissions WHERE site_id = ? AND id = ?')
        .run(siteId, permissionId).changes > 0
    );
  }

  /** Throws Graph's 403 unless the caller may do `access` on the site. */
  require(caller: Caller, site: SiteRecord, access: SiteAccess): void {
    if (!this.allows(caller, site, access)) throw forbidden(ACCESS_DENIED);
  }

  allows(caller: Caller, site: SiteRecord, access: SiteAccess): boolean {
    const held = caller.kind === 'user' ? caller.scopes : caller.roles;
    if (held.some((p) => TENANT_WIDE[p]?.includes(access))) return true;
    // Delegated Sites.Selected is not modelled: nothing here signs users in with it.
    if (caller.kind === 'user' || !caller.roles.includes('Sites.Selected')) return false;
    return this.grants(site.id).some(
      (g) =>
        g.appId.toLowerCase() === caller.appId.toLowerCase() &&
        g.roles.some((r) => ROLE_ALLOWS[r].includes(access)),
    );
  }

  /** Who may call the permission routes themselves. */
  requireGranting(caller: Caller): void {
    const held = caller.kind === 'app' ? caller.roles : caller.scopes;
    if (!held.includes(GRANTING)) throw forbidden(ACCESS_DENIED);
  }
}

/** Graph's permission resource for an application grant. */
export function permissionJson(grant: SiteGrant): Record<string, unknown> {
  const identity = { application: { id: grant.appId, displayName: grant.displayName } };
  return {
    id: grant.id,
    roles: grant.roles,
    grantedToIdentitiesV2: [identity],
    grantedToIdentities: [identity],
  };
}

/** The body of POST …/permissions: roles, and one application in grantedToIdentities (or …V2). */
export function parseGrant(body: unknown): { roles: SiteRole[]; app: { id: string; displayName: string } } {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const roles = input.roles;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => ROLES.includes(r as SiteRole)))
    throw badRequest(`'roles' must list one or more of ${ROLES.join(', ')}.`);
  const identities = input.grantedToIdentitiesV2 ?? input.grantedToIdentities;
  const first = Array.isArray(identities)
    ? (identities[0] as Record<string, unknown> | undefined)
    : undefined;
  const application = first?.application as Record<string, unknown> | undefined;
  if (!application || typeof application.id !== 'string' || application.id === '') {
    // Only application permissions can be created this way (site-post-permissions).
    throw badRequest(
      'Only application permissions can be granted: give grantedToIdentities[0].application.id.',
    );
  }
  const displayName = typeof application.displayName === 'string' ? application.displayName : application.id;
  return { roles: roles as SiteRole[], app: { id: application.id, displayName } };
}

export const permissionNotFound = () => notFound('Permission not found', 'itemNotFound');
