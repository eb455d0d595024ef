// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { CeaseView } from '../../../../contract/ehc-plans.ts';
import type { EhcPlan } from '../../../../domain/ehc-plan.schema.ts';
import { d, TODAY } from '../../../testing/builders.ts';
import { buildEhcPlan, buildEhcPlanAnswer, buildReviewAnswer } from '../../../testing/ehc-plan-answers.ts';
import { WithPupilParts } from '../../../app/pupil-page.tsx';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { EhcPlanSection } from './ehc-plan-section.tsx';

const server = setupApiServer();

const plan = buildEhcPlan();

const cease: CeaseView = {
  decision: { notifiedOn: d('2026-11-02'), reason: 'no-longer-necessary' },
  lastDayToAppeal: d('2027-01-04'),
  mayCeaseFrom: d('2027-01-05'),
};

const answer = (value: EhcPlan, ceaseView: CeaseView | null = null, eTag = '"p1"') =>
  buildEhcPlanAnswer(value, { cease: ceaseView, eTag });

async function typeDate(user: ReturnType<typeof userEvent.setup>, label: RegExp, value: string) {
  const input = screen.getByLabelText(label);
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

describe('recording a decision to cease', () => {
  it('names the fields at fault with focus on the first, then sends the decision from the plan’s version', async () => {
    let sent: unknown;
    let stored = answer(plan);
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(stored)),
      apiAnswers.put('*/api/pupils/pupil-1/ehc-plan/cease-decision', async ({ request }) => {
        sent = await request.json();
        stored = answer({ ...plan, ceaseDecision: cease.decision }, cease, '"p2"');
        return HttpResponse.json(stored);
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Record a decision to cease' }));
    const notified = screen.getByLabelText(/The LA notified the decision on/);
    expect(document.activeElement).toBe(notified);
    await user.click(screen.getByRole('button', { name: 'Save the decision' }));
    expect(
      await screen.findByText('Cease decision date must be a real date in the form YYYY-MM-DD'),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'Reason must be that the LA is no longer responsible or the plan is no longer necessary',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(notified));
    expect(sent).toBeUndefined();

    await typeDate(user, /The LA notified the decision on/, '2026-11-02');
    await user.click(screen.getByRole('radio', { name: /no longer necessary/ }));
    await typeDate(user, /Mediation certificate issued on/, '2026-11-16');
    await user.click(screen.getByRole('button', { name: 'Save the decision' }));

    const message = await screen.findByText(
      'Decision to cease saved. The last day to appeal is 4 January 2027.',
    );
    expect(document.activeElement).toBe(message);
    expect(sent).toEqual({
      notifiedOn: '2026-11-02',
      reason: 'no-longer-necessary',
      mediationCertificateOn: '2026-11-16',
      expectedETag: '"p1"',
    });
    expect(screen.getByText(/The plan may end from 5 January 2027\./)).toBeTruthy();
  }, 60_000);

  it('shows that someone else changed the plan meanwhile, with focus on the notice', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer(plan))),
      apiAnswers.put('*/api/pupils/pupil-1/ehc-plan/cease-decision', () =>
        HttpResponse.json(
          {
            error: { code: 'conflict', message: 'The EHC plan was changed by someone else' },
            current: {
              value: plan,
              eTag: '"p9"',
              modifiedBy: 'Sara Patel',
              modifiedAt: '2026-11-23T09:30:00Z',
            },
            changedBy: 'Sara Patel',
            changedAt: '2026-11-23T09:30:00Z',
          },
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Record a decision to cease' }));
    await typeDate(user, /The LA notified the decision on/, '2026-11-02');
    await user.click(screen.getByRole('radio', { name: /no longer responsible/ }));
    await user.click(screen.getByRole('button', { name: 'Save the decision' }));
    const notice = await screen.findByRole('alert', { name: /Not saved: Sara Patel changed this plan/ });
    await waitFor(() => expect(document.activeElement).toBe(notice));
  }, 60_000);
});

describe('ending the plan', () => {
  it('says when the plan may end, and shows the server’s refusal of an earlier date on the field', async () => {
    const bodies: unknown[] = [];
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () =>
        HttpResponse.json(answer({ ...plan, ceaseDecision: cease.decision }, cease)),
      ),
      apiAnswers.post('*/api/pupils/pupil-1/ehc-plan/cessation', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(
          {
            error: {
              code: 'invalidRequest',
              message: 'Check the end date',
              fields: [
                {
                  path: 'ceasedOn',
                  message:
                    'End date cannot be before 5 January 2027: the plan must be kept until the time to appeal has passed',
                },
              ],
            },
          },
          { status: 400 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    expect(await screen.findByText(/The plan may end from 5 January 2027\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'End the plan' }));
    const endDate = screen.getByLabelText(/End date/);
    expect(document.activeElement).toBe(endDate);
    await user.click(screen.getByRole('button', { name: 'End the plan' }));
    expect(
      await screen.findByText(/End date cannot be before 5 January 2027: the plan must be kept/),
    ).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(endDate));
    expect(bodies).toEqual([{ ceasedOn: TODAY, expectedETag: '"p1"' }]);
  }, 60_000);
});

describe('ending the plan once it may end', () => {
  it('says the plan ended, with focus on the message, though the form is gone from the plan as now stored', async () => {
    let stored = answer(
      { ...plan, ceaseDecision: cease.decision },
      { ...cease, mayCeaseFrom: d('2026-12-01') },
    );
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(stored)),
      apiAnswers.post('*/api/pupils/pupil-1/ehc-plan/cessation', () => {
        stored = answer({ ...plan, ceaseDecision: cease.decision, ceasedOn: TODAY }, null, '"p2"');
        return HttpResponse.json(stored);
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'End the plan' }));
    await user.click(screen.getByRole('button', { name: 'End the plan' }));
    const message = await screen.findByText(/^The EHC plan ended on .+\.$/);
    expect(document.activeElement).toBe(message);
    expect(sessionStorage.length).toBe(0);
  }, 60_000);
});

describe('withdrawing the decision to cease', () => {
  it('sends the withdrawal from the plan’s version and shows the plan continuing', async () => {
    let sent: unknown;
    let stored = answer({ ...plan, ceaseDecision: cease.decision }, cease);
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(stored)),
      apiAnswers.post('*/api/pupils/pupil-1/ehc-plan/cease-decision/withdrawal', async ({ request }) => {
        sent = await request.json();
        stored = answer(
          {
            ...plan,
            changes: [
              {
                kind: 'cease-decision-withdrawn',
                on: d('2026-12-01'),
                recordedAt: '2026-12-03T09:00:00Z',
                recordedBy: 'Katie Dawson',
              },
            ],
          },
          null,
          '"p2"',
        );
        return HttpResponse.json(stored);
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Withdraw the decision' }));
    const withdrawnOn = screen.getByLabelText(/Withdrawn on/);
    expect(document.activeElement).toBe(withdrawnOn);
    await typeDate(user, /Withdrawn on/, '2026-12-01');
    await user.type(screen.getByRole('textbox', { name: /Why/ }), 'Appeal allowed by the Tribunal');
    await user.click(screen.getByRole('button', { name: 'Withdraw the decision' }));
    const message = await screen.findByText('Decision to cease withdrawn: the plan continues.');
    expect(document.activeElement).toBe(message);
    expect(sent).toEqual({
      withdrawnOn: '2026-12-01',
      summary: 'Appeal allowed by the Tribunal',
      expectedETag: '"p1"',
    });
    expect(screen.queryByText(/The LA decided to cease the plan/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Record a decision to cease' })).toBeTruthy();
  }, 60_000);
});

describe('leaving a cease form unsaved', () => {
  it('keeps the decision’s entries with the plan’s version, and reopens the form with them', async () => {
    server.use(apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer(plan))));
    const user = userEvent.setup({ delay: null });
    const first = renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Record a decision to cease' }));
    await typeDate(user, /The LA notified the decision on/, '2026-11-02');
    await user.click(screen.getByRole('radio', { name: /no longer necessary/ }));
    first.unmount();
    const kept = new Map<string, string>(Object.entries(sessionStorage));
    expect([...kept.keys()]).toEqual(['sencohub.ceaseDraft.decision.pupil-1']);
    expect(JSON.parse(kept.get('sencohub.ceaseDraft.decision.pupil-1')!)).toMatchObject({ eTag: '"p1"' });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
      {
        before: () => kept.forEach((v, k) => sessionStorage.setItem(k, v)),
      },
    );
    expect(await screen.findByText(/Your unsaved entries from earlier are back/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/The LA notified the decision on/).value).toBe(
      '2026-11-02',
    );
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /no longer necessary/ }).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(sessionStorage.length).toBe(0);
  }, 60_000);
});

describe('a review held without a booking', () => {
  it('records the day it was held and who came, so the trail can follow', async () => {
    let sent: unknown;
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer(plan))),
      apiAnswers.post('*/api/pupils/pupil-1/ehc-plan/reviews', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          buildReviewAnswer(
            {
              id: 'rev-9',
              kind: 'annual',
              meetingOn: d('2026-11-25'),
              heldOn: d('2026-11-25'),
              invitees: [],
              adviceRequests: [],
              preparingForAdulthoodOnAgenda: false,
            },
            '"r1"',
          ),
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Record a review held without a booking' }));
    expect(document.activeElement).toBe(screen.getByLabelText(/Held on/));
    await user.click(screen.getByRole('button', { name: 'Record the review' }));
    expect(await screen.findByText('Meeting date must be a real date in the form YYYY-MM-DD')).toBeTruthy();
    expect(sent).toBeUndefined();
    await typeDate(user, /Held on/, '2026-11-25');
    await user.type(screen.getByRole('textbox', { name: 'Attendee 1' }), 'Jo Parent');
    await user.click(screen.getByRole('button', { name: 'Add someone who attended' }));
    const third = screen.getByRole('textbox', { name: 'Attendee 3' });
    // Focus moves on the next frame, once the new row is drawn.
    await waitFor(() => expect(document.activeElement).toBe(third));
    await user.type(third, 'Sam Officer');
    await user.selectOptions(screen.getAllByRole('combobox', { name: 'Role' })[2]!, 'LA SEN officer');
    await user.click(screen.getByRole('button', { name: 'Record the review' }));
    const message = await screen.findByText(/Annual review held on 25 November 2026 recorded/);
    expect(document.activeElement).toBe(message);
    // The form's own id for the record: a second send finds the review the first one made.
    expect(sent).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'annual',
      meetingOn: '2026-11-25',
      heldOn: '2026-11-25',
      attendees: [
        { name: 'Jo Parent', role: 'parent-or-young-person' },
        { name: 'Katie Dawson', role: 'senco' },
        { name: 'Sam Officer', role: 'la-sen-officer' },
      ],
      adviceRequests: [],
    });
  }, 60_000);
});
