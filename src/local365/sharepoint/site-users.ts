import type { Caller } from '../graph/dispatcher.ts';
import { SHAREPOINT_APP_LOOKUP_ID, SYSTEM_ACTOR, type Actor, type ListItemService } from './list-items.ts';
import type { SharePointDb, SiteRecord } from './sharepoint-db.ts';

export type SiteUserInput = {
  /** Entra object id. */
  aadObjectId: string;
  displayName: string;
  email: string;
  upn: string;
};

/**
 * The people a site knows, kept where SharePoint keeps them: the site's User Information List. A person
 * column holds an item id from that list (not an Entra id); SharePoint adds a user the first time they write.
 */
export class SiteUsers {
  constructor(
    private readonly db: SharePointDb,
    private readonly items: ListItemService,
  ) {}

  /** The user's id in the site's User Information List, adding them if the site does not know them yet. */
  ensure(site: SiteRecord, user: SiteUserInput): number {
    return this.db.transaction(() => {
      const known = this.db.siteUserLookupId(site.id, user.aadObjectId);
      if (known !== undefined) return known;
      const list = this.db.systemList(site.id, 'userInformation');
      if (!list) throw new Error(`local365: site ${site.id} has no User Information List`);
      const item = this.items.create(
        site,
        list,
        { Title: user.displayName, EMail: user.email, UserName: user.upn },
        SYSTEM_ACTOR,
      );
      this.db.insertSiteUser(site.id, user.aadObjectId, item.id);
      return item.id;
    });
  }

  /** The writer as SharePoint records them: a signed-in user, or 'SharePoint App' for app-only tokens. */
  actorFor(site: SiteRecord, caller: Caller): Actor {
    if (caller.kind === 'app') {
      return {
        identitySet: {
          application: { id: caller.appId, displayName: caller.appId },
          user: { displayName: 'SharePoint App' },
        },
        lookupId: SHAREPOINT_APP_LOOKUP_ID,
      };
    }
    const lookupId = this.ensure(site, {
      aadObjectId: caller.userId,
      displayName: caller.upn,
      email: caller.upn,
      upn: caller.upn,
    });
    const list = this.db.systemList(site.id, 'userInformation');
    const entry = list && this.db.item(list.id, lookupId);
    const displayName = entry && typeof entry.fields.Title === 'string' ? entry.fields.Title : caller.upn;
    return { identitySet: { user: { email: caller.upn, id: caller.userId, displayName } }, lookupId };
  }
}
