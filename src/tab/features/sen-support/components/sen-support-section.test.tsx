// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type {
  ClassSenSupportPlanAnswer,
  FullSenSupportPlanAnswer,
} from '../../../../contract/sen-support-plans.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { d } from '../../../testing/builders.ts';
import { refusal } from '../../../testing/error-answers.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { SenSupportSection } from './sen-support-section.tsx';

const server = setupApiServer();

const answer: FullSenSupportPlanAnswer = {
  access: 'full',
  pupilId: 'pupil-1',
  plan: {
    id: 'plan-1',
    pupilId: 'pupil-1',
    layer: 'targeted',
    cycles: [
      {
        id: 'cycle-1',
        startedOn: d('2024-09-10'),
        assessment: 'Reading age 18 months below.',
        pupilViews: 'I like stories.',
        outcomes: [
          { description: 'Reads 20 more words', provision: ['Precision teaching 3 × 10 minutes'] },
          { description: 'Blends CVC words' },
        ],
        provision: [],
        reviewOn: d('2026-12-12'),
        parentMeetings: [],
      },
    ],
  },
  eTag: '"e1"',
  modifiedAt: '2026-11-01T09:00:00Z',
  modifiedBy: 'Katie Dawson',
  reviewStep: null,
  parentReviewCadence: { academicYear: 2026, held: 1, required: 3, expectedByNow: 0, status: 'on-track' },
  pastParentReviewYears: [
    { academicYear: 2025, held: 2, required: 3, expectedByNow: 3, status: 'missed' },
    { academicYear: 2024, held: 3, required: 3, expectedByNow: 3, status: 'met' },
  ],
  proposedReviewOn: d('2027-02-26'),
};

const PATH = '*/api/pupils/pupil-1/sen-support-plan';
const show = (body: FullSenSupportPlanAnswer | ClassSenSupportPlanAnswer = answer) =>
  server.use(apiAnswers.get(PATH, () => HttpResponse.json(body)));
const render = () => renderInTab(<SenSupportSection pupilId="pupil-1" pupilName="Ben Carter" />);

describe('parent meetings on the SEN support plan', () => {
  it('shows this year’s pace and each past year as met or missed, newest first', async () => {
    show();
    render();
    expect(await screen.findByText(/1 of 3 held \(0 expected by now\)/)).toBeTruthy();
    const past = screen.getByRole('list', { name: 'Parent meetings in past years' });
    expect(
      within(past)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['2025/26: 2 of 3 held. Missed.', '2024/25: 3 of 3 held. Met.']);
  });

  it('lists no past years for a plan begun this year', async () => {
    show({ ...answer, pastParentReviewYears: [] });
    render();
    await screen.findByText(/1 of 3 held/);
    expect(screen.queryByRole('list', { name: 'Parent meetings in past years' })).toBeNull();
  });
});

describe('recording a review', () => {
  it('checks the entries with the server’s schema before sending, naming each field', async () => {
    show();
    let sent = 0;
    server.use(apiAnswers.post(`${PATH}/reviews`, () => void sent++));
    render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Record the review' }));
    await user.click(screen.getByRole('button', { name: 'Save the review' }));
    expect((await screen.findAllByText('Choose the progress made towards each outcome')).length).toBe(2);
    expect(screen.getByText('Say who attended the review')).toBeTruthy();
    expect(screen.getByText('What was agreed is required')).toBeTruthy();
    expect(sent).toBe(0);
  });

  it('sends progress for each outcome with the parent meeting and the next review, then says so with focus on it', async () => {
    show();
    let body: Record<string, unknown> | undefined;
    let ifMatch: string | null = null;
    server.use(
      apiAnswers.post(`${PATH}/reviews`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        ifMatch = request.headers.get('If-Match');
        return HttpResponse.json({ ...answer, eTag: '"e2"' });
      }),
    );
    render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Record the review' }));
    const dialog = screen.getByRole('dialog');
    const progress = within(dialog).getAllByRole('combobox', { name: /Progress/ });
    await user.selectOptions(progress[0]!, 'achieved');
    await user.selectOptions(progress[1]!, 'partly');
    await user.type(within(dialog).getByRole('textbox', { name: /Who attended/ }), 'Mother{Enter}SENCO');
    await user.type(
      within(dialog).getByRole('textbox', { name: /What was agreed/ }),
      'Keep the phonics group',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save the review' }));
    const status = await screen.findByText('Review and parent meeting saved.');
    await waitFor(() => expect(document.activeElement).toBe(status));
    expect(ifMatch).toBe('"e1"');
    expect(body).toMatchObject({
      cycleId: 'cycle-1',
      progress: [{ achieved: 'achieved' }, { achieved: 'partly' }],
      parentMeeting: { attendees: ['Mother', 'SENCO'], agreed: 'Keep the phonics group' },
      nextReviewOn: '2027-02-26',
      expectedETag: '"e1"',
    });
  });

  it('on a stale version shows their plan in view, focused, keeps the entries, and saves over it on Keep my edits', async () => {
    const theirs = { ...answer, eTag: '"e9"', modifiedBy: 'Sara Patel' };
    let served = answer;
    const sent: { ifMatch: string | null; body: Record<string, unknown> }[] = [];
    server.use(
      apiAnswers.get(PATH, () => HttpResponse.json(served)),
      apiAnswers.post(`${PATH}/parent-meetings`, async ({ request }) => {
        sent.push({
          ifMatch: request.headers.get('If-Match'),
          body: (await request.json()) as Record<string, unknown>,
        });
        if (sent.length > 1) return HttpResponse.json(theirs);
        served = theirs;
        return refusal.conflict(
          { value: theirs.plan, eTag: '"e9"', modifiedAt: '2026-11-20T10:00:00Z', modifiedBy: 'Sara Patel' },
          'changed',
        );
      }),
    );
    const scrolled: Element[] = [];
    Object.defineProperty(Element.prototype, 'scrollIntoView', {
      configurable: true,
      value: function (this: Element) {
        scrolled.push(this);
      },
    });
    try {
      render();
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: 'Record a parent meeting' }));
      const dialog = screen.getByRole('dialog');
      await user.type(within(dialog).getByRole('textbox', { name: /Who attended/ }), 'Father');
      await user.type(
        within(dialog).getByRole('textbox', { name: /What was agreed/ }),
        'Reading app at home',
      );
      await user.click(within(dialog).getByRole('button', { name: 'Save the meeting' }));
      const notice = await within(dialog).findByRole('alert', {
        name: 'Not saved: Sara Patel changed this plan on 20 November 2026 at 10:00 while you were editing.',
      });
      await waitFor(() => expect(document.activeElement).toBe(notice));
      expect(scrolled).toContain(notice);
      const stored = within(notice).getByRole('list', { name: 'The plan as they saved it' });
      expect(stored.textContent).toContain('Review date: 12 December 2026');
      expect(stored.textContent).toContain('Outcome 1: Reads 20 more words');
      expect(within(dialog).getByRole('textbox', { name: /What was agreed/ })).toHaveProperty(
        'value',
        'Reading app at home',
      );
      // Nothing of theirs to load into a new meeting: only keeping the entries is offered.
      expect(within(notice).queryByRole('button', { name: 'Use theirs' })).toBeNull();
      await user.click(within(notice).getByRole('button', { name: 'Keep my edits' }));
      const save = within(dialog).getByRole('button', { name: 'Save the meeting' });
      await waitFor(() => expect(document.activeElement).toBe(save));
      await user.click(save);
      await screen.findByText('Parent meeting saved.');
      expect(sent.map((s) => s.ifMatch)).toEqual(['"e1"', '"e9"']);
      expect(sent[1]!.body).toMatchObject({ agreed: 'Reading app at home', expectedETag: '"e9"' });
    } finally {
      Reflect.deleteProperty(Element.prototype, 'scrollIntoView');
    }
  });

  it('on a stale version of the plan puts their plan into the form on Use theirs', async () => {
    const theirPlan = {
      ...answer.plan!,
      cycles: [{ ...answer.plan!.cycles[0]!, assessment: 'Reading age 12 months below (retested).' }],
    };
    const theirs = { ...answer, plan: theirPlan, eTag: '"e9"' };
    let served = answer;
    server.use(
      apiAnswers.get(PATH, () => HttpResponse.json(served)),
      apiAnswers.put(PATH, () => {
        served = theirs;
        return refusal.conflict(
          { value: theirPlan, eTag: '"e9"', modifiedAt: '2026-11-20T10:00:00Z', modifiedBy: 'Sara Patel' },
          'changed',
        );
      }),
    );
    render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Change the plan' }));
    const dialog = screen.getByRole('dialog');
    const assessment = within(dialog).getByRole('textbox', { name: /Assess: what we know/ });
    await user.clear(assessment);
    await user.type(assessment, 'Mine');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const notice = await within(dialog).findByRole('alert');
    await user.click(within(notice).getByRole('button', { name: 'Use theirs' }));
    await waitFor(() => expect(within(dialog).queryByRole('alert')).toBeNull());
    expect(within(dialog).getByRole('textbox', { name: /Assess: what we know/ })).toHaveProperty(
      'value',
      'Reading age 12 months below (retested).',
    );
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  });

  it('keeps unsaved entries when the page is left and opened again', async () => {
    show();
    const first = render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Record a parent meeting' }));
    await user.type(screen.getByRole('textbox', { name: /What was agreed/ }), 'Half-written');
    const draft = sessionStorage.getItem('sencohub.parentMeeting.pupil-1');
    first.unmount();
    renderInTab(<SenSupportSection pupilId="pupil-1" pupilName="Ben Carter" />, {
      before: () => sessionStorage.setItem('sencohub.parentMeeting.pupil-1', draft ?? ''),
    });
    await user.click(await screen.findByRole('button', { name: 'Record a parent meeting' }));
    expect(screen.getByRole('textbox', { name: /What was agreed/ })).toHaveProperty('value', 'Half-written');
  });
});

describe('the plan for parents and for class staff', () => {
  it('shows a printable plan with the layer, the views and each outcome’s support, heading focused', async () => {
    show();
    render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Printable plan for parents' }));
    const heading = screen.getByRole('heading', { level: 1, name: 'SEN support plan: Ben Carter' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const paper = screen.getByRole('article');
    expect(within(paper).getByText('Targeted')).toBeTruthy();
    expect(within(paper).getByText('I like stories.')).toBeTruthy();
    expect(within(paper).getByText('Precision teaching 3 × 10 minutes')).toBeTruthy();
    expect(within(paper).getByText('12 December 2026')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to the plan' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Printable plan for parents' })),
    );
  });

  it('offers to write a plan when there is none', async () => {
    show({ ...answer, plan: null, eTag: null, parentReviewCadence: null, pastParentReviewYears: [] });
    render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Write the plan' }));
    await user.click(screen.getByRole('button', { name: 'Save the plan' }));
    expect(
      await screen.findByText('Layer of support must be universal, targeted, targeted plus or specialist'),
    ).toBeTruthy();
    expect(screen.getByText('What we know (assessment) is required')).toBeTruthy();
  });

  it('shows class staff the outcomes and the support, nothing to change', async () => {
    const classAnswer: ClassSenSupportPlanAnswer = {
      access: 'class',
      pupilId: 'pupil-1',
      classPlan: {
        layer: 'targeted',
        startedOn: d('2026-09-10'),
        reviewOn: d('2026-12-12'),
        pupilViews: null,
        outcomes: [{ description: 'Reads 20 more words', measure: null, provision: ['Precision teaching'] }],
      },
    };
    show(classAnswer);
    render();
    expect(await screen.findByText('Reads 20 more words')).toBeTruthy();
    expect(screen.getByText(/Precision teaching/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record the review' })).toBeNull();
  });
});
