import type { DemoSchool } from './demo-school.types.ts';
import { generateScaleSchools } from './scale-school.ts';

const TODAY = '2026-11-22';

function isValidUpn(upn: string): boolean {
  if (!/^[A-Z]\d{12}$/.test(upn)) return false;
  let total = 0;
  for (let position = 2; position <= 13; position++) total += Number(upn.charAt(position - 1)) * position;
  return 'ABCDEFGHJKLMNPQRTUVWXYZ'.charAt(total % 23) === upn.charAt(0);
}

function status(school: DemoSchool, code: 'K' | 'E'): number {
  return school.pupils.filter((p) => p.send?.statusHistory.find((h) => h.to === undefined)?.status === code)
    .length;
}

function allIds(school: DemoSchool): string[] {
  return [
    school.tenant.id,
    school.staffTeam.groupId,
    ...school.staffTeam.channels.map((c) => c.id),
    ...school.staff.map((s) => s.id),
    ...school.classes.map((c) => c.groupId),
    ...school.pupils.map((p) => p.id),
    ...school.professionals.map((p) => p.id),
    ...school.interventions.map((i) => i.id),
  ];
}

describe('generateScaleSchools', () => {
  const schools = generateScaleSchools({ schools: 3, pupilsPerSchool: 1000, seed: 7, today: TODAY });

  it('makes the requested number of schools with exactly the requested roll', () => {
    expect(schools).toHaveLength(3);
    for (const s of schools) expect(s.pupils).toHaveLength(1000);
  });

  it('sizes classes and staff from the roll', () => {
    for (const s of schools) {
      // 1,000 pupils ≈ 143 a year group ≈ 5 classes of about 29.
      expect(s.classes).toHaveLength(35);
      expect(s.classes.reduce((sum, c) => sum + c.pupilIds.length, 0)).toBe(1000);
      expect(s.staff.filter((m) => m.role === 'teacher')).toHaveLength(35);
      expect(s.staff.filter((m) => m.role === 'teaching-assistant')).toHaveLength(25);
      for (const c of s.classes) expect(c.teacherIds.length).toBeGreaterThan(0);
    }
  });

  it('keeps the demo school’s SEND proportions', () => {
    for (const s of schools) {
      expect(status(s, 'K')).toBe(143);
      expect(status(s, 'E')).toBe(43);
      expect(s.pupils.filter((p) => p.flags.lookedAfter).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps ids, sign-in names, domains and UPNs unique across schools', () => {
    const ids = schools.flatMap(allIds);
    expect(new Set(ids).size).toBe(ids.length);
    const upns = schools.flatMap((s) => [...s.staff.map((m) => m.upn), ...s.pupils.map((p) => p.upn)]);
    expect(new Set(upns).size).toBe(upns.length);
    expect(new Set(schools.map((s) => s.tenant.domain)).size).toBe(3);
    const dfeUpns = schools.flatMap((s) => s.pupils.map((p) => p.dfeUpn));
    expect(new Set(dfeUpns).size).toBe(dfeUpns.length);
    for (const upn of dfeUpns) expect(isValidUpn(upn)).toBe(true);
  });

  it('references only pupils and staff of the same school from interventions', () => {
    for (const s of schools) {
      const pupils = new Set(s.pupils.map((p) => p.id));
      const staff = new Set(s.staff.map((m) => m.id));
      for (const i of s.interventions) {
        for (const part of i.participants) expect(pupils.has(part.pupilId)).toBe(true);
        for (const id of i.staffIds) expect(staff.has(id)).toBe(true);
      }
    }
  });

  it('is deterministic', () => {
    const again = generateScaleSchools({ schools: 3, pupilsPerSchool: 1000, seed: 7, today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(schools));
  });

  it('rejects impossible sizes', () => {
    expect(() => generateScaleSchools({ schools: 1, pupilsPerSchool: 3, today: TODAY })).toThrow(RangeError);
    expect(() => generateScaleSchools({ schools: -1, pupilsPerSchool: 100, today: TODAY })).toThrow(
      RangeError,
    );
  });

  it('keeps UPNs and ids unique across ten schools', () => {
    // Timing for 10 × 5,000 lives in scale-school.bench.ts; this checks uniqueness at a size unit tests afford.
    const many = generateScaleSchools({ schools: 10, pupilsPerSchool: 700, today: TODAY });
    const dfeUpns = many.flatMap((s) => s.pupils.map((p) => p.dfeUpn));
    expect(new Set(dfeUpns).size).toBe(7000);
    const ids = many.flatMap(allIds);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
