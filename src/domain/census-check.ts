import { isBefore, type CalendarDate } from './calendar-date.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import { needProblems, needsOn, type NeedProblemCode } from './needs.ts';
import { pupilDisplayName, pupilYearGroupOn, type Pupil } from './pupil.schema.ts';
import {
  isLegacyProvisionCode,
  periodsOpenOn,
  provisionHistoryProblems,
  provisionOn,
  type ProvisionProblemCode,
} from './sen-status.ts';
import { DOWN_SYNDROME_CODE_FIRST_CENSUS, RULES, type Rule } from './statutory-rules.ts';
import { checkUpn } from './upn.ts';

export type CensusIssueCode =
  | ProvisionProblemCode
  | NeedProblemCode
  | 'invalid-upn'
  | 'temporary-upn'
  | 'down-syndrome-before-2025'
  | 'ehc-plan-not-recorded'
  | 'ehc-plan-without-e'
  | 'no-year-group';

export type CensusIssue = {
  readonly pupilId: string;
  readonly pupilName: string;
  /** 'error': the return would be wrong or rejected; 'warning': worth checking before census day. */
  readonly severity: 'error' | 'warning';
  readonly code: CensusIssueCode;
  readonly message: string;
  readonly rule: Rule;
};

export type CensusCheckResult = {
  readonly on: CalendarDate;
  readonly pupilsChecked: number;
  readonly issues: readonly CensusIssue[];
  readonly errorCount: number;
  readonly warningCount: number;
};

const SEVERITY_AND_RULE: Record<CensusIssueCode, { severity: 'error' | 'warning'; rule: Rule }> = {
  'provision-ends-before-start': { severity: 'error', rule: RULES.censusOneProvision },
  'legacy-provision-open': { severity: 'error', rule: RULES.censusOneProvision },
  'two-open-provisions': { severity: 'error', rule: RULES.censusOneProvision },
  'overlapping-provisions': { severity: 'error', rule: RULES.censusOneProvision },
  'needs-without-sen': { severity: 'warning', rule: RULES.censusPrimaryNeed },
  'no-primary-need': { severity: 'error', rule: RULES.censusPrimaryNeed },
  'two-primary-needs': { severity: 'error', rule: RULES.censusPrimaryNeed },
  'two-secondary-needs': { severity: 'error', rule: RULES.censusPrimaryNeed },
  'secondary-without-primary': { severity: 'error', rule: RULES.censusPrimaryNeed },
  'duplicate-need': { severity: 'error', rule: RULES.censusPrimaryNeed },
  'nsa-with-ehc-plan': { severity: 'error', rule: RULES.censusNsa },
  'nsa-with-other-need': { severity: 'error', rule: RULES.censusNsa },
  'invalid-upn': { severity: 'error', rule: RULES.upn },
  'temporary-upn': { severity: 'warning', rule: RULES.upn },
  'down-syndrome-before-2025': { severity: 'error', rule: RULES.censusDownSyndrome },
  'ehc-plan-not-recorded': { severity: 'warning', rule: RULES.censusOneProvision },
  'ehc-plan-without-e': { severity: 'error', rule: RULES.censusOneProvision },
  'no-year-group': { severity: 'warning', rule: RULES.censusOneProvision },
};

function isPlanInForce(plan: EhcPlan, on: CalendarDate): boolean {
  return plan.issuedOn <= on && (plan.ceasedOn === undefined || on < plan.ceasedOn);
}

function pupilIssues(
  pupil: Pupil,
  on: CalendarDate,
  plans: readonly EhcPlan[] | undefined,
): { code: CensusIssueCode; message: string }[] {
  const found: { code: CensusIssueCode; message: string }[] = [];

  const upn = checkUpn(pupil.upn);
  if (!upn.valid) found.push({ code: 'invalid-upn', message: upn.problem });
  else if (upn.kind === 'temporary') {
    found.push({
      code: 'temporary-upn',
      message: 'Temporary UPN: replace it with the permanent UPN from the previous school',
    });
  }

  found.push(...provisionHistoryProblems(pupil.senProvision));
  if (
    periodsOpenOn(pupil.senProvision, on).some((p) => isLegacyProvisionCode(p.code)) &&
    !found.some((f) => f.code === 'legacy-provision-open')
  ) {
    found.push({
      code: 'legacy-provision-open',
      message: 'A legacy SEN provision (S, A or P) is open on census day: record N, K or E',
    });
  }

  const provision = provisionOn(pupil.senProvision, on);
  const openNeeds = needsOn(pupil.needs, on);
  found.push(...needProblems(openNeeds, provision));
  if (openNeeds.some((n) => n.code === 'DS') && isBefore(on, DOWN_SYNDROME_CODE_FIRST_CENSUS)) {
    found.push({
      code: 'down-syndrome-before-2025',
      message:
        'DS (Down syndrome) can only be used from the January 2025 census: use the need recorded before then',
    });
  }

  if (plans) {
    const inForce = plans.some((plan) => plan.pupilId === pupil.id && isPlanInForce(plan, on));
    if (provision === 'E' && !inForce) {
      found.push({
        code: 'ehc-plan-not-recorded',
        message: 'Recorded as E, but no EHC plan in force is recorded for the pupil',
      });
    }
    if (provision !== 'E' && inForce) {
      found.push({
        code: 'ehc-plan-without-e',
        message: `An EHC plan is in force, but the census provision is ${provision}: record E`,
      });
    }
  }

  if (pupilYearGroupOn(pupil, on) === undefined) {
    found.push({
      code: 'no-year-group',
      message: 'The date of birth gives no year group from N1 to Y14: check it',
    });
  }
  return found;
}

/**
 * The pre-census data check (DfE school census guide, https://www.gov.uk/guidance/complete-the-school-census) for every pupil on `on` (normally the next census
 * day): one provision open, a primary need for K and E, NSA only for K, DS only from January 2025,
 * provision E matching an EHC plan in force (when plans are given), valid permanent UPNs.
 */
export function censusCheck(input: {
  pupils: readonly Pupil[];
  plans?: readonly EhcPlan[];
  on: CalendarDate;
}): CensusCheckResult {
  const issues: CensusIssue[] = input.pupils.flatMap((pupil) =>
    pupilIssues(pupil, input.on, input.plans).map((issue) => ({
      pupilId: pupil.id,
      pupilName: pupilDisplayName(pupil),
      ...SEVERITY_AND_RULE[issue.code],
      ...issue,
    })),
  );
  return {
    on: input.on,
    pupilsChecked: input.pupils.length,
    issues,
    errorCount: issues.filter((i) => i.severity === 'error').length,
    warningCount: issues.filter((i) => i.severity === 'warning').length,
  };
}
