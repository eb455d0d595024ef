import type { StandInContext } from '../context.ts';
import type { RouteRequest } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';
import { requireMembersVisible, signedInUser, userNotFound } from './directory-access.ts';
import { fullEducationClass, fullEducationUser } from './directory-shapes.ts';
import type { DirectoryGroup, DirectoryStore, DirectoryUser } from './directory-store.ts';
import {
  applyFilter,
  applySelect,
  collectionBody,
  odataContext,
  page,
  refuseUnimplemented,
} from './odata.ts';
import { requirePermission, type PermissionNeed } from './permissions.ts';

/**
 * Education (School Data Sync) over the directory: an educationClass is the class team's group with the
 * same id [E2]. Roster rules as Microsoft documents them [E1][E3][E4]:
 * - class teachers are the group's owners (and members); pupils are members;
 * - teaching assistants are members of the class team but not owners, so they are in /members and not in
 *   /teachers. All staff are educationUsers with primaryRole 'teacher' (SDS syncs staff that way), so
 *   primaryRole does not tell a TA from a class teacher: /teachers does.
 * - delegated callers see a class's members only if they belong to the class; app-only callers need
 *   EduRoster.Read.All plus Member.Read.Hidden (class groups have HiddenMembership).
 */

const READ_ROSTER: PermissionNeed = {
  delegated: ['EduRoster.ReadBasic', 'EduRoster.Read', 'EduRoster.ReadWrite'],
  application: ['EduRoster.ReadBasic.All', 'EduRoster.Read.All', 'EduRoster.ReadWrite.All'],
};
const READ_CLASS_MEMBERS: PermissionNeed = {
  delegated: READ_ROSTER.delegated,
  application: ['EduRoster.Read.All', 'EduRoster.ReadWrite.All'],
};

const EDU_PAGE = { defaultSize: 100, maxSize: 999, style: 'skiptoken' as const };

const classNotFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

function requireClass(store: DirectoryStore, id: string): DirectoryGroup {
  const group = store.findGroup(id);
  if (!group || group.kind !== 'class') throw classNotFound(id);
  return group;
}

function educationUserShape(user: DirectoryUser, query: URLSearchParams) {
  return applySelect(fullEducationUser(user), query, 'microsoft.graph.educationUser');
}

function educationClassShape(group: DirectoryGroup, query: URLSearchParams) {
  return applySelect(fullEducationClass(group), query, 'microsoft.graph.educationClass');
}

const unsupportedClassFilter = (property: string) =>
  new GraphError(
    400,
    'BadRequest',
    `Unsupported or invalid query filter clause specified for property '${property}' of resource 'educationClass'.`,
  );

const CLASS_FILTERS: Record<string, (g: DirectoryGroup) => string | null> = {
  id: (g) => g.id,
  displayName: (g) => g.displayName,
  mailNickname: (g) => g.mailNickname,
  externalId: (g) => g.education?.externalId ?? null,
  classCode: (g) => g.education?.classCode ?? null,
  grade: (g) => g.education?.grade ?? null,
};

export function registerEducationRoutes(ctx: StandInContext, store: DirectoryStore): void {
  const d = ctx.dispatcher;

  const classList = (req: RouteRequest, classes: DirectoryGroup[], fragment: string) => {
    refuseUnimplemented(req.query, ['$search', '$count', '$orderby', '$expand'], req.path);
    const filtered = applyFilter(classes, req.query, CLASS_FILTERS, unsupportedClassFilter);
    const result = page(ctx, req, filtered, EDU_PAGE);
    return {
      status: 200,
      body: collectionBody(ctx, fragment, {
        ...result,
        value: result.value.map((g) => educationClassShape(g, req.query)),
      }),
    };
  };

  const userList = (req: RouteRequest, users: DirectoryUser[], fragment: string) => {
    refuseUnimplemented(req.query, ['$filter', '$search', '$count', '$orderby', '$expand'], req.path);
    const result = page(ctx, req, users, EDU_PAGE);
    return {
      status: 200,
      body: collectionBody(ctx, fragment, {
        ...result,
        value: result.value.map((u) => educationUserShape(u, req.query)),
      }),
    };
  };

  const educationUser = (id: string) => {
    const user = store.findUser(id);
    if (!user) throw userNotFound(id);
    return user;
  };

  d.register('GET', '/education/classes', (req) => {
    requirePermission(req.caller, READ_ROSTER, 'directory');
    return classList(req, store.listGroups('class'), 'education/classes');
  });

  d.register('GET', '/education/classes/{educationClass-id}', (req) => {
    requirePermission(req.caller, READ_ROSTER, 'directory');
    const group = requireClass(store, req.params['educationClass-id'] ?? '');
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, 'education/classes/$entity'),
        ...educationClassShape(group, req.query),
      },
    };
  });

  d.register('GET', '/education/classes/{educationClass-id}/members', (req) => {
    const group = requireClass(store, req.params['educationClass-id'] ?? '');
    requireMembersVisible(store, req.caller, group, READ_CLASS_MEMBERS);
    return userList(req, store.listMembers(group.id), `education/classes('${group.id}')/members`);
  });

  d.register('GET', '/education/classes/{educationClass-id}/teachers', (req) => {
    const group = requireClass(store, req.params['educationClass-id'] ?? '');
    requireMembersVisible(store, req.caller, group, READ_CLASS_MEMBERS);
    return userList(req, store.listOwners(group.id), `education/classes('${group.id}')/teachers`);
  });

  d.register('GET', '/education/me', (req) => {
    const user = signedInUser(store, req.caller);
    requirePermission(req.caller, READ_ROSTER, 'directory');
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, 'education/me/$entity'),
        ...educationUserShape(user, req.query),
      },
    };
  });

  d.register('GET', '/education/me/classes', (req) => {
    const user = signedInUser(store, req.caller);
    requirePermission(req.caller, READ_ROSTER, 'directory');
    return classList(
      req,
      store.groupsOfMember(user.id).filter((g) => g.kind === 'class'),
      'education/me/classes',
    );
  });

  d.register('GET', '/education/me/taughtClasses', (req) => {
    const user = signedInUser(store, req.caller);
    requirePermission(req.caller, READ_ROSTER, 'directory');
    return classList(
      req,
      store.groupsOwnedBy(user.id).filter((g) => g.kind === 'class'),
      'education/me/taughtClasses',
    );
  });

  d.register('GET', '/education/users/{educationUser-id}', (req) => {
    requirePermission(req.caller, READ_ROSTER, 'directory');
    const user = educationUser(req.params['educationUser-id'] ?? '');
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, 'education/users/$entity'),
        ...educationUserShape(user, req.query),
      },
    };
  });

  d.register('GET', '/education/users/{educationUser-id}/classes', (req) => {
    requirePermission(req.caller, READ_ROSTER, 'directory');
    const user = educationUser(req.params['educationUser-id'] ?? '');
    return classList(
      req,
      store.groupsOfMember(user.id).filter((g) => g.kind === 'class'),
      `education/users('${user.id}')/classes`,
    );
  });

  d.register('GET', '/education/users/{educationUser-id}/taughtClasses', (req) => {
    requirePermission(req.caller, READ_ROSTER, 'directory');
    const user = educationUser(req.params['educationUser-id'] ?? '');
    return classList(
      req,
      store.groupsOwnedBy(user.id).filter((g) => g.kind === 'class'),
      `education/users('${user.id}')/taughtClasses`,
    );
  });
}
