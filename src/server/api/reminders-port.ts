import type { ConversationReference } from '../../graph/bot-conversations-list.ts';
import type { StaffAccounts } from '../../graph/staff-accounts.ts';
import type { TeamsDirectory } from '../../graph/team-channels.ts';

/** What the settings and home routes need from the reminders side of the server. */
export type RemindersPort = {
  /** What stops reminders reaching the channel, if anything. */
  problem(): Promise<{ message: string; failedCount: number } | undefined>;
  /** Where the bot is installed. */
  conversations(): Promise<ConversationReference[]>;
  teams: TeamsDirectory;
  accounts: StaffAccounts;
};
