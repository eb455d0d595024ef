// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { Review } from '../../../../domain/review.schema.ts';
import { d, TODAY } from '../../../testing/builders.ts';
import {
  buildEhcPlan,
  buildEhcPlanAnswer,
  buildReviewAnswer,
  buildTimeline,
} from '../../../testing/ehc-plan-answers.ts';
import { WithPupilParts } from '../../../app/pupil-page.tsx';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { EhcPlanSection } from './ehc-plan-section.tsx';

const server = setupApiServer();

const review: Review = {
  id: 'rev-1',
  kind: 'annual',
  meetingOn: d('2026-11-10'),
  invitees: [],
  adviceRequests: [{ from: 'Dr Amy Reed', role: 'educational-psychologist', requestedOn: d('2026-09-01') }],
  preparingForAdulthoodOnAgenda: false,
};

const plan = buildEhcPlan({ reviews: [review] });

const answer = buildEhcPlanAnswer(plan, {
  reviewETags: { 'rev-1': '"r1"' },
  timeline: buildTimeline({ currentReviewId: 'rev-1' }),
});

async function openTrail() {
  const user = userEvent.setup({ delay: null });
  renderInTab(
    <WithPupilParts>
      <EhcPlanSection pupilId="pupil-1" />
    </WithPupilParts>,
  );
  await user.click(await screen.findByRole('button', { name: 'Record the review trail' }));
  return user;
}

async function typeDate(user: ReturnType<typeof userEvent.setup>, label: RegExp, value: string, nth = 0) {
  const input = screen.getAllByLabelText(label)[nth]!;
  await user.clear(input);
  await user.click(input);
  await user.paste(value);
}

beforeEach(() => {
  sessionStorage.clear();
  server.use(
    apiAnswers.post('*/api/pupils/:pupilId/bookings/outlook-check', () => HttpResponse.json({ changes: [] })),
  );
});

describe('recording the review trail', () => {
  it('names each field at fault with focus on the first, then sends the whole trail with the review’s version', async () => {
    let sent: unknown;
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer)),
      apiAnswers.put('*/api/pupils/pupil-1/ehc-plan/reviews/rev-1', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(buildReviewAnswer(review));
      }),
    );
    const user = await openTrail();
    expect(document.activeElement).toBe(screen.getByLabelText(/Meeting held on/));

    await user.click(screen.getByRole('button', { name: 'Add advice request' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /Advice 2 from/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'The LA’s decision' }), 'amend');
    await user.click(screen.getByRole('button', { name: 'Save the review trail' }));

    expect(await screen.findByText('Advice from is required')).toBeTruthy();
    expect(screen.getByText('LA decision date must be a real date in the form YYYY-MM-DD')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /Advice 2 from/ })),
    );
    expect(sent).toBeUndefined();

    await user.type(screen.getByRole('textbox', { name: /Advice 2 from/ }), 'Speech and language therapy');
    await user.selectOptions(screen.getAllByRole('combobox', { name: /Role/ })[1]!, 'health-professional');
    await typeDate(user, /^Received on/, '2026-10-01');
    await typeDate(user, /Advice circulated on/, '2026-10-27');
    await typeDate(user, /Meeting held on/, '2026-11-10');
    await user.selectOptions(screen.getByRole('combobox', { name: 'The meeting’s recommendation' }), 'amend');
    await user.type(screen.getByRole('textbox', { name: /Amendments recommended/ }), 'Add weekly OT');
    await typeDate(user, /Report sent to the LA on/, '2026-11-17');
    await typeDate(user, /LA decision notified on/, '2026-11-20');
    await user.click(screen.getByRole('button', { name: 'Save the review trail' }));

    const message = await screen.findByText('Review trail saved.');
    expect(document.activeElement).toBe(message);
    expect(sent).toEqual({
      expectedETag: '"r1"',
      heldOn: '2026-11-10',
      adviceRequests: [
        {
          from: 'Dr Amy Reed',
          role: 'educational-psychologist',
          requestedOn: '2026-09-01',
          receivedOn: '2026-10-01',
        },
        { from: 'Speech and language therapy', role: 'health-professional', requestedOn: TODAY },
      ],
      adviceCirculatedOn: '2026-10-27',
      recommendation: 'amend',
      amendmentsRecommended: 'Add weekly OT',
      reportSentOn: '2026-11-17',
      laDecision: { decision: 'amend', notifiedOn: '2026-11-20' },
    });
  }, 60_000);

  it('shows the server’s refusal on its field, with focus there', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer)),
      apiAnswers.put('*/api/pupils/pupil-1/ehc-plan/reviews/rev-1', () =>
        HttpResponse.json(
          {
            error: {
              code: 'invalidRequest',
              message: 'Check the review',
              fields: [{ path: 'reportSentOn', message: 'Report sent date cannot be before the meeting' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const user = await openTrail();
    await typeDate(user, /Meeting held on/, '2026-11-10');
    await typeDate(user, /Report sent to the LA on/, '2026-11-09');
    await user.click(screen.getByRole('button', { name: 'Save the review trail' }));
    expect(await screen.findByText('Report sent date cannot be before the meeting')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText(/Report sent to the LA on/)),
    );
  }, 60_000);

  it('shows the review someone else saved meanwhile, with focus on the notice, and keeps the SENCO’s edits', async () => {
    const bodies: { expectedETag?: string }[] = [];
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer)),
      apiAnswers.put('*/api/pupils/pupil-1/ehc-plan/reviews/rev-1', async ({ request }) => {
        const body = (await request.json()) as { expectedETag?: string };
        bodies.push(body);
        if (body.expectedETag === '"r1"') {
          return HttpResponse.json(
            {
              error: { code: 'conflict', message: 'The review record was changed by someone else' },
              current: {
                value: { ...review, heldOn: d('2026-11-11') },
                eTag: '"r9"',
                modifiedBy: 'Sara Patel',
                modifiedAt: '2026-11-23T09:30:00Z',
              },
              changedBy: 'Sara Patel',
              changedAt: '2026-11-23T09:30:00Z',
            },
            { status: 409 },
          );
        }
        return HttpResponse.json(buildReviewAnswer(review, '"r10"'));
      }),
    );
    const user = await openTrail();
    await typeDate(user, /Meeting held on/, '2026-11-10');
    await user.click(screen.getByRole('button', { name: 'Save the review trail' }));

    const notice = await screen.findByRole('alert', { name: /Not saved: Sara Patel changed this review/ });
    await waitFor(() => expect(document.activeElement).toBe(notice));
    expect(screen.getByText('Meeting held: 11 November 2026')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Keep my edits' }));
    await user.click(screen.getByRole('button', { name: 'Save the review trail' }));
    expect(await screen.findByText('Review trail saved.')).toBeTruthy();
    expect(bodies.at(-1)).toMatchObject({ heldOn: '2026-11-10', expectedETag: '"r9"' });
  }, 60_000);
});

describe('leaving the review trail unsaved', () => {
  it('keeps the entries and the version they were made from, and brings the form back with them', async () => {
    let sent: unknown;
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer)),
      apiAnswers.put('*/api/pupils/pupil-1/ehc-plan/reviews/rev-1', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(buildReviewAnswer(review));
      }),
    );
    const user = userEvent.setup({ delay: null });
    const first = renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Record the review trail' }));
    await typeDate(user, /Meeting held on/, '2026-11-10');
    await user.type(screen.getByRole('textbox', { name: /Review notes/ }), 'Parents pleased');
    first.unmount();
    // What this browser tab kept, carried into the next render (which starts from fresh storage).
    const kept = new Map<string, string>(Object.entries(sessionStorage));
    expect([...kept.keys()]).toEqual(['sencohub.reviewTrail.rev-1.pupil-1']);
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
      {
        before: () => kept.forEach((v, k) => sessionStorage.setItem(k, v)),
      },
    );
    expect(await screen.findByText(/Your unsaved entries from earlier are back/)).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: /Review notes/ }).value).toBe(
      'Parents pleased',
    );
    expect(screen.getByLabelText<HTMLInputElement>(/Meeting held on/).value).toBe('2026-11-10');
    await user.click(screen.getByRole('button', { name: 'Save the review trail' }));
    await screen.findByText('Review trail saved.');
    expect(sent).toMatchObject({ heldOn: '2026-11-10', notes: 'Parents pleased', expectedETag: '"r1"' });
    // Saved: nothing is kept any more.
    expect(sessionStorage.getItem('sencohub.reviewTrail.rev-1.pupil-1')).toBeNull();
  }, 60_000);
});
