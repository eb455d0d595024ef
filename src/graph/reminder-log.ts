import type { CalendarDate } from '../domain/calendar-date.ts';
import { createOnce, findItemByKey } from './create-once.ts';
import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphPatch } from './graph-requests.ts';
import { fieldReader, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';
import { ne, itemsQueryString } from './odata.ts';
import { REMINDER_LOG_LIST, REMINDER_STATUSES, type ReminderStatus } from './reminder-log-list.ts';
import { findListIds } from './site.ts';

/**
 * The reminder log in SharePoint: who may send a reminder (whoever created its item: ReminderKey is unique),
 * and what became of it. Any failed create is "maybe created" (SharePoint answers a duplicate on a unique
 * column with 500, and a lost answer looks like a failure): the key is read back, and the claim token says
 * whether the item found is this attempt's own. A stale claim is taken over with If-Match on its eTag, so of
 * two servers taking over the same one, one gets 412 and leaves it.
 */

export type ReminderLogEntry = {
  itemId: string;
  eTag: string;
  key: string;
  kind: string;
  subjectId: string | undefined;
  dueOn: CalendarDate;
  status: ReminderStatus;
  claimToken: string | undefined;
  claimedAt: string | undefined;
  attempts: number;
  sentAt: string | undefined;
  messageId: string | undefined;
  channelId: string | undefined;
  lastError: string | undefined;
  /** The message as it is to be posted. */
  message: unknown;
};

export type NewClaim = {
  key: string;
  kind: string;
  subjectId: string;
  dueOn: CalendarDate;
  title: string;
  /** The message to post, stored so a later attempt posts the same. */
  message: unknown;
  claimToken: string;
  at: string;
};

export type ClaimOutcome =
  { claimed: true; entry: ReminderLogEntry } | { claimed: false; entry: ReminderLogEntry };

export type ReminderLog = {
  /** Creates the key's item as `claimed` by `claimToken`; `claimed: false` when someone else holds it. */
  claim(input: NewClaim): Promise<ClaimOutcome>;
  /**
   * A stale or failed claim, taken over if its eTag is still `entry.eTag` (undefined when someone else moved
   * first), with `attempts` as the attempts made once this one is counted (default one more).
   */
  takeOver(
    entry: ReminderLogEntry,
    input: { claimToken: string; at: string; attempts?: number },
  ): Promise<ReminderLogEntry | undefined>;
  markSent(
    entry: ReminderLogEntry,
    input: { at: string; messageId: string; channelId: string },
  ): Promise<void>;
  markFailed(entry: ReminderLogEntry, input: { error: string }): Promise<ReminderLogEntry>;
  /** Every reminder not yet sent (claimed or failed). */
  unsent(): Promise<ReminderLogEntry[]>;
  byKey(key: string): Promise<ReminderLogEntry | undefined>;
  /** Every entry (for the simulated run and tests). */
  all(): Promise<ReminderLogEntry[]>;
};

export function reminderEntryFromItem(item: SharePointItem): ReminderLogEntry {
  const f = fieldReader(REMINDER_LOG_LIST, item);
  const status = f.optionalText('Status') ?? (f.optionalText('SentAt') ? 'sent' : 'claimed');
  if (!(REMINDER_STATUSES as readonly string[]).includes(status))
    throw f.fail('Status', `'${status}' is not a status`);
  return {
    itemId: item.id,
    eTag: item.eTag,
    key: f.text('ReminderKey'),
    kind: f.text('Kind'),
    subjectId: f.optionalText('PupilId'),
    dueOn: f.date('DueOn'),
    status: status as ReminderStatus,
    claimToken: f.optionalText('ClaimToken'),
    claimedAt: f.optionalText('ClaimedAt'),
    attempts: f.optionalNumber('Attempts') ?? 0,
    sentAt: f.optionalText('SentAt'),
    messageId: f.optionalText('MessageId'),
    channelId: f.optionalText('ChannelId'),
    lastError: f.optionalText('LastError'),
    message: f.json('Card'),
  };
}

/** LastError is a single line of text: at most 255 characters. */
function errorText(error: string): string {
  const line = error.replace(/\s+/g, ' ').trim();
  return line.length > 255 ? `${line.slice(0, 254)}…` : line;
}

export function createReminderLog(options: {
  connection: GraphConnection;
  siteId: string | (() => Promise<string>);
}): ReminderLog {
  const { connection } = options;
  let listId: Promise<string> | undefined;
  const itemsPath = async () => {
    const siteId = typeof options.siteId === 'string' ? options.siteId : await options.siteId();
    listId ??= findListIds({ connection, siteId, lists: [REMINDER_LOG_LIST] }).then(
      (ids) => ids.reminderLog,
      (err: unknown) => {
        listId = undefined;
        throw err;
      },
    );
    return `/sites/${siteId}/lists/${await listId}/items`;
  };
  const patch = async (entry: ReminderLogEntry, fields: Fields, operation: string, ifMatch?: string) => {
    const path = `${await itemsPath()}/${entry.itemId}/fields`;
    await graphPatch(
      connection,
      path,
      fields,
      operation,
      ifMatch ? { headers: { 'If-Match': ifMatch } } : {},
    );
    // The fields resource answers without the item's new eTag: read it back for the next conditional write.
    const now = await findItemByKey(
      connection,
      await itemsPath(),
      { column: 'ReminderKey', value: entry.key },
      `${operation} (reading it back)`,
    );
    if (!now) throw new Error(`The reminder log item for ${entry.key} disappeared`);
    return reminderEntryFromItem(now);
  };
  const list = async (filter?: Parameters<typeof itemsQueryString>[0]['filter']) =>
    (
      await getAllPages<SharePointItem>(
        connection,
        `${await itemsPath()}${itemsQueryString(filter ? { filter } : {})}`,
        'read the reminder log',
      )
    ).map(reminderEntryFromItem);

  return {
    async claim(input) {
      const fields: Fields = {
        Title: titleValue(input.title),
        ReminderKey: input.key,
        Kind: input.kind,
        PupilId: input.subjectId,
        DueOn: input.dueOn,
        Status: 'claimed',
        ClaimToken: input.claimToken,
        ClaimedAt: input.at,
        Attempts: 1,
        Card: JSON.stringify(input.message),
      };
      const { item, alreadyStored } = await createOnce(
        connection,
        { itemsPath: await itemsPath(), key: { column: 'ReminderKey', value: input.key }, fields },
        'claim a reminder',
      );
      const entry = reminderEntryFromItem(item);
      // Found after a failed create: ours if it carries this attempt's token (the answer was lost), else another's.
      return { claimed: !alreadyStored || entry.claimToken === input.claimToken, entry };
    },
    async takeOver(entry, input) {
      try {
        return await patch(
          entry,
          {
            Status: 'claimed',
            ClaimToken: input.claimToken,
            ClaimedAt: input.at,
            Attempts: input.attempts ?? entry.attempts + 1,
          },
          'take over a reminder',
          entry.eTag,
        );
      } catch (err) {
        if (err instanceof GraphRequestError && err.status === 412) return undefined;
        throw err;
      }
    },
    async markSent(entry, input) {
      await patch(
        entry,
        {
          Status: 'sent',
          SentAt: input.at,
          MessageId: input.messageId,
          ChannelId: input.channelId,
          LastError: null,
        },
        'mark a reminder sent',
      );
    },
    async markFailed(entry, input) {
      return patch(
        entry,
        { Status: 'failed', LastError: opt(errorText(input.error)) },
        'mark a reminder failed',
      );
    },
    unsent: () => list(ne('Status', 'sent')),
    async byKey(key) {
      const item = await findItemByKey(
        connection,
        await itemsPath(),
        { column: 'ReminderKey', value: key },
        'read a reminder',
      );
      return item ? reminderEntryFromItem(item) : undefined;
    },
    all: () => list(),
  };
}
