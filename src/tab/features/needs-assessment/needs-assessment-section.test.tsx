// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { useState } from 'react';
import type {
  NeedsAssessmentSavedAnswer,
  NeedsAssessmentsAnswer,
  NeedsAssessmentView,
} from '../../../contract/needs-assessments.ts';
import type { EhcNeedsAssessment } from '../../../domain/ehc-needs-assessment.schema.ts';
import type { TimelineStep } from '../../../domain/timeline-step.ts';
import { apiAnswers } from '../../testing/api-answers.ts';
import { d, TODAY } from '../../testing/builders.ts';
import { refusalOf, refusal } from '../../testing/error-answers.ts';
import { renderInTab, setupApiServer } from '../../testing/render.tsx';
import { NeedsAssessmentSection } from './needs-assessment-section.tsx';

const server = setupApiServer();
const url = '*/api/pupils/pupil-1/needs-assessments';

const request: EhcNeedsAssessment = {
  id: 'na-1',
  pupilId: 'pupil-1',
  requestedBy: 'parent',
  requestedOn: d('2026-10-01'),
  receivedByLaOn: d('2026-10-05'),
  schoolAdvice: { requestedOn: d('2026-10-20') },
  exceptions: [],
};

const decisionStep: TimelineStep = {
  id: 'decision-to-assess-by',
  label: 'LA decides whether to assess',
  due: d('2026-11-16'),
  rule: {
    summary: 'Within 6 weeks of the request.',
    citation: 'SEND Regulations 2014 reg 5(1)',
    basis: 'statute',
  } as TimelineStep['rule'],
  owner: 'local-authority',
  status: 'overdue',
  provisional: false,
  warnings: [],
};
const finalStep: TimelineStep = {
  ...decisionStep,
  id: 'final-plan-by',
  label: 'LA issues the final plan',
  due: d('2027-02-22'),
  status: 'upcoming',
  rule: { ...decisionStep.rule, citation: 'SEND Regulations 2014 reg 13(2)' },
};

function view(
  a: EhcNeedsAssessment,
  eTag = '"v1"',
  timeline = [finalStep, decisionStep],
): NeedsAssessmentView {
  return { assessment: a, eTag, modifiedAt: '2026-11-20T09:00:00Z', modifiedBy: 'Katie Dawson', timeline };
}
const list = (...views: NeedsAssessmentView[]): NeedsAssessmentsAnswer => ({
  pupilId: 'pupil-1',
  today: TODAY,
  assessments: views,
});
const saved = (v: NeedsAssessmentView): NeedsAssessmentSavedAnswer => ({
  pupilId: 'pupil-1',
  today: TODAY,
  saved: v,
});

beforeEach(() => sessionStorage.clear());

describe('the needs assessment section', () => {
  it('shows each request with the clock the server worked out, in UK dates, earliest first', async () => {
    server.use(apiAnswers.get(url, () => HttpResponse.json(list(view(request)))));
    renderInTab(<NeedsAssessmentSection pupilId="pupil-1" />);
    expect(await screen.findByText('Request from a parent, received by the LA 5 October 2026')).toBeTruthy();
    const clock = screen.getByRole('list', { name: 'The LA’s clock, earliest first' });
    const steps = within(clock).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      expect.stringContaining('LA decides whether to assess'),
      expect.stringContaining('LA issues the final plan'),
    ]);
    expect(steps[0]!.textContent).toContain('Due 16 November 2026');
    expect(steps[1]!.textContent).toContain('Due 22 February 2027');
    expect(screen.getByText('Not decided yet')).toBeTruthy();
  });

  it('records a request with the body the contract defines, then says what is next with focus on it', async () => {
    let sent: unknown;
    server.use(
      apiAnswers.get(url, () => HttpResponse.json(list())),
      apiAnswers.post(url, async ({ request: r }) => {
        sent = await r.json();
        return HttpResponse.json(saved(view(request)), { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<NeedsAssessmentSection pupilId="pupil-1" />);
    await user.click(await screen.findByRole('button', { name: 'Record a request' }));
    await user.selectOptions(screen.getByLabelText(/Who requested/), 'parent');
    await user.type(screen.getByLabelText('Date of the request'), '2026-10-01');
    const received = screen.getByLabelText(/Date the LA received it/);
    await user.clear(received);
    await user.type(received, '2026-10-05');
    await user.click(screen.getByRole('button', { name: 'Record the request' }));
    const message = await screen.findByText(
      /Request recorded\. Next: LA decides whether to assess by 16 November 2026\./,
    );
    expect(sent).toEqual({ requestedBy: 'parent', requestedOn: '2026-10-01', receivedByLaOn: '2026-10-05' });
    await waitFor(() => expect(document.activeElement).toBe(message));
  });

  it('names the field at fault and takes focus to it before anything is sent', async () => {
    let posts = 0;
    server.use(
      apiAnswers.get(url, () => HttpResponse.json(list())),
      apiAnswers.post(url, () => {
        posts += 1;
        return refusalOf<'internal'>({
          error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' },
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<NeedsAssessmentSection pupilId="pupil-1" />);
    await user.click(await screen.findByRole('button', { name: 'Record a request' }));
    await user.clear(screen.getByLabelText(/Date the LA received it/));
    await user.click(screen.getByRole('button', { name: 'Record the request' }));
    expect(await screen.findByText(/Date the LA received the request/)).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText(/Date the LA received it/)),
    );
    expect(posts).toBe(0);
  });

  it('records what the LA did from the version shown, keeping what else was recorded', async () => {
    let sent: unknown;
    let ifMatch: string | null = null;
    server.use(
      apiAnswers.get(url, () => HttpResponse.json(list(view(request)))),
      apiAnswers.put(`${url}/na-1`, async ({ request: r }) => {
        sent = await r.json();
        ifMatch = r.headers.get('If-Match');
        const next = {
          ...request,
          decisionToAssess: { decision: 'assess' as const, notifiedOn: d('2026-11-10') },
        };
        return HttpResponse.json(saved(view(next, '"v2"', [{ ...decisionStep, status: 'done' }, finalStep])));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<NeedsAssessmentSection pupilId="pupil-1" />);
    await user.click(await screen.findByRole('button', { name: /Record what the LA did/ }));
    await user.selectOptions(screen.getByLabelText('The LA’s decision on assessing'), 'assess');
    await user.type(screen.getByLabelText(/Date of the decision/), '2026-11-10');
    await user.click(screen.getByRole('button', { name: 'Save what the LA did' }));
    expect(await screen.findByText(/Next: LA issues the final plan by 22 February 2027/)).toBeTruthy();
    expect(ifMatch).toBe('"v1"');
    expect(sent).toEqual({
      requestedBy: 'parent',
      requestedOn: '2026-10-01',
      receivedByLaOn: '2026-10-05',
      decisionToAssess: { decision: 'assess', notifiedOn: '2026-11-10' },
      schoolAdvice: { requestedOn: '2026-10-20' },
      exceptions: [],
      expectedETag: '"v1"',
    });
  });

  it('on a 409 shows what the other person saved, with focus on it, and saves again from their version', async () => {
    const puts: { eTag: unknown; body: Record<string, unknown> }[] = [];
    server.use(
      apiAnswers.get(url, () => HttpResponse.json(list(view(request)))),
      apiAnswers.put(`${url}/na-1`, async ({ request: r }) => {
        const body = (await r.json()) as Record<string, unknown>;
        puts.push({ eTag: body['expectedETag'], body });
        if (puts.length === 1)
          return refusal.conflict(
            {
              value: { ...request, draftPlanServedOn: d('2026-11-18') },
              eTag: '"v2"',
              modifiedAt: '2026-11-22T10:00:00Z',
              modifiedBy: 'Sam Patel',
            },
            'Changed meanwhile',
          );
        return HttpResponse.json(saved(view(request, '"v3"')));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<NeedsAssessmentSection pupilId="pupil-1" />);
    await user.click(await screen.findByRole('button', { name: /Record what the LA did/ }));
    await user.type(screen.getByLabelText('Final plan issued'), '2026-11-20');
    await user.click(screen.getByRole('button', { name: 'Save what the LA did' }));
    const alert = await screen.findByRole('alert', { name: /Not saved: Sam Patel changed this request/ });
    await waitFor(() => expect(document.activeElement).toBe(alert));
    const theirs = screen.getByRole('list', { name: 'The request as they saved it' });
    expect(theirs.textContent).toContain('Draft plan issued: 18 November 2026');
    await user.click(screen.getByRole('button', { name: 'Use theirs' }));
    expect(screen.getByLabelText<HTMLInputElement>('Draft plan issued').value).toBe('2026-11-18');
    await user.click(screen.getByRole('button', { name: 'Save what the LA did' }));
    await screen.findByText(/What the LA did is recorded/);
    expect(puts.map((p) => p.eTag)).toEqual(['"v1"', '"v2"']);
    expect(puts[1]!.body['draftPlanServedOn']).toBe('2026-11-18');
  });

  it('keeps unsaved entries when the SENCO goes elsewhere, and brings the form back with them', async () => {
    server.use(apiAnswers.get(url, () => HttpResponse.json(list(view(request)))));
    function Elsewhere() {
      const [shown, setShown] = useState(true);
      return (
        <>
          <button onClick={() => setShown((x) => !x)}>Switch</button>
          {shown && <NeedsAssessmentSection pupilId="pupil-1" />}
        </>
      );
    }
    const user = userEvent.setup({ delay: null });
    renderInTab(<Elsewhere />);
    await user.click(await screen.findByRole('button', { name: /Record what the LA did/ }));
    await user.type(screen.getByLabelText('Draft plan issued'), '2026-11-18');
    await user.click(screen.getByRole('button', { name: 'Switch' }));
    expect(screen.queryByLabelText('Draft plan issued')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Switch' }));
    expect(await screen.findByText(/Your unsaved entries from earlier are back/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Draft plan issued').value).toBe('2026-11-18');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('button', { name: 'Record a request' })).toBeTruthy();
    expect(sessionStorage.length).toBe(0);
  });
});
