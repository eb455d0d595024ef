// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { RULES } from '../../domain/statutory-rules.ts';
import { markNonWorkingDays, type TimelineStep } from '../../domain/timeline-step.ts';
import { d } from '../testing/builders.ts';
import { renderInTab } from '../testing/render.tsx';
import { TimelineStepItem } from './timeline-step-item.tsx';

const onSunday: TimelineStep = {
  id: 'phase-transfer-amended-by',
  label: 'Plan amended to name the next setting',
  due: d('2027-02-14'),
  rule: RULES.annualReviewNotice,
  owner: 'local-authority',
  status: 'upcoming',
  provisional: false,
  warnings: [],
};

describe('a deadline on a non-working day', () => {
  it('shows the day and the last working day before it', () => {
    const [marked] = markNonWorkingDays([onSunday], new Set());
    renderInTab(<TimelineStepItem step={marked!} today={d('2026-12-03')} />);
    expect(screen.getByText('Sun 14 Feb — act by Fri 12 Feb').textContent).toBe(
      'Sun 14 Feb — act by Fri 12 Feb',
    );
  });

  it('says nothing more on a working day, or once the step is done', () => {
    const [friday] = markNonWorkingDays([{ ...onSunday, due: d('2027-02-12') }], new Set());
    const [done] = markNonWorkingDays(
      [{ ...onSunday, status: 'done', completedOn: d('2027-02-10') }],
      new Set(),
    );
    expect(friday!.nonWorkingDay).toBeUndefined();
    expect(done!.nonWorkingDay).toBeUndefined();
    renderInTab(<TimelineStepItem step={friday!} today={d('2026-12-03')} />);
    expect(screen.queryByText(/act by/)).toBeNull();
  });

  it('counts a bank holiday from the list it is given', () => {
    const [easterMonday] = markNonWorkingDays(
      [{ ...onSunday, due: d('2027-03-29') }],
      new Set([d('2027-03-26'), d('2027-03-29')]),
    );
    expect(easterMonday!.nonWorkingDay).toMatchObject({ reason: 'bank-holiday', actBy: '2027-03-25' });
  });
});

describe('a booked review meeting', () => {
  const booked: TimelineStep = {
    id: 'meeting-held-by',
    label: 'Booked for 14 January 2027 at 15:30',
    due: d('2027-02-22'),
    rule: RULES.annualReviewLatestMeeting,
    owner: 'school',
    status: 'upcoming',
    provisional: false,
    warnings: [],
    booked: { on: d('2027-01-14'), startsAt: '15:30', latestAllowed: d('2027-02-22') },
  };

  it('reads as booked for its date and time, with how far off it is and the latest lawful date', () => {
    renderInTab(<TimelineStepItem step={booked} today={d('2026-12-03')} />);
    expect(screen.getByText('Booked for 14 January 2027 at 15:30')).toBeTruthy();
    expect(screen.getByText(/Meeting in 42 days · must be held by 22 February 2027/)).toBeTruthy();
    expect(screen.queryByText('Hold the review meeting')).toBeNull();
    expect(screen.queryByText(/provisional/)).toBeNull();
  });
});
