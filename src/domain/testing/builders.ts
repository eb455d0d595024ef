/**
 * Test data builders with overrides: each returns a valid, plain object that a test then bends to the
 * one fact it is about. Dates are fixed; nothing here reads the clock.
 */
import { parseCalendarDate, type CalendarDate } from '../calendar-date.ts';
import { resolveDomainSettings, type DomainSettings, type DomainSettingsInput } from '../domain-settings.ts';
import type { EhcNeedsAssessment } from '../ehc-needs-assessment.schema.ts';
import type { EhcPlan, ReassessmentRequest } from '../ehc-plan.schema.ts';
import type { ExamAccessArrangement } from '../exam-access.schema.ts';
import type { Intervention, InterventionPupil } from '../intervention.schema.ts';
import type { Passport } from '../passport.schema.ts';
import type { Pupil } from '../pupil.schema.ts';
import { REQUIRED_REVIEW_INVITEES, type AdviceRequest, type Invitee, type Review } from '../review.schema.ts';
import type { ApdrCycle, SenSupportPlan } from '../sen-support-plan.schema.ts';
import { upnCheckLetter, type Upn } from '../upn.ts';

/** Shorthand for a literal date in tests: d('2026-02-14'). Throws on an impossible date. */
export const d = (iso: string): CalendarDate => parseCalendarDate(iso);

/** A valid permanent UPN for LA 801, establishment 2000, issued in 2015, serial `serial`. */
export function validUpn(serial: number): Upn {
  const body = `80120001${String(serial % 10_000).padStart(4, '0')}`;
  return `${upnCheckLetter(body)}${body}` as Upn;
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export function buildSettings(overrides: DomainSettingsInput = {}): DomainSettings {
  return resolveDomainSettings(overrides);
}

export function buildPupil(overrides: Partial<Pupil> = {}): Pupil {
  const n = ++sequence;
  return {
    id: `pupil-${n}`,
    upn: validUpn(n),
    legalForename: 'Alex',
    legalSurname: `Pupil${n}`,
    dateOfBirth: d('2015-03-10'),
    yearGroupOffset: 0,
    classIds: ['class-5a'],
    lookedAfter: false,
    pupilPremium: false,
    freeSchoolMeals: false,
    eal: false,
    topUpFunding: false,
    contacts: [],
    senProvision: [],
    needs: [],
    ...overrides,
  };
}

/** A pupil on SEN support (K) since `since`, with a primary need. */
export function buildSenSupportPupil(
  overrides: Partial<Pupil> = {},
  since: CalendarDate = d('2023-09-01'),
): Pupil {
  return buildPupil({
    senProvision: [{ code: 'K', startOn: since }],
    needs: [{ code: 'SPLD', rank: 1 }],
    ...overrides,
  });
}

/** A pupil with an EHC plan (E) since `since`, with a primary need. */
export function buildEhcpPupil(overrides: Partial<Pupil> = {}, since: CalendarDate = d('2023-09-01')): Pupil {
  return buildPupil({
    senProvision: [{ code: 'E', startOn: since }],
    needs: [{ code: 'ASD', rank: 1 }],
    ...overrides,
  });
}

/** Everyone reg 20(2) requires, each invited on `invitedOn`. */
export function buildRequiredInvitees(invitedOn?: CalendarDate): Invitee[] {
  return REQUIRED_REVIEW_INVITEES.map((r) => ({
    name: `Invitee (${r.role})`,
    role: r.role,
    ...(invitedOn ? { invitedOn } : {}),
  }));
}

export function buildAdviceRequest(overrides: Partial<AdviceRequest> = {}): AdviceRequest {
  return {
    from: 'Educational psychologist',
    role: 'educational-psychologist',
    requestedOn: d('2025-01-06'),
    ...overrides,
  };
}

export function buildReview(overrides: Partial<Review> = {}): Review {
  return {
    id: nextId('review'),
    kind: 'annual',
    invitees: [],
    adviceRequests: [],
    preparingForAdulthoodOnAgenda: false,
    ...overrides,
  };
}

export function buildEhcPlan(overrides: Partial<EhcPlan> = {}): EhcPlan {
  return {
    id: nextId('plan'),
    pupilId: 'pupil-1',
    localAuthority: 'Devon',
    issuedOn: d('2025-03-10'),
    coordinator: { name: 'Sam Coordinator' },
    reviews: [],
    reassessments: [],
    outcomes: [],
    provision: [],
    changes: [],
    ...overrides,
  };
}

export function buildReassessment(overrides: Partial<ReassessmentRequest> = {}): ReassessmentRequest {
  return {
    id: nextId('reassessment'),
    requestedBy: 'school',
    receivedByLaOn: d('2025-10-01'),
    exceptions: [],
    ...overrides,
  };
}

export function buildEhcNeedsAssessment(overrides: Partial<EhcNeedsAssessment> = {}): EhcNeedsAssessment {
  return {
    id: nextId('ehcna'),
    pupilId: 'pupil-1',
    requestedBy: 'school',
    receivedByLaOn: d('2025-09-15'),
    exceptions: [],
    ...overrides,
  };
}

export function buildPassport(overrides: Partial<Passport> = {}): Passport {
  return {
    id: nextId('passport'),
    pupilId: 'pupil-1',
    version: 1,
    aboutMe: 'I love drawing and football.',
    strengths: ['Kind to others'],
    whatIFindHard: ['Loud rooms'],
    whatHelpsMe: ['A quiet space to work'],
    communication: 'Give me time to answer.',
    accessArrangements: [],
    reviewedOn: d('2025-09-10'),
    reviewDueOn: d('2026-09-10'),
    ...overrides,
  };
}

export function buildApdrCycle(overrides: Partial<ApdrCycle> = {}): ApdrCycle {
  return {
    id: nextId('cycle'),
    startedOn: d('2025-09-15'),
    assessment: 'Reading age 18 months below chronological age.',
    outcomes: [{ description: 'Reads 20 more high-frequency words' }],
    provision: [{ description: 'Precision teaching, 3 × 10 minutes a week' }],
    reviewOn: d('2025-12-12'),
    parentMeetings: [],
    ...overrides,
  };
}

export function buildSenSupportPlan(overrides: Partial<SenSupportPlan> = {}): SenSupportPlan {
  return {
    id: nextId('sen-support-plan'),
    pupilId: 'pupil-1',
    cycles: [buildApdrCycle()],
    ...overrides,
  };
}

export function buildInterventionPupil(overrides: Partial<InterventionPupil> = {}): InterventionPupil {
  return { pupilId: nextId('pupil'), ...overrides };
}

export function buildIntervention(overrides: Partial<Intervention> = {}): Intervention {
  return {
    id: nextId('intervention'),
    name: 'Reading catch-up',
    areaOfNeed: 'cognition-and-learning',
    staff: [{ name: 'Pat TA', role: 'Teaching assistant' }],
    delivery: 'group',
    sessionsPerWeek: 3,
    minutesPerSession: 30,
    costPerHour: 20,
    resourceCost: 0,
    startOn: d('2025-09-08'),
    endOn: d('2025-12-12'),
    measure: { name: 'Reading age (months)', higherIsBetter: true },
    pupils: [],
    ...overrides,
  };
}

export function buildExamAccessArrangement(
  overrides: Partial<ExamAccessArrangement> = {},
): ExamAccessArrangement {
  return {
    id: nextId('access-arrangement'),
    pupilId: 'pupil-1',
    arrangement: 'extra-time-25',
    route: 'aao',
    status: 'approved',
    regulationsAcademicYear: 2025,
    normalWayOfWorkingEvidence: 'Uses extra time in class assessments (Sept 2025).',
    ...overrides,
  };
}
