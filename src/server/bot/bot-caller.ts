import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Directory } from '../../graph/directory.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import type { StaffAccounts } from '../../graph/staff-accounts.ts';
import type { Caller } from '../access/caller.ts';
import { resolveCaller } from '../api/caller-resolution.ts';

/**
 * Who is asking the bot. Teams says who (the user's Entra object id in `from.aadObjectId`) and from which
 * tenant (`conversation.tenantId`, `channelData.tenant.id`); the activity itself is signed by the Bot
 * Connector. Anything from another tenant is refused outright: SENCO Hub serves one school. The person is
 * then resolved exactly as the API resolves a token's user (caller-resolution.ts), with their app roles read
 * from the directory, since no token carries them here.
 */
export type BotActivityIdentity = {
  from?: { aadObjectId?: string | undefined } | undefined;
  conversation?: { tenantId?: string | undefined } | undefined;
  channelData?: unknown;
};

export type BotCallerResult =
  | { kind: 'caller'; caller: Caller }
  | { kind: 'other-tenant' }
  /** No Entra user behind the activity (an anonymous or federated user), or one the directory does not know. */
  | { kind: 'unknown-user' };

/** True when every tenant the activity names is the school's (and it names one). */
export function isSchoolTenant(activity: BotActivityIdentity, schoolTenantId: string): boolean {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const named = [
    activity.conversation?.tenantId,
    typeof channelTenant === 'string' ? channelTenant : undefined,
  ].filter((t): t is string => typeof t === 'string' && t !== '');
  return named.length > 0 && named.every((t) => t.toLowerCase() === schoolTenantId.toLowerCase());
}

export async function resolveBotCaller(input: {
  activity: BotActivityIdentity;
  schoolTenantId: string;
  accounts: StaffAccounts;
  directory: Directory;
  records: Pick<SendRecordsReader, 'taAssignments' | 'interventions'>;
  today: CalendarDate;
}): Promise<BotCallerResult> {
  if (!isSchoolTenant(input.activity, input.schoolTenantId)) return { kind: 'other-tenant' };
  const userId = input.activity.from?.aadObjectId;
  if (!userId) return { kind: 'unknown-user' };
  const account = await input.accounts.account(userId);
  if (!account) return { kind: 'unknown-user' };
  const caller = await resolveCaller({
    principal: {
      userId: account.userId,
      tenantId: input.schoolTenantId,
      upn: account.upn,
      name: account.name,
      roles: account.appRoles,
    },
    directory: input.directory,
    records: input.records,
    today: input.today,
  });
  return { kind: 'caller', caller };
}
