import { describe, expect, it } from 'vitest';
import {
  BROAD_AREA_LABELS,
  broadAreaOf,
  needProblems,
  needsOn,
  primaryNeedOn,
  SEN_NEED_CODES,
  SEN_NEEDS,
  secondaryNeedOn,
  type SenNeed,
} from './needs.ts';
import { d } from './testing/builders.ts';
import { senNeedSchema } from './needs.schema.ts';

describe('census need codes', () => {
  it('has the 14 codes including DS', () => {
    expect(SEN_NEED_CODES).toHaveLength(14);
    expect(SEN_NEED_CODES).toContain('DS');
  });

  it.each([
    ['SPLD', 'cognition-and-learning'],
    ['MLD', 'cognition-and-learning'],
    ['SLD', 'cognition-and-learning'],
    ['PMLD', 'cognition-and-learning'],
    ['SEMH', 'social-emotional-and-mental-health'],
    ['SLCN', 'communication-and-interaction'],
    ['ASD', 'communication-and-interaction'],
    ['HI', 'sensory-and-physical'],
    ['VI', 'sensory-and-physical'],
    ['MSI', 'sensory-and-physical'],
    ['PD', 'sensory-and-physical'],
    ['DS', 'cognition-and-learning'],
    ['OTH', 'uncategorised'],
    ['NSA', 'uncategorised'],
  ] as const)('%s is in %s', (code, area) => expect(broadAreaOf(code)).toBe(area));

  it('says that DS’s broad area is a judgement', () => {
    expect(SEN_NEEDS.DS.broadAreaNote).toMatch(/judgement|no broad area/);
    expect(
      Object.values(SEN_NEEDS)
        .filter((n) => n.broadAreaNote)
        .map((n) => n.code),
    ).toEqual(['DS']);
  });

  it('labels every broad area', () => expect(Object.keys(BROAD_AREA_LABELS)).toHaveLength(5));
});

describe('ranked needs over time', () => {
  const needs: SenNeed[] = [
    { code: 'SLCN', rank: 1, endOn: d('2025-01-10') },
    { code: 'ASD', rank: 1, startOn: d('2025-01-10') },
    { code: 'SEMH', rank: 2 },
  ];

  it.each([
    ['2025-01-09', 'SLCN'],
    ['2025-01-10', 'ASD'],
  ])('primary need on %s is %s', (date, code) => expect(primaryNeedOn(needs, d(date))).toBe(code));

  it('secondary need and open needs', () => {
    expect(secondaryNeedOn(needs, d('2025-06-01'))).toBe('SEMH');
    expect(needsOn(needs, d('2025-06-01')).map((n) => n.code)).toEqual(['ASD', 'SEMH']);
  });
});

describe('needProblems', () => {
  const need = (code: SenNeed['code'], rank: 1 | 2): SenNeed => ({ code, rank });

  it.each([
    [[need('ASD', 1)], 'K', []],
    [[need('ASD', 1), need('SEMH', 2)], 'E', []],
    [[], 'K', ['no-primary-need']],
    [[], 'E', ['no-primary-need']],
    [[], 'N', []],
    [[need('MLD', 1)], 'N', ['needs-without-sen']],
    [[need('NSA', 1)], 'K', []],
    [[need('NSA', 1)], 'E', ['nsa-with-ehc-plan']],
    [[need('NSA', 1), need('SEMH', 2)], 'K', ['nsa-with-other-need']],
    [[need('ASD', 1), need('MLD', 1)], 'K', ['two-primary-needs']],
    [[need('ASD', 1), need('MLD', 2), need('HI', 2)], 'K', ['two-secondary-needs']],
    [[need('SEMH', 2)], 'K', ['no-primary-need', 'secondary-without-primary']],
    [[need('ASD', 1), need('ASD', 2)], 'K', ['duplicate-need']],
    [[need('DS', 1)], 'E', []],
  ] as [SenNeed[], 'N' | 'K' | 'E', string[]][])('%j at %s → %j', (needs, provision, codes) => {
    expect(needProblems(needs, provision).map((p) => p.code)).toEqual(codes);
  });
});

describe('senNeedSchema', () => {
  it('names the allowed values', () => {
    const result = senNeedSchema.safeParse({ code: 'BESD', rank: 3 });
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Need must be one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, ASD, HI, VI, MSI, PD, DS, OTH, NSA',
      'Need rank must be 1 (primary) or 2 (secondary)',
    ]);
  });
});
