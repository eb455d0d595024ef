/**
 * Test data for the tab, shaped as the API answers (builders with overrides). Names include the awkward ones
 * the school really has: O'Brien, Zoë.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Passport } from '../../domain/passport.schema.ts';
import type { Me } from '../../domain/me-view.ts';
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
