import { randomUUID } from 'node:crypto';
import { DirectoryStore } from '../../src/local365/directory/directory-store.ts';
import type { TestApp } from './test-app.ts';

/**
 * Another enterprise app of the school's tenant whose own app roles happen to use `appRoleIds` (an app role id
 * is unique within its app only): gives each user the role on that app, in the stand-in's directory.
 */
export function assignRolesOnAnotherApp(app: TestApp, given: { userId: string; appRoleId: string }[]) {
  const store = new DirectoryStore(app.local365.db);
  const otherApp = { resourceId: randomUUID(), resourceName: 'Visitor Sign-in' };
  for (const g of given)
    store.assignOtherAppRole(g.userId, {
      ...otherApp,
      appRoleId: g.appRoleId,
      assignedAt: '2026-09-01T08:00:00Z',
    });
  return otherApp;
}
