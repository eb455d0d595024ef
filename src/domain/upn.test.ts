import { describe, expect, it } from 'vitest';
import { validUpn } from './testing/builders.ts';
import { checkUpn, isTemporaryUpn, normaliseUpn, upnCheckLetter, upnSchema, type Upn } from './upn.ts';

describe('UPN check letter (weights 2-13, mod 23, no I/O/S)', () => {
  it.each([
    // Examples from the DfE Unique Pupil Numbers guidance.
    ['H801200001001', 'permanent'],
    ['G80120000101A', 'temporary'],
  ] as const)('%s is a valid %s UPN', (upn, kind) => {
    expect(checkUpn(upn)).toEqual({ valid: true, upn, kind });
  });

  it('computes the letter from characters 2-13', () => {
    // 8×2 + 1×4 + 2×5 + 1×10 + 1×13 = 53; 53 mod 23 = 7 → H.
    expect(upnCheckLetter('801200001001')).toBe('H');
  });

  it('maps remainders 8, 13 and 16 past the skipped letters I, O and S', () => {
    // Find bodies with those remainders by varying the last digit (weight 13) and character 12 (weight 12).
    const letters = new Set<string>();
    for (let a = 0; a < 10; a++)
      for (let b = 0; b < 10; b++) letters.add(upnCheckLetter(`8012000010${a}${b}`));
    expect([...letters].sort().join('')).toBe('ABCDEFGHJKLMNPQRTUVWXYZ');
  });

  it.each([
    ['Z801200001001', 'UPN invalid (wrong check letter at character 1)'],
    ['H80120000100', 'UPN must be 13 characters'],
    ['HX01200001001', 'UPN invalid (characters 2-4 not a recognised LA code)'],
    ['H8012000A1001', 'UPN invalid (characters 5-12 not all numeric)'],
    ['G80120000101I', 'UPN invalid (character 13 not a recognised value)'],
    ['G80120000101O', 'UPN invalid (character 13 not a recognised value)'],
  ])('%s → %s', (upn, problem) => {
    expect(checkUpn(upn)).toEqual({ valid: false, problem });
  });

  it('normalises case and spaces before checking', () => {
    expect(normaliseUpn(' h801 2000 01001 ')).toBe('H801200001001');
    expect(checkUpn('h801200001001').valid).toBe(true);
  });

  it('tells temporary from permanent', () => {
    expect(isTemporaryUpn('G80120000101A' as Upn)).toBe(true);
    expect(isTemporaryUpn('H801200001001' as Upn)).toBe(false);
  });

  it('the test builder makes valid UPNs', () => {
    for (let n = 0; n < 50; n++) expect(checkUpn(validUpn(n)).valid).toBe(true);
  });
});

describe('upnSchema', () => {
  it('returns the normalised UPN', () => expect(upnSchema.parse('h801200001001')).toBe('H801200001001'));

  it('reports the DfE message', () => {
    expect(upnSchema.safeParse('Z801200001001').error?.issues[0]?.message).toBe(
      'UPN invalid (wrong check letter at character 1)',
    );
  });
});
