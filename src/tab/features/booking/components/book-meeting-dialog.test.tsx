// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { BookingProposal, BookMeetingRequest } from '../../../../contract/bookings.ts';
import type { BookingWarning } from '../../../../domain/review-booking.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { refusal } from '../../../testing/error-answers.ts';
import { d, TODAY } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { BookMeetingButton } from './book-meeting-button.tsx';

const server = setupApiServer();

const PROPOSAL: BookingProposal = {
  pupilId: 'pupil-1',
  kind: 'annual-review',
  today: TODAY,
  window: { earliest: d('2027-01-04'), latest: d('2027-02-26') },
  invitees: [
    {
      name: 'Grace Brown',
      role: 'parent-or-young-person',
      email: 'grace@example.org',
      internal: false,
      why: 'Mother: reg 20(2)(a)',
    },
    {
      name: 'Head teacher',
      role: 'head-teacher-or-provider',
      internal: true,
      why: 'reg 20(2)(b): add their email',
    },
    {
      name: 'Rubina Butt',
      role: 'la-sen-officer',
      email: 'rubina@county.example.gov.uk',
      internal: false,
      why: 'LA SEN officer: reg 20(2)(c)',
    },
  ],
  staff: [],
  subject: 'A.B. annual review',
  agenda: ['Welcome and introductions'],
  schoolDay: { starts: '08:30', ends: '16:00' },
  purposes: [],
};

const SHORT_NOTICE: BookingWarning = {
  code: 'short-notice',
  message:
    'Invitations sent today give less than two weeks’ notice (reg 20(3)): book on or after 7 December 2026.',
};

function serve(bookings: unknown[], options: { bookStatus?: number[] } = {}) {
  const statuses = [...(options.bookStatus ?? [])];
  server.use(
    apiAnswers.get('*/api/pupils/pupil-1/bookings/proposal', () => HttpResponse.json(PROPOSAL)),
    apiAnswers.post('*/api/pupils/pupil-1/bookings/check', async ({ request }) => {
      const { on } = (await request.json()) as { on: string };
      return HttpResponse.json({ warnings: on < '2026-12-07' ? [SHORT_NOTICE] : [] });
    }),
    apiAnswers.post('*/api/pupils/pupil-1/bookings', async ({ request }) => {
      const body = (await request.json()) as BookMeetingRequest;
      bookings.push(body);
      const status = statuses.shift() ?? 201;
      if (status === 503) return refusal.busy();
      if (status === 403)
        return refusal.consentRequired(
          ['Calendars.ReadWrite'],
          'Ask your IT admin to grant SENCO Hub permission to use your Outlook calendar for you (Calendars.ReadWrite) in Microsoft Entra admin centre.',
        );
      return HttpResponse.json(
        {
          meeting: {
            id: body.requestId,
            kind: 'annual-review',
            pupilIds: ['pupil-1'],
            on: d(body.on),
            startsAt: body.startsAt,
            attendees: [],
            actions: [],
            status: 'booked',
          },
          warnings: [],
        },
        { status: 201 },
      );
    }),
  );
}

async function openAndFill(user: ReturnType<typeof userEvent.setup>, on: string) {
  await user.click(screen.getByRole('button', { name: 'Book the annual review' }));
  expect(await screen.findByText('4 January 2027')).toBeTruthy();
  expect(screen.getByText('26 February 2027')).toBeTruthy();
  await user.type(screen.getByLabelText(/^Date/), on);
}

describe('the booking dialog', () => {
  it('proposes the window and the invitees, and books with the reg 20(2) people who have an email', async () => {
    const bookings: Record<string, unknown>[] = [];
    serve(bookings);
    const user = userEvent.setup();
    renderInTab(<BookMeetingButton pupilId="pupil-1" kind="annual-review" />);
    await openAndFill(user, '2027-01-12');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /Grace Brown/ }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /Head teacher/ }).checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Book in Outlook' }));
    expect((await screen.findByRole('status')).textContent).toContain('12 January 2027');
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({
      kind: 'annual-review',
      on: '2027-01-12',
      acceptedWarnings: [],
      attendees: [
        expect.objectContaining({ email: 'grace@example.org' }),
        expect.objectContaining({ email: 'rubina@county.example.gov.uk' }),
      ],
    });
    // Focus goes to what was booked.
    expect(document.activeElement).toBe(screen.getByRole('status'));
  });

  it('shows the warnings before booking, and books only once they are accepted', async () => {
    const bookings: Record<string, unknown>[] = [];
    serve(bookings);
    const user = userEvent.setup();
    renderInTab(<BookMeetingButton pupilId="pupil-1" kind="annual-review" />);
    await openAndFill(user, '2026-11-30');
    expect(await screen.findByText(/less than two weeks’ notice/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Book in Outlook' }).disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Book this date anyway' }));
    await user.click(screen.getByRole('button', { name: 'Book in Outlook' }));
    await screen.findByRole('status');
    expect(bookings[0]).toMatchObject({ acceptedWarnings: ['short-notice'] });
  });

  it('says plainly when Microsoft 365 is busy, and the retry is the same request', async () => {
    const bookings: Record<string, unknown>[] = [];
    serve(bookings, { bookStatus: [503, 201] });
    const user = userEvent.setup();
    renderInTab(<BookMeetingButton pupilId="pupil-1" kind="annual-review" />);
    await openAndFill(user, '2027-01-12');
    await user.click(screen.getByRole('button', { name: 'Book in Outlook' }));
    expect((await screen.findByRole('alert')).textContent).toContain('will not be booked twice');
    await user.click(screen.getByRole('button', { name: 'Book in Outlook' }));
    await screen.findByRole('status');
    expect(bookings).toHaveLength(2);
    expect(bookings[1]!['requestId']).toBe(bookings[0]!['requestId']);
  });

  it('asks for the IT admin, in words, when the school has not granted calendar access', async () => {
    serve([], { bookStatus: [403] });
    const user = userEvent.setup();
    renderInTab(<BookMeetingButton pupilId="pupil-1" kind="annual-review" />);
    await openAndFill(user, '2027-01-12');
    await user.click(screen.getByRole('button', { name: 'Book in Outlook' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ask your IT admin to grant SENCO Hub');
    expect(alert.textContent).toContain('Calendars.ReadWrite');
    await waitFor(() => expect(alert.textContent).not.toContain('403'));
  });
});
