import { describe, expect, it } from 'vitest';
import { pupilDisplayName, pupilSchema, pupilYearGroupOn } from './pupil.schema.ts';
import { buildPupil, d } from './testing/builders.ts';

const valid = {
  id: 'p1',
  upn: 'h801200001001',
  legalForename: 'Zoë',
  legalSurname: "O'Brien",
  dateOfBirth: '2015-03-10',
};

describe('pupilSchema', () => {
  it('fills defaults and normalises the UPN', () => {
    expect(pupilSchema.parse(valid)).toEqual({
      ...valid,
      upn: 'H801200001001',
      yearGroupOffset: 0,
      classIds: [],
      lookedAfter: false,
      pupilPremium: false,
      freeSchoolMeals: false,
      eal: false,
      topUpFunding: false,
      contacts: [],
      senProvision: [],
      needs: [],
    });
  });

  it('keeps names exactly as typed', () => {
    const parsed = pupilSchema.parse({
      ...valid,
      legalForename: '=SUM(1,2)',
      preferredForename: '<img src=x>',
    });
    expect(parsed.legalForename).toBe('=SUM(1,2)');
    expect(pupilDisplayName(parsed)).toBe("<img src=x> O'Brien");
  });

  it.each([
    [{ upn: 'Z801200001001' }, ['upn'], 'UPN invalid (wrong check letter at character 1)'],
    [
      { dateOfBirth: '2015-02-29' },
      ['dateOfBirth'],
      'Date of birth must be a real date in the form YYYY-MM-DD',
    ],
    [{ legalSurname: '   ' }, ['legalSurname'], 'Legal surname is required'],
    [{ yearGroupOffset: 3 }, ['yearGroupOffset'], 'Year group offset must be at most 2'],
    [
      {
        contacts: [
          {
            name: 'Mum',
            relationship: 'Mother',
            hasParentalResponsibility: true,
            priority: 1,
            email: 'nope',
          },
        ],
      },
      ['contacts', 0, 'email'],
      'Contact email must be an email address',
    ],
    [
      { senProvision: [{ code: 'S', startOn: '2012-01-01' }] },
      ['senProvision'],
      'Legacy SEN provision S (Statement of SEN (legacy)) is still open: close it and record N, K or E',
    ],
  ])('rejects %j at %j: %s', (override, path, message) => {
    const result = pupilSchema.safeParse({ ...valid, ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path, message });
  });
});

describe('pupilYearGroupOn', () => {
  it('uses the date of birth and offset', () => {
    expect(pupilYearGroupOn(buildPupil({ dateOfBirth: d('2015-03-10') }), d('2025-10-01'))).toBe('Y6');
    expect(
      pupilYearGroupOn(buildPupil({ dateOfBirth: d('2015-03-10'), yearGroupOffset: -1 }), d('2025-10-01')),
    ).toBe('Y5');
  });
});
