import type { StandInContext } from '../context.ts';
import { openDatabase } from '../database.ts';
import { GraphDispatcher, type Caller, type GraphResponse } from '../graph/dispatcher.ts';
import { parseGraphUrl } from '../graph/http-adapter.ts';
import {
  DEFAULT_GRAPH_APPLICATION_ROLES,
  DEFAULT_GRAPH_DELEGATED_SCOPES,
} from '../identity/graph-permissions.ts';
import type { DemoPupil, DemoSchool, DemoStaff } from '../seed/demo-school.types.ts';

/**
 * Test support for the stand-in's directory, calendar and Teams modules: a small school, a context on a
 * private in-memory database with a settable clock, and callers as the identity provider would make them.
 * Only tests import this file.
 */

export const TEST_TENANT_ID = '7d3c1a52-0d6f-4a7e-9b1e-2f8a4c6d9e01';
export const TEST_DOMAIN = 'oakfield.example.org';

const id = (group: number, n: number) =>
  `${String(group).repeat(8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const ids = {
  head: id(1, 1),
  senco: id(1, 2),
  willowTeacher: id(1, 3),
  willowTa: id(1, 4),
  oakTeacher: id(1, 5),
  willow: id(2, 1),
  oak: id(2, 2),
  staffTeam: id(3, 1),
  pupil: (n: number) => id(4, n),
} as const;

export const SEND_CHANNEL_ID = '19:5e0d0c4a1f9b4b7e8a6c2d3e4f5a6b7c@thread.tacv2';
export const EXTERNAL_PROFESSIONAL = 'r.shah@ep.example-la.gov.uk';

const fullWeek = {
  daysOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  startTime: '08:00',
  endTime: '16:30',
};

function staff(
  overrides: Partial<DemoStaff> & Pick<DemoStaff, 'id' | 'givenName' | 'surname' | 'role'>,
): DemoStaff {
  const upn = `${overrides.givenName.charAt(0).toLowerCase()}.${overrides.surname.toLowerCase()}@${TEST_DOMAIN}`;
  return {
    upn,
    displayName: `${overrides.givenName} ${overrides.surname}`,
    jobTitle: 'Class Teacher',
    appRoles: [],
    workingHours: fullWeek,
    ...overrides,
  };
}

function pupil(
  n: number,
  givenName: string,
  surname: string,
  classGroupId: string,
  yearGroup: DemoPupil['yearGroup'],
): DemoPupil {
  return {
    id: ids.pupil(n),
    upn: `${givenName.toLowerCase()}.${surname.toLowerCase()}@pupils.${TEST_DOMAIN}`,
    dfeUpn: `A8230010${String(n).padStart(4, '0')}1`.slice(0, 13),
    givenName,
    surname,
    dateOfBirth: yearGroup === 'Y4' ? '2017-03-14' : '2016-05-02',
    gender: n % 2 === 0 ? 'M' : 'F',
    yearGroup,
    classGroupId,
    flags: { lookedAfter: false, pupilPremium: false, freeSchoolMeals: false, eal: false },
    contacts: [],
  };
}

/** A two-class primary: head, SENCO, two class teachers, a part-time TA, five pupils, a staff team with a SEND channel. */
export function buildTestSchool(overrides: Partial<DemoSchool> = {}): DemoSchool {
  return {
    seed: 1,
    generatedFor: '2026-11-23',
    tenant: {
      id: TEST_TENANT_ID,
      domain: TEST_DOMAIN,
      sharePointHostname: 'oakfield.sharepoint.com',
      displayName: 'Oakfield Primary School',
    },
    school: {
      name: 'Oakfield Primary School',
      urn: '100001',
      laName: 'Example LA',
      phase: 'primary',
      notionalSenBudget: 120000,
    },
    staff: [
      staff({
        id: ids.head,
        givenName: 'Helen',
        surname: 'Price',
        role: 'headteacher',
        jobTitle: 'Headteacher',
        appRoles: ['Headteacher'],
      }),
      staff({
        id: ids.senco,
        givenName: 'Jo',
        surname: 'Okafor',
        role: 'senco',
        jobTitle: 'SENCO',
        appRoles: ['Senco', 'SendTeam'],
      }),
      staff({ id: ids.willowTeacher, givenName: 'Sam', surname: 'Patel', role: 'teacher' }),
      staff({
        id: ids.willowTa,
        givenName: 'Amy',
        surname: 'Brooks',
        role: 'teaching-assistant',
        jobTitle: 'Teaching Assistant',
        // Part-time: Monday to Wednesday mornings and early afternoons.
        workingHours: {
          daysOfWeek: ['Monday', 'Tuesday', 'Wednesday'],
          startTime: '08:30',
          endTime: '15:00',
        },
      }),
      staff({ id: ids.oakTeacher, givenName: 'Tom', surname: 'Green', role: 'teacher' }),
    ],
    classes: [
      {
        groupId: ids.willow,
        displayName: 'Year 4 Willow',
        mailNickname: 'Section_Y4Willow',
        yearGroup: 'Y4',
        teacherIds: [ids.willowTeacher],
        teachingAssistantIds: [ids.willowTa],
        pupilIds: [ids.pupil(1), ids.pupil(2), ids.pupil(3)],
        externalId: 'MIS-4W',
      },
      {
        groupId: ids.oak,
        displayName: 'Year 5 Oak',
        mailNickname: 'Section_Y5Oak',
        yearGroup: 'Y5',
        teacherIds: [ids.oakTeacher],
        teachingAssistantIds: [],
        pupilIds: [ids.pupil(4), ids.pupil(5)],
        externalId: 'MIS-5O',
      },
    ],
    pupils: [
      pupil(1, 'Ava', 'Smith', ids.willow, 'Y4'),
      pupil(2, 'Leo', 'Jones', ids.willow, 'Y4'),
      pupil(3, 'Mia', 'Khan', ids.willow, 'Y4'),
      pupil(4, 'Noah', 'Evans', ids.oak, 'Y5'),
      pupil(5, 'Isla', 'Ward', ids.oak, 'Y5'),
    ],
    staffTeam: {
      groupId: ids.staffTeam,
      displayName: 'Oakfield Staff',
      mailNickname: 'OakfieldStaff',
      channels: [{ id: SEND_CHANNEL_ID, displayName: 'SEND', description: 'SEND reminders and updates' }],
    },
    professionals: [
      {
        id: 'prof-1',
        name: 'Dr Ravi Shah',
        kind: 'educational-psychologist',
        organisation: 'Example LA EP Service',
        email: EXTERNAL_PROFESSIONAL,
      },
    ],
    interventions: [],
    ...overrides,
  };
}

/** A context on a private database; `clock.set(iso)` moves time for everything that reads `ctx.now()`. */
export function createTestContext(startAt = '2026-11-23T09:00:00Z'): {
  ctx: StandInContext;
  clock: { set(iso: string): void; advance(ms: number): void };
} {
  let now = new Date(startAt);
  const nowFn = () => new Date(now);
  const ctx: StandInContext = {
    db: openDatabase(':memory:'),
    dispatcher: new GraphDispatcher({ now: nowFn }),
    graphBaseUrl: () => 'http://localhost:3978/local365/graph/v1.0',
    publicBaseUrl: () => 'http://localhost:3978/local365',
    tenantId: TEST_TENANT_ID,
    sharePointHostname: 'oakfield.sharepoint.com',
    now: nowFn,
  };
  return {
    ctx,
    clock: {
      set: (iso) => (now = new Date(iso)),
      advance: (ms) => (now = new Date(now.getTime() + ms)),
    },
  };
}

export function userCaller(
  user: { id: string; upn: string },
  scopes: readonly string[] = DEFAULT_GRAPH_DELEGATED_SCOPES,
): Caller {
  return { kind: 'user', userId: user.id, upn: user.upn, tenantId: TEST_TENANT_ID, scopes: [...scopes] };
}

/**
 * An app-only caller for testing the stand-in's routes themselves: it holds the application permissions those
 * routes check, beyond what SENCO Hub's own registration has (DEFAULT_GRAPH_APPLICATION_ROLES).
 */
export const ROUTE_TEST_APP_ROLES = [
  ...DEFAULT_GRAPH_APPLICATION_ROLES,
  'Calendars.ReadWrite',
  'User.Read.All',
  'GroupMember.Read.All',
] as const;

export function appCaller(roles: readonly string[] = ROUTE_TEST_APP_ROLES): Caller {
  return {
    kind: 'app',
    appId: '9a1f6c2e-5b3d-4e8f-a7c6-1d2e3f4a5b6c',
    tenantId: TEST_TENANT_ID,
    roles: [...roles],
  };
}

/** Sends one Graph request through the dispatcher, as the HTTP adapter would. `url` is below /v1.0, query included. */
export async function graphCall(
  ctx: StandInContext,
  caller: Caller,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<GraphResponse & { json: Record<string, unknown> }> {
  const { path, query } = parseGraphUrl(url);
  const headers = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const res = await ctx.dispatcher.dispatch({ method, path, query, headers, body: options.body, caller });
  return { ...res, json: (res.body ?? {}) as Record<string, unknown> };
}

/** The staff member of the test school with this id, as a caller's identity. */
export function staffMember(school: DemoSchool, staffId: string): DemoStaff {
  const found = school.staff.find((s) => s.id === staffId);
  if (!found) throw new Error(`no staff member ${staffId}`);
  return found;
}
