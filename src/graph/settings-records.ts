import {
  DEFAULT_DOMAIN_SETTINGS,
  domainSettingsSchema,
  type DomainSettings,
} from '../domain/domain-settings.ts';
import { ConflictError } from './graph-request-error.ts';
import type { SharePointItem } from './list-fields.ts';
import type { MirrorEntry } from './list-mirror.ts';
import { versioned, type RecordsContext } from './replica-lists.ts';
import type { SendRecords, Versioned } from './send-records.ts';
import { DOMAIN_SETTINGS_KEY } from './settings-list.ts';

/** The school's settings: one item (the defaults until the first save), changed with If-Match. */
export function settingsRecords(ctx: RecordsContext) {
  const { mirror, newId } = ctx;

  const settingsView = mirror.view(
    ['settings'],
    (): { entry: MirrorEntry<unknown> | undefined; settings: Versioned<DomainSettings> } => {
      const entry = mirror.find('settings', (row) => row.key === DOMAIN_SETTINGS_KEY);
      if (!entry) {
        return {
          entry: undefined,
          settings: { value: DEFAULT_DOMAIN_SETTINGS, eTag: '', modifiedAt: '', modifiedBy: undefined },
        };
      }
      const parsed = ctx.parse('settings', DOMAIN_SETTINGS_KEY, domainSettingsSchema, entry.row.value ?? {});
      return { entry, settings: versioned(entry, parsed ?? DEFAULT_DOMAIN_SETTINGS) };
    },
  );
  const settings = () => settingsView().settings;

  const records: Pick<SendRecords, 'settings' | 'saveSettings'> = {
    settings,

    async saveSettings({ settings: input, expectedETag, by }) {
      const value = domainSettingsSchema.parse(input);
      const writeId = newId();
      const fields = {
        Value: JSON.stringify(value),
        ChangedByUserId: by.userId,
        ChangedByName: by.name,
        WriteId: writeId,
      };
      const { entry } = settingsView();
      let item: SharePointItem;
      if (!entry) {
        item = await mirror.writes.createOnce(
          'settings',
          { Title: DOMAIN_SETTINGS_KEY, SettingKey: DOMAIN_SETTINGS_KEY, ...fields },
          'save settings',
        );
        // Someone saved the first settings before us.
        if (item.fields?.['WriteId'] !== writeId) {
          await mirror.syncLists(['settings']);
          throw new ConflictError('settings', settings());
        }
      } else {
        item = await mirror.writes.patchIfMatch({
          key: 'settings',
          itemId: entry.itemId,
          fields,
          version: expectedETag,
          operation: 'save settings',
          conflict: (stored, cause) => {
            mirror.applyOwn('settings', stored);
            return new ConflictError('settings', settings(), { cause });
          },
        });
      }
      mirror.applyOwn('settings', item);
      return settings();
    },
  };
  return records;
}
