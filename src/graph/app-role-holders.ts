import type { GraphConnection } from './graph-client.ts';
import { getAllPages, graphGet } from './graph-requests.ts';
import { GraphRequestError } from './graph-request-error.ts';

/**
 * Who holds which of SENCO Hub's app roles, read from Microsoft Entra as the admin centre shows them under
 * Enterprise applications › SENCO Hub › Users and groups — everyone, not only the members of one team:
 * - the app's service principal, found by its client id, gives its id and its app roles' ids and values
 *   (https://learn.microsoft.com/en-us/graph/api/serviceprincipal-get);
 * - its appRoleAssignedTo lists every user and group assignment, paged
 *   (https://learn.microsoft.com/en-us/graph/api/serviceprincipal-list-approleassignedto);
 * - a group's assignment (Entra ID P1) is held by the group's direct members: nested groups do not inherit
 *   app roles (https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/assign-user-or-group-access-portal).
 * All three are granted by the app's Directory.Read.All. Cached for a few minutes, like the staff accounts.
 */
export type RoleHolder<R extends string = string> = {
  userId: string;
  name: string;
  /** Their email address; their sign-in name when the directory has no mail for them. */
  email: string;
  upn: string;
  role: R;
  /** The group the role was given to, when the person holds it through a group. */
  viaGroup: string | null;
};

export type AppRoleHolders<R extends string> = {
  /** Everyone holding one of `roles`, once per role and way they hold it, ordered by name. */
  all(): Promise<RoleHolder<R>[]>;
  /** Those holding `role`, e.g. the Headteacher for an annual review invitation. */
  roleHolders(role: R): Promise<RoleHolder<R>[]>;
};

type ServicePrincipalJson = { id: string; appRoles?: { id: string; value?: string | null }[] };
type AssignmentJson = {
  appRoleId: string;
  principalId: string;
  principalType: string;
  principalDisplayName?: string | null;
};
type UserJson = {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
};

const USER_FIELDS = '$select=id,displayName,mail,userPrincipalName';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createAppRoleHolders<R extends string>(options: {
  graph: GraphConnection;
  /** SENCO Hub's application (client) id. */
  clientId: string;
  /** The role values the app knows; assignments of any other role (or the default access role) are left out. */
  roles: readonly R[];
  ttlMs?: number;
  now?: () => number;
}): AppRoleHolders<R> {
  const { graph } = options;
  if (!GUID.test(options.clientId))
    throw new Error(`clientId: '${options.clientId}' is not an application id`);
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { expires: number; value: Promise<RoleHolder<R>[]> } | undefined;

  async function user(id: string): Promise<UserJson | undefined> {
    try {
      return await graphGet<UserJson>(graph, `/users/${id}?${USER_FIELDS}`, 'read a role holder');
    } catch (err) {
      // An assignment can outlive its user for a moment after they are deleted.
      if (err instanceof GraphRequestError && err.status === 404) return undefined;
      throw err;
    }
  }

  const holder = (u: UserJson, role: R, viaGroup: string | null): RoleHolder<R> => {
    const upn = u.userPrincipalName ?? '';
    return { userId: u.id, name: u.displayName ?? upn, email: u.mail || upn, upn, role, viaGroup };
  };

  async function load(): Promise<RoleHolder<R>[]> {
    const sp = await graphGet<ServicePrincipalJson>(
      graph,
      `/servicePrincipals(appId='${options.clientId}')?$select=id,appRoles`,
      "read SENCO Hub's app roles",
    );
    const roleById = new Map<string, R>();
    for (const r of sp.appRoles ?? []) {
      const value = options.roles.find((known) => known === r.value);
      if (value) roleById.set(r.id.toLowerCase(), value);
    }
    const assignments = await getAllPages<AssignmentJson>(
      graph,
      `/servicePrincipals/${sp.id}/appRoleAssignedTo`,
      'read who holds SENCO Hub’s app roles',
    );
    const holders: RoleHolder<R>[] = [];
    for (const a of assignments) {
      const role = roleById.get(a.appRoleId.toLowerCase());
      if (!role) continue;
      if (a.principalType === 'User') {
        const u = await user(a.principalId);
        if (u) holders.push(holder(u, role, null));
      } else if (a.principalType === 'Group') {
        const members = await getAllPages<UserJson>(
          graph,
          `/groups/${a.principalId}/members?${USER_FIELDS}`,
          `read the members of ${a.principalDisplayName ?? 'a group'} holding an app role`,
        );
        for (const m of members)
          if (m['@odata.type'] === '#microsoft.graph.user')
            holders.push(holder(m, role, a.principalDisplayName ?? ''));
      }
    }
    return holders.sort(
      (x, y) =>
        x.name.localeCompare(y.name, 'en-GB') || (x.viaGroup ?? '').localeCompare(y.viaGroup ?? '', 'en-GB'),
    );
  }

  function all(): Promise<RoleHolder<R>[]> {
    if (cached && cached.expires > now()) return cached.value;
    const value = load();
    cached = { expires: now() + ttl, value };
    value.catch(() => (cached = undefined));
    return value;
  }

  return {
    all,
    roleHolders: async (role) => (await all()).filter((h) => h.role === role),
  };
}
