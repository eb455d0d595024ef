/**
 * Test data for the tab, shaped as the API answers (builders with overrides). Names include the awkward ones
 * the school really has: O'Brien, Zoë.
 */
import type { ProvisionSummaryAnswer } from '../../contract/interventions.ts';
import type { MeAnswer as Me } from '../../contract/me.ts';
import type { SenHistoryAnswer } from '../../contract/pupils.ts';
import type { RegisterSummaryAnswer } from '../../contract/register.ts';
import type { SettingsAnswer } from '../../contract/settings.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { DEFAULT_DOMAIN_SETTINGS } from '../../domain/domain-settings.ts';
import { BROAD_AREAS_OF_NEED, SEN_NEED_CODES } from '../../domain/needs.ts';
import type { Passport } from '../../domain/passport.schema.ts';
import { PUPIL_FLAGS } from '../../domain/register-analytics.ts';
import type {
  ClassPupilView,
  FullPassportAnswer,
  FullPupilView,
  FullRegisterRow,
  StaffPassport,
} from '../../domain/pupil-views.ts';

export const TODAY = '2026-11-23' as CalendarDate;
export const d = (iso: string) => iso as CalendarDate;

export function buildMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'user-senco',
    upn: 'k.dawson@school.example',
    displayName: 'Katie Dawson',
    roles: ['Senco'],
    tenantId: 'tenant',
    can: { fullRecords: true, aggregates: true, settings: true, auditLog: true },
    classes: [],
    pupilScope: 'all',
    pupils: [],
    today: TODAY,
    ...overrides,
  };
}

export function buildTeacher(overrides: Partial<Me> = {}): Me {
  return buildMe({
    id: 'user-teacher',
    upn: 'a.green@school.example',
    displayName: 'Amy Green',
    roles: [],
    can: { fullRecords: false, aggregates: false, settings: false, auditLog: false },
    classes: [{ id: 'class-rowan', displayName: 'Year 6 Rowan', role: 'teacher' }],
    pupilScope: 'own',
    ...overrides,
  });
}

export function buildRegisterRow(overrides: Partial<FullRegisterRow> = {}): FullRegisterRow {
  return {
    access: 'full',
    id: 'pupil-1',
    displayName: "Zoë O'Brien",
    yearGroup: 'Y6',
    classes: [{ id: 'class-rowan', displayName: 'Year 6 Rowan' }],
    senStatus: 'E',
    senStatusLabel: 'Education, health and care plan',
    primaryAreaOfNeed: 'communication-and-interaction',
    upn: 'A123456789012',
    primaryNeed: 'ASD',
    secondaryNeed: null,
    flags: {
      lookedAfter: false,
      pupilPremium: true,
      freeSchoolMeals: false,
      eal: false,
      topUpFunding: false,
    },
    hasEhcPlan: true,
    nextReviewDueOn: d('2027-01-15'),
    passportReviewDueOn: d('2027-03-01'),
    ...overrides,
  };
}

export function buildStaffPassport(overrides: Partial<StaffPassport> = {}): StaffPassport {
  return {
    version: 3,
    aboutMe: 'I love trains and drawing.',
    strengths: ['Good memory for facts'],
    whatIFindHard: ['Noisy rooms'],
    whatHelpsMe: ['Give me one instruction at a time', 'Warn me before changes'],
    communication: null,
    accessArrangements: ['Extra time (25%)'],
    reviewedOn: d('2026-09-01'),
    reviewDueOn: d('2027-09-01'),
    ...overrides,
  };
}

export function buildPassport(overrides: Partial<Passport> = {}): Passport {
  const { communication: _c, ...staff } = buildStaffPassport();
  return { id: 'passport-1', pupilId: 'pupil-1', ...staff, updatedBy: 'Katie Dawson', ...overrides };
}

export function buildFullPassportAnswer(overrides: Partial<FullPassportAnswer> = {}): FullPassportAnswer {
  return {
    pupilId: 'pupil-1',
    passport: buildPassport(),
    eTag: '"etag-3"',
    modifiedAt: '2026-09-01T09:00:00Z',
    modifiedBy: 'Katie Dawson',
    reviewStep: null,
    acknowledgements: [],
    myAcknowledgement: null,
    ...overrides,
  };
}

export function buildClassPupil(overrides: Partial<ClassPupilView> = {}): ClassPupilView {
  return {
    access: 'class',
    id: 'pupil-1',
    displayName: "Zoë O'Brien",
    yearGroup: 'Y6',
    classes: [{ id: 'class-rowan', displayName: 'Year 6 Rowan' }],
    senStatus: 'E',
    senStatusLabel: 'Education, health and care plan',
    primaryAreaOfNeed: 'communication-and-interaction',
    passport: buildStaffPassport(),
    examAccessArrangements: [{ arrangement: 'reader' }],
    myAcknowledgement: null,
    ...overrides,
  };
}

export function buildFullPupil(overrides: Partial<FullPupilView> = {}): FullPupilView {
  return {
    access: 'full',
    id: 'pupil-1',
    displayName: "Zoë O'Brien",
    yearGroup: 'Y6',
    classes: [{ id: 'class-rowan', displayName: 'Year 6 Rowan' }],
    senStatus: 'E',
    senStatusLabel: 'Education, health and care plan',
    primaryAreaOfNeed: 'communication-and-interaction',
    upn: 'A123456789012',
    legalForename: 'Zoë',
    legalSurname: "O'Brien",
    preferredForename: null,
    dateOfBirth: d('2015-05-04'),
    yearGroupOffset: 0,
    primaryNeed: 'ASD',
    secondaryNeed: null,
    needs: [{ code: 'ASD', rank: 1 }],
    senProvision: [{ code: 'E', startOn: d('2024-02-08') }],
    flags: {
      lookedAfter: false,
      pupilPremium: true,
      freeSchoolMeals: false,
      eal: false,
      topUpFunding: false,
    },
    pepReviewedOn: null,
    contacts: [],
    passport: { ...buildStaffPassport(), updatedBy: 'Katie Dawson' },
    passportETag: '"etag-3"',
    examAccessArrangements: [],
    acknowledgements: [],
    myAcknowledgement: null,
    hasEhcPlan: true,
    hasSenSupportPlan: false,
    ...overrides,
  };
}

/** Every key of a list counted as none. */
function noneOf<K extends string>(keys: readonly K[]): Record<K, { count: number; percent: number }> {
  return Object.fromEntries(keys.map((k) => [k, { count: 0, percent: 0 }])) as Record<
    K,
    { count: number; percent: number }
  >;
}

/** GET /api/register/summary: a school of 420, none broken down unless the test says. */
export function buildRegisterSummary(overrides: Partial<RegisterSummaryAnswer> = {}): RegisterSummaryAnswer {
  const noGroup = { roll: 0, senSupport: 0, ehcPlan: 0, sen: { count: 0, percent: 0 } };
  return {
    on: TODAY,
    roll: 420,
    notOnRoll: 0,
    byStatus: {
      N: { count: 341, percent: 81.2 },
      K: { count: 62, percent: 14.8 },
      E: { count: 17, percent: 4 },
    },
    senCount: 79,
    byPrimaryNeed: noneOf(SEN_NEED_CODES),
    bySecondaryNeed: noneOf(SEN_NEED_CODES),
    byBroadArea: noneOf(BROAD_AREAS_OF_NEED),
    byYearGroup: [],
    byClass: [],
    byFlag: Object.fromEntries(PUPIL_FLAGS.map((f) => [f, noGroup])) as RegisterSummaryAnswer['byFlag'],
    ...overrides,
  };
}

/** GET /api/provision/summary: nothing spent unless the test says. */
export function buildProvisionSummary(
  overrides: Partial<ProvisionSummaryAnswer> = {},
): ProvisionSummaryAnswer {
  return {
    asOf: TODAY,
    totalCost: 0,
    notionalSenBudget: null,
    byAreaOfNeed: Object.fromEntries(
      BROAD_AREAS_OF_NEED.map((a) => [a, 0]),
    ) as ProvisionSummaryAnswer['byAreaOfNeed'],
    interventions: [],
    ...overrides,
  };
}

/** GET /api/settings: the defaults, with the changes the test makes. */
export function buildSettingsAnswer(
  settings: Partial<SettingsAnswer['settings']> = {},
  overrides: Partial<Omit<SettingsAnswer, 'settings'>> = {},
): SettingsAnswer {
  return {
    settings: { ...DEFAULT_DOMAIN_SETTINGS, ...settings },
    eTag: '"settings-1"',
    modifiedAt: '2026-09-01T09:00:00Z',
    modifiedBy: null,
    ...overrides,
  };
}

/** GET /api/pupils/{id}/history: at E since February 2024, autism the primary need. */
export function buildSenHistory(overrides: Partial<SenHistoryAnswer> = {}): SenHistoryAnswer {
  return {
    pupilId: 'pupil-1',
    senStatus: 'E',
    primaryNeed: 'ASD',
    secondaryNeed: null,
    senProvision: [
      { code: 'E', label: 'Education, health and care plan', startOn: d('2024-02-08'), endOn: null },
    ],
    needs: [
      {
        code: 'ASD',
        description: 'Autistic spectrum disorder',
        broadArea: 'communication-and-interaction',
        rank: 1,
        startOn: d('2024-02-08'),
        endOn: null,
      },
    ],
    eTag: '"pupil-1-v1"',
    modifiedAt: null,
    modifiedBy: null,
    ...overrides,
  };
}
