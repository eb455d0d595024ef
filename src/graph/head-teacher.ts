import type { GraphConnection } from './graph-client.ts';
import { graphGet } from './graph-requests.ts';
import type { StaffAccounts } from './staff-accounts.ts';

/**
 * The head teacher, whom reg 20(2)(b) says an annual review invites, as the school's directory knows them:
 * people whose job title names them head, and of those the one holding SENCO Hub's Headteacher app role
 * (read through StaffAccounts, the one reading of app roles); with no role holder among them, the directory's
 * head alone. Undefined when the directory names no head: the SENCO then adds them by hand.
 * https://learn.microsoft.com/en-us/graph/api/user-list ($filter on jobTitle)
 * https://www.legislation.gov.uk/uksi/2014/1530/regulation/20
 */

export type HeadTeacher = { userId: string; name: string; email: string };

const HEAD_TITLES = ['Headteacher', 'Head teacher', 'Head Teacher', 'Executive Headteacher', 'Principal'];

type UserJson = {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
};

export function createHeadTeacherLookup(options: {
  graph: GraphConnection;
  accounts: Pick<StaffAccounts, 'account'>;
  ttlMs?: number;
  now?: () => number;
}): () => Promise<HeadTeacher | undefined> {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { expires: number; value: Promise<HeadTeacher | undefined> } | undefined;

  async function load(): Promise<HeadTeacher | undefined> {
    const filter = HEAD_TITLES.map((t) => `jobTitle eq '${t}'`).join(' or ');
    const found = await graphGet<{ value: UserJson[] }>(
      options.graph,
      `/users?$filter=${encodeURIComponent(filter)}&$select=id,displayName,mail,userPrincipalName`,
      'find the head teacher in the directory',
    );
    const people = found.value.filter((u) => u.mail || u.userPrincipalName);
    const roles = await Promise.all(people.map((u) => options.accounts.account(u.id)));
    const chosen = people.find((_, i) => roles[i]?.appRoles.includes('Headteacher')) ?? people[0];
    if (!chosen) return undefined;
    return {
      userId: chosen.id,
      name: chosen.displayName ?? 'Head teacher',
      email: (chosen.mail ?? chosen.userPrincipalName)!,
    };
  }

  return () => {
    if (cached && cached.expires > now()) return cached.value;
    const value = load();
    cached = { expires: now() + ttl, value };
    value.catch(() => (cached = undefined));
    return value;
  };
}
