// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { SenSupportPlanAnswer } from '../api/get-sen-support-plan.ts';
import { d } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { SenSupportSection } from './sen-support-section.tsx';

const server = setupApiServer();

const answer: SenSupportPlanAnswer = {
  plan: {
    id: 'plan-1',
    pupilId: 'pupil-1',
    cycles: [
      {
        id: 'cycle-1',
        startedOn: d('2024-09-10'),
        assessment: 'Reading age 18 months below.',
        outcomes: [{ description: 'Reads 20 more words' }],
        provision: [{ description: 'Precision teaching' }],
        reviewOn: d('2026-12-12'),
        parentMeetings: [],
      },
    ],
  },
  eTag: '"e"',
  modifiedAt: '2026-11-01T09:00:00Z',
  modifiedBy: 'Katie Dawson',
  reviewStep: null,
  parentReviewCadence: { academicYear: 2026, held: 1, required: 3, expectedByNow: 0, status: 'on-track' },
  pastParentReviewYears: [
    { academicYear: 2025, held: 2, required: 3, expectedByNow: 3, status: 'missed' },
    { academicYear: 2024, held: 3, required: 3, expectedByNow: 3, status: 'met' },
  ],
};

describe('parent meetings on the SEN support plan', () => {
  it('shows this year’s pace and each past year as met or missed, newest first', async () => {
    server.use(http.get('*/api/pupils/pupil-1/sen-support-plan', () => HttpResponse.json(answer)));
    renderInTab(<SenSupportSection pupilId="pupil-1" />);
    expect(await screen.findByText(/1 of 3 held \(0 expected by now\)/)).toBeTruthy();
    const past = screen.getByRole('list', { name: 'Parent meetings in past years' });
    expect(
      within(past)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['2025/26: 2 of 3 held. Missed.', '2024/25: 3 of 3 held. Met.']);
  });

  it('lists no past years for a plan begun this year', async () => {
    server.use(
      http.get('*/api/pupils/pupil-1/sen-support-plan', () =>
        HttpResponse.json({ ...answer, pastParentReviewYears: [] }),
      ),
    );
    renderInTab(<SenSupportSection pupilId="pupil-1" />);
    await screen.findByText(/1 of 3 held/);
    expect(screen.queryByRole('list', { name: 'Parent meetings in past years' })).toBeNull();
  });
});
