import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphGet } from './graph-requests.ts';

/**
 * Who a Teams user is, for the bot: a message extension or card action brings only the user's Entra object id
 * (`from.aadObjectId`), never a token with their app roles. So the bot reads their sign-in name and display name
 * from the directory, and their app roles on SENCO Hub from their app role assignments, which include those
 * granted to groups they are a direct member of:
 * https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments (application permission
 * Directory.Read.All). An assignment names the role by id; `roles` says which ids are SENCO Hub's and their
 * values, as the app registration defines them. Answers are cached for a few minutes, like the roster.
 */
export type StaffAccount = { userId: string; upn: string; name: string; appRoles: string[] };

export type StaffAccounts = {
  /** Undefined when the directory has no such user. */
  account(userId: string): Promise<StaffAccount | undefined>;
};

type UserJson = { id: string; userPrincipalName?: string | null; displayName?: string | null };
type AssignmentJson = { appRoleId?: string | null; resourceId?: string | null };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createStaffAccounts(options: {
  graph: GraphConnection;
  roles: readonly { value: string; id: string }[];
  ttlMs?: number;
  now?: () => number;
}): StaffAccounts {
  const { graph } = options;
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { expires: number; value: Promise<StaffAccount | undefined> }>();
  const roleById = new Map(options.roles.map((r) => [r.id.toLowerCase(), r.value]));

  async function load(userId: string): Promise<StaffAccount | undefined> {
    let user: UserJson;
    try {
      user = await graphGet<UserJson>(
        graph,
        `/users/${userId}?$select=id,userPrincipalName,displayName`,
        'read who is asking',
      );
    } catch (err) {
      if (err instanceof GraphRequestError && err.status === 404) return undefined;
      throw err;
    }
    const assignments = await getAllPages<AssignmentJson>(
      graph,
      `/users/${userId}/appRoleAssignments`,
      'read the app roles of who is asking',
    );
    const appRoles = new Set<string>();
    for (const a of assignments) {
      const value = a.appRoleId ? roleById.get(a.appRoleId.toLowerCase()) : undefined;
      if (value) appRoles.add(value);
    }
    return {
      userId: user.id,
      upn: user.userPrincipalName ?? '',
      name: user.displayName ?? '',
      appRoles: [...appRoles],
    };
  }

  return {
    account(userId) {
      if (!GUID.test(userId)) return Promise.resolve(undefined);
      const hit = cache.get(userId);
      if (hit && hit.expires > now()) return hit.value;
      const value = load(userId);
      if (cache.size > 5_000) cache.clear();
      cache.set(userId, { expires: now() + ttl, value });
      value.catch(() => cache.delete(userId));
      return value;
    },
  };
}
