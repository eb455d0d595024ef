import type { GraphConnection } from './graph-client.ts';
import { graphGet } from './graph-requests.ts';

/**
 * The head teacher, whom reg 20(2)(b) says an annual review invites, as the school's directory knows them:
 * people whose job title names them head, and of those the one holding SENCO Hub's Headteacher app role
 * (app-role-holders.ts); with no role holder among them, the directory's head alone; with no job title
 * naming a head, the one person holding the Headteacher role (several holders — a head and deputies given
 * the head's view — name nobody for certain). Undefined when neither names a head: the SENCO then adds
 * them by hand.
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

/** The rule above, over what the directory answered. */
export function chooseHeadTeacher(
  titled: readonly HeadTeacher[],
  roleHolders: readonly Pick<HeadTeacher, 'userId' | 'name' | 'email'>[],
): HeadTeacher | undefined {
  const holders = new Set(roleHolders.map((h) => h.userId));
  const onlyHolder = new Set(roleHolders.map((h) => h.userId)).size === 1 ? roleHolders[0] : undefined;
  return titled.find((t) => holders.has(t.userId)) ?? titled[0] ?? onlyHolder;
}

export function createHeadTeacherLookup(options: {
  graph: GraphConnection;
  /** Those holding the Headteacher app role (app-role-holders.ts). */
  headteacherRole: () => Promise<readonly Pick<HeadTeacher, 'userId' | 'name' | 'email'>[]>;
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
    const titled = found.value.flatMap((u): HeadTeacher[] => {
      const email = u.mail ?? u.userPrincipalName;
      return email ? [{ userId: u.id, name: u.displayName ?? 'Head teacher', email }] : [];
    });
    return chooseHeadTeacher(titled, await options.headteacherRole());
  }

  return () => {
    if (cached && cached.expires > now()) return cached.value;
    const value = load();
    cached = { expires: now() + ttl, value };
    value.catch(() => (cached = undefined));
    return value;
  };
}
