import {
  choiceColumn,
  dateColumn,
  dateTimeColumn,
  integerColumn,
  jsonColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';

/**
 * Reminders the bot has posted, so a reminder is sent once per due step (ReminderKey unique, e.g.
 * 'passport-review|{pupilId}|2026-12-14') even across restarts and several server instances. A reminder is
 * claimed (its item created) before it is sent and marked sent after, with the id Teams gave the post.
 */
export const REMINDER_STATUSES = ['claimed', 'sent', 'failed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const REMINDER_LOG_LIST: ListDefinition = {
  key: 'reminderLog',
  displayName: 'SENCO Hub Reminder Log',
  description: 'Reminders posted to staff channels, one per due step (SENCO Hub).',
  keyColumn: 'ReminderKey',
  since: 1,
  columns: [
    textColumn('ReminderKey', { unique: true, description: 'Kind|Subject|DueOn' }),
    textColumn('PupilId', { indexed: true }),
    textColumn('Kind', { indexed: true }),
    dateColumn('DueOn'),
    dateTimeColumn('SentAt', { indexed: true }),
    textColumn('ChannelId'),
    textColumn('MessageId'),
    choiceColumn('Status', REMINDER_STATUSES, {
      indexed: true,
      since: 4,
      description: 'claimed (being sent), sent, or failed (to be sent again)',
    }),
    textColumn('ClaimToken', { since: 4, description: 'Which attempt holds the claim' }),
    dateTimeColumn('ClaimedAt', { since: 4 }),
    integerColumn('Attempts', { since: 4 }),
    textColumn('LastError', { since: 4 }),
    jsonColumn('Card', {
      since: 4,
      description: 'The message posted (names no need): sent again as it was if the first attempt failed',
    }),
  ],
};
