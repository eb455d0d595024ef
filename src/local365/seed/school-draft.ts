/** Working types shared by the parts of the school generator; none of this leaves the seed. */

import type { DemoPupil, DemoStaff, NeedCode, YearGroup } from './demo-school.types.ts';
import type { Community, Surname } from './names.ts';
import type { SeededRandom } from './random.ts';

export const YEAR_GROUPS: readonly YearGroup[] = ['R', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6'];

export function yearGroupLabel(yearIndex: number): string {
  return yearIndex === 0 ? 'Reception' : `Year ${yearIndex}`;
}

/** Who the school is; everything fictional. */
export type SchoolIdentity = {
  name: string; // 'Oakfield Primary School'
  shortName: string; // 'Oakfield'
  domain: string; // 'oakfieldprimary.example.org'
  sharePointHostname: string;
  urn: string;
  laName: string;
  /** Three-digit LA code used in UPNs. */
  laCode: number;
  /** Four-digit DfE establishment number used in UPNs. */
  establishmentNumber: number;
};

/** What to generate. The demo school and the scale generator differ only in these numbers. */
export type SchoolPlan = {
  seed: number;
  today: string;
  identity: SchoolIdentity;
  classesPerYearGroup: number;
  /** Exact roll spread evenly over the classes; when absent each class gets 28–31 (KS1 at most 30). */
  pupilCount?: number;
  sendSupportCount: number;
  ehcPlanCount: number;
  lookedAfterCount: number;
  teachingAssistantCount: number;
  /** Exact number of interventions; when absent, the core set plus a few others. */
  interventionCount?: number;
  /** How many of each kind of external professional (the demo school has 1–3 of each). */
  professionalScale: number;
  notionalSenBudget: number;
  /** UPNs already issued in this run (other schools), so previous-school UPNs never collide. */
  usedDfeUpns?: Set<string>;
};

export type SchoolContext = {
  plan: SchoolPlan;
  random: SeededRandom;
  ids: SeededRandom;
  today: number;
  academicYear: number;
  /** 1 September of the academic year containing today. */
  yearStart: number;
};

export type FamilyDraft = {
  community: Community;
  surname: Surname;
  eal: boolean;
  firstLanguage: string;
  freeSchoolMeals: boolean;
  /** Pupil premium without current FSM (ever-6 FSM, service children). */
  otherPupilPremium: boolean;
  specialGuardianship: boolean;
  contacts: DemoPupil['contacts'];
  children: PupilDraft[];
};

export type SenAssignment = { status: 'K' | 'E'; primary: NeedCode; secondary?: NeedCode };

export type PupilDraft = {
  pupil: DemoPupil;
  yearIndex: number;
  className: string;
  family: FamilyDraft;
  birthDay: number;
  /** Admission date to this school. */
  entryDay: number;
  sen?: SenAssignment;
};

/** Staff the SEND and intervention parts need to know by role. */
export type StaffDirectory = {
  all: DemoStaff[];
  senco: DemoStaff;
  assistantSenco: DemoStaff;
  teachers: DemoStaff[];
  teachingAssistants: DemoStaff[];
  elsas: DemoStaff[];
  higherLevelTeachingAssistants: DemoStaff[];
  /** Class index → TA ids, to give a group to the TA who already works in the pupils' class. */
  teachingAssistantIdsByClass: Map<string, string[]>;
};
