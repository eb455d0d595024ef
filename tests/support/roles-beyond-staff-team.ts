import { randomUUID } from 'node:crypto';
import { DirectoryStore } from '../../src/local365/directory/directory-store.ts';
import type { TestApp } from './test-app.ts';

/**
 * A school where app roles are held beyond the staff team: a governor (not a member of the staff team) given
 * the Headteacher role directly, and a `SEND Staff` group (Entra ID P1) given the SEND team role, whose one
 * member holds no role of her own. Made in the stand-in's directory before anything reads the roles.
 */
export function rolesBeyondTheStaffTeam(app: TestApp) {
  const store = new DirectoryStore(app.local365.db);
  const school = app.local365.school;
  const template = store.findUser(school.staff[0]!.id)!;
  const domain = school.tenant.domain;
  const outsider = {
    ...structuredClone(template),
    id: randomUUID(),
    userPrincipalName: `r.evans@${domain}`,
    mail: `rachel.evans@${domain}`,
    displayName: 'Rachel Evans',
    givenName: 'Rachel',
    surname: 'Evans',
    jobTitle: 'Acting Headteacher',
    appRoles: ['Headteacher'],
  };
  store.upsertUser(outsider);
  const member = school.staff.find((s) => s.appRoles.length === 0)!;
  const group = {
    id: randomUUID(),
    displayName: 'SEND Staff',
    description: null,
    mailNickname: 'sendstaff',
    mail: `sendstaff@${domain}`,
    visibility: 'Private' as const,
    createdDateTime: '2026-09-01T08:00:00Z',
    kind: 'other' as const,
    isTeam: false,
    education: null,
  };
  store.upsertGroup(group);
  store.setGroupMembership(group.id, { memberIds: [member.id], ownerIds: [] });
  store.assignAppRoleToGroup(group.id, 'SendTeam', '2026-10-01T07:30:00Z');
  return {
    outsider,
    member,
    group,
    inStaffTeam: (userId: string) => store.isMember(school.staffTeam.groupId, userId),
  };
}
