// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { OutlookStatusAnswer } from '../../../../contract/bookings.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { d } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { OutlookStatus } from './outlook-status.tsx';

const server = setupApiServer();

const NOT_CHECKED: OutlookStatusAnswer = {
  organised: 4,
  checkedAt: null,
  notCheckedSince: '2026-12-03T08:10:00.000Z',
  problem: {
    kind: 'no-token',
    message:
      'SENCO Hub has had no sign-in from you since it last started, so it cannot read your Outlook on its own.',
  },
  changes: [],
};

const MOVED: OutlookStatusAnswer = {
  organised: 4,
  checkedAt: '2026-12-03T09:15:00.000Z',
  notCheckedSince: null,
  problem: null,
  changes: [
    {
      at: '2026-12-03T09:15:00.000Z',
      pupilId: 'pupil-1',
      pupilName: 'Ada Brown',
      meetingId: 'meeting-1',
      kind: 'moved',
      from: d('2027-01-14'),
      meeting: {
        id: 'meeting-1',
        kind: 'annual-review',
        pupilIds: ['pupil-1'],
        on: d('2027-03-04'),
        startsAt: '14:00',
        durationMinutes: 60,
        attendees: [],
        actions: [],
        status: 'booked',
      },
      warnings: [
        {
          code: 'after-latest',
          message:
            '4 March 2027 is after 26 February 2027, the latest date that leaves the local authority its four weeks.',
        },
      ],
    },
  ],
};

it('checks Outlook by itself when no token is held, as opening SENCO Hub re-checks', async () => {
  let checked = 0;
  server.use(
    apiAnswers.get('*/api/bookings/outlook-status', () => HttpResponse.json(NOT_CHECKED)),
    apiAnswers.post('*/api/bookings/outlook-check', () => {
      checked += 1;
      return HttpResponse.json(MOVED);
    }),
  );
  renderInTab(<OutlookStatus enabled />);
  expect(await screen.findByRole('link', { name: 'Ada Brown' })).toBeTruthy();
  expect(checked).toBe(1);
  expect(screen.queryByText(/Outlook not checked since/)).toBeNull();
});

it('says since when Outlook has not been checked, and checking now brings the changes found', async () => {
  let checked = 0;
  const BUSY: OutlookStatusAnswer = {
    ...NOT_CHECKED,
    problem: { kind: 'busy', message: 'Outlook was busy; SENCO Hub will try again at the next check.' },
  };
  server.use(
    apiAnswers.get('*/api/bookings/outlook-status', () => HttpResponse.json(BUSY)),
    apiAnswers.post('*/api/bookings/outlook-check', () => {
      checked += 1;
      return HttpResponse.json(MOVED);
    }),
  );
  renderInTab(<OutlookStatus enabled />);
  expect(await screen.findByText('Outlook not checked since 3 December 2026 at 08:10')).toBeTruthy();
  expect(screen.getByText(/Outlook was busy/)).toBeTruthy();
  expect(checked).toBe(0);

  await userEvent.click(screen.getByRole('button', { name: 'Check Outlook now' }));
  await waitFor(() => expect(checked).toBe(1));
  expect(await screen.findByRole('link', { name: 'Ada Brown' })).toBeTruthy();
  expect(
    screen.getByText(/review meeting moved in Outlook from 14 January 2027 to 4 March 2027/),
  ).toBeTruthy();
  expect(screen.getByText(/after 26 February 2027/)).toBeTruthy();
  expect(screen.queryByText(/Outlook not checked since/)).toBeNull();
  expect(screen.getByText(/last checked against your Outlook on 3 December 2026 at 09:15\./)).toBeTruthy();
});

it('shows nothing to someone who booked nothing', async () => {
  let asked = false;
  server.use(
    apiAnswers.get('*/api/bookings/outlook-status', () => {
      asked = true;
      return HttpResponse.json({ ...NOT_CHECKED, organised: 0, notCheckedSince: null, problem: null });
    }),
  );
  const { container } = renderInTab(<OutlookStatus enabled />);
  await waitFor(() => expect(asked).toBe(true));
  expect(container.textContent).not.toContain('Outlook');
});
