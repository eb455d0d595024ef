import { dateColumn, dateTimeColumn, textColumn, type ListDefinition } from './list-definition.ts';

/**
 * Reminders the bot has posted, so a reminder is sent once per due step (ReminderKey unique, e.g.
 * 'annual-review-due|{pupilId}|2026-03-14') even across restarts and several server instances.
 */
export const REMINDER_LOG_LIST: ListDefinition = {
  key: 'reminderLog',
  displayName: 'SENCO Hub Reminder Log',
  description: 'Reminders posted to staff channels, one per due step (SENCO Hub).',
  keyColumn: 'ReminderKey',
  since: 1,
  columns: [
    textColumn('ReminderKey', { unique: true, description: 'Step|PupilId|DueOn' }),
    textColumn('PupilId', { indexed: true }),
    textColumn('Kind', { indexed: true }),
    dateColumn('DueOn'),
    dateTimeColumn('SentAt', { indexed: true }),
    textColumn('ChannelId'),
    textColumn('MessageId'),
  ],
};
