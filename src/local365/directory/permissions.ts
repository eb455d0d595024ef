import type { Caller } from '../graph/dispatcher.ts';
import { GraphError } from '../graph/graph-error.ts';

/**
 * Permission checks as each Graph workload words them. Lists name every permission that grants the
 * operation (least privileged first); an omitted list means the permission type is not supported at all.
 */
export type PermissionNeed = { delegated?: readonly string[]; application?: readonly string[] };

/** Which service answers: directory (Entra), Outlook (Exchange) or Teams word their 403s differently. */
export type Workload = 'directory' | 'outlook' | 'teams';

export function hasPermission(caller: Caller, need: PermissionNeed): boolean {
  if (caller.kind === 'app') return !!need.application?.some((p) => caller.roles.includes(p));
  return !!need.delegated?.some((p) => caller.scopes.includes(p));
}

export function accessDenied(workload: Workload, caller: Caller, need: PermissionNeed): GraphError {
  if (workload === 'outlook')
    return new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  if (workload === 'teams') {
    // Wording from real Graph answers, e.g. msteams-docs issue 14043.
    const required = (caller.kind === 'app' ? need.application : need.delegated) ?? [];
    const held = caller.kind === 'app' ? caller.roles : caller.scopes;
    const kind = caller.kind === 'app' ? 'role' : 'scope';
    const heldLabel = caller.kind === 'app' ? 'Roles' : 'Scopes';
    return new GraphError(
      403,
      'Forbidden',
      `Missing ${kind} permissions on the request. API requires one of '${required.join(', ')}'. ${heldLabel} on the request '${held.join(', ')}'.`,
    );
  }
  return new GraphError(
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
}

export function requirePermission(caller: Caller, need: PermissionNeed, workload: Workload): void {
  if (!hasPermission(caller, need)) throw accessDenied(workload, caller, need);
}

/** `/me/...` needs a signed-in user; Graph answers app-only callers with this 400. */
export function requireDelegated(caller: Caller): Extract<Caller, { kind: 'user' }> {
  if (caller.kind !== 'user')
    throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  return caller;
}
