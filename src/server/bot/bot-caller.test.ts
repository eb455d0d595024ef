import { isSchoolTenant } from './bot-caller.ts';

const school = '5e4c0b0b-0000-4000-8000-00000000a11a';

describe('the school’s tenant', () => {
  it('is the only one answered: every tenant an activity names must be it', () => {
    expect(isSchoolTenant({ conversation: { tenantId: school } }, school)).toBe(true);
    expect(isSchoolTenant({ channelData: { tenant: { id: school.toUpperCase() } } }, school)).toBe(true);
    expect(
      isSchoolTenant(
        { conversation: { tenantId: school }, channelData: { tenant: { id: 'other' } } },
        school,
      ),
    ).toBe(false);
    expect(
      isSchoolTenant(
        { conversation: { tenantId: 'other' }, channelData: { tenant: { id: school } } },
        school,
      ),
    ).toBe(false);
    expect(isSchoolTenant({ conversation: {}, channelData: {} }, school)).toBe(false);
    expect(isSchoolTenant({ channelData: { tenant: { id: 42 } } }, school)).toBe(false);
  });
});
