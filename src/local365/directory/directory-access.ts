import type { Caller } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import { defaultUser, fullUser } from './directory-shapes.ts';
import type { DirectoryGroup, DirectoryStore, DirectoryUser } from './directory-store.ts';
import { applySelect } from './odata.ts';
import {
  accessDenied,
  hasPermission,
  requireDelegated,
  requirePermission,
  type PermissionNeed,
} from './permissions.ts';

/** Lookups and visibility rules shared by the directory and Education routes. */

/** Members of a HiddenMembership group (every class group) need this on top for app-only callers [E1]. */
export const READ_HIDDEN_MEMBERS: PermissionNeed = { application: ['Member.Read.Hidden'] };

export const userNotFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export function userShape(user: DirectoryUser, query: URLSearchParams): Record<string, unknown> {
  return query.has('$select')
    ? applySelect(fullUser(user), query, 'microsoft.graph.user')
    : defaultUser(user);
}

/** The signed-in user behind a delegated caller (their account may have been removed since sign-in). */
export function signedInUser(store: DirectoryStore, caller: Caller): DirectoryUser {
  const delegated = requireDelegated(caller);
  const user = store.findUser(delegated.userId);
  if (!user) throw userNotFound(delegated.userId);
  return user;
}

export function requireGroup(store: DirectoryStore, id: string): DirectoryGroup {
  const group = store.findGroup(id);
  if (!group) throw userNotFound(id);
  return group;
}

/**
 * Who may list a group's members: anyone with the permission for a Private/Public group; for a
 * HiddenMembership group (class teams) app-only callers also need Member.Read.Hidden and signed-in users
 * must belong to the group.
 */
export function requireMembersVisible(
  store: DirectoryStore,
  caller: Caller,
  group: DirectoryGroup,
  need: PermissionNeed,
): void {
  requirePermission(caller, need, 'directory');
  if (group.visibility !== 'HiddenMembership') return;
  if (caller.kind === 'app') {
    if (!hasPermission(caller, READ_HIDDEN_MEMBERS))
      throw accessDenied('directory', caller, READ_HIDDEN_MEMBERS);
  } else if (!store.isMember(group.id, caller.userId)) {
    throw accessDenied('directory', caller, need);
  }
}
