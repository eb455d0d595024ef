/**
 * The seeded demo school: Oakfield Primary School, a fictional two-form-entry primary in the fictional
 * Northshire. Same seed and `today` give byte-identical JSON; dates are spread around `today` so the app has
 * overdue and imminent annual reviews, live Year 6 phase transfers and APDR reviews to chase.
 */

import { buildSchool } from './build-school.ts';
import type { DemoSchool } from './demo-school.types.ts';
import { createRandom } from './random.ts';
import type { SchoolIdentity } from './school-draft.ts';

export const DEFAULT_DEMO_SEED = 20260901;

export const OAKFIELD: SchoolIdentity = {
  name: 'Oakfield Primary School',
  shortName: 'Oakfield',
  domain: 'oakfieldprimary.example.org',
  sharePointHostname: 'oakfieldprimary.sharepoint.com',
  // Made up: URNs of real schools are below 160000 at present.
  urn: '990417',
  laName: 'Northshire County Council',
  // Made up: real LA codes stop at 938.
  laCode: 961,
  establishmentNumber: 2047,
};

export type DemoSchoolOptions = {
  seed?: number;
  /** 'YYYY-MM-DD': the day the data should look current for. */
  today: string;
};

export function generateDemoSchool({ seed = DEFAULT_DEMO_SEED, today }: DemoSchoolOptions): DemoSchool {
  // The headline numbers vary a little with the seed, as they would between real schools.
  const numbers = createRandom(seed).fork('demo-numbers');
  return buildSchool({
    seed,
    today,
    identity: OAKFIELD,
    classesPerYearGroup: 2,
    sendSupportCount: 60 + numbers.int(-2, 2),
    ehcPlanCount: 18 + numbers.int(-1, 1),
    lookedAfterCount: numbers.int(2, 4),
    teachingAssistantCount: 10,
    professionalScale: 1,
    // A 420-pupil primary's notional SEN budget, to the nearest £100.
    notionalSenBudget: 150_000 + numbers.int(0, 400) * 100,
  });
}
