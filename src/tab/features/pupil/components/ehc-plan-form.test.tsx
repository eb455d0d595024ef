// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { EhcPlanAnswer } from '../../../../contract/ehc-plans.ts';
import type { EhcPlan } from '../../../../domain/ehc-plan.schema.ts';
import { d, TODAY } from '../../../testing/builders.ts';
import { WithPupilParts } from '../../../app/pupil-page.tsx';
import { buildEhcPlan, buildEhcPlanAnswer, buildTimeline } from '../../../testing/ehc-plan-answers.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { EhcPlanSection } from './ehc-plan-section.tsx';

const server = setupApiServer();

const plan = buildEhcPlan({
  issuedOn: d('2026-11-01'),
  outcomes: [{ area: 'cognition-and-learning', outcome: 'Reads a Year 4 text' }],
});

function answer(value: EhcPlan | null, eTag = '"v1"'): EhcPlanAnswer {
  if (!value) return { pupilId: 'pupil-1', today: TODAY, plan: null, timeline: null };
  return buildEhcPlanAnswer(value, { eTag, timeline: buildTimeline({ reviewDueBy: d('2027-10-31') }) });
}

beforeEach(() => {
  sessionStorage.clear();
  // The tab also lists needs assessment requests: none here.
  server.use(
    apiAnswers.get('*/api/pupils/:pupilId/needs-assessments', () =>
      HttpResponse.json({ pupilId: 'pupil-1', today: TODAY, assessments: [] }),
    ),
  );
});

describe('recording an EHC plan', () => {
  it('checks the form with the contract’s schema, names the field and takes focus to it, then saves', async () => {
    let sent: unknown;
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer(null))),
      apiAnswers.post('*/api/pupils/pupil-1/ehc-plan', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(answer({ ...plan, localAuthority: 'Devon' }), { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Record the EHC plan' }));
    // Focus starts on the first choice.
    expect(document.activeElement).toBe(
      screen.getByRole('radio', { name: /A new plan after an EHC needs assessment/ }),
    );

    await user.click(screen.getByRole('button', { name: 'Record the plan' }));
    const la = screen.getByRole('textbox', { name: /Local authority/ });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/Assessment date/)));
    expect(screen.getByText('Local authority is required')).toBeTruthy();
    expect(screen.getByText('Assessment date is required for a plan from a needs assessment')).toBeTruthy();

    await user.type(la, 'Devon');
    await user.click(screen.getByLabelText(/Assessment date/));
    await user.paste('2026-10-01');
    await user.type(
      screen.getByRole('textbox', { name: /^Plan co-ordinator \*?$|^Plan co-ordinator$/ }),
      'Pat Officer',
    );
    await user.click(screen.getByRole('button', { name: 'Add outcome' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Area of need' })),
    );
    await user.type(screen.getByRole('textbox', { name: /Outcome 1/ }), 'Asks for help in class');
    await user.click(screen.getByRole('button', { name: 'Record the plan' }));

    const saved = await screen.findByText(
      /EHC plan recorded\. The annual review is due by 31 October 2027\./,
    );
    expect(document.activeElement).toBe(saved);
    expect(sent).toMatchObject({
      localAuthority: 'Devon',
      coordinator: { name: 'Pat Officer' },
      origin: 'needs-assessment',
      issuedOn: TODAY,
      lastAssessedOn: '2026-10-01',
      outcomes: [{ area: 'cognition-and-learning', outcome: 'Asks for help in class' }],
    });
  }, 60_000);

  it('keeps unsaved edits as a draft when the tab is left, and brings them back', async () => {
    server.use(apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer(null))));
    const user = userEvent.setup({ delay: null });
    const first = renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Record the EHC plan' }));
    await user.type(screen.getByRole('textbox', { name: /Local authority/ }), 'Devon');
    first.unmount();
    // What this browser tab kept, carried into the next render (which starts from fresh storage).
    const kept = new Map<string, string>(Object.entries(sessionStorage));
    expect([...kept.keys()]).toEqual(['sencohub.ehcPlanDraft.record.pupil-1']);
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
      {
        before: () => kept.forEach((v, k) => sessionStorage.setItem(k, v)),
      },
    );
    expect(await screen.findByText(/Your unsaved entries from earlier are back/)).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: /Local authority/ }).value).toBe('Devon');
  }, 60_000);
});

describe('amending an EHC plan', () => {
  it('shows what someone else saved meanwhile, with focus on it, and lets the SENCO keep their edits', async () => {
    const bodies: unknown[] = [];
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/ehc-plan', () => HttpResponse.json(answer(plan))),
      apiAnswers.put('*/api/pupils/pupil-1/ehc-plan', async ({ request }) => {
        const body = (await request.json()) as { expectedETag?: string };
        bodies.push(body);
        if (body.expectedETag === '"v1"') {
          return HttpResponse.json(
            {
              error: { code: 'conflict', message: 'The EHC plan was changed by someone else' },
              current: {
                value: { ...plan, placement: 'Hillside Academy' },
                eTag: '"v2"',
                modifiedBy: 'Sara Patel',
                modifiedAt: '2026-11-23T10:00:00Z',
              },
              changedBy: 'Sara Patel',
              changedAt: '2026-11-23T10:00:00Z',
            },
            { status: 409 },
          );
        }
        return HttpResponse.json(answer({ ...plan, placement: 'Riverside' }, '"v3"'));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(
      <WithPupilParts>
        <EhcPlanSection pupilId="pupil-1" />
      </WithPupilParts>,
    );
    await user.click(await screen.findByRole('button', { name: 'Amend or re-issue' }));
    await user.type(screen.getByRole('textbox', { name: /Placement/ }), 'Riverside');
    await user.click(screen.getByRole('button', { name: 'Save the change' }));

    const notice = await screen.findByRole('alert', { name: /Not saved: Sara Patel changed this plan/ });
    await waitFor(() => expect(document.activeElement).toBe(notice));
    expect(screen.getByText('Placement: Hillside Academy')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Keep my edits' }));
    await user.click(screen.getByRole('button', { name: 'Save the change' }));
    expect(await screen.findByText(/EHC plan amended\./)).toBeTruthy();
    expect(bodies.at(-1)).toMatchObject({ placement: 'Riverside', change: 'amended', expectedETag: '"v2"' });
  }, 60_000);
});
