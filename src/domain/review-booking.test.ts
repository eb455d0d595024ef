import { nextPhaseTransfer } from './phase-transfer.ts';
import {
  meetingSubject,
  reviewAgenda,
  reviewBookingWarnings,
  reviewBookingWindow,
  schoolHourSlots,
  type BookingInput,
  schoolHoursWarning,
} from './review-booking.ts';
import { buildPupil, buildSettings, d } from './testing/builders.ts';

// Thursday 3 December 2026.
const base: BookingInput = {
  today: d('2026-12-03'),
  latestMeetingDate: d('2027-03-15'),
  adviceRequestWeeksBeforeMeeting: 6,
};
const codes = (meetingOn: string, input: Partial<BookingInput> = {}) =>
  reviewBookingWarnings({ ...base, ...input, meetingOn: d(meetingOn) }).map((w) => w.code);

describe('two weeks’ notice (reg 20(3))', () => {
  it('is given by a meeting 14 days away and not by one 13 days away', () => {
    const advice = { adviceAllReceived: true };
    expect(codes('2026-12-17', advice)).toEqual([]);
    expect(codes('2026-12-16', advice)).toEqual(['short-notice']);
  });
});

describe('advice circulated two weeks before (reg 20(4))', () => {
  it('can be when advice asked for today has the school’s six weeks, and not a day less', () => {
    // 6 weeks from Thursday 3 December 2026 is Thursday 14 January 2027.
    expect(codes('2027-01-14')).toEqual([]);
    expect(codes('2027-01-13')).toEqual(['advice-late']);
  });

  it('counts from when advice was requested, and not at all once it is all in', () => {
    expect(codes('2026-12-28', { adviceRequestedOn: d('2026-11-16') })).not.toContain('advice-late');
    expect(codes('2026-12-28', { adviceRequestedOn: d('2026-11-17') })).toContain('advice-late');
    expect(codes('2026-12-21', { adviceAllReceived: true })).toEqual([]);
  });

  it('names the circulation date in words', () => {
    const [warning] = reviewBookingWarnings({ ...base, meetingOn: d('2027-01-13') });
    expect(warning?.message).toContain('30 December 2026');
  });
});

describe('the review window', () => {
  it('ends on the latest meeting date: that day is in time, the next school day is not', () => {
    expect(codes('2027-03-15')).toEqual([]);
    expect(codes('2027-03-16')).toEqual(['after-latest']);
  });

  it('starts on the first school day with notice and time for advice', () => {
    expect(reviewBookingWindow(base)).toEqual({
      earliest: '2027-01-14',
      latest: '2027-03-15',
      latestAllowed: '2027-03-15',
    });
    // All advice in: two weeks' notice is all it takes; 17 December 2026 is a Thursday.
    expect(reviewBookingWindow({ ...base, adviceAllReceived: true }).earliest).toBe('2026-12-17');
    // Notice would end on Saturday 19 December: the window opens on Monday 21st, or later across a holiday.
    const fri = { ...base, today: d('2026-12-05'), adviceAllReceived: true };
    expect(reviewBookingWindow(fri).earliest).toBe('2026-12-21');
    expect(reviewBookingWindow({ ...fri, holidays: [d('2026-12-21')] }).earliest).toBe('2026-12-22');
  });

  it('refuses weekends, holidays and past days', () => {
    const advice = { adviceAllReceived: true };
    expect(codes('2027-01-16', advice)).toEqual(['not-a-school-day']);
    expect(codes('2027-01-18', { ...advice, holidays: [d('2027-01-18')] })).toEqual(['not-a-school-day']);
    expect(codes('2026-12-02', advice)).toEqual(['in-the-past']);
  });
});

describe('a phase-transfer pupil (reg 18)', () => {
  const settings = buildSettings();
  // Year 6 in 2026/27 at a primary school: amended plan before 15 February 2027, meeting by 23 November 2026.
  const transfer = nextPhaseTransfer({
    pupil: buildPupil({ dateOfBirth: d('2016-03-10') }),
    school: { ...settings.school, phase: 'primary' },
    on: d('2026-10-01'),
  })!;

  it('meets by the back-planned date for 15 February, not the annual latest date', () => {
    expect(transfer.amendedBy).toBe('2027-02-14');
    const input = { ...base, today: d('2026-10-01'), adviceAllReceived: true, phaseTransfer: transfer };
    const window = reviewBookingWindow(input);
    // 14 February 2027 less 12 weeks is Sunday 22 November 2026: the last school day before is Friday 20th.
    expect(transfer.meetingBy).toBe('2026-11-22');
    expect(window).toMatchObject({ latest: '2026-11-20', latestAllowed: '2026-11-22' });
    expect(window.phaseTransfer).toEqual({ label: 'primary to secondary', amendedBy: '2027-02-14' });
    expect(codes('2026-11-20', input)).toEqual([]);
    const dayAfter = reviewBookingWarnings({ ...input, meetingOn: d('2026-11-23') });
    expect(dayAfter.map((w) => w.code)).toEqual(['after-phase-transfer-deadline']);
    expect(dayAfter[0]?.message).toContain('14 February 2027');
  });

  it('uses 31 March for secondary to post-16', () => {
    const y11 = nextPhaseTransfer({
      pupil: buildPupil({ dateOfBirth: d('2011-03-10') }),
      school: { ...settings.school, phase: 'secondary', sixthForm: false },
      on: d('2026-10-01'),
    })!;
    expect(y11.amendedBy).toBe('2027-03-30');
    const window = reviewBookingWindow({ ...base, today: d('2026-10-01'), phaseTransfer: y11 });
    expect(window.latestAllowed).toBe(y11.meetingBy);
  });

  it('does not govern a review that falls before the transfer year', () => {
    const window = reviewBookingWindow({
      ...base,
      today: d('2025-10-01'),
      latestMeetingDate: d('2026-03-01'),
      phaseTransfer: transfer,
    });
    expect(window.latestAllowed).toBe('2026-03-01');
    expect(window.phaseTransfer).toBeUndefined();
  });
});

describe('the invitation', () => {
  it('names the pupil by initials only', () => {
    const pupil = buildPupil({ legalForename: 'Amelia', preferredForename: 'Millie', legalSurname: 'Ng' });
    expect(meetingSubject(pupil, 'annual review')).toBe('M.N. annual review');
  });

  it('puts preparing for adulthood on the agenda from Year 9 only', () => {
    expect(reviewAgenda({ preparingForAdulthood: true }).join('\n')).toContain('Preparing for adulthood');
    expect(reviewAgenda({ preparingForAdulthood: false }).join('\n')).not.toContain('adulthood');
  });

  it('searches school hours on school days only', () => {
    expect(
      schoolHourSlots({
        from: d('2027-01-15'),
        to: d('2027-01-19'),
        dayStarts: '08:45',
        dayEnds: '15:15',
        holidays: [d('2027-01-19')],
        maxDays: 10,
      }),
    ).toEqual([
      { start: '2027-01-15T08:45', end: '2027-01-15T15:15' },
      { start: '2027-01-18T08:45', end: '2027-01-18T15:15' },
    ]);
  });
});

describe('school hours: a meeting outside the school day is warned about', () => {
  const schoolDay = { starts: '08:30', ends: '16:00' };
  it.each([
    ['08:15', 30, true],
    ['08:30', 30, false],
    ['15:00', 60, false],
    ['15:00', 75, true],
    ['15:45', 15, false],
    ['16:00', 15, true],
  ])('starting %s for %i minutes: warned %s', (startsAt, durationMinutes, warned) => {
    const warning = schoolHoursWarning({ startsAt, durationMinutes, schoolDay });
    expect(warning !== undefined).toBe(warned);
    if (warning) {
      expect(warning.code).toBe('outside-school-hours');
      expect(warning.message).toContain('outside school hours (08:30 to 16:00)');
    }
  });
});
