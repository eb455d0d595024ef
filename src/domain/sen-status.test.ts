import { describe, expect, it } from 'vitest';
import {
  changeProvision,
  currentEquivalent,
  periodsOpenOn,
  provisionHistoryProblems,
  provisionOn,
  type SenProvisionPeriod,
} from './sen-status.ts';
import { d } from './testing/builders.ts';
import { senProvisionHistorySchema } from './sen-status.schema.ts';

const history: SenProvisionPeriod[] = [
  { code: 'A', startOn: d('2013-09-01'), endOn: d('2014-09-01') },
  { code: 'K', startOn: d('2014-09-01'), endOn: d('2024-03-10') },
  { code: 'E', startOn: d('2024-03-10') },
];

describe('provisionOn (endOn is the first day a provision no longer applies)', () => {
  it.each([
    ['2013-08-31', 'N', 'before any record'],
    ['2014-08-31', 'K', 'School Action reads as K'],
    ['2014-09-01', 'K', 'the change-over day belongs to the new provision'],
    ['2024-03-09', 'K', 'the day before the plan'],
    ['2024-03-10', 'E', 'the day the plan starts'],
    ['2030-01-01', 'E', 'still open'],
  ] as const)('%s → %s (%s)', (date, expected, _why) => {
    expect(provisionOn(history, d(date))).toBe(expected);
  });

  it('maps legacy codes to their successors', () => {
    expect(['S', 'A', 'P', 'N', 'K', 'E'].map((c) => currentEquivalent(c as never))).toEqual([
      'E',
      'K',
      'K',
      'N',
      'K',
      'E',
    ]);
  });

  it('lets the later-starting period win when two are open (the census check reports it)', () => {
    const clash: SenProvisionPeriod[] = [
      { code: 'K', startOn: d('2024-01-01') },
      { code: 'E', startOn: d('2024-06-01') },
    ];
    expect(provisionOn(clash, d('2024-07-01'))).toBe('E');
    expect(periodsOpenOn(clash, d('2024-07-01'))).toHaveLength(2);
  });
});

describe('provisionHistoryProblems', () => {
  it('accepts a clean history', () => expect(provisionHistoryProblems(history)).toEqual([]));

  it.each([
    [
      [
        { code: 'K', startOn: d('2024-01-01') },
        { code: 'E', startOn: d('2024-06-01') },
      ],
      'two-open-provisions',
    ],
    [
      [
        { code: 'K', startOn: d('2024-01-01'), endOn: d('2024-07-01') },
        { code: 'E', startOn: d('2024-06-01') },
      ],
      'overlapping-provisions',
    ],
    [[{ code: 'S', startOn: d('2012-01-01') }], 'legacy-provision-open'],
    [[{ code: 'K', startOn: d('2024-01-01'), endOn: d('2024-01-01') }], 'provision-ends-before-start'],
  ] as [SenProvisionPeriod[], string][])('finds %j → %s', (periods, code) => {
    expect(provisionHistoryProblems(periods).map((p) => p.code)).toEqual([code]);
  });

  it('the schema rejects a history with two open provisions, in words', () => {
    const result = senProvisionHistorySchema.safeParse([
      { code: 'K', startOn: '2024-01-01' },
      { code: 'E', startOn: '2024-06-01' },
    ]);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      '2 SEN provisions are open at once (K, E): only one may be open',
    ]);
  });

  it('the schema names bad fields', () => {
    const result = senProvisionHistorySchema.safeParse([{ code: 'X', startOn: '2024-02-30' }]);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'SEN provision must be N, K or E (S, A and P only as history)',
      'SEN provision start date must be a real date in the form YYYY-MM-DD',
    ]);
  });
});

describe('changeProvision', () => {
  it('closes the open period on the day of change and opens the new one', () => {
    const next = changeProvision([{ code: 'K', startOn: d('2023-09-01') }], {
      code: 'E',
      on: d('2025-03-10'),
    });
    expect(next).toEqual([
      { code: 'K', startOn: '2023-09-01', endOn: '2025-03-10' },
      { code: 'E', startOn: '2025-03-10' },
    ]);
    expect(provisionHistoryProblems(next)).toEqual([]);
  });

  it('starts a history from nothing', () => {
    expect(changeProvision([], { code: 'K', on: d('2025-01-06') })).toEqual([
      { code: 'K', startOn: '2025-01-06' },
    ]);
  });

  it.each([
    ['2023-09-01', 'E', 'on the day the current one started'],
    ['2025-01-01', 'K', 'to the same provision'],
  ] as const)('refuses a change on %s to %s (%s)', (on, code, _why) => {
    expect(() => changeProvision([{ code: 'K', startOn: d('2023-09-01') }], { code, on: d(on) })).toThrow();
  });
});
