import { migrate, type Db } from '../database.ts';
import type { StaffRole } from '../seed/demo-school.types.ts';

/** Working hours as Exchange keeps them for a mailbox: local wall-clock times in an IANA zone. */
export type WorkingHours = {
  /** Lower-case English day names, as Graph writes them ('monday'…). */
  daysOfWeek: string[];
  /** 'HH:mm:ss' */
  startTime: string;
  endTime: string;
  timeZone: string;
};

export type EducationStudent = {
  birthDate: string | null;
  externalId: string | null;
  gender: 'female' | 'male' | 'other' | null;
  grade: string | null;
  graduationYear: string | null;
  studentNumber: string | null;
};

export type EducationTeacher = { externalId: string | null; teacherNumber: string | null };

/** One Entra user (staff member or pupil) with the Education and Exchange facts the stand-in serves. */
export type DirectoryUser = {
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  department: string | null;
  kind: 'staff' | 'pupil';
  staffRole: StaffRole | null;
  /** App-role values assigned on SENCO Hub's enterprise app (the `roles` claim of its tokens). */
  appRoles: string[];
  workingHours: WorkingHours;
  primaryRole: 'teacher' | 'student' | 'none';
  student: EducationStudent | null;
  teacher: EducationTeacher | null;
  createdDateTime: string;
};

export type EducationTerm = { displayName: string; externalId: string; startDate: string; endDate: string };

export type EducationClassFacts = {
  externalId: string;
  classCode: string;
  externalName: string;
  grade: string;
  term: EducationTerm;
};

/** A Microsoft 365 group; a class team's group is also an educationClass with the same id. */
export type DirectoryGroup = {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mail: string;
  visibility: 'Private' | 'Public' | 'HiddenMembership';
  createdDateTime: string;
  kind: 'class' | 'staff' | 'other';
  isTeam: boolean;
  education: EducationClassFacts | null;
};

const SCHEMA = `
CREATE TABLE dir_users (
  id TEXT PRIMARY KEY,
  upn TEXT NOT NULL UNIQUE COLLATE NOCASE,
  mail TEXT NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX dir_users_mail ON dir_users (mail);
CREATE TABLE dir_groups (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE dir_group_members (
  group_id TEXT NOT NULL REFERENCES dir_groups (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES dir_users (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX dir_group_members_user ON dir_group_members (user_id);
CREATE TABLE dir_group_owners (
  group_id TEXT NOT NULL REFERENCES dir_groups (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES dir_users (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX dir_group_owners_user ON dir_group_owners (user_id);
`;

/** App roles on SENCO Hub's enterprise app assigned to a group (Entra ID P1): its direct members hold them. */
const GROUP_APP_ROLES_SCHEMA = `
CREATE TABLE dir_group_app_roles (
  group_id TEXT NOT NULL REFERENCES dir_groups (id) ON DELETE CASCADE,
  app_role TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (group_id, app_role)
);
`;

/**
 * App roles a user holds on other enterprise apps in the tenant. Graph lists them among the user's
 * appRoleAssignments beside SENCO Hub's, told apart only by `resourceId`; an app role id is unique within one
 * app, not across apps (https://learn.microsoft.com/en-us/graph/api/resources/approleassignment).
 */
const OTHER_APP_ROLES_SCHEMA = `
CREATE TABLE dir_other_app_roles (
  user_id TEXT NOT NULL REFERENCES dir_users (id) ON DELETE CASCADE,
  resource_id TEXT NOT NULL,
  resource_name TEXT NOT NULL,
  app_role_id TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (user_id, resource_id, app_role_id)
);
`;

export function migrateDirectory(db: Db): void {
  migrate(db, 'directory-v1', SCHEMA);
  migrate(db, 'directory-group-app-roles-v1', GROUP_APP_ROLES_SCHEMA);
  migrate(db, 'directory-other-app-roles-v1', OTHER_APP_ROLES_SCHEMA);
}

export type OtherAppRole = {
  resourceId: string;
  resourceName: string;
  appRoleId: string;
  assignedAt: string;
};

type Row = { data: string };

const parseUser = (row: Row | undefined) => (row ? (JSON.parse(row.data) as DirectoryUser) : undefined);
const parseGroup = (row: Row | undefined) => (row ? (JSON.parse(row.data) as DirectoryGroup) : undefined);

/** Directory reads and writes over the stand-in database; constructing it creates the tables once. */
export class DirectoryStore {
  constructor(private readonly db: Db) {
    migrateDirectory(db);
  }

  upsertUser(user: DirectoryUser): void {
    this.db
      .prepare(
        `INSERT INTO dir_users (id, upn, mail, kind, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET upn = excluded.upn, mail = excluded.mail, kind = excluded.kind, data = excluded.data`,
      )
      .run(user.id, user.userPrincipalName, user.mail, user.kind, JSON.stringify(user));
  }

  upsertGroup(group: DirectoryGroup): void {
    this.db
      .prepare(
        `INSERT INTO dir_groups (id, kind, data) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, data = excluded.data`,
      )
      .run(group.id, group.kind, JSON.stringify(group));
  }

  /** Replaces the group's members and owners (owners must be members too, as Teams requires). */
  setGroupMembership(groupId: string, membership: { memberIds: string[]; ownerIds: string[] }): void {
    const replace = this.db.transaction(() => {
      this.db.prepare('DELETE FROM dir_group_members WHERE group_id = ?').run(groupId);
      this.db.prepare('DELETE FROM dir_group_owners WHERE group_id = ?').run(groupId);
      const addMember = this.db.prepare(
        'INSERT OR IGNORE INTO dir_group_members (group_id, user_id, ordinal) VALUES (?, ?, ?)',
      );
      const addOwner = this.db.prepare(
        'INSERT OR IGNORE INTO dir_group_owners (group_id, user_id, ordinal) VALUES (?, ?, ?)',
      );
      const members = [...new Set([...membership.ownerIds, ...membership.memberIds])];
      members.forEach((userId, i) => addMember.run(groupId, userId, i));
      membership.ownerIds.forEach((userId, i) => addOwner.run(groupId, userId, i));
    });
    replace();
  }

  /** By object id or user principal name (case-insensitive), as `/users/{id|userPrincipalName}` resolves. */
  findUser(idOrUpn: string): DirectoryUser | undefined {
    return parseUser(
      this.db
        .prepare<[string, string], Row>('SELECT data FROM dir_users WHERE id = ? OR upn = ?')
        .get(idOrUpn, idOrUpn),
    );
  }

  /** By SMTP address or UPN, as Exchange resolves a recipient. */
  findUserByAddress(address: string): DirectoryUser | undefined {
    return parseUser(
      this.db
        .prepare<[string, string], Row>('SELECT data FROM dir_users WHERE mail = ? OR upn = ? LIMIT 1')
        .get(address, address),
    );
  }

  listUsers(kind?: DirectoryUser['kind']): DirectoryUser[] {
    const rows = kind
      ? this.db.prepare<[string], Row>('SELECT data FROM dir_users WHERE kind = ? ORDER BY rowid').all(kind)
      : this.db.prepare<[], Row>('SELECT data FROM dir_users ORDER BY rowid').all();
    return rows.map((r) => JSON.parse(r.data) as DirectoryUser);
  }

  findGroup(id: string): DirectoryGroup | undefined {
    return parseGroup(this.db.prepare<[string], Row>('SELECT data FROM dir_groups WHERE id = ?').get(id));
  }

  listGroups(kind?: DirectoryGroup['kind']): DirectoryGroup[] {
    const rows = kind
      ? this.db.prepare<[string], Row>('SELECT data FROM dir_groups WHERE kind = ? ORDER BY rowid').all(kind)
      : this.db.prepare<[], Row>('SELECT data FROM dir_groups ORDER BY rowid').all();
    return rows.map((r) => JSON.parse(r.data) as DirectoryGroup);
  }

  listMembers(groupId: string): DirectoryUser[] {
    return this.db
      .prepare<[string], Row>(
        'SELECT u.data FROM dir_group_members m JOIN dir_users u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY m.ordinal',
      )
      .all(groupId)
      .map((r) => JSON.parse(r.data) as DirectoryUser);
  }

  listOwners(groupId: string): DirectoryUser[] {
    return this.db
      .prepare<[string], Row>(
        'SELECT u.data FROM dir_group_owners o JOIN dir_users u ON u.id = o.user_id WHERE o.group_id = ? ORDER BY o.ordinal',
      )
      .all(groupId)
      .map((r) => JSON.parse(r.data) as DirectoryUser);
  }

  isMember(groupId: string, userId: string): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM dir_group_members WHERE group_id = ? AND user_id = ?')
      .get(groupId, userId);
  }

  isOwner(groupId: string, userId: string): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM dir_group_owners WHERE group_id = ? AND user_id = ?')
      .get(groupId, userId);
  }

  /** Groups the user is a member of (owners are members too). */
  groupsOfMember(userId: string): DirectoryGroup[] {
    return this.db
      .prepare<[string], Row>(
        'SELECT g.data FROM dir_group_members m JOIN dir_groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.rowid',
      )
      .all(userId)
      .map((r) => JSON.parse(r.data) as DirectoryGroup);
  }

  groupsOwnedBy(userId: string): DirectoryGroup[] {
    return this.db
      .prepare<[string], Row>(
        'SELECT g.data FROM dir_group_owners o JOIN dir_groups g ON g.id = o.group_id WHERE o.user_id = ? ORDER BY g.rowid',
      )
      .all(userId)
      .map((r) => JSON.parse(r.data) as DirectoryGroup);
  }

  /** Assigns an app-role value to a group, as an admin does under Enterprise applications › Users and groups. */
  assignAppRoleToGroup(groupId: string, appRole: string, at: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO dir_group_app_roles (group_id, app_role, assigned_at) VALUES (?, ?, ?)')
      .run(groupId, appRole, at);
  }

  /** Every group assignment of an app role, in the order they were made. */
  groupAppRoles(): { group: DirectoryGroup; appRole: string; assignedAt: string }[] {
    return this.db
      .prepare<[], Row & { app_role: string; assigned_at: string }>(
        'SELECT g.data, a.app_role, a.assigned_at FROM dir_group_app_roles a JOIN dir_groups g ON g.id = a.group_id ORDER BY a.rowid',
      )
      .all()
      .map((r) => ({
        group: JSON.parse(r.data) as DirectoryGroup,
        appRole: r.app_role,
        assignedAt: r.assigned_at,
      }));
  }

  /** Assigns a user a role on another enterprise app of the tenant (not SENCO Hub). */
  assignOtherAppRole(userId: string, role: OtherAppRole): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO dir_other_app_roles (user_id, resource_id, resource_name, app_role_id, assigned_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(userId, role.resourceId, role.resourceName, role.appRoleId, role.assignedAt);
  }

  /** A user's roles on other enterprise apps, in the order they were given. */
  otherAppRoles(userId: string): OtherAppRole[] {
    return this.db
      .prepare<
        [string],
        { resource_id: string; resource_name: string; app_role_id: string; assigned_at: string }
      >(
        'SELECT resource_id, resource_name, app_role_id, assigned_at FROM dir_other_app_roles WHERE user_id = ? ORDER BY rowid',
      )
      .all(userId)
      .map((r) => ({
        resourceId: r.resource_id,
        resourceName: r.resource_name,
        appRoleId: r.app_role_id,
        assignedAt: r.assigned_at,
      }));
  }
}
