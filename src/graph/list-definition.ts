/**
 * SharePoint lists as data: what site-provisioning.ts creates and what each `*-list.ts` file maps. Column
 * names are SharePoint internal names (PascalCase, ASCII, ≤ 32 characters) and never change once shipped; a
 * later schema version may add columns (`since`) or choices, never rename, retype or remove them.
 */

/** Logical column types. 'date' is a calendar day stored as 'YYYY-MM-DD' text (see list-fields.ts). */
export type ColumnType =
  'text' | 'date' | 'note' | 'json' | 'number' | 'integer' | 'boolean' | 'choice' | 'dateTime';

export type ColumnDefinition = {
  name: string;
  type: ColumnType;
  /** Filtered or sorted on by the app: indexed before the list can reach 5,000 items. */
  indexed?: boolean;
  /** SharePoint refuses a duplicate (with 500, SPDuplicateValuesFoundException; needs an index). */
  unique?: boolean;
  choices?: readonly string[];
  /** The schema version that added the column. */
  since: number;
  description?: string;
};

export type ListKey =
  | 'settings'
  | 'pupils'
  | 'senStatus'
  | 'needs'
  | 'passports'
  | 'passportAcknowledgements'
  | 'senSupportPlans'
  | 'ehcPlans'
  | 'ehcPlanReviews'
  | 'meetings'
  | 'professionals'
  | 'pupilProfessionals'
  | 'referrals'
  | 'interventions'
  | 'interventionPupils'
  | 'interventionSessions'
  | 'accessArrangements'
  | 'taAssignments'
  | 'reminderLog'
  | 'auditLog'
  | 'botConversations'
  | 'changeJournal'
  | 'needsAssessments';

export type ListDefinition = {
  key: ListKey;
  displayName: string;
  description: string;
  /**
   * The column that names a record: unique and indexed, so a create sent twice is refused, not doubled (and a
   * failed create is read back by it: create-once.ts).
   */
  keyColumn: string;
  columns: readonly ColumnDefinition[];
  /** The schema version that added the list. */
  since: number;
};

type ColumnOptions = Omit<ColumnDefinition, 'name' | 'type' | 'since'> & { since?: number };

const column =
  (type: ColumnType) =>
  (name: string, options: ColumnOptions = {}): ColumnDefinition => ({
    name,
    type,
    since: options.since ?? 1,
    ...(options.indexed || options.unique ? { indexed: true } : {}),
    ...(options.unique ? { unique: true } : {}),
    ...(options.choices ? { choices: options.choices } : {}),
    ...(options.description ? { description: options.description } : {}),
  });

/** Single-line text, up to 255 characters; indexable. */
export const textColumn = column('text');
/** A calendar day as 'YYYY-MM-DD' text: sorts and compares (lt, ge) in date order; indexable. */
export const dateColumn = column('date');
/** Plain multi-line text; cannot be indexed. */
export const noteColumn = column('note');
/** Nested data as JSON in plain multi-line text; cannot be indexed or filtered. */
export const jsonColumn = column('json');
export const numberColumn = column('number');
export const integerColumn = column('integer');
export const booleanColumn = column('boolean');
export const choiceColumn = (name: string, choices: readonly string[], options: ColumnOptions = {}) =>
  column('choice')(name, { ...options, choices });
/** An instant (UTC). */
export const dateTimeColumn = column('dateTime');

/** Who last changed a record through the app (the app writes app-only, so SharePoint's Editor is the app). */
export const CHANGED_BY_COLUMNS: readonly ColumnDefinition[] = [
  textColumn('ChangedByUserId', { description: 'Entra object id of the person who made the change' }),
  textColumn('ChangedByName'),
  textColumn('WriteId', {
    description: 'Id of the write that last changed the item, to recognise our own retried writes',
  }),
];

/** Graph's columnDefinition for POST …/columns or the `columns` of POST …/lists. */
export function columnDefinitionJson(def: ColumnDefinition): Record<string, unknown> {
  const common = {
    name: def.name,
    displayName: def.name,
    ...(def.description ? { description: def.description } : {}),
    indexed: def.indexed === true,
    enforceUniqueValues: def.unique === true,
  };
  switch (def.type) {
    case 'text':
      return { ...common, text: { allowMultipleLines: false, maxLength: 255 } };
    case 'date':
      return { ...common, text: { allowMultipleLines: false, maxLength: 10 } };
    case 'note':
    case 'json':
      // Plain text: a rich-text column would wrap values in HTML.
      return {
        ...common,
        text: {
          allowMultipleLines: true,
          appendChangesToExistingText: false,
          linesForEditing: 6,
          textType: 'plain',
        },
      };
    case 'number':
      return { ...common, number: { decimalPlaces: 'automatic' } };
    case 'integer':
      return { ...common, number: { decimalPlaces: 'none' } };
    case 'boolean':
      return { ...common, boolean: {} };
    case 'choice':
      return {
        ...common,
        choice: { choices: [...(def.choices ?? [])], allowTextEntry: false, displayAs: 'dropDownMenu' },
      };
    case 'dateTime':
      return { ...common, dateTime: { format: 'dateTime', displayAs: 'standard' } };
  }
}

/** The Graph facet a column of this type has, to spot a column of the same name but another type. */
export function graphFacetOf(type: ColumnType): 'text' | 'number' | 'boolean' | 'choice' | 'dateTime' {
  switch (type) {
    case 'text':
    case 'date':
    case 'note':
    case 'json':
      return 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'choice':
      return 'choice';
    case 'dateTime':
      return 'dateTime';
  }
}

/** The columns a list has at a schema version. */
export function columnsAt(list: ListDefinition, version: number): ColumnDefinition[] {
  return list.columns.filter((c) => c.since <= version);
}
