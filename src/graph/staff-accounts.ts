import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphGet } from './graph-requests.ts';

/**
 * Who a Teams user is, for the bot: a message extension or card action brings only the user's Entra object id
 * (`from.aadObjectId`), never a token with their app roles. So the bot reads their sign-in name and display name
 * from the directory, and their app roles on SENCO Hub from their app role assignments, which include those
 * granted to groups they are a direct member of:
 * https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments (application permission
 * Directory.Read.All). Those are the user's assignments on every app of the tenant, and an app role's id is
 * unique only within its app: an assignment is SENCO Hub's when its `resourceId` is SENCO Hub's service
 * principal (found by the app's client id, https://learn.microsoft.com/en-us/graph/api/serviceprincipal-get)
 * AND its `appRoleId` is one of `roles`, as the app registration defines them
 * (https://learn.microsoft.com/en-us/graph/api/resources/approleassignment). Answers are cached for a few
 * minutes, like the roster.
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
  /** SENCO Hub's application (client) id: its service principal is the resource of its role assignments. */
  clientId: string;
  roles: readonly { value: string; id: string }[];
  ttlMs?: number;
  now?: () => number;
}): StaffAccounts {
  const { graph } = options;
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { expires: number; value: Promise<StaffAccount | undefined> }>();
  const roleById = new Map(options.roles.map((r) => [r.id.toLowerCase(), r.value]));
  if (!GUID.test(options.clientId))
    throw new Error(`clientId: '${options.clientId}' is not an application id`);
  // The service principal's id never changes once the app is in the tenant: read once, again after a failure.
  let servicePrincipal: Promise<string> | undefined;
  function servicePrincipalId(): Promise<string> {
    servicePrincipal ??= graphGet<{ id: string }>(
      graph,
      `/servicePrincipals(appId='${options.clientId}')?$select=id`,
      'find SENCO Hub in the directory',
    ).then((sp) => sp.id.toLowerCase());
    servicePrincipal.catch(() => (servicePrincipal = undefined));
    return servicePrincipal;
  }

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
    const resourceId = await servicePrincipalId();
    const appRoles = new Set<string>();
    for (const a of assignments) {
      if (a.resourceId?.toLowerCase() !== resourceId) continue;
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
