import type { Server } from 'node:http';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import {
  buildEhcPlan,
  buildEhcpPupil,
  buildIntervention,
  buildInterventionPupil,
  buildPassport,
  buildPupil,
  buildSenSupportPlan,
  buildSenSupportPupil,
  d,
} from '../../../domain/testing/builders.ts';
import type { RollPupil } from '../../../domain/roll.ts';
import type { RoleHolder } from '../../../graph/app-role-holders.ts';
import type { ClassRoster, EducationPerson } from '../../../graph/directory.ts';
import type { AppRole } from '../../access/caller.ts';
import { createAuditLogger, type AuditLogger } from '../../audit/audit-logger.ts';
import { AuthError, type Principal, type TokenValidator } from '../../auth/token-validator.ts';
import { createWebApp } from '../../http/web-app.ts';
import { createApiRouter } from '../api-router.ts';
import { createFakeDirectory } from './fake-directory.ts';
import { createFakeRecords, type FakeRecords, type FakeRecordsData } from './fake-records.ts';

/**
 * The API on fake records and a fake Education directory, served over HTTP on a free port: a small school
 * (two classes, four pupils), and a bearer token per person that is simply their name.
 */

export const TODAY = d('2026-11-23');
export const NOW = new Date('2026-11-23T09:30:00Z');

const ava = buildEhcpPupil({
  id: 'ava',
  legalForename: 'Ava',
  legalSurname: 'Brown',
  dateOfBirth: d('2018-02-01'),
  classIds: ['willow'],
});
const ben = buildSenSupportPupil({
  id: 'ben',
  legalForename: 'Ben',
  legalSurname: 'Cole',
  dateOfBirth: d('2018-03-01'),
  classIds: ['willow'],
});
const cal = buildPupil({
  id: 'cal',
  legalForename: 'Cal',
  legalSurname: 'Dunn',
  dateOfBirth: d('2018-04-01'),
  classIds: ['willow'],
});
const dan = buildSenSupportPupil({
  id: 'dan',
  legalForename: 'Dan',
  legalSurname: 'Evans',
  dateOfBirth: d('2017-05-01'),
  classIds: ['oak'],
  needs: [{ code: 'SEMH', rank: 1 }],
  lookedAfter: true,
});

export const PUPILS = { ava, ben, cal, dan };

/** Pupils on roll with no SEND record: five more in Willow, three more in Oak. */
const withoutSend = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
const WILLOW_OTHERS = withoutSend('W000000000', 5);
const OAK_OTHERS = withoutSend('O000000000', 3);

export const CLASSES: ClassRoster[] = [
  {
    id: 'willow',
    displayName: 'Year 4 Willow',
    teacherIds: ['tom'],
    memberIds: ['tom', 'tia', 'pupil-ava'],
    pupilUpns: [ava.upn, ben.upn, cal.upn, ...WILLOW_OTHERS],
  },
  {
    id: 'oak',
    displayName: 'Year 5 Oak',
    teacherIds: ['olu'],
    memberIds: ['olu', 'oscar'],
    pupilUpns: [dan.upn, ...OAK_OTHERS],
  },
];

/** The whole roll, twelve pupils: Willow is Year 4, Oak Year 5. */
export const ROLL: RollPupil[] = CLASSES.flatMap((c) =>
  c.pupilUpns.map((upn) => ({
    upn: upn.toUpperCase(),
    yearGroup: c.id === 'willow' ? ('Y4' as const) : ('Y5' as const),
    classIds: [c.id],
  })),
);

export type Person = 'senco' | 'sendteam' | 'head' | 'tom' | 'tia' | 'olu' | 'oscar' | 'pupil-ava' | 'guest';

const PEOPLE: Record<Person, { name: string; roles: AppRole[]; person: EducationPerson }> = {
  senco: { name: 'Katie Dawson', roles: ['Senco'], person: 'staff' },
  sendteam: { name: 'Sara Patel', roles: ['SendTeam'], person: 'staff' },
  head: { name: 'Helen Ward', roles: ['Headteacher'], person: 'staff' },
  tom: { name: 'Tom Teacher', roles: [], person: 'staff' },
  tia: { name: 'Tia Assistant', roles: [], person: 'staff' },
  olu: { name: 'Olu Teacher', roles: [], person: 'staff' },
  oscar: { name: 'Oscar Assistant', roles: [], person: 'staff' },
  'pupil-ava': { name: 'Ava Brown', roles: [], person: 'pupil' },
  guest: { name: 'Visiting Guest', roles: [], person: 'other' },
};

/** Who holds which app role in the harness's directory: the people above with a role, given it directly. */
function roleHolders(): RoleHolder<AppRole>[] {
  return Object.entries(PEOPLE).flatMap(([id, p]) =>
    p.roles.map((role) => {
      const upn = `${id}@school.example`;
      return { userId: id, name: p.name, email: upn, upn, role, viaGroup: null };
    }),
  );
}

export const INTERVENTION_ID = 'reading';

export function schoolRecords(): FakeRecordsData {
  return {
    pupils: [ava, ben, cal, dan],
    passports: [
      buildPassport({ id: 'ava-1', pupilId: 'ava', version: 1, whatHelpsMe: ['Visual timetable'] }),
      buildPassport({ id: 'ben-1', pupilId: 'ben', version: 1, whatHelpsMe: ['Coloured overlay'] }),
      buildPassport({ id: 'dan-1', pupilId: 'dan', version: 1, whatHelpsMe: ['Calm corner'] }),
    ],
    ehcPlans: [buildEhcPlan({ pupilId: 'ava', issuedOn: d('2025-12-01') })],
    senSupportPlans: [buildSenSupportPlan({ pupilId: 'ben' })],
    interventions: [
      buildIntervention({
        id: INTERVENTION_ID,
        staff: [{ name: 'Tia Assistant', role: 'Teaching assistant', userId: 'tia' }],
        startOn: d('2026-09-07'),
        endOn: d('2026-12-18'),
        pupils: [
          buildInterventionPupil({ pupilId: 'ava', entryMeasure: 80, exitMeasure: 86 }),
          buildInterventionPupil({ pupilId: 'ben', entryMeasure: 90 }),
        ],
      }),
    ],
    professionals: [
      {
        id: 'ep',
        name: 'Dr Rina Shah',
        profession: 'educational-psychologist',
        organisation: 'Northshire EPS',
      },
    ],
    pupilProfessionals: { ava: ['ep'] },
    taAssignments: [{ pupilId: 'ava', staffUserId: 'tia', from: d('2026-09-01') }],
  };
}

export type ApiHarness = {
  url: string;
  records: FakeRecords;
  audit: AuditLogger;
  request(
    person: Person | undefined,
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; headers?: Record<string, string> },
    // Tests read answers field by field; typing every answer here would only repeat the routes.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
};

export async function startApiHarness(
  options: { records?: FakeRecords; today?: CalendarDate } = {},
): Promise<ApiHarness> {
  const records = options.records ?? createFakeRecords(schoolRecords(), { now: () => NOW });
  const directory = createFakeDirectory({
    people: Object.fromEntries(Object.entries(PEOPLE).map(([id, p]) => [id, p.person])),
    classes: CLASSES,
    roll: ROLL,
  });
  const audit = createAuditLogger({
    append: (entries) => records.appendAudit(entries),
    appendGroup: (groupId, entries) => records.appendAuditGroup(groupId, entries),
    // Tests flush when they look; failed writes are what some tests are about.
    flushIntervalMs: 60_000,
    onError: () => {},
  });
  const validateToken: TokenValidator = (authorization) => {
    const token = /^Bearer\s+(\S+)$/.exec(authorization ?? '')?.[1];
    if (!token)
      return Promise.reject(new AuthError('No bearer token in the Authorization header.', 'missing'));
    const person = PEOPLE[token as Person] as (typeof PEOPLE)[Person] | undefined;
    if (!person) return Promise.reject(new AuthError('The token is not valid.', 'invalid'));
    const principal: Principal = {
      userId: token,
      tenantId: 'tenant',
      upn: `${token}@school.example`,
      name: person.name,
      roles: person.roles,
    };
    return Promise.resolve(principal);
  };
  const web = await createWebApp({
    mode: 'local',
    api: createApiRouter({
      records,
      directory,
      audit,
      validateToken,
      calendarFor: () => {
        throw new Error('The API harness has no Outlook: booking is tested against the stand-in.');
      },
      clock: { now: () => NOW, today: () => options.today ?? TODAY },
      // No reminders: the settings screen's roles must not need them.
      roleHolders: { all: () => Promise.resolve(roleHolders()) },
    }),
    tabDir: '/nonexistent',
    tabSettings: {
      mode: 'local',
      clientId: 'client',
      tenantId: 'tenant',
      apiScope: 'api://client/access_as_user',
      redirectUri: 'http://localhost/auth-redirect.html',
    },
    now: () => NOW,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = web.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    records,
    audit,
    async request(person, method, path, requestOptions = {}) {
      const body =
        requestOptions.rawBody ??
        (requestOptions.body !== undefined ? JSON.stringify(requestOptions.body) : undefined);
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(person ? { Authorization: `Bearer ${person}` } : {}),
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...requestOptions.headers,
        },
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text ? (JSON.parse(text) as unknown) : undefined,
        headers: res.headers,
      };
    },
    async close() {
      await audit.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
