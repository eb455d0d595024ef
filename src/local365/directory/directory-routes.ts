import type { StandInContext } from '../context.ts';
import type { RouteRequest } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import {
  requireGroup,
  requireMembersVisible,
  signedInUser,
  userNotFound,
  userShape,
} from './directory-access.ts';
import { fullGroup, userAsDirectoryObject } from './directory-shapes.ts';
import { DirectoryStore, type DirectoryUser } from './directory-store.ts';
import { registerEducationRoutes } from './education-routes.ts';
import {
  applyFilter,
  applyOrderBy,
  applySelect,
  collectionBody,
  odataContext,
  page,
  refuseUnimplemented,
} from './odata.ts';
import { requirePermission, type PermissionNeed } from './permissions.ts';
import { registerServicePrincipalRoutes, userAppRoleAssignments } from './service-principal-routes.ts';

const READ_USERS: PermissionNeed = {
  delegated: [
    'User.ReadBasic.All',
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  application: [
    'User.ReadBasic.All',
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
};
const READ_SELF: PermissionNeed = {
  delegated: ['User.Read', 'User.ReadWrite', ...(READ_USERS.delegated ?? [])],
};
const READ_GROUPS: PermissionNeed = {
  delegated: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All'],
  application: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All'],
};
/** https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments (User.Read.All is not enough). */
const READ_APP_ROLE_ASSIGNMENTS: PermissionNeed = {
  delegated: ['AppRoleAssignment.ReadWrite.All', 'Directory.Read.All'],
  application: ['Directory.Read.All', 'AppRoleAssignment.ReadWrite.All'],
};
export const USERS_MAX_PAGE = 999;
export const USERS_DEFAULT_PAGE = 100;
/** How Graph pages directory collections (users, members, app role assignments): skip tokens, 100 by default, $top over 999 refused. */
const DIRECTORY_PAGING = {
  defaultSize: USERS_DEFAULT_PAGE,
  maxSize: USERS_MAX_PAGE,
  style: 'skiptoken',
  rejectOversizedTop: true,
} as const;

const unsupportedUserFilter = (property: string) =>
  new GraphError(
    400,
    'Request_UnsupportedQuery',
    `Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`,
  );

/** The filters an app sends to /users: startswith on names, eq on mail/UPN/id, `id in (...)`. */
const USER_FILTERS: Record<string, (u: DirectoryUser) => string | null | boolean> = {
  id: (u) => u.id,
  displayName: (u) => u.displayName,
  givenName: (u) => u.givenName,
  surname: (u) => u.surname,
  mail: (u) => u.mail,
  userPrincipalName: (u) => u.userPrincipalName,
  jobTitle: (u) => u.jobTitle,
  department: (u) => u.department,
  accountEnabled: () => true,
  userType: () => 'Member',
};

const USER_ORDER: Record<string, (u: DirectoryUser) => string> = {
  displayName: (u) => u.displayName,
  userPrincipalName: (u) => u.userPrincipalName,
};

function listDirectoryObjects(
  ctx: StandInContext,
  req: RouteRequest,
  users: DirectoryUser[],
  fragment: string,
) {
  refuseUnimplemented(req.query, ['$filter', '$search', '$count', '$orderby', '$expand'], req.path);
  const result = page(ctx, req, users, DIRECTORY_PAGING);
  return {
    status: 200,
    body: collectionBody(ctx, fragment, {
      ...result,
      value: result.value.map((u) => userAsDirectoryObject(userShape(u, req.query))),
    }),
  };
}

/**
 * Users and groups: `/me`, `/users/{id|upn}`, `/users` with the filters an app uses, `/groups/{id}`, its
 * members and owners. Also registers the Education routes (education-routes.ts) and SENCO Hub's service
 * principal with its app role assignments (service-principal-routes.ts).
 */
export function registerDirectoryRoutes(ctx: StandInContext, options: { appId?: string } = {}): void {
  const store = new DirectoryStore(ctx.db);
  const d = ctx.dispatcher;

  d.register('GET', '/me', (req) => {
    const user = signedInUser(store, req.caller);
    requirePermission(req.caller, READ_SELF, 'directory');
    refuseUnimplemented(req.query, ['$expand'], '/me');
    return {
      status: 200,
      body: { '@odata.context': odataContext(ctx, 'users/$entity'), ...userShape(user, req.query) },
    };
  });

  d.register('GET', '/users/{user-id}', (req) => {
    const id = req.params['user-id'] ?? '';
    const self =
      req.caller.kind === 'user' &&
      (req.caller.userId === id || req.caller.upn.toLowerCase() === id.toLowerCase());
    requirePermission(req.caller, self ? READ_SELF : READ_USERS, 'directory');
    refuseUnimplemented(req.query, ['$expand'], '/users/{id}');
    const user = store.findUser(id);
    if (!user) throw userNotFound(id);
    return {
      status: 200,
      body: { '@odata.context': odataContext(ctx, 'users/$entity'), ...userShape(user, req.query) },
    };
  });

  d.register('GET', '/users/{user-id}/appRoleAssignments', (req) => {
    const id = req.params['user-id'] ?? '';
    requirePermission(req.caller, READ_APP_ROLE_ASSIGNMENTS, 'directory');
    refuseUnimplemented(req.query, ['$filter', '$search', '$count', '$orderby', '$expand'], req.path);
    const user = store.findUser(id);
    if (!user) throw userNotFound(id);
    const result = page(ctx, req, userAppRoleAssignments(store, user), DIRECTORY_PAGING);
    return {
      status: 200,
      body: collectionBody(ctx, `users('${user.id}')/appRoleAssignments`, result),
    };
  });

  d.register('GET', '/users', (req) => {
    requirePermission(req.caller, READ_USERS, 'directory');
    refuseUnimplemented(req.query, ['$search', '$count', '$expand'], '/users');
    const unsupportedOrder = (p: string) =>
      new GraphError(400, 'Request_UnsupportedQuery', `Unsupported sort property '${p}' for 'User'.`);
    let users = applyFilter(store.listUsers(), req.query, USER_FILTERS, unsupportedUserFilter);
    users = applyOrderBy(users, req.query, USER_ORDER, unsupportedOrder);
    const result = page(ctx, req, users, DIRECTORY_PAGING);
    return {
      status: 200,
      body: collectionBody(ctx, 'users', {
        ...result,
        value: result.value.map((u) => userShape(u, req.query)),
      }),
    };
  });

  d.register('GET', '/groups/{group-id}', (req) => {
    requirePermission(req.caller, READ_GROUPS, 'directory');
    refuseUnimplemented(req.query, ['$expand'], '/groups/{id}');
    const group = requireGroup(store, req.params['group-id'] ?? '');
    const shape = applySelect(fullGroup(group), req.query, 'microsoft.graph.group');
    return { status: 200, body: { '@odata.context': odataContext(ctx, 'groups/$entity'), ...shape } };
  });

  d.register('GET', '/groups/{group-id}/members', (req) => {
    const group = requireGroup(store, req.params['group-id'] ?? '');
    requireMembersVisible(store, req.caller, group, READ_GROUPS);
    return listDirectoryObjects(ctx, req, store.listMembers(group.id), 'directoryObjects');
  });

  d.register('GET', '/groups/{group-id}/owners', (req) => {
    const group = requireGroup(store, req.params['group-id'] ?? '');
    requireMembersVisible(store, req.caller, group, READ_GROUPS);
    return listDirectoryObjects(ctx, req, store.listOwners(group.id), 'directoryObjects');
  });

  registerEducationRoutes(ctx, store);
  // SENCO Hub's enterprise app and who holds its roles, when the stand-in knows the app's client id.
  if (options.appId) registerServicePrincipalRoutes(ctx, store, { appId: options.appId });
}
