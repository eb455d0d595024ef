/**
 * Benchmark schools: the demo generator scaled to N pupils in each of M schools, keeping the demo school's
 * SEND proportions (about 14% on SEN support, 4% with EHC plans). Ids, sign-in names and UPNs are unique
 * across the whole set.
 */

import { buildSchool } from './build-school.ts';
import { DEFAULT_DEMO_SEED } from './demo-school.ts';
import type { DemoSchool } from './demo-school.types.ts';
import { createRandom } from './random.ts';
import type { SchoolIdentity } from './school-draft.ts';
import { asciiSlug } from './text.ts';

/** The demo school's shape, per pupil. */
const DEMO_ROLL = 420;
const SEN_SUPPORT_RATE = 60 / DEMO_ROLL;
const EHC_PLAN_RATE = 18 / DEMO_ROLL;
const LOOKED_AFTER_RATE = 3 / DEMO_ROLL;
const TEACHING_ASSISTANTS_PER_CLASS = 10 / 14;
const PUPILS_PER_CLASS = 30;
const BUDGET_PER_PUPIL = 400;
const PUPILS_PER_INTERVENTION = 35;

const PLACES = [
  'Ashbrook',
  'Brindle Heath',
  'Castlemere',
  'Dunmore Vale',
  'Elmstead',
  'Fernhill',
  'Greystone',
  'Hollins Green',
  'Ivybridge Lane',
  'Juniper Hill',
  'Kingsmead',
  'Larkrise',
  'Millbrook',
  'Netherfield',
  'Orchard Park',
  'Pennington',
  'Queensway',
  'Riverside',
  'Stonebridge',
  'Thornbury Road',
  'Underwood',
  'Valley Road',
  'Westfield',
  'Yewtree',
];

export type ScaleSchoolsOptions = {
  schools: number;
  pupilsPerSchool: number;
  seed?: number;
  today: string;
};

export function generateScaleSchools({
  schools,
  pupilsPerSchool,
  seed = DEFAULT_DEMO_SEED,
  today,
}: ScaleSchoolsOptions): DemoSchool[] {
  if (!Number.isInteger(schools) || schools < 0)
    throw new RangeError(`schools must be a whole number, got ${schools}`);
  if (!Number.isInteger(pupilsPerSchool) || pupilsPerSchool < 7) {
    throw new RangeError(
      `pupilsPerSchool must be a whole number of at least 7 (one per year group), got ${pupilsPerSchool}`,
    );
  }
  const seeds = createRandom(seed).fork('scale-schools');
  const usedDfeUpns = new Set<string>();
  const classesPerYearGroup = Math.max(1, Math.round(pupilsPerSchool / 7 / PUPILS_PER_CLASS));
  const classCount = classesPerYearGroup * 7;
  return Array.from({ length: schools }, (_, i) => {
    const place = PLACES[i % PLACES.length] as string;
    const round = Math.floor(i / PLACES.length);
    const shortName = round === 0 ? place : `${place} ${round + 1}`;
    const stem = `${asciiSlug(shortName).replace(/-/g, '')}primary${String(i + 1).padStart(2, '0')}`;
    const identity: SchoolIdentity = {
      name: `${shortName} Primary School`,
      shortName,
      domain: `${stem}.example.org`,
      sharePointHostname: `${stem}.sharepoint.com`,
      urn: String(990500 + i),
      laName: 'Northshire County Council',
      laCode: 961,
      // Our establishment numbers (2100 upwards) never meet the demo school's 2047.
      establishmentNumber: 2100 + (i % 1900),
    };
    return buildSchool({
      seed: seeds.uint32(),
      today,
      identity,
      classesPerYearGroup,
      pupilCount: pupilsPerSchool,
      sendSupportCount: Math.round(pupilsPerSchool * SEN_SUPPORT_RATE),
      ehcPlanCount: Math.round(pupilsPerSchool * EHC_PLAN_RATE),
      lookedAfterCount: Math.max(1, Math.round(pupilsPerSchool * LOOKED_AFTER_RATE)),
      teachingAssistantCount: Math.max(1, Math.round(classCount * TEACHING_ASSISTANTS_PER_CLASS)),
      interventionCount: Math.max(4, Math.round(pupilsPerSchool / PUPILS_PER_INTERVENTION)),
      professionalScale: pupilsPerSchool / DEMO_ROLL,
      notionalSenBudget: Math.round((pupilsPerSchool * BUDGET_PER_PUPIL) / 100) * 100,
      usedDfeUpns,
    });
  });
}
