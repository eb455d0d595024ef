import type { StandInContext } from '../context.ts';
import type { DemoClass, DemoPupil, DemoSchool, DemoStaff, YearGroup } from '../seed/demo-school.types.ts';
import { TeamsStore, generalChannelId } from '../teams/teams-store.ts';
import {
  DirectoryStore,
  type DirectoryGroup,
  type DirectoryUser,
  type EducationTerm,
  type WorkingHours,
} from './directory-store.ts';

/**
 * Loads the Microsoft 365 directory a school already has into the stand-in, as School Data Sync and Teams
 * would have made it. Idempotent: loading the same school again leaves the same directory.
 *
 * Choices (documented because the app depends on them):
 * - Staff are Education users with primaryRole 'teacher' (SDS syncs staff so); their teacherNumber and
 *   externalId are the MIS staff code (initials).
 * - Pupils: primaryRole 'student'; studentNumber and externalId are the DfE UPN; grade is the school's
 *   wording ('Reception', 'Year 4').
 * - Class team: owners are the class teachers; members are teachers, teaching assistants and pupils;
 *   visibility HiddenMembership, as SDS creates class groups.
 * - Staff team: every staff member is a member; the headteacher and SENCO are owners; it gets a General
 *   channel (if the school data has none) plus the school's channels.
 */
export function loadDirectory(
  ctx: StandInContext,
  school: DemoSchool,
): { users: number; groups: number; channels: number } {
  const store = new DirectoryStore(ctx.db);
  const teams = new TeamsStore(ctx.db);
  const term = academicYearTerm(school.generatedFor);
  const created = `${term.startDate}T07:00:00Z`;
  const staffCodes = staffCodesFor(school.staff);
  let channels = 0;

  const load = ctx.db.transaction(() => {
    for (const s of school.staff) store.upsertUser(staffUser(s, staffCodes.get(s.id) ?? s.id, created));
    for (const p of school.pupils) store.upsertUser(pupilUser(p, term, created));

    for (const c of school.classes) {
      store.upsertGroup(classGroup(c, school.tenant.domain, term, created));
      store.setGroupMembership(c.groupId, {
        ownerIds: c.teacherIds,
        memberIds: [...c.teacherIds, ...c.teachingAssistantIds, ...c.pupilIds],
      });
      teams.upsertChannel({
        id: generalChannelId(c.groupId),
        teamId: c.groupId,
        displayName: 'General',
        description: null,
        membershipType: 'standard',
        createdDateTime: created,
      });
      channels += 1;
    }

    const st = school.staffTeam;
    store.upsertGroup({
      id: st.groupId,
      displayName: st.displayName,
      description: `${school.school.name} staff`,
      mailNickname: st.mailNickname,
      mail: `${st.mailNickname}@${school.tenant.domain}`,
      visibility: 'Private',
      createdDateTime: created,
      kind: 'staff',
      isTeam: true,
      education: null,
    });
    const owners = school.staff
      .filter((s) => s.role === 'headteacher' || s.role === 'senco')
      .map((s) => s.id);
    store.setGroupMembership(st.groupId, { ownerIds: owners, memberIds: school.staff.map((s) => s.id) });
    if (!st.channels.some((ch) => ch.displayName === 'General')) {
      teams.upsertChannel({
        id: generalChannelId(st.groupId),
        teamId: st.groupId,
        displayName: 'General',
        description: null,
        membershipType: 'standard',
        createdDateTime: created,
      });
      channels += 1;
    }
    for (const ch of st.channels) {
      teams.upsertChannel({
        id: ch.id,
        teamId: st.groupId,
        displayName: ch.displayName,
        description: ch.description,
        membershipType: 'standard',
        createdDateTime: created,
      });
      channels += 1;
    }
  });
  load();
  return { users: school.staff.length + school.pupils.length, groups: school.classes.length + 1, channels };
}

/** The school's wording for a year group, used as the Education grade. */
export function gradeLabel(year: YearGroup): string {
  return year === 'R' ? 'Reception' : `Year ${year.slice(1)}`;
}

/** The academic year containing `date` (1 September to 31 July), as the class term. */
export function academicYearTerm(date: string): EducationTerm {
  const [y = 0, m = 0] = date.split('-').map(Number);
  const start = m >= 9 ? y : y - 1;
  return {
    displayName: `${start}/${String((start + 1) % 100).padStart(2, '0')}`,
    externalId: `AY${start}`,
    startDate: `${start}-09-01`,
    endDate: `${start + 1}-07-31`,
  };
}

function staffCodesFor(staff: DemoStaff[]): Map<string, string> {
  const codes = new Map<string, string>();
  const used = new Map<string, number>();
  for (const s of staff) {
    const base = `${s.givenName.charAt(0)}${s.surname.replace(/[^A-Za-z]/g, '').slice(0, 2)}`.toUpperCase();
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    codes.set(s.id, n === 1 ? base : `${base}${n}`);
  }
  return codes;
}

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Normalises working hours to Graph's forms: lower-case day names, 'HH:mm:ss'. */
export function normaliseWorkingHours(hours: DemoStaff['workingHours'] | undefined): WorkingHours {
  const time = (t: string, fallback: string) => {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(t);
    return m ? `${(m[1] ?? '0').padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}` : fallback;
  };
  if (!hours)
    return {
      daysOfWeek: DAY_NAMES.slice(0, 5),
      startTime: '08:00:00',
      endTime: '17:00:00',
      timeZone: 'Europe/London',
    };
  return {
    daysOfWeek: hours.daysOfWeek.map((d) => d.toLowerCase()).filter((d) => DAY_NAMES.includes(d)),
    startTime: time(hours.startTime, '08:00:00'),
    endTime: time(hours.endTime, '17:00:00'),
    timeZone: 'Europe/London',
  };
}

function staffUser(s: DemoStaff, code: string, created: string): DirectoryUser {
  return {
    id: s.id,
    userPrincipalName: s.upn,
    mail: s.upn,
    displayName: s.displayName,
    givenName: s.givenName,
    surname: s.surname,
    jobTitle: s.jobTitle,
    department: 'Staff',
    kind: 'staff',
    staffRole: s.role,
    appRoles: [...s.appRoles],
    workingHours: normaliseWorkingHours(s.workingHours),
    primaryRole: 'teacher',
    student: null,
    teacher: { externalId: code, teacherNumber: code },
    createdDateTime: created,
  };
}

function pupilUser(p: DemoPupil, term: EducationTerm, created: string): DirectoryUser {
  const yearNumber = p.yearGroup === 'R' ? 0 : Number(p.yearGroup.slice(1));
  // Pupils leave a primary school at the end of Year 6.
  const leavingYear = Number(term.endDate.slice(0, 4)) + (6 - yearNumber);
  return {
    id: p.id,
    userPrincipalName: p.upn,
    mail: p.upn,
    displayName: `${p.givenName} ${p.surname}`,
    givenName: p.givenName,
    surname: p.surname,
    jobTitle: null,
    department: gradeLabel(p.yearGroup),
    kind: 'pupil',
    staffRole: null,
    appRoles: [],
    workingHours: normaliseWorkingHours(undefined),
    primaryRole: 'student',
    student: {
      birthDate: p.dateOfBirth,
      externalId: p.dfeUpn,
      gender: p.gender === 'F' ? 'female' : 'male',
      grade: gradeLabel(p.yearGroup),
      graduationYear: String(leavingYear),
      studentNumber: p.dfeUpn,
    },
    teacher: null,
    createdDateTime: created,
  };
}

function classGroup(c: DemoClass, domain: string, term: EducationTerm, created: string): DirectoryGroup {
  return {
    id: c.groupId,
    displayName: c.displayName,
    description: null,
    mailNickname: c.mailNickname,
    mail: `${c.mailNickname}@${domain}`,
    visibility: 'HiddenMembership',
    createdDateTime: created,
    kind: 'class',
    isTeam: true,
    education: {
      externalId: c.externalId,
      classCode: c.externalId,
      externalName: c.displayName,
      grade: gradeLabel(c.yearGroup),
      term,
    },
  };
}
