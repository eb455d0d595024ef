import { randomUUID } from 'node:crypto';
import { GraphError, badRequest, conflict, notFound } from '../graph/graph-error.ts';
import { columnFromGraph, genericListColumns, patchColumn, type LookupTarget } from './columns.ts';
import { toGraphInstant } from './date-time.ts';
import type { Actor, ListItemService } from './list-items.ts';
import type { ColumnDef, ListRecord, SharePointDb, SiteRecord } from './sharepoint-db.ts';

export const USER_INFORMATION_LIST = 'User Information List';

const TITLE_TAKEN =
  'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.';

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

export const listNotFound = () => notFound('The specified list was not found', 'itemNotFound');

/** Lists and their columns: create, find by GUID or title, change columns. */
export class ListService {
  constructor(
    private readonly db: SharePointDb,
    private readonly items: ListItemService,
    private readonly now: () => Date,
  ) {}

  /** `{list-id}` is the list's GUID or, as Graph allows, its display name. */
  resolve(site: SiteRecord, idOrTitle: string): ListRecord {
    const byId = GUID.test(idOrTitle) ? this.db.listById(site.id, idOrTitle.replace(/[{}]/g, '')) : undefined;
    const list = byId ?? this.db.listByTitle(site.id, idOrTitle);
    if (!list) throw listNotFound();
    return list;
  }

  private lookupTargets(site: SiteRecord): (listId: string) => LookupTarget | undefined {
    return (listId) => {
      const list = GUID.test(listId) ? this.db.listById(site.id, listId.replace(/[{}]/g, '')) : undefined;
      return list && { listId: list.id, columns: this.db.columns(list.id) };
    };
  }

  /** POST /sites/{site-id}/lists. Only the genericList template is modelled. */
  create(site: SiteRecord, body: Record<string, unknown>, actor: Actor): ListRecord {
    const displayName = body.displayName;
    if (typeof displayName !== 'string' || displayName.trim() === '')
      throw badRequest("The property 'displayName' is required.");
    const facet = body.list;
    if (facet !== undefined && facet !== null && (typeof facet !== 'object' || Array.isArray(facet)))
      throw badRequest("Invalid value for property 'list'.");
    const listFacet = (facet ?? {}) as Record<string, unknown>;
    const template = listFacet.template ?? 'genericList';
    if (typeof template !== 'string') throw badRequest("Invalid value for property 'list.template'.");
    if (template !== 'genericList') {
      throw new GraphError(
        501,
        'notImplemented',
        `local365 models only the 'genericList' template; Microsoft Graph also has '${template}'.`,
      );
    }
    const columnInputs = body.columns ?? [];
    if (!Array.isArray(columnInputs))
      throw badRequest("Invalid value for property 'columns': an array is expected.");
    return this.db.transaction(() => {
      if (this.db.listByTitle(site.id, displayName)) throw conflict(TITLE_TAKEN);
      const columns = genericListColumns();
      const findList = this.lookupTargets(site);
      for (const input of columnInputs) columns.push(columnFromGraph(input, columns, findList));
      const at = toGraphInstant(this.now());
      const list: ListRecord = {
        id: randomUUID(),
        siteId: site.id,
        displayName,
        name: displayName.replace(/[^A-Za-z0-9_\- ]/g, '').trim() || 'List',
        description: typeof body.description === 'string' ? body.description : '',
        template,
        hidden: listFacet.hidden === true,
        systemKind: null,
        nextItemId: 1,
        deltaEpoch: 0,
        version: 1,
        createdAt: at,
        modifiedAt: at,
        createdBy: actor.identitySet,
        modifiedBy: actor.identitySet,
      };
      this.db.insertList(list);
      columns.forEach((c, i) => this.db.insertColumn(list.id, c, i));
      return list;
    });
  }

  /** The hidden list SharePoint keeps of the people a site knows; person columns hold ids from it. */
  createUserInformationList(site: SiteRecord, actor: Actor): ListRecord {
    const at = toGraphInstant(this.now());
    const list: ListRecord = {
      id: randomUUID(),
      siteId: site.id,
      displayName: USER_INFORMATION_LIST,
      name: 'users',
      description: 'All people.',
      template: 'genericList',
      hidden: true,
      systemKind: 'userInformation',
      nextItemId: 1,
      deltaEpoch: 0,
      version: 1,
      createdAt: at,
      modifiedAt: at,
      createdBy: actor.identitySet,
      modifiedBy: actor.identitySet,
    };
    const columns = genericListColumns('Name');
    for (const name of ['EMail', 'UserName']) {
      columns.push({
        id: randomUUID(),
        name,
        displayName: name === 'EMail' ? 'Work email' : 'User name',
        description: '',
        columnGroup: '_Hidden',
        type: 'text',
        facet: {
          allowMultipleLines: false,
          appendChangesToExistingText: false,
          linesForEditing: 0,
          maxLength: 255,
        },
        indexed: false,
        enforceUniqueValues: false,
        required: false,
        hidden: false,
        readOnly: false,
        builtIn: false,
        defaultValue: null,
      });
    }
    this.db.insertList(list);
    columns.forEach((c, i) => this.db.insertColumn(list.id, c, i));
    return list;
  }

  delete(site: SiteRecord, list: ListRecord): void {
    this.db.transaction(() => {
      this.items.assertNotLookedUp(site, list);
      this.db.deleteList(list.id);
    });
  }

  columns(list: ListRecord): ColumnDef[] {
    return this.db.columns(list.id);
  }

  column(list: ListRecord, columnId: string): ColumnDef {
    const column = this.db.columns(list.id).find((c) => c.id.toLowerCase() === columnId.toLowerCase());
    if (!column)
      throw notFound(`Column '${columnId}' does not exist. It may have been deleted by another user.`);
    return column;
  }

  addColumn(site: SiteRecord, list: ListRecord, body: unknown, actor: Actor): ColumnDef {
    return this.db.transaction(() => {
      const columns = this.db.columns(list.id);
      const column = columnFromGraph(body, columns, this.lookupTargets(site));
      this.db.insertColumn(list.id, column, columns.length);
      this.touch(list, actor);
      return column;
    });
  }

  /** PATCH …/columns/{id}; turning enforceUniqueValues on checks the values already in the list. */
  updateColumn(list: ListRecord, columnId: string, body: unknown, actor: Actor): ColumnDef {
    return this.db.transaction(() => {
      const columns = this.db.columns(list.id);
      const current = this.column(list, columnId);
      const next = patchColumn(current, body, columns);
      this.db.updateColumn(list.id, next);
      if (next.enforceUniqueValues !== current.enforceUniqueValues) this.items.reindexUnique(list, next);
      this.touch(list, actor);
      return next;
    });
  }

  private touch(list: ListRecord, actor: Actor): void {
    const fresh = this.db.listById(list.siteId, list.id) ?? list;
    this.db.updateList({
      ...fresh,
      version: fresh.version + 1,
      modifiedAt: toGraphInstant(this.now()),
      modifiedBy: actor.identitySet,
    });
  }
}
