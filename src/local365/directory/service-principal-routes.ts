import type { StandInContext } from '../context.ts';
import type { RouteRequest } from '../graph/dispatcher.ts';
import { SENCO_HUB_APP_ROLES } from '../identity/graph-permissions.ts';
import { userNotFound } from './directory-access.ts';
import type { DirectoryStore, DirectoryUser } from './directory-store.ts';
import { applySelect, collectionBody, odataContext, page, refuseUnimplemented } from './odata.ts';
import { requirePermission, type PermissionNeed } from './permissions.ts';

/**
 * SENCO Hub's enterprise app (service principal) in the stand-in tenant and the app role assignments made on
 * it: each staff member's roles as user assignments, and roles given to a group (Entra ID P1), which its
 * direct members hold. Served as Graph serves them:
 * - GET /servicePrincipals(appId='{appId}') and /servicePrincipals/{id}
 *   (https://learn.microsoft.com/en-us/graph/api/serviceprincipal-get)
 * - GET /servicePrincipals/{id}/appRoleAssignedTo, paged
 *   (https://learn.microsoft.com/en-us/graph/api/serviceprincipal-list-approleassignedto)
 * Both need Application.Read.All or a higher permission (Application.ReadWrite.All, Directory.Read.All…).
 */

export const SENCO_HUB_SERVICE_PRINCIPAL = {
  id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e5000',
  displayName: 'SENCO Hub',
};

const ROLE_DISPLAY_NAMES: Record<string, string> = {
  Senco: 'SENCO',
  SendTeam: 'SEND team',
  Headteacher: 'Headteacher',
};

/** Least privileged first, as Learn lists them for both operations. */
const READ_SERVICE_PRINCIPALS: PermissionNeed = {
  delegated: [
    'Application.Read.All',
    'Application.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  application: [
    'Application.Read.All',
    'Application.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
};

/** Directory paging: skip tokens, 100 by default, $top over 999 refused. */
const ASSIGNMENT_PAGING = {
  defaultSize: 100,
  maxSize: 999,
  style: 'skiptoken',
  rejectOversizedTop: true,
} as const;

const USER_ASSIGNED_AT = '2026-09-01T08:00:00Z';

type AppRoleAssignment = {
  id: string;
  deletedDateTime: null;
  appRoleId: string;
  createdDateTime: string;
  principalDisplayName: string;
  principalId: string;
  principalType: 'User' | 'Group';
  resourceDisplayName: string;
  resourceId: string;
};

function assignment(
  principal: { id: string; displayName: string; type: 'User' | 'Group' },
  roleValue: string,
  createdDateTime: string,
): AppRoleAssignment | undefined {
  const role = SENCO_HUB_APP_ROLES.find((r) => r.value === roleValue);
  if (!role) return undefined;
  return {
    // Real ids are opaque base64url strings; this one is stable and unique per principal and role.
    id: Buffer.from(`${principal.id}:${role.id}`).toString('base64url'),
    deletedDateTime: null,
    appRoleId: role.id,
    createdDateTime,
    principalDisplayName: principal.displayName,
    principalId: principal.id,
    principalType: principal.type,
    resourceDisplayName: SENCO_HUB_SERVICE_PRINCIPAL.displayName,
    resourceId: SENCO_HUB_SERVICE_PRINCIPAL.id,
  };
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

/**
 * A user's app role assignments as https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments
 * returns them: on SENCO Hub, their own and those of groups they are a direct member of; and their roles on
 * the tenant's other apps, whose ids may be the same as SENCO Hub's (only `resourceId` tells them apart).
 */
export function userAppRoleAssignments(store: DirectoryStore, user: DirectoryUser): AppRoleAssignment[] {
  const own = user.appRoles.map((value) =>
    assignment({ id: user.id, displayName: user.displayName, type: 'User' }, value, USER_ASSIGNED_AT),
  );
  const memberOf = new Set(store.groupsOfMember(user.id).map((g) => g.id));
  const viaGroups = store
    .groupAppRoles()
    .filter((a) => memberOf.has(a.group.id))
    .map((a) => assignment({ ...a.group, type: 'Group' }, a.appRole, a.assignedAt));
  const otherApps = store.otherAppRoles(user.id).map((r): AppRoleAssignment => ({
    id: Buffer.from(`${user.id}:${r.resourceId}:${r.appRoleId}`).toString('base64url'),
    deletedDateTime: null,
    appRoleId: r.appRoleId,
    createdDateTime: r.assignedAt,
    principalDisplayName: user.displayName,
    principalId: user.id,
    principalType: 'User',
    resourceDisplayName: r.resourceName,
    resourceId: r.resourceId,
  }));
  return [...own, ...viaGroups, ...otherApps].filter(defined);
}

/** The app-role values a user holds on SENCO Hub, directly or through a group: the `roles` claim of their tokens. */
export function appRolesHeld(store: DirectoryStore, user: DirectoryUser): string[] {
  const byId = new Map<string, string>(SENCO_HUB_APP_ROLES.map((r) => [r.id, r.value]));
  return [
    ...new Set(
      userAppRoleAssignments(store, user)
        .filter((a) => a.resourceId === SENCO_HUB_SERVICE_PRINCIPAL.id)
        .map((a) => byId.get(a.appRoleId) ?? ''),
    ),
  ].filter(Boolean);
}

function servicePrincipal(ctx: StandInContext, appId: string): Record<string, unknown> {
  return {
    id: SENCO_HUB_SERVICE_PRINCIPAL.id,
    deletedDateTime: null,
    accountEnabled: true,
    appDisplayName: SENCO_HUB_SERVICE_PRINCIPAL.displayName,
    appId,
    appOwnerOrganizationId: ctx.tenantId,
    appRoleAssignmentRequired: true,
    displayName: SENCO_HUB_SERVICE_PRINCIPAL.displayName,
    servicePrincipalNames: [appId],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMyOrg',
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    appRoles: SENCO_HUB_APP_ROLES.map((r) => ({
      allowedMemberTypes: ['User'],
      description: `${ROLE_DISPLAY_NAMES[r.value] ?? r.value} in SENCO Hub`,
      displayName: ROLE_DISPLAY_NAMES[r.value] ?? r.value,
      id: r.id,
      isEnabled: true,
      origin: 'Application',
      value: r.value,
    })),
  };
}

export function registerServicePrincipalRoutes(
  ctx: StandInContext,
  store: DirectoryStore,
  options: { appId: string },
): void {
  const d = ctx.dispatcher;
  const entity = (req: RouteRequest) => ({
    status: 200,
    body: {
      '@odata.context': odataContext(ctx, 'servicePrincipals/$entity'),
      ...applySelect(servicePrincipal(ctx, options.appId), req.query, 'microsoft.graph.servicePrincipal'),
    },
  });

  d.register('GET', "/servicePrincipals(appId='{appId}')", (req) => {
    requirePermission(req.caller, READ_SERVICE_PRINCIPALS, 'directory');
    refuseUnimplemented(req.query, ['$expand'], req.path);
    const appId = req.params['appId'] ?? '';
    if (appId.toLowerCase() !== options.appId.toLowerCase()) throw userNotFound(appId);
    return entity(req);
  });

  d.register('GET', '/servicePrincipals/{servicePrincipal-id}', (req) => {
    requirePermission(req.caller, READ_SERVICE_PRINCIPALS, 'directory');
    refuseUnimplemented(req.query, ['$expand'], req.path);
    const id = req.params['servicePrincipal-id'] ?? '';
    if (id.toLowerCase() !== SENCO_HUB_SERVICE_PRINCIPAL.id) throw userNotFound(id);
    return entity(req);
  });

  d.register('GET', '/servicePrincipals/{servicePrincipal-id}/appRoleAssignedTo', (req) => {
    requirePermission(req.caller, READ_SERVICE_PRINCIPALS, 'directory');
    refuseUnimplemented(req.query, ['$filter', '$search', '$count', '$orderby', '$expand'], req.path);
    const id = req.params['servicePrincipal-id'] ?? '';
    if (id.toLowerCase() !== SENCO_HUB_SERVICE_PRINCIPAL.id) throw userNotFound(id);
    const users = store
      .listUsers('staff')
      .flatMap((u) =>
        u.appRoles.map((value) =>
          assignment({ id: u.id, displayName: u.displayName, type: 'User' }, value, USER_ASSIGNED_AT),
        ),
      );
    const groups = store
      .groupAppRoles()
      .map((a) => assignment({ ...a.group, type: 'Group' }, a.appRole, a.assignedAt));
    const result = page(ctx, req, [...users, ...groups].filter(defined), ASSIGNMENT_PAGING);
    return {
      status: 200,
      body: collectionBody(ctx, `servicePrincipals('${SENCO_HUB_SERVICE_PRINCIPAL.id}')/appRoleAssignedTo`, {
        ...result,
        value: result.value.map((a) => applySelect(a, req.query, 'microsoft.graph.appRoleAssignment')),
      }),
    };
  });
}
