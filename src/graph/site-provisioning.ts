import { DEFAULT_DOMAIN_SETTINGS } from '../domain/domain-settings.ts';
import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphPatch, graphPost } from './graph-requests.ts';
import {
  columnDefinitionJson,
  columnsAt,
  graphFacetOf,
  type ColumnDefinition,
  type ListDefinition,
  type ListKey,
} from './list-definition.ts';
import { createFields, type SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString } from './odata.ts';
import { DOMAIN_SETTINGS_KEY, SCHEMA_VERSION_KEY, SETTINGS_LIST, settingFromItem } from './settings-list.ts';
import { SENCO_HUB_SCHEMA, type SiteSchema } from './site-schema.ts';

/**
 * Brings a SharePoint site up to a schema version: creates missing lists, adds missing columns, turns on
 * indexes and unique values, adds new choices, then records the version in the settings list.
 *
 * - Idempotent: it reads first and writes only what is missing, so a second run makes no writes.
 * - Resumable: every step is checked against what is there, so a run that failed half-way finishes the rest;
 *   a create that was applied but whose answer was lost (409 on the retry) counts as done.
 * - Versioned: columns carry the version that added them; nothing is removed or retyped, so data survives.
 *
 * Graph has been seen to skip some of the columns given with a new list (POST /sites/{id}/lists,
 * https://learn.microsoft.com/en-us/graph/api/list-create), so each new list's columns
 * are read back and any missing one is added on its own.
 */

export type ProvisionStep =
  | { kind: 'list-created'; list: string }
  | { kind: 'column-added'; list: string; column: string }
  | { kind: 'column-updated'; list: string; column: string; change: 'indexed' | 'unique' | 'choices' }
  | { kind: 'version-recorded'; version: number }
  | { kind: 'settings-created' };

export type ProvisionProgress =
  | { kind: 'checked'; lists: number; changesNeeded: number }
  | (ProvisionStep & { done: number; total: number });

export type ProvisionResult = {
  schemaVersion: number;
  /** The version the site had before (undefined: never provisioned). */
  previousVersion: number | undefined;
  /** What this run changed; empty when the site was already up to date. */
  changes: ProvisionStep[];
  listIds: Record<ListKey, string>;
};

export class SchemaMismatchError extends Error {
  override name = 'SchemaMismatchError';
}

type GraphList = { id: string; displayName: string };
type GraphColumn = {
  id: string;
  name: string;
  indexed?: boolean;
  enforceUniqueValues?: boolean;
  text?: unknown;
  number?: unknown;
  boolean?: unknown;
  dateTime?: unknown;
  choice?: { choices?: string[] } & Record<string, unknown>;
  personOrGroup?: unknown;
  lookup?: unknown;
};

type Action =
  | { kind: 'create-list'; list: ListDefinition }
  | { kind: 'add-column'; list: ListDefinition; column: ColumnDefinition }
  | {
      kind: 'update-column';
      list: ListDefinition;
      column: ColumnDefinition;
      existing: GraphColumn;
      change: 'indexed' | 'unique' | 'choices';
    };

const FACETS = ['text', 'number', 'boolean', 'dateTime', 'choice', 'personOrGroup', 'lookup'] as const;

function facetOf(column: GraphColumn): string | undefined {
  return FACETS.find((f) => column[f] !== undefined && column[f] !== null);
}

/** What a list's existing columns lack, as actions. Throws if a column exists with another type. */
function columnActions(list: ListDefinition, version: number, existing: GraphColumn[]): Action[] {
  const actions: Action[] = [];
  for (const column of columnsAt(list, version)) {
    const found = existing.find((c) => c.name === column.name);
    if (!found) {
      actions.push({ kind: 'add-column', list, column });
      continue;
    }
    const facet = facetOf(found);
    if (facet !== graphFacetOf(column.type)) {
      throw new SchemaMismatchError(
        `${list.displayName}: column ${column.name} is '${facet ?? 'unknown'}' in SharePoint, SENCO Hub needs '${graphFacetOf(column.type)}'. Rename or remove the column in SharePoint, then provision again.`,
      );
    }
    if (column.unique && !found.enforceUniqueValues)
      actions.push({ kind: 'update-column', list, column, existing: found, change: 'unique' });
    else if (column.indexed && !found.indexed)
      actions.push({ kind: 'update-column', list, column, existing: found, change: 'indexed' });
    if (column.type === 'choice') {
      const have = new Set(found.choice?.choices ?? []);
      if ((column.choices ?? []).some((c) => !have.has(c)))
        actions.push({ kind: 'update-column', list, column, existing: found, change: 'choices' });
    }
  }
  return actions;
}

export async function provisionSite(input: {
  connection: GraphConnection;
  siteId: string;
  schema?: SiteSchema;
  onProgress?: (progress: ProvisionProgress) => void;
  now?: () => Date;
}): Promise<ProvisionResult> {
  const { connection, siteId } = input;
  const schema = input.schema ?? SENCO_HUB_SCHEMA;
  const now = input.now ?? (() => new Date());
  const site = `/sites/${siteId}`;
  const changes: ProvisionStep[] = [];
  let done = 0;
  let total = 0;
  const report = (step: ProvisionStep) => {
    changes.push(step);
    done += 1;
    input.onProgress?.({ ...step, done, total: Math.max(total, done) });
  };

  const readLists = () =>
    getAllPages<GraphList>(connection, `${site}/lists?$select=id,displayName`, 'read the site’s lists');
  const readColumns = (listId: string, list: ListDefinition) =>
    getAllPages<GraphColumn>(
      connection,
      `${site}/lists/${listId}/columns`,
      `read the columns of ${list.displayName}`,
    );

  const wanted = schema.lists.filter((l) => l.since <= schema.version);
  let lists = await readLists();
  const listIds = {} as Record<ListKey, string>;
  const actions: Action[] = [];
  for (const list of wanted) {
    const found = lists.find((l) => l.displayName === list.displayName);
    if (!found) {
      actions.push({ kind: 'create-list', list });
      continue;
    }
    listIds[list.key] = found.id;
    actions.push(...columnActions(list, schema.version, await readColumns(found.id, list)));
  }

  const settingsList = schema.lists.find((l) => l.key === 'settings') ?? SETTINGS_LIST;
  const readSetting = async (key: string): Promise<SharePointItem | undefined> => {
    const listId = listIds[settingsList.key];
    if (!listId) return undefined;
    const items = await getAllPages<SharePointItem>(
      connection,
      `${site}/lists/${listId}/items${itemsQueryString({ filter: eq('SettingKey', key) })}`,
      `read setting ${key}`,
    );
    return items[0];
  };
  // The settings list can be read only once its key column is there and indexed; if a run stopped before
  // that, it is read after this run has mended it.
  const settingsReadable = !actions.some((a) => a.list.key === settingsList.key);
  let versionItem = settingsReadable ? await readSetting(SCHEMA_VERSION_KEY) : undefined;
  let previousVersion = versionOf(versionItem);
  // The school's settings item is looked for once the list can be read; on a new site it is certainly missing.
  const settingsMissing = settingsReadable ? !(await readSetting(DOMAIN_SETTINGS_KEY)) : true;
  total =
    actions.length +
    (settingsMissing ? 1 : 0) +
    (previousVersion === undefined || previousVersion < schema.version ? 1 : 0);
  input.onProgress?.({ kind: 'checked', lists: wanted.length, changesNeeded: total });

  const createList = async (list: ListDefinition): Promise<string> => {
    try {
      const created = await graphPost<GraphList>(
        connection,
        `${site}/lists`,
        {
          displayName: list.displayName,
          description: list.description,
          list: { template: 'genericList' },
          columns: columnsAt(list, schema.version).map(columnDefinitionJson),
        },
        `create list ${list.displayName}`,
      );
      return created.id;
    } catch (err) {
      // Created already (by a retried request, or another server provisioning at the same time).
      if (!(err instanceof GraphRequestError) || err.status !== 409) throw err;
      lists = await readLists();
      const found = lists.find((l) => l.displayName === list.displayName);
      if (!found) throw err;
      return found.id;
    }
  };

  const runColumnAction = async (action: Exclude<Action, { kind: 'create-list' }>, listId: string) => {
    const { list, column } = action;
    if (action.kind === 'add-column') {
      try {
        await graphPost(
          connection,
          `${site}/lists/${listId}/columns`,
          columnDefinitionJson(column),
          `add column ${column.name} to ${list.displayName}`,
        );
      } catch (err) {
        if (!(err instanceof GraphRequestError) || err.status !== 409) throw err;
      }
      report({ kind: 'column-added', list: list.displayName, column: column.name });
      return;
    }
    const body =
      action.change === 'choices'
        ? {
            choice: {
              ...action.existing.choice,
              choices: [...new Set([...(action.existing.choice?.choices ?? []), ...(column.choices ?? [])])],
            },
          }
        : action.change === 'unique'
          ? { indexed: true, enforceUniqueValues: true }
          : { indexed: true };
    await graphPatch(
      connection,
      `${site}/lists/${listId}/columns/${action.existing.id}`,
      body,
      `set ${action.change} on ${list.displayName}.${column.name}`,
    );
    report({ kind: 'column-updated', list: list.displayName, column: column.name, change: action.change });
  };

  for (const action of actions) {
    if (action.kind === 'create-list') {
      const listId = await createList(action.list);
      listIds[action.list.key] = listId;
      report({ kind: 'list-created', list: action.list.displayName });
      const missing = columnActions(action.list, schema.version, await readColumns(listId, action.list));
      total += missing.length;
      for (const m of missing) await runColumnAction(m as Exclude<Action, { kind: 'create-list' }>, listId);
      continue;
    }
    await runColumnAction(action, listIds[action.list.key]);
  }

  // Settings: the schema version reached, and the school's settings item (defaults until someone saves).
  const settingsId = listIds[settingsList.key];
  const itemsPath = `${site}/lists/${settingsId}/items`;
  if (!settingsReadable) {
    versionItem = await readSetting(SCHEMA_VERSION_KEY);
    previousVersion = versionOf(versionItem);
  }
  if (settingsMissing && !(await readSetting(DOMAIN_SETTINGS_KEY))) {
    await createSetting(connection, itemsPath, DOMAIN_SETTINGS_KEY, DEFAULT_DOMAIN_SETTINGS);
    report({ kind: 'settings-created' });
  } else if (settingsMissing) {
    total -= 1; // There after all (a run that stopped half-way had made it).
  }
  if (previousVersion === undefined || previousVersion < schema.version) {
    const value = { version: schema.version, provisionedAt: now().toISOString() };
    if (versionItem) {
      await graphPatch(
        connection,
        `${itemsPath}/${versionItem.id}/fields`,
        { Value: JSON.stringify(value) },
        'record the schema version',
        { headers: { 'If-Match': versionItem.eTag } },
      );
    } else {
      await createSetting(connection, itemsPath, SCHEMA_VERSION_KEY, value);
    }
    report({ kind: 'version-recorded', version: schema.version });
  }

  return { schemaVersion: Math.max(schema.version, previousVersion ?? 0), previousVersion, changes, listIds };
}

function versionOf(item: SharePointItem | undefined): number | undefined {
  if (!item) return undefined;
  const { value } = settingFromItem(item);
  const version = (value as { version?: unknown } | undefined)?.version;
  return typeof version === 'number' ? version : undefined;
}

async function createSetting(
  connection: GraphConnection,
  itemsPath: string,
  key: string,
  value: unknown,
): Promise<void> {
  try {
    await graphPost(
      connection,
      itemsPath,
      { fields: createFields({ Title: key, SettingKey: key, Value: JSON.stringify(value) }) },
      `create setting ${key}`,
    );
  } catch (err) {
    // Someone (or our own retried request) created it first: theirs stands.
    if (!(err instanceof GraphRequestError) || err.status !== 409) throw err;
  }
}

/** The schema version recorded on a site, if provisioned. */
export async function siteSchemaVersion(input: {
  connection: GraphConnection;
  siteId: string;
}): Promise<number | undefined> {
  const lists = await getAllPages<GraphList>(
    input.connection,
    `/sites/${input.siteId}/lists?$select=id,displayName`,
    'read the site’s lists',
  );
  const settings = lists.find((l) => l.displayName === SETTINGS_LIST.displayName);
  if (!settings) return undefined;
  const items = await getAllPages<SharePointItem>(
    input.connection,
    `/sites/${input.siteId}/lists/${settings.id}/items${itemsQueryString({ filter: eq('SettingKey', SCHEMA_VERSION_KEY) })}`,
    'read the schema version',
  );
  return versionOf(items[0]);
}
