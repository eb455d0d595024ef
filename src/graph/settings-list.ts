import { jsonColumn, textColumn, CHANGED_BY_COLUMNS, type ListDefinition } from './list-definition.ts';
import { fieldReader, type SharePointItem } from './list-fields.ts';

/**
 * Key-value settings: the school's domain settings (one item, changed with If-Match on its eTag) and the
 * schema version provisioning has reached. Values are JSON.
 */

export const SETTINGS_LIST: ListDefinition = {
  key: 'settings',
  displayName: 'SENCO Hub Settings',
  description: 'SENCO Hub settings and schema version.',
  keyColumn: 'SettingKey',
  since: 1,
  columns: [textColumn('SettingKey', { unique: true }), jsonColumn('Value'), ...CHANGED_BY_COLUMNS],
};

export const SCHEMA_VERSION_KEY = 'schema-version';
export const DOMAIN_SETTINGS_KEY = 'domain-settings';

export function settingFromItem(item: SharePointItem): {
  key: string;
  value: unknown;
  writeId: string | undefined;
} {
  const f = fieldReader(SETTINGS_LIST, item);
  return { key: f.text('SettingKey'), value: f.json('Value'), writeId: f.optionalText('WriteId') };
}
