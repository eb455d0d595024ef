// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { RULES } from '../../../../domain/statutory-rules.ts';
import type { TimelineStep } from '../../../../domain/timeline-step.ts';
import { d, TODAY } from '../../../testing/builders.ts';
import { WithPupilParts } from '../../../app/pupil-page.tsx';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { EhcPlanSection } from './ehc-plan-section.tsx';

const server = setupApiServer();
// Opening the plan checks Outlook for meetings moved or cancelled there: nothing has been.
beforeEach(() =>
  server.use(
    apiAnswers.post('*/api/pupils/:pupilId/bookings/outlook-check', () => HttpResponse.json({ changes: [] })),
    // The tab also lists needs assessment requests: none here.
    apiAnswers.get('*/api/pupils/:pupilId/needs-assessments', () =>
      HttpResponse.json({ pupilId: 'pupil-1', today: TODAY, assessments: [] }),
    ),
  ),
);

const step = (overrides: Partial<TimelineStep>): TimelineStep => ({
  id: 'invitations-sent-by',
  label: 'Send invitations',
  due: d('2026-11-08'),
  rule: RULES.annualReviewNotice,
  owner: 'school',
  status: 'overdue',
  provisional: true,
  warnings: ['Not yet invited: the parent or young person (reg 20(2)(a))'],
  ...overrides,
});

describe('the EHC plan’s statutory timeline', () => {
  it('lists each date with its rule, citation, status and warnings, earliest first, hiding what is done', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () =>
        HttpResponse.json({
          pupilId: 'pupil-1',
          today: TODAY,
          plan: {
            id: 'plan-1',
            pupilId: 'pupil-1',
            localAuthority: 'Northshire County Council',
            issuedOn: d('2024-02-08'),
            coordinator: { name: 'Rubina Butt' },
            reviews: [],
            reassessments: [],
            outcomes: [],
            provision: [],
            changes: [],
          },
          eTag: '"e"',
          modifiedAt: '2026-11-01T09:00:00Z',
          modifiedBy: 'Katie Dawson',
          reviewETags: {},
          cease: null,
          timeline: {
            annualReview: {
              anchor: { on: d('2026-01-15'), basis: 'review-meeting' },
              reviewDueBy: d('2027-01-15'),
              latestMeetingDate: d('2026-12-04'),
              phaseTransferYear: false,
              preparingForAdulthoodRequired: false,
              steps: [],
              warnings: [],
            },
            warnings: [],
            steps: [
              step({
                id: 'review-due-by',
                label: 'Review complete within 12 months',
                due: d('2027-01-15'),
                status: 'upcoming',
                rule: RULES.annualReviewDue,
                warnings: [],
                provisional: false,
              }),
              step({}),
              step({
                id: 'old',
                label: 'Last year’s review',
                due: d('2026-01-15'),
                status: 'done',
                completedOn: d('2026-01-16'),
                warnings: [],
              }),
            ],
          },
        }),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    const timeline = await screen.findByRole('list', { name: 'Statutory dates, earliest first' });
    const items = within(timeline).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Send invitations');
    expect(items[0]?.textContent).toContain('Overdue');
    expect(items[0]?.textContent).toContain('Due 8 November 2026 (15 days ago)');
    expect(items[0]?.textContent).toContain(RULES.annualReviewNotice.citation);
    expect(items[0]?.textContent).toContain(RULES.annualReviewNotice.summary);
    expect(items[0]?.textContent).toContain('Warning: Not yet invited: the parent or young person');
    expect(items[1]?.textContent).toContain('Review complete within 12 months');

    await user.click(screen.getByRole('switch', { name: 'Show 1 done' }));
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(3);
  });

  it('says what to do when no plan is recorded', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () =>
        HttpResponse.json({ pupilId: 'pupil-1', today: TODAY, plan: null, timeline: null }),
      ),
    );
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    expect(await screen.findByText('No EHC plan recorded')).toBeTruthy();
  });
});
