import { createHash } from 'node:crypto';
import { GraphError, notFound } from '../graph/graph-error.ts';
import { toGraphInstant } from './date-time.ts';
import { SYSTEM_ACTOR } from './list-items.ts';
import type { ListService } from './lists.ts';
import type { SharePointDb, SiteRecord } from './sharepoint-db.ts';

export type EnsureSiteInput = {
  hostname: string;
  /** e.g. '/sites/senco-hub'; '/' for the host's root site. */
  serverRelativePath: string;
  displayName: string;
  /** The Microsoft 365 group whose team site this is (GET /groups/{id}/sites/root). */
  groupId?: string;
  description?: string;
  /** The site's regional time zone (IANA); English schools' sites are on London time. */
  timeZone?: string;
};

export const DEFAULT_SITE_TIME_ZONE = 'Europe/London';

export const siteNotFound = () => notFound('Requested site could not be found', 'itemNotFound');
const invalidHostname = () => new GraphError(400, 'invalidRequest', 'Invalid hostname for this tenancy');

/** A stable GUID from a name, so a re-seeded stand-in gives a site the same id (UUID v5 layout over SHA-1). */
function nameGuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function normaliseSitePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Sites: each a site collection's root web, with Graph's composite id 'hostname,{collection},{web}'. */
export class SiteService {
  constructor(
    private readonly db: SharePointDb,
    private readonly lists: ListService,
    private readonly now: () => Date,
    private readonly tenantHostname: string,
  ) {}

  ensure(input: EnsureSiteInput): SiteRecord {
    const hostname = input.hostname.toLowerCase();
    const path = normaliseSitePath(input.serverRelativePath);
    return this.db.transaction(() => {
      const existing = this.db.siteByPath(hostname, path);
      const at = toGraphInstant(this.now());
      if (existing) {
        const next: SiteRecord = {
          ...existing,
          displayName: input.displayName,
          description: input.description ?? existing.description,
          groupId: input.groupId ?? existing.groupId,
          timeZone: input.timeZone ?? existing.timeZone,
        };
        if (JSON.stringify(next) !== JSON.stringify(existing))
          this.db.updateSite({ ...next, modifiedAt: at });
        return this.db.siteById(existing.id) ?? next;
      }
      const key = `${hostname}${path.toLowerCase()}`;
      const site: SiteRecord = {
        id: `${hostname},${nameGuid(`site-collection:${key}`)},${nameGuid(`web:${key}`)}`,
        hostname,
        serverRelativePath: path,
        displayName: input.displayName,
        description: input.description ?? '',
        groupId: input.groupId ?? null,
        timeZone: input.timeZone ?? DEFAULT_SITE_TIME_ZONE,
        createdAt: at,
        modifiedAt: at,
      };
      this.db.insertSite(site);
      this.lists.createUserInformationList(site, SYSTEM_ACTOR);
      return site;
    });
  }

  /** `{site-id}`: the composite id, or a bare hostname for that host's root site. */
  resolve(siteId: string): SiteRecord {
    const parts = siteId.split(',');
    const hostname = parts[0]?.toLowerCase() ?? '';
    if (!this.knownHost(hostname)) throw invalidHostname();
    const site =
      parts.length === 1
        ? this.db.siteByPath(hostname, '/')
        : parts.length === 3
          ? this.db.siteById(siteId)
          : undefined;
    if (!site) throw siteNotFound();
    return site;
  }

  byPath(hostname: string, serverRelativePath: string): SiteRecord {
    if (!this.knownHost(hostname.toLowerCase())) throw invalidHostname();
    const site = this.db.siteByPath(hostname, normaliseSitePath(serverRelativePath));
    if (!site) throw siteNotFound();
    return site;
  }

  byGroup(groupId: string): SiteRecord {
    const site = this.db.siteByGroup(groupId);
    if (!site) throw siteNotFound();
    return site;
  }

  private knownHost(hostname: string): boolean {
    return (
      hostname === this.tenantHostname.toLowerCase() || this.db.sites().some((s) => s.hostname === hostname)
    );
  }
}
