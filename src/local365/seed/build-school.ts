/**
 * The school generator behind both the demo school and the benchmark schools: directory (staff, class teams,
 * pupils, staff team) first, then the SEND register, professionals and interventions on top.
 */

import {
  academicYearOf,
  academicYearStart,
  dayNumberOf,
  partsOf,
  pickSchoolDay,
  toDayNumber,
  toIsoDate,
} from './calendar.ts';
import type { DemoClass, DemoPupil, DemoSchool, DemoStaff, StaffRole, AppRole } from './demo-school.types.ts';
import { buildInterventions } from './interventions.ts';
import { PREFERRED_NAMES } from './names.ts';
import {
  adultName,
  familyContacts,
  pickAdultCommunity,
  pickChildGivenName,
  pickCommunity,
  surnameForm,
  type Gender,
} from './people.ts';
import { buildProfessionals } from './professionals.ts';
import { createRandom, type SeededRandom } from './random.ts';
import {
  YEAR_GROUPS,
  yearGroupLabel,
  type FamilyDraft,
  type PupilDraft,
  type SchoolContext,
  type SchoolPlan,
  type StaffDirectory,
} from './school-draft.ts';
import { assignLookedAfter, assignSenRegister, buildSendRecords } from './send-records.ts';
import { asciiSlug } from './text.ts';
import { makeDfeUpn } from './upn.ts';

const CLASS_NAMES = [
  'Hazel',
  'Holly',
  'Rowan',
  'Willow',
  'Ash',
  'Birch',
  'Cedar',
  'Elm',
  'Maple',
  'Beech',
  'Chestnut',
  'Sycamore',
  'Alder',
  'Cherry',
  'Juniper',
  'Larch',
  'Aspen',
  'Poplar',
  'Linden',
  'Hawthorn',
  'Yew',
  'Pine',
  'Spruce',
  'Magnolia',
  'Elder',
  'Walnut',
  'Hornbeam',
  'Acacia',
] as const;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
/** Graph's mailboxSettings.workingHours time format. */
const SCHOOL_DAY = { startTime: '08:00:00.0000000', endTime: '16:30:00.0000000' };
const TA_DAY = { startTime: '08:30:00.0000000', endTime: '15:30:00.0000000' };
const OFFICE_DAY = { startTime: '08:00:00.0000000', endTime: '16:00:00.0000000' };

/** Infant class size law: Reception to Year 2 classes have at most 30 pupils per school teacher. */
const INFANT_CLASS_LIMIT = 30;

/** Neighbouring LAs, for the UPNs of pupils who joined from another school. */
const OTHER_LA_CODES = [962, 963, 964];

type ClassShell = {
  yearIndex: number;
  displayName: string;
  groupId: string;
  mailNickname: string;
  externalId: string;
};

export function buildSchool(plan: SchoolPlan): DemoSchool {
  const today = toDayNumber(plan.today);
  const random = createRandom(plan.seed);
  const academicYear = academicYearOf(today);
  const ctx: SchoolContext = {
    plan,
    random,
    ids: random.fork('ids'),
    today,
    academicYear,
    yearStart: academicYearStart(academicYear),
  };
  const { identity } = plan;

  const tenant = {
    id: ctx.ids.guid(),
    domain: identity.domain,
    sharePointHostname: identity.sharePointHostname,
    displayName: identity.name,
  };
  const shells = nameClasses(ctx);
  const directory = buildStaff(ctx, shells);
  const drafts = buildPupils(ctx, shells);
  const pupilIdsByClass = new Map<string, string[]>(shells.map((shell) => [shell.groupId, []]));
  for (const d of drafts) pupilIdsByClass.get(d.pupil.classGroupId)?.push(d.pupil.id);
  const classes: DemoClass[] = shells.map((shell) => ({
    groupId: shell.groupId,
    displayName: shell.displayName,
    mailNickname: shell.mailNickname,
    yearGroup: YEAR_GROUPS[shell.yearIndex] as DemoClass['yearGroup'],
    teacherIds: directory.teacherIdsByClass.get(shell.groupId) ?? [],
    teachingAssistantIds: directory.teachingAssistantIdsByClass.get(shell.groupId) ?? [],
    pupilIds: pupilIdsByClass.get(shell.groupId) ?? [],
    externalId: shell.externalId,
  }));

  assignSenRegister(ctx, drafts);
  const professionals = buildProfessionals(ctx);
  assignLookedAfter(ctx, drafts, professionals);
  buildSendRecords(ctx, drafts, professionals, {
    tenantId: tenant.id,
    staff: directory.all,
    teacherIdsByClass: directory.teacherIdsByClass,
  });
  const interventions = buildInterventions(ctx, drafts, directory);

  const teamRandom = ctx.ids.fork('staff-team');
  const staffTeam = {
    groupId: teamRandom.guid(),
    displayName: `${identity.shortName} Staff`,
    mailNickname: `${asciiSlug(identity.shortName)}staff`,
    channels: [
      {
        id: `19:${teamRandom.hex(32)}@thread.tacv2`,
        displayName: 'General',
        description: 'Notices for all staff.',
      },
      {
        id: `19:${teamRandom.hex(32)}@thread.tacv2`,
        displayName: 'SEND',
        description:
          'SEND updates from the SENCO team: passport changes, review reminders and provision news.',
      },
    ],
  };

  return {
    seed: plan.seed,
    generatedFor: plan.today,
    tenant,
    school: {
      name: identity.name,
      urn: identity.urn,
      laName: identity.laName,
      phase: 'primary',
      notionalSenBudget: plan.notionalSenBudget,
    },
    staff: directory.all,
    classes,
    pupils: drafts.map((d) => d.pupil),
    staffTeam,
    professionals,
    interventions,
  };
}

function nameClasses(ctx: SchoolContext): ClassShell[] {
  const { classesPerYearGroup } = ctx.plan;
  const random = ctx.random.fork('class-names');
  const names = random.shuffle(CLASS_NAMES);
  const ids = ctx.ids.fork('classes');
  const shells: ClassShell[] = [];
  for (let yearIndex = 0; yearIndex < YEAR_GROUPS.length; yearIndex++) {
    for (let k = 0; k < classesPerYearGroup; k++) {
      const index = shells.length;
      const base = names[index % names.length] as string;
      const round = Math.floor(index / names.length);
      const name = round > 0 ? `${base} ${round + 1}` : base;
      const label = yearGroupLabel(yearIndex);
      const yearCode = YEAR_GROUPS[yearIndex] as string;
      shells.push({
        yearIndex,
        displayName: `${label} ${name}`,
        groupId: ids.guid(),
        mailNickname: `${asciiSlug(label)}-${asciiSlug(name)}-${ctx.academicYear}`,
        externalId: `MIS-${ctx.academicYear}-${yearCode}-${String(k + 1).padStart(2, '0')}`,
      });
    }
  }
  return shells;
}

type StaffBuild = StaffDirectory & { teacherIdsByClass: Map<string, string[]> };

function buildStaff(ctx: SchoolContext, shells: readonly ClassShell[]): StaffBuild {
  const random = ctx.random.fork('staff');
  const ids = ctx.ids.fork('staff');
  const domain = ctx.plan.identity.domain;
  const usedUpns = new Set<string>();
  const usedNames = new Set<string>();
  const usedSurnames = new Set<string>();
  const all: DemoStaff[] = [];

  const person = (
    role: StaffRole,
    jobTitle: string,
    appRoles: AppRole[],
    femaleShare: number,
    workingHours: DemoStaff['workingHours'],
  ): DemoStaff => {
    let name = adultName(random, pickAdultCommunity(random), random.chance(femaleShare) ? 'F' : 'M');
    // Avoid two Mrs Whites in one staffroom where the name pool allows (large benchmark schools repeat).
    for (
      let attempt = 0;
      attempt < 20 &&
      (usedNames.has(`${name.givenName} ${name.surname}`) ||
        (attempt < 10 && usedSurnames.has(name.surname)));
      attempt++
    ) {
      name = adultName(random, pickAdultCommunity(random), random.chance(femaleShare) ? 'F' : 'M');
    }
    usedNames.add(`${name.givenName} ${name.surname}`);
    usedSurnames.add(name.surname);
    const given = asciiSlug(name.givenName);
    const surname = asciiSlug(name.surname);
    const candidates = [`${given.slice(0, 1)}.${surname}`, `${given}.${surname}`];
    let local = candidates.find((c) => !usedUpns.has(c));
    for (let n = 2; local === undefined; n++)
      if (!usedUpns.has(`${given}.${surname}${n}`)) local = `${given}.${surname}${n}`;
    usedUpns.add(local);
    const member: DemoStaff = {
      id: ids.guid(),
      upn: `${local}@${domain}`,
      displayName: `${name.givenName} ${name.surname}`,
      givenName: name.givenName,
      surname: name.surname,
      jobTitle,
      role,
      appRoles,
      workingHours,
    };
    all.push(member);
    return member;
  };

  const fullWeek = (hours: { startTime: string; endTime: string }) => ({
    daysOfWeek: [...WEEKDAYS],
    ...hours,
  });

  // The shared class: a part-time teacher Monday to Wednesday, the assistant SENCO on Thursday and Friday.
  const sharedClass = shells.find((shell) => shell.yearIndex === 2) ?? shells[0];
  if (!sharedClass) throw new RangeError('A school needs at least one class');

  person('headteacher', 'Headteacher', ['Headteacher'], 0.6, fullWeek(SCHOOL_DAY));
  const senco = person('senco', 'SENCO and Inclusion Lead', ['Senco'], 0.85, fullWeek(SCHOOL_DAY));
  const assistantSenco = person(
    'assistant-senco',
    `Assistant SENCO and Class Teacher (${sharedClass.displayName}, Thu–Fri)`,
    ['SendTeam'],
    0.8,
    fullWeek(SCHOOL_DAY),
  );

  const teacherIdsByClass = new Map<string, string[]>();
  const teachers: DemoStaff[] = [];
  for (const shell of shells) {
    const shared = shell === sharedClass;
    const teacher = person(
      'teacher',
      shared ? `Class Teacher (${shell.displayName}, Mon–Wed)` : `Class Teacher (${shell.displayName})`,
      [],
      0.78,
      shared ? { daysOfWeek: WEEKDAYS.slice(0, 3), ...SCHOOL_DAY } : fullWeek(SCHOOL_DAY),
    );
    teachers.push(teacher);
    teacherIdsByClass.set(shell.groupId, shared ? [teacher.id, assistantSenco.id] : [teacher.id]);
  }

  const taCount = ctx.plan.teachingAssistantCount;
  const elsaCount = Math.max(1, Math.round(taCount / 10));
  const hltaCount = Math.max(1, Math.round(taCount / 10));
  const teachingAssistants: DemoStaff[] = [];
  const elsas: DemoStaff[] = [];
  const higherLevelTeachingAssistants: DemoStaff[] = [];
  for (let i = 0; i < taCount; i++) {
    const isHlta = i < hltaCount;
    const isElsa = !isHlta && i < hltaCount + elsaCount;
    const ta = person(
      'teaching-assistant',
      isHlta
        ? 'Higher Level Teaching Assistant'
        : isElsa
          ? 'Teaching Assistant (ELSA)'
          : 'Teaching Assistant',
      [],
      0.9,
      fullWeek(TA_DAY),
    );
    teachingAssistants.push(ta);
    if (isHlta) higherLevelTeachingAssistants.push(ta);
    if (isElsa) elsas.push(ta);
  }
  person('office', 'School Business and Office Manager', [], 0.85, fullWeek(OFFICE_DAY));

  return {
    all,
    senco,
    assistantSenco,
    teachers,
    teachingAssistants,
    elsas,
    higherLevelTeachingAssistants,
    teacherIdsByClass,
    teachingAssistantIdsByClass: allocateTeachingAssistants(random, shells, teachingAssistants),
  };
}

/**
 * Every TA works in at least one class. With fewer TAs than classes the older classes share: each TA takes
 * a run of neighbouring classes (so the demo's 10 TAs cover the 14 classes as six single-class TAs in
 * Reception to Year 2 and four TAs across two classes in Years 3 to 6).
 */
function allocateTeachingAssistants(
  random: SeededRandom,
  shells: readonly ClassShell[],
  teachingAssistants: readonly DemoStaff[],
): Map<string, string[]> {
  const byClass = new Map<string, string[]>(shells.map((shell) => [shell.groupId, []]));
  const assign = (shell: ClassShell | undefined, ta: DemoStaff | undefined) => {
    if (shell && ta) byClass.get(shell.groupId)?.push(ta.id);
  };
  // HLTAs and ELSAs are first in the list; shuffle so specialist TAs land in different classes each seed.
  const order = random.shuffle(teachingAssistants);
  const classCount = shells.length;
  const taCount = order.length;
  if (taCount === 0) return byClass;
  if (taCount >= classCount) {
    order.forEach((ta, i) => assign(shells[i % classCount], ta));
    return byClass;
  }
  const base = Math.floor(classCount / taCount);
  const extra = classCount % taCount;
  // Walk from the oldest class down; the first `extra` TAs take one more class than the rest.
  let cursor = classCount - 1;
  for (let j = 0; j < taCount; j++) {
    const size = base + (j < extra ? 1 : 0);
    for (let k = 0; k < size; k++) assign(shells[cursor - k], order[j]);
    cursor -= size;
  }
  return byClass;
}

function classSizes(ctx: SchoolContext, shells: readonly ClassShell[]): number[] {
  const random = ctx.random.fork('class-sizes');
  const { pupilCount } = ctx.plan;
  if (pupilCount === undefined) {
    // Most classes are full; infant classes stop at the legal limit.
    return shells.map((shell) =>
      random.weighted<number>(
        shell.yearIndex <= 2
          ? [
              [INFANT_CLASS_LIMIT - 2, 1],
              [INFANT_CLASS_LIMIT - 1, 2],
              [INFANT_CLASS_LIMIT, 5],
            ]
          : [
              [29, 1],
              [30, 3],
              [31, 3],
            ],
      ),
    );
  }
  const base = Math.floor(pupilCount / shells.length);
  const extra = pupilCount % shells.length;
  return shells.map((_, i) => base + (i < extra ? 1 : 0));
}

function buildPupils(ctx: SchoolContext, shells: readonly ClassShell[]): PupilDraft[] {
  const random = ctx.random.fork('pupils');
  const familyRandom = ctx.random.fork('families');
  const ids = ctx.ids.fork('pupils');
  const { identity } = ctx.plan;
  const usedDfeUpns = ctx.plan.usedDfeUpns ?? new Set<string>();
  const usedSignIns = new Set<string>();
  const serials = new Map<number, number>();
  const sizes = classSizes(ctx, shells);
  const perYear = (sizes.reduce((sum, size) => sum + size, 0) || 1) / YEAR_GROUPS.length;
  // Leave gaps in serials as real allocation does (pupils who left), unless the cohort is too big for 999.
  const maxSerialStep = Math.max(1, Math.min(3, Math.floor(900 / perYear)));
  const families: FamilyDraft[] = [];
  const drafts: PupilDraft[] = [];

  const newFamily = (): FamilyDraft => {
    const community = pickCommunity(familyRandom);
    const surname = familyRandom.pick(community.surnames);
    const eal = community.languages.length > 0 && familyRandom.chance(community.ealRate);
    const firstLanguage = eal ? familyRandom.weighted(community.languages) : 'English';
    const { contacts, specialGuardianship } = familyContacts(familyRandom, community, surname);
    const freeSchoolMeals = familyRandom.chance(0.22);
    const family: FamilyDraft = {
      community,
      surname,
      eal,
      firstLanguage,
      freeSchoolMeals,
      otherPupilPremium: !freeSchoolMeals && familyRandom.chance(0.05),
      specialGuardianship,
      contacts,
      children: [],
    };
    families.push(family);
    return family;
  };

  /** A family to join as a sibling: at least ~10 months apart, or a twin in the same year group. */
  const findSibling = (
    yearIndex: number,
    birthDay: number,
  ): { family: FamilyDraft; twinOf?: PupilDraft } | undefined => {
    for (let attempt = 0; attempt < 6 && families.length > 0; attempt++) {
      const family = random.pick(families);
      if (family.children.length >= 3) continue;
      const sameYear = family.children.find((child) => child.yearIndex === yearIndex);
      if (sameYear) {
        if (random.chance(0.15)) return { family, twinOf: sameYear };
      } else if (!family.children.some((child) => Math.abs(child.birthDay - birthDay) < 300)) {
        return { family };
      }
    }
    return undefined;
  };

  const dfeUpnFor = (receptionYear: number, joinedLater: boolean): string => {
    if (!joinedLater) {
      const next = (serials.get(receptionYear) ?? 0) + random.int(1, maxSerialStep);
      serials.set(receptionYear, next);
      const upn =
        next <= 999
          ? makeDfeUpn({
              laCode: identity.laCode,
              establishmentNumber: identity.establishmentNumber,
              yearAllocated: receptionYear,
              serial: next,
            })
          : undefined;
      if (upn !== undefined && !usedDfeUpns.has(upn)) {
        usedDfeUpns.add(upn);
        return upn;
      }
    }
    // Issued by the previous school (or, when our serials run out, by another of the LA's schools).
    for (;;) {
      const laCode = random.chance(0.6) ? identity.laCode : random.pick(OTHER_LA_CODES);
      let establishmentNumber = random.int(2000, 3999);
      if (establishmentNumber === identity.establishmentNumber) establishmentNumber++;
      const upn = makeDfeUpn({
        laCode,
        establishmentNumber,
        yearAllocated: receptionYear - random.int(0, 1),
        serial: random.int(1, 999),
      });
      if (!usedDfeUpns.has(upn)) {
        usedDfeUpns.add(upn);
        return upn;
      }
    }
  };

  shells.forEach((shell, shellIndex) => {
    const size = sizes[shellIndex] ?? 0;
    const receptionYear = ctx.academicYear - shell.yearIndex;
    // Reception in the academic year starting September Y: born 1 Sept Y-5 to 31 Aug Y-4.
    const bornFrom = dayNumberOf(receptionYear - 5, 9, 1);
    const bornTo = dayNumberOf(receptionYear - 4, 8, 31);
    const receptionStart = academicYearStart(receptionYear);
    for (let i = 0; i < size; i++) {
      const gender: Gender = random.chance(0.5) ? 'F' : 'M';
      let birthDay = random.int(bornFrom, bornTo);
      const sibling = random.chance(0.14) ? findSibling(shell.yearIndex, birthDay) : undefined;
      if (sibling?.twinOf) birthDay = sibling.twinOf.birthDay;
      const family = sibling?.family ?? newFamily();
      const givenName = pickChildGivenName(random, family.community, gender);
      const surname = surnameForm(family.surname, gender === 'M' ? 'male' : 'female');
      const preferredOptions = PREFERRED_NAMES[givenName];
      const preferredName =
        preferredOptions && random.chance(0.5) ? random.pick(preferredOptions) : undefined;
      const joinedLater = ctx.today - receptionStart > 120 && random.chance(0.09);
      const entryDay = joinedLater
        ? pickSchoolDay(random, receptionStart + 60, ctx.today - 5)
        : receptionStart;
      const admissionYear = partsOf(entryDay).year;

      const signInBase = `${asciiSlug(givenName)}.${asciiSlug(surname)}`;
      let signIn = `${signInBase}.${String(admissionYear % 100).padStart(2, '0')}`;
      for (let n = 2; usedSignIns.has(signIn); n++)
        signIn = `${signInBase}${n}.${String(admissionYear % 100).padStart(2, '0')}`;
      usedSignIns.add(signIn);

      const pupil: DemoPupil = {
        id: ids.guid(),
        upn: `${signIn}@pupils.${identity.domain}`,
        dfeUpn: dfeUpnFor(receptionYear, joinedLater),
        givenName,
        surname,
        ...(preferredName && preferredName !== givenName ? { preferredName } : {}),
        dateOfBirth: toIsoDate(birthDay),
        gender,
        yearGroup: YEAR_GROUPS[shell.yearIndex] as DemoPupil['yearGroup'],
        classGroupId: shell.groupId,
        flags: {
          lookedAfter: false,
          pupilPremium: family.freeSchoolMeals || family.otherPupilPremium || family.specialGuardianship,
          freeSchoolMeals: family.freeSchoolMeals,
          eal: family.eal,
          firstLanguage: family.firstLanguage,
        },
        contacts: family.contacts.map((c) => ({ ...c })),
      };
      const draft: PupilDraft = {
        pupil,
        yearIndex: shell.yearIndex,
        className: shell.displayName,
        family,
        birthDay,
        entryDay,
      };
      family.children.push(draft);
      drafts.push(draft);
    }
  });
  return drafts;
}
