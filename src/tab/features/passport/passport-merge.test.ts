import type { PassportContent } from '../../../domain/passport.schema.ts';
import { cleanContent, comparePassportEdits, mergePassportEdits } from './passport-merge.ts';

const base: PassportContent = {
  aboutMe: 'I like trains.',
  strengths: ['Maths'],
  whatIFindHard: ['Noise'],
  whatHelpsMe: ['One instruction at a time'],
  accessArrangements: [],
};

describe('merging two people’s passport edits', () => {
  it('keeps their change and mine when we changed different parts', () => {
    const mine = { ...base, whatHelpsMe: [...base.whatHelpsMe, 'Visual timetable'] };
    const theirs = { ...base, aboutMe: 'I like trains and buses.' };
    const comparison = comparePassportEdits({ base, mine, theirs });
    expect(comparison).toEqual({ theirs: ['aboutMe'], mine: ['whatHelpsMe'], conflicts: [] });
    expect(mergePassportEdits({ mine, theirs, comparison, choices: {} })).toMatchObject({
      aboutMe: 'I like trains and buses.',
      whatHelpsMe: ['One instruction at a time', 'Visual timetable'],
    });
  });

  it('asks which to keep when we both changed the same part differently, defaulting to mine', () => {
    const mine = { ...base, aboutMe: 'Mine' };
    const theirs = { ...base, aboutMe: 'Theirs' };
    const comparison = comparePassportEdits({ base, mine, theirs });
    expect(comparison.conflicts).toEqual(['aboutMe']);
    expect(mergePassportEdits({ mine, theirs, comparison, choices: {} }).aboutMe).toBe('Mine');
    expect(mergePassportEdits({ mine, theirs, comparison, choices: { aboutMe: 'theirs' } }).aboutMe).toBe(
      'Theirs',
    );
  });

  it('is not a conflict when we both made the same change', () => {
    const same = { ...base, strengths: ['Maths', 'Art'] };
    expect(comparePassportEdits({ base, mine: same, theirs: same }).conflicts).toEqual([]);
  });

  it('ignores blank lines and surrounding spaces when comparing', () => {
    const mine = { ...base, whatHelpsMe: ['  One instruction at a time ', ''] };
    expect(comparePassportEdits({ base, mine, theirs: base }).mine).toEqual([]);
    expect(cleanContent(mine).whatHelpsMe).toEqual(['One instruction at a time']);
  });
});
