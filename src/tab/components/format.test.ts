import { dateTime, longDate, needWithArea, yearAndClasses } from './format.ts';

describe('dates in text, as a UK reader expects', () => {
  it('writes the month in full, in London time, with a 24-hour clock', () => {
    expect(longDate('2026-12-02' as never)).toBe('2 December 2026');
    expect(dateTime('2026-12-03T10:14:00Z')).toBe('3 December 2026 at 10:14');
    // British Summer Time: 09:05 UTC is 10:05 in school.
    expect(dateTime('2026-06-01T09:05:00Z')).toBe('1 June 2026 at 10:05');
    expect(dateTime('not a date')).toBe('—');
  });
});

describe('saying a pupil’s year, classes and need once', () => {
  it('leaves out the year when the class name already says it', () => {
    expect(yearAndClasses('Y6', [{ displayName: 'Year 6 Alder' }])).toBe('Year 6 Alder');
    expect(yearAndClasses('Y6', [{ displayName: '6A' }])).toBe('Year 6 · 6A');
    expect(yearAndClasses('R', [{ displayName: 'Reception Oak' }])).toBe('Reception Oak');
    expect(yearAndClasses('Y3', [])).toBe('Year 3');
    // A mixed-age class that does not name the pupil's year keeps it.
    expect(yearAndClasses('Y4', [{ displayName: 'Year 3/4 Beech' }])).toBe('Year 4 · Year 3/4 Beech');
  });

  it('names the broad area only when it differs from the need', () => {
    expect(needWithArea('Social, emotional and mental health', 'Social, emotional and mental health')).toBe(
      'Social, emotional and mental health',
    );
    expect(needWithArea('Autistic spectrum disorder', 'Communication and interaction')).toBe(
      'Autistic spectrum disorder (Communication and interaction)',
    );
    expect(needWithArea('Other difficulty', undefined)).toBe('Other difficulty');
  });
});

describe('saying an instant', () => {
  it('across midnight in summer: the London day, not the UTC one', () => {
    expect(dateTime('2026-06-30T23:30:00.000Z')).toBe('1 July 2026 at 00:30');
    expect(dateTime(null)).toBe('—');
  });
});
