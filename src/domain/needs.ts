import type { CalendarDate } from './calendar-date.ts';
import { isOpenOn, type SenProvisionCode } from './sen-status.ts';

/** The four broad areas of need in the SEND Code of Practice, plus codes the census leaves uncategorised. */
export const BROAD_AREAS_OF_NEED = [
  'cognition-and-learning',
  'communication-and-interaction',
  'social-emotional-and-mental-health',
  'sensory-and-physical',
  'uncategorised',
] as const;

export type BroadAreaOfNeed = (typeof BROAD_AREAS_OF_NEED)[number];

export const BROAD_AREA_LABELS: Record<BroadAreaOfNeed, string> = {
  'cognition-and-learning': 'Cognition and learning',
  'communication-and-interaction': 'Communication and interaction',
  'social-emotional-and-mental-health': 'Social, emotional and mental health',
  'sensory-and-physical': 'Sensory and/or physical',
  uncategorised: 'Uncategorised',
};

/** School census SEN type codes (DfE school census guide, https://www.gov.uk/guidance/complete-the-school-census), DS included from the January 2025 census. */
export const SEN_NEED_CODES = [
  'SPLD',
  'MLD',
  'SLD',
  'PMLD',
  'SEMH',
  'SLCN',
  'ASD',
  'HI',
  'VI',
  'MSI',
  'PD',
  'DS',
  'OTH',
  'NSA',
] as const;

export type SenNeedCode = (typeof SEN_NEED_CODES)[number];

export type SenNeedDefinition = {
  readonly code: SenNeedCode;
  readonly description: string;
  readonly broadArea: BroadAreaOfNeed;
  /** Set where the broad area is our judgement rather than the sources'. */
  readonly broadAreaNote?: string;
};

export const SEN_NEEDS: Record<SenNeedCode, SenNeedDefinition> = {
  SPLD: { code: 'SPLD', description: 'Specific learning difficulty', broadArea: 'cognition-and-learning' },
  MLD: { code: 'MLD', description: 'Moderate learning difficulty', broadArea: 'cognition-and-learning' },
  SLD: { code: 'SLD', description: 'Severe learning difficulty', broadArea: 'cognition-and-learning' },
  PMLD: {
    code: 'PMLD',
    description: 'Profound and multiple learning difficulty',
    broadArea: 'cognition-and-learning',
  },
  SEMH: {
    code: 'SEMH',
    description: 'Social, emotional and mental health',
    broadArea: 'social-emotional-and-mental-health',
  },
  SLCN: {
    code: 'SLCN',
    description: 'Speech, language and communication needs',
    broadArea: 'communication-and-interaction',
  },
  ASD: { code: 'ASD', description: 'Autistic spectrum disorder', broadArea: 'communication-and-interaction' },
  HI: { code: 'HI', description: 'Hearing impairment', broadArea: 'sensory-and-physical' },
  VI: { code: 'VI', description: 'Vision impairment', broadArea: 'sensory-and-physical' },
  MSI: { code: 'MSI', description: 'Multi-sensory impairment', broadArea: 'sensory-and-physical' },
  PD: { code: 'PD', description: 'Physical disability', broadArea: 'sensory-and-physical' },
  DS: {
    code: 'DS',
    description: 'Down syndrome',
    broadArea: 'cognition-and-learning',
    broadAreaNote:
      'The sources give DS no broad area. Counted under cognition and learning because a learning difficulty is its most common educational need; the code stays separate so reports can show it on its own.',
  },
  OTH: { code: 'OTH', description: 'Other difficulty or disability', broadArea: 'uncategorised' },
  NSA: {
    code: 'NSA',
    description: 'SEN support but no specialist assessment of type of need',
    broadArea: 'uncategorised',
  },
};

export function broadAreaOf(code: SenNeedCode): BroadAreaOfNeed {
  return SEN_NEEDS[code].broadArea;
}

/** Rank 1 = primary need, rank 2 = secondary need. */
export type NeedRank = 1 | 2;

/** A recorded need. Dates are optional (many MIS records carry none); `endOn` works as for provision. */
export type SenNeed = {
  readonly code: SenNeedCode;
  readonly rank: NeedRank;
  readonly startOn?: CalendarDate;
  readonly endOn?: CalendarDate;
};

const DISTANT_PAST = '0001-01-01' as CalendarDate;

export function needsOn(needs: readonly SenNeed[], date: CalendarDate): SenNeed[] {
  return needs.filter((n) => isOpenOn({ startOn: n.startOn ?? DISTANT_PAST, endOn: n.endOn }, date));
}

export function primaryNeedOn(needs: readonly SenNeed[], date: CalendarDate): SenNeedCode | undefined {
  return needsOn(needs, date).find((n) => n.rank === 1)?.code;
}

export function secondaryNeedOn(needs: readonly SenNeed[], date: CalendarDate): SenNeedCode | undefined {
  return needsOn(needs, date).find((n) => n.rank === 2)?.code;
}

export type NeedProblemCode =
  | 'needs-without-sen'
  | 'no-primary-need'
  | 'two-primary-needs'
  | 'two-secondary-needs'
  | 'secondary-without-primary'
  | 'duplicate-need'
  | 'nsa-with-ehc-plan'
  | 'nsa-with-other-need';

export type NeedProblem = { readonly code: NeedProblemCode; readonly message: string };

/**
 * Problems with a set of needs open together, given the provision at the same time, in a SENCO's words.
 * Pass `needsOn(needs, date)`. The census check adds date-specific rules (e.g. DS before January 2025).
 */
export function needProblems(open: readonly SenNeed[], provision: SenProvisionCode): NeedProblem[] {
  const problems: NeedProblem[] = [];
  const add = (code: NeedProblemCode, message: string) => problems.push({ code, message });
  const primaries = open.filter((n) => n.rank === 1);
  const secondaries = open.filter((n) => n.rank === 2);
  if (provision === 'N' && open.length > 0) {
    add(
      'needs-without-sen',
      'Needs are recorded but the pupil is not on the SEN register (N): end the needs or record K or E',
    );
  }
  if (provision !== 'N' && primaries.length === 0) {
    add('no-primary-need', `No primary need is recorded for a pupil at ${provision}`);
  }
  if (primaries.length > 1)
    add('two-primary-needs', `${primaries.length} primary needs are recorded: only one may be rank 1`);
  if (secondaries.length > 1) {
    add('two-secondary-needs', `${secondaries.length} secondary needs are recorded: only one may be rank 2`);
  }
  if (secondaries.length > 0 && primaries.length === 0) {
    add('secondary-without-primary', 'A secondary need is recorded without a primary need');
  }
  const codes = open.map((n) => n.code);
  if (new Set(codes).size !== codes.length) add('duplicate-need', 'The same need is recorded more than once');
  if (codes.includes('NSA')) {
    if (provision === 'E') {
      add(
        'nsa-with-ehc-plan',
        'NSA is for SEN support only: a pupil with an EHC plan needs an assessed type of need',
      );
    }
    if (codes.length > 1) {
      add(
        'nsa-with-other-need',
        'NSA means no specialist assessment of need, so it cannot sit alongside another need',
      );
    }
  }
  return problems;
}
