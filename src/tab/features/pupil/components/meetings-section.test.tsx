// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { d } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { MeetingsSection } from './meetings-section.tsx';

const server = setupApiServer();

describe('the pupil’s meetings', () => {
  it('lists each meeting with its date, kind, time, place and attendees, marking those to come', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/meetings', () =>
        HttpResponse.json({
          pupilId: 'pupil-1',
          meetings: [
            {
              id: 'next',
              kind: 'annual-review',
              on: d('2027-10-04'),
              startsAt: '09:15',
              durationMinutes: 60,
              location: 'Meeting room 1',
              attendees: [{ name: 'Grace Brown', role: 'Mother' }],
              upcoming: true,
            },
            {
              id: 'ma',
              kind: 'multi-agency',
              on: d('2026-10-12'),
              startsAt: null,
              durationMinutes: null,
              location: null,
              attendees: [],
              upcoming: false,
            },
          ],
        }),
      ),
    );
    renderInTab(<MeetingsSection pupilId="pupil-1" />);
    const list = await screen.findByRole('list', { name: 'Meetings, newest first' });
    const [next, past] = within(list).getAllByRole('listitem');
    expect(next?.textContent).toContain('4 October 2027: Annual review meeting');
    expect(next?.textContent).toContain('Upcoming');
    expect(next?.textContent).toContain('09:15 for 60 minutes · Meeting room 1');
    expect(next?.textContent).toContain('1 attendee: Grace Brown (Mother)');
    expect(past?.textContent).toContain('12 October 2026: Multi-agency meeting');
    expect(past?.textContent).not.toContain('Upcoming');
    expect(past?.textContent).toContain('No attendees recorded');
  });

  it('says what will appear when there are no meetings', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/meetings', () =>
        HttpResponse.json({ pupilId: 'pupil-1', meetings: [] }),
      ),
    );
    renderInTab(<MeetingsSection pupilId="pupil-1" />);
    expect(await screen.findByText('No meetings recorded')).toBeTruthy();
    expect(
      screen.getByText(/Annual review, parent and multi-agency meetings about this pupil appear here/),
    ).toBeTruthy();
  });
});
