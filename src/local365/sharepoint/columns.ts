import { randomUUID } from 'node:crypto';
import { GraphError, badRequest, conflict } from '../graph/graph-error.ts';
import { nameKey, type ColumnDef, type ColumnType } from './sharepoint-db.ts';

/**
 * Column definitions: Graph's columnDefinition in and out, SharePoint's rules on them, and the built-in
 * columns every genericList carries. The type facets (text, number, …) are mutually exclusive.
 */

export const USER_FACETS = [
  'text',
  'number',
  'dateTime',
  'choice',
  'boolean',
  'personOrGroup',
  'lookup',
] as const;
type UserFacet = (typeof USER_FACETS)[number];

/** Facets Graph knows that the stand-in does not model. */
const UNSUPPORTED_FACETS = [
  'calculated',
  'currency',
  'geolocation',
  'hyperlinkOrPicture',
  'term',
  'thumbnail',
  'contentApprovalStatus',
];

/** SharePoint's limit on indexes per list. */
export const MAX_INDEXED_COLUMNS = 20;

export const UNIQUE_NEEDS_INDEX = 'This field must be indexed to enforce unique values.';

const NUMBER_LIMIT = 1.7976931348623157e308;

const FACET_DEFAULTS: Record<UserFacet, Record<string, unknown>> = {
  text: { allowMultipleLines: false, appendChangesToExistingText: false, linesForEditing: 0, maxLength: 255 },
  number: { decimalPlaces: 'automatic', displayAs: 'number', maximum: NUMBER_LIMIT, minimum: -NUMBER_LIMIT },
  dateTime: { displayAs: 'default', format: 'dateTime' },
  choice: { allowTextEntry: false, choices: [], displayAs: 'dropDownMenu' },
  boolean: {},
  personOrGroup: { allowMultipleSelection: false, displayAs: 'account', chooseFromType: 'peopleAndGroups' },
  lookup: { allowMultipleValues: false, allowUnlimitedLength: false, columnName: 'Title', listId: '' },
};

const ENUMS: Record<string, readonly string[]> = {
  'dateTime.format': ['dateOnly', 'dateTime'],
  'dateTime.displayAs': ['default', 'friendly', 'standard'],
  'choice.displayAs': ['checkBoxes', 'dropDownMenu', 'radioButtons'],
  'personOrGroup.chooseFromType': ['peopleAndGroups', 'peopleOnly'],
  'number.decimalPlaces': ['automatic', 'none', 'one', 'two', 'three', 'four', 'five'],
};

/** SharePoint's internal-name rules, narrowed to what Graph clients send: ASCII, at most 32 characters. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

/**
 * Names SharePoint's own fields hold in every list, beyond the built-ins modelled below: the internal names and
 * titles of the base data fields of [MS-WSSTS] 2.4.2
 * (https://learn.microsoft.com/openspecs/sharepoint_protocols/ms-wssts/bac496c6-c19e-4243-94e0-4f92477b6e82).
 * A list's field internal names and titles are each unique, so a new column may take none of them.
 */
const RESERVED_FIELD_NAMES = new Set(
  [
    // internal names
    'owshiddenversion',
    '_UIVersion',
    '_UIVersionString',
    'FileLeafRef',
    'FileRef',
    'FileDirRef',
    'FSObjType',
    'DocIcon',
    'GUID',
    'UniqueId',
    'Order',
    'ContentTypeId',
    '_ModerationStatus',
    '_ModerationComments',
    'WorkflowVersion',
    'WorkflowInstanceID',
    'InstanceID',
    'MetaInfo',
    '_Level',
    '_IsCurrentVersion',
    'ProgId',
    'ScopeId',
    'File_x0020_Type',
    'SortBehavior',
    'PermMask',
    'BaseName',
    'EncodedAbsUrl',
    'ServerUrl',
    'SelectTitle',
    '_CopySource',
    '_HasCopyDestinations',
    '_CheckinComment',
    'Last_x0020_Modified',
    'Created_x0020_Date',
    'SyncClientId',
    'AppAuthor',
    'AppEditor',
    '_EditMenuTableStart',
    '_EditMenuTableEnd',
    'LinkFilename',
    'LinkFilenameNoMenu',
    // their titles
    'Version',
    'Name',
    'Type',
    'Path',
    'URL Path',
    'Item Type',
    'Unique Id',
    'Approval Status',
    'Approver Comments',
    'File Type',
    'Copy Source',
    'Level',
    'Is Current Version',
  ].map(nameKey),
);

const isReservedName = (name: string) => RESERVED_FIELD_NAMES.has(nameKey(name));

type BuiltIn = Pick<ColumnDef, 'id' | 'name' | 'displayName' | 'type' | 'hidden'> & {
  facet?: Record<string, unknown>;
};

/** The columns SharePoint adds to every genericList, with SharePoint's well-known field ids. */
const GENERIC_LIST_BUILT_INS: BuiltIn[] = [
  {
    id: '1d22ea11-1e32-424e-89ab-9fedbadb6ce1',
    name: 'ID',
    displayName: 'ID',
    type: 'counter',
    hidden: false,
  },
  {
    id: 'c042a256-787d-4a6f-8a8a-cf6ab767f12d',
    name: 'ContentType',
    displayName: 'Content Type',
    type: 'computed',
    hidden: false,
  },
  {
    id: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f',
    name: 'Modified',
    displayName: 'Modified',
    type: 'dateTime',
    hidden: false,
  },
  {
    id: '8c06beca-0777-48f7-91c7-6da68bc07b69',
    name: 'Created',
    displayName: 'Created',
    type: 'dateTime',
    hidden: false,
  },
  {
    id: '1df5e554-ec7e-46a6-901d-d85a3881cb18',
    name: 'Author',
    displayName: 'Created By',
    type: 'personOrGroup',
    hidden: false,
  },
  {
    id: 'd31655d1-1d5b-4511-95a1-7a09e9b75bf2',
    name: 'Editor',
    displayName: 'Modified By',
    type: 'personOrGroup',
    hidden: false,
  },
  {
    id: 'dce8262a-3ae9-45aa-aab4-83bd75fb738a',
    name: '_UIVersionString',
    displayName: 'Version',
    type: 'computed',
    hidden: false,
  },
  {
    id: '67df98f4-9dec-48ff-a553-29bece9c5bf4',
    name: 'Attachments',
    displayName: 'Attachments',
    type: 'boolean',
    hidden: false,
  },
  {
    id: '503f1caa-358e-4918-9094-4a2cdc4bc034',
    name: 'Edit',
    displayName: 'Edit',
    type: 'computed',
    hidden: false,
  },
  {
    id: 'bc91a437-52e7-49e1-8c4e-4698904b2b6d',
    name: 'LinkTitleNoMenu',
    displayName: 'Title',
    type: 'computed',
    hidden: false,
  },
  {
    id: '82642ec8-ef9b-478f-acf9-31f7d45fbc31',
    name: 'LinkTitle',
    displayName: 'Title',
    type: 'computed',
    hidden: false,
  },
  {
    id: 'b824e17e-a1b3-426e-aecf-f0184d900485',
    name: 'ItemChildCount',
    displayName: 'Item Child Count',
    type: 'computed',
    hidden: true,
  },
  {
    id: '960ff01f-2b6d-4f1b-9c3f-e19ad8927341',
    name: 'FolderChildCount',
    displayName: 'Folder Child Count',
    type: 'computed',
    hidden: true,
  },
  {
    id: 'e5a93fd5-e1d8-4cf0-8e43-4cbd8ce9e8b5',
    name: '_ComplianceFlags',
    displayName: 'Label setting',
    type: 'computed',
    hidden: true,
  },
  {
    id: 'd6b61be8-46fe-4ffc-8ae1-e2e7e05fd1ea',
    name: '_ComplianceTag',
    displayName: 'Retention label',
    type: 'computed',
    hidden: true,
  },
  {
    id: 'c53c1ab8-5e46-4e40-9a7b-6d4e2c0a9d2f',
    name: '_ComplianceTagWrittenTime',
    displayName: 'Retention label Applied',
    type: 'computed',
    hidden: true,
  },
  {
    id: '4a7c0ea2-2f84-4d32-9c8c-26e2b1e1b6c1',
    name: '_ComplianceTagUserId',
    displayName: 'Label applied by',
    type: 'computed',
    hidden: true,
  },
];

export const TITLE_COLUMN_ID = 'fa564e0f-0c70-4ab9-b863-0177e6ddd247';

function titleColumn(displayName = 'Title'): ColumnDef {
  return {
    id: TITLE_COLUMN_ID,
    name: 'Title',
    displayName,
    description: '',
    columnGroup: 'Custom Columns',
    type: 'text',
    facet: { ...FACET_DEFAULTS.text },
    indexed: false,
    enforceUniqueValues: false,
    required: true,
    hidden: false,
    readOnly: false,
    builtIn: true,
    defaultValue: null,
  };
}

/** Title plus SharePoint's own columns, in the order a new genericList has them. */
export function genericListColumns(titleDisplayName?: string): ColumnDef[] {
  return [
    titleColumn(titleDisplayName),
    ...GENERIC_LIST_BUILT_INS.map<ColumnDef>((b) => ({
      id: b.id,
      name: b.name,
      displayName: b.displayName,
      description: '',
      columnGroup: '_Hidden',
      type: b.type,
      facet:
        b.type === 'dateTime'
          ? { displayAs: 'standard', format: 'dateTime' }
          : b.type === 'personOrGroup'
            ? { ...FACET_DEFAULTS.personOrGroup }
            : {},
      // SharePoint always indexes the item id; nothing else is indexed on a new list.
      indexed: b.name === 'ID',
      enforceUniqueValues: false,
      required: false,
      hidden: b.hidden,
      readOnly: true,
      builtIn: true,
      defaultValue: null,
    })),
  ];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkBoolean(input: Record<string, unknown>, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badRequest(`Invalid value for property '${key}': a Boolean is expected.`);
  return v;
}

function checkString(input: Record<string, unknown>, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`Invalid value for property '${key}': a String is expected.`);
  return v;
}

function facetOf(
  input: Record<string, unknown>,
): { facet: UserFacet; value: Record<string, unknown> } | undefined {
  const unsupported = UNSUPPORTED_FACETS.filter((f) => input[f] !== undefined && input[f] !== null);
  if (unsupported.length > 0) {
    throw new GraphError(
      501,
      'notImplemented',
      `local365 does not model '${unsupported[0]}' columns; Microsoft Graph does.`,
    );
  }
  const present = USER_FACETS.filter((f) => input[f] !== undefined && input[f] !== null);
  if (present.length > 1)
    throw badRequest(`A column can have only one type; found ${present.map((p) => `'${p}'`).join(' and ')}.`);
  const facet = present[0];
  if (!facet) return undefined;
  const value = input[facet];
  if (!isObject(value)) throw badRequest(`Invalid value for property '${facet}': an object is expected.`);
  return { facet, value };
}

/** Graph's facet with SharePoint's defaults filled in, checked for types and enums. */
function completeFacet(
  facet: UserFacet,
  value: Record<string, unknown>,
  base: Record<string, unknown> = FACET_DEFAULTS[facet],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, v] of Object.entries(value)) {
    if (v === null || v === undefined || key.startsWith('@odata.')) continue;
    const defaultValue = FACET_DEFAULTS[facet][key];
    const allowed = ENUMS[`${facet}.${key}`];
    if (allowed && (typeof v !== 'string' || !allowed.includes(v))) {
      throw badRequest(
        `Invalid value ${JSON.stringify(v)} for '${facet}.${key}'; expected one of ${allowed.join(', ')}.`,
      );
    }
    if (key === 'choices') {
      if (!Array.isArray(v) || v.some((c) => typeof c !== 'string'))
        throw badRequest("Invalid value for 'choice.choices': an array of strings is expected.");
    } else if (defaultValue !== undefined && typeof defaultValue !== typeof v) {
      throw badRequest(`Invalid value for '${facet}.${key}': a ${typeof defaultValue} is expected.`);
    }
    out[key] = v;
  }
  if (facet === 'choice' && (out.choices as unknown[]).length === 0)
    throw badRequest("A choice column needs at least one value in 'choice.choices'.");
  if (facet === 'personOrGroup' && out.allowMultipleSelection === true) {
    throw new GraphError(
      501,
      'notImplemented',
      'local365 does not model multi-value person columns (allowMultipleSelection); Microsoft Graph does.',
    );
  }
  if (facet === 'lookup' && out.allowMultipleValues === true) {
    throw new GraphError(
      501,
      'notImplemented',
      'local365 does not model multi-value lookup columns (allowMultipleValues); Microsoft Graph does.',
    );
  }
  return out;
}

/** Multi-line text cannot be indexed in SharePoint; computed columns have nothing to index. */
function checkIndexable(column: ColumnDef): void {
  if (!column.indexed) return;
  if ((column.type === 'text' && column.facet.allowMultipleLines === true) || column.type === 'computed') {
    throw badRequest(
      `The column '${column.name}' cannot be indexed: columns of this type do not support indexes.`,
    );
  }
}

function checkIndexLimit(column: ColumnDef, others: ColumnDef[]): void {
  if (
    column.indexed &&
    others.filter((c) => c.indexed && c.id !== column.id && c.name !== 'ID').length >= MAX_INDEXED_COLUMNS
  ) {
    throw badRequest(`A list can have at most ${MAX_INDEXED_COLUMNS} indexed columns.`);
  }
}

export type LookupTarget = { listId: string; columns: ColumnDef[] };

/**
 * A new column from Graph's columnDefinition (POST …/columns, or `columns` of POST …/lists).
 * `findList` resolves a lookup column's target list in the same site.
 */
export function columnFromGraph(
  input: unknown,
  existing: ColumnDef[],
  findList: (listId: string) => LookupTarget | undefined,
): ColumnDef {
  if (!isObject(input)) throw badRequest('A column definition must be a JSON object.');
  const name = checkString(input, 'name');
  if (!name) throw badRequest("The column property 'name' is required.");
  if (!COLUMN_NAME.test(name)) {
    throw badRequest(
      `The column name '${name}' is not valid: use up to 32 letters, digits and underscores, starting with a letter.`,
    );
  }
  const displayName = checkString(input, 'displayName') ?? name;
  if (existing.some((c) => nameKey(c.name) === nameKey(name)) || isReservedName(name))
    throw conflict(`A duplicate field name "${name}" was found.`);
  // A list's field titles are unique too: a new column may not take a built-in column's display name
  // (e.g. 'Version', the title of _UIVersionString), whatever its internal name.
  if (existing.some((c) => nameKey(c.displayName) === nameKey(displayName)) || isReservedName(displayName))
    throw conflict(`A duplicate field name "${displayName}" was found.`);
  const found = facetOf(input);
  if (!found) throw badRequest(`The column '${name}' has no type: set one of ${USER_FACETS.join(', ')}.`);
  const facet = completeFacet(found.facet, found.value);
  if (found.facet === 'lookup') {
    const listId = typeof facet.listId === 'string' ? facet.listId : '';
    const target = listId ? findList(listId) : undefined;
    if (!target)
      throw badRequest(`The lookup column '${name}' refers to list '${listId}', which is not in this site.`);
    facet.listId = target.listId;
    const columnName = String(facet.columnName);
    if (!target.columns.some((c) => c.name === columnName))
      throw badRequest(`Column '${columnName}' does not exist in the lookup list.`);
  }
  const defaultValue = input.defaultValue;
  const column: ColumnDef = {
    id: randomUUID(),
    name,
    displayName,
    description: checkString(input, 'description') ?? '',
    columnGroup: checkString(input, 'columnGroup') ?? 'Custom Columns',
    type: found.facet,
    facet,
    indexed: checkBoolean(input, 'indexed') ?? false,
    enforceUniqueValues: checkBoolean(input, 'enforceUniqueValues') ?? false,
    required: checkBoolean(input, 'required') ?? false,
    hidden: checkBoolean(input, 'hidden') ?? false,
    readOnly: checkBoolean(input, 'readOnly') ?? false,
    builtIn: false,
    defaultValue:
      isObject(defaultValue) && typeof defaultValue.value === 'string' ? defaultValue.value : null,
  };
  checkIndexable(column);
  if (column.enforceUniqueValues && !column.indexed) throw badRequest(UNIQUE_NEEDS_INDEX);
  checkIndexLimit(column, existing);
  return column;
}

const PATCHABLE = [
  'displayName',
  'description',
  'columnGroup',
  'indexed',
  'enforceUniqueValues',
  'required',
  'hidden',
  'readOnly',
  'defaultValue',
];

/** PATCH …/columns/{id}: any property but the id (and, in the stand-in, the name and the type). */
export function patchColumn(column: ColumnDef, input: unknown, others: ColumnDef[]): ColumnDef {
  if (!isObject(input)) throw badRequest('A column definition must be a JSON object.');
  const next: ColumnDef = { ...column, facet: { ...column.facet } };
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('@odata.') || value === undefined) continue;
    if (key === 'id') {
      if (value !== column.id) throw badRequest("The property 'id' cannot be changed.");
      continue;
    }
    if (key === 'name') {
      if (value !== column.name)
        throw badRequest("The column's 'name' cannot be changed; it is the column's internal name.");
      continue;
    }
    if ((USER_FACETS as readonly string[]).includes(key)) {
      if (key !== column.type)
        throw badRequest(
          `The column '${column.name}' is of type '${column.type}'; its type cannot be changed to '${key}'.`,
        );
      if (column.builtIn && column.name !== 'Title')
        throw badRequest(`The column '${column.name}' cannot be changed.`);
      if (!isObject(value)) throw badRequest(`Invalid value for property '${key}': an object is expected.`);
      next.facet = completeFacet(column.type as UserFacet, value, column.facet);
      continue;
    }
    if (!PATCHABLE.includes(key)) {
      if (UNSUPPORTED_FACETS.includes(key))
        throw badRequest(
          `The column '${column.name}' is of type '${column.type}'; its type cannot be changed.`,
        );
      throw badRequest(
        `Could not find a property named '${key}' on type 'microsoft.graph.columnDefinition'.`,
      );
    }
    // SharePoint lets you index its own columns (Created, Modified, …) but not redefine them.
    if (column.builtIn && column.name !== 'Title' && key !== 'indexed')
      throw badRequest(`The column '${column.name}' cannot be changed.`);
    if (key === 'defaultValue') {
      next.defaultValue = isObject(value) && typeof value.value === 'string' ? value.value : null;
      continue;
    }
    const typed =
      key === 'displayName' || key === 'description' || key === 'columnGroup'
        ? checkString(input, key)
        : checkBoolean(input, key);
    (next as Record<string, unknown>)[key] = typed;
  }
  if (column.name === 'ID' && !next.indexed) throw badRequest("The column 'ID' is always indexed.");
  checkIndexable(next);
  if (next.enforceUniqueValues && !next.indexed) throw badRequest(UNIQUE_NEEDS_INDEX);
  checkIndexLimit(next, others);
  return next;
}

/** Graph's columnDefinition JSON. */
export function columnJson(column: ColumnDef): Record<string, unknown> {
  const json: Record<string, unknown> = {
    columnGroup: column.columnGroup,
    description: column.description,
    displayName: column.displayName,
    enforceUniqueValues: column.enforceUniqueValues,
    hidden: column.hidden,
    id: column.id,
    indexed: column.indexed,
    name: column.name,
    readOnly: column.readOnly,
    required: column.required,
  };
  if (column.defaultValue !== null) json.defaultValue = { value: column.defaultValue };
  if ((USER_FACETS as readonly ColumnType[]).includes(column.type)) json[column.type] = column.facet;
  return json;
}

/** The column an item's field key writes or reads: `Owner` or `OwnerLookupId` for person and lookup columns. */
export function columnForKey(
  columns: ColumnDef[],
  key: string,
): { column: ColumnDef; lookupId: boolean } | undefined {
  const exact = columns.find((c) => c.name === key);
  if (exact) return { column: exact, lookupId: false };
  if (key.endsWith('LookupId')) {
    const base = key.slice(0, -'LookupId'.length);
    const column = columns.find(
      (c) => c.name === base && (c.type === 'personOrGroup' || c.type === 'lookup'),
    );
    if (column) return { column, lookupId: true };
  }
  return undefined;
}

export const isLookupType = (column: ColumnDef) =>
  column.type === 'personOrGroup' || column.type === 'lookup';
