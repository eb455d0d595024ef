// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { AccessArrangementRecord, AccessArrangementsAnswer } from '../../../../contract/exam-access.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { d } from '../../../testing/builders.ts';
import { refusal } from '../../../testing/error-answers.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { ExamAccessSection } from './exam-access-section.tsx';

const server = setupApiServer();
// Dialogs with many fields are slow to render in jsdom on a loaded machine.
const SLOW = 60_000;
const PATH = '*/api/pupils/pupil-1/access-arrangements';

const extraTime: AccessArrangementRecord = {
  arrangement: {
    id: 'aa-1',
    pupilId: 'pupil-1',
    arrangement: 'extra-time-25',
    route: 'aao',
    status: 'approved',
    regulationsAcademicYear: 2026,
    normalWayOfWorkingEvidence: 'Uses extra time in class tests',
    form8: {
      assessedOn: d('2026-10-01'),
      scores: [
        { test: 'DASH', standardisedScore: 80 },
        { test: 'TOWRE', standardisedScore: 82 },
      ],
    },
    approvedOn: d('2026-10-20'),
    expiresOn: d('2028-10-20'),
  },
  eTag: '"e1"',
  modifiedAt: '2026-10-20T09:00:00Z',
  modifiedBy: 'Katie Dawson',
  issues: [],
};

const answer: AccessArrangementsAnswer = {
  pupilId: 'pupil-1',
  arrangements: [extraTime],
  unrecordedOnPassport: ['Uses a laptop for extended writing'],
};

const show = (body: AccessArrangementsAnswer = answer) =>
  server.use(apiAnswers.get(PATH, () => HttpResponse.json(body)));
const render = () => renderInTab(<ExamAccessSection pupilId="pupil-1" />);

describe('exam access arrangements on the pupil page', () => {
  it('lists each with its status and expiry in words, and the passport lines not recorded', async () => {
    show();
    render();
    const list = await screen.findByRole('list', { name: 'Exam access arrangements' });
    expect(list.textContent).toContain('25% extra time');
    expect(list.textContent).toContain('Approved, applied through AAO, expires 20 October 2028');
    expect(
      screen.getByText(/On the passport but not recorded: Uses a laptop for extended writing/),
    ).toBeTruthy();
  });

  it(
    'names the field in plain words and focuses it, sending nothing',
    async () => {
      show();
      let sent = 0;
      server.use(apiAnswers.post(PATH, () => void sent++));
      render();
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: 'Record an arrangement' }));
      const dialog = screen.getByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Add a standardised score' }));
      await user.type(within(dialog).getByRole('textbox', { name: 'Test 1' }), 'DASH');
      await user.type(within(dialog).getByRole('textbox', { name: 'Standardised score 1' }), '200');
      await user.click(within(dialog).getByRole('button', { name: 'Save the arrangement' }));
      expect(await within(dialog).findByText('Access arrangement is not recognised')).toBeTruthy();
      expect(within(dialog).getByText('Standardised score must be at most 160')).toBeTruthy();
      expect(
        within(dialog).getByText('Form 8 assessment date must be a real date in the form YYYY-MM-DD'),
      ).toBeTruthy();
      await waitFor(() =>
        expect(document.activeElement).toBe(within(dialog).getByRole('combobox', { name: /Arrangement/ })),
      );
      expect(sent).toBe(0);
    },
    SLOW,
  );

  it(
    'records a passport line as an arrangement: the body sent, then focus on what happened',
    async () => {
      show();
      let body: Record<string, unknown> | undefined;
      server.use(
        apiAnswers.post(PATH, async ({ request }) => {
          body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json(
            {
              ...extraTime,
              arrangement: { ...extraTime.arrangement, id: 'aa-2', arrangement: 'word-processor' },
            },
            { status: 201 },
          );
        }),
      );
      render();
      const user = userEvent.setup({ delay: null });
      await user.click(
        await screen.findByRole('button', { name: 'Record it: Uses a laptop for extended writing' }),
      );
      const dialog = screen.getByRole('dialog');
      await user.selectOptions(within(dialog).getByRole('combobox', { name: /Approval status/ }), 'approved');
      await user.type(within(dialog).getByLabelText('Expires on'), '2027-07-31');
      await user.click(within(dialog).getByRole('button', { name: 'Save the arrangement' }));
      const status = await screen.findByText('Word processor recorded.');
      await waitFor(() => expect(document.activeElement).toBe(status));
      expect(body).toEqual({
        arrangement: 'word-processor',
        route: 'delegated',
        status: 'approved',
        regulationsAcademicYear: 2026,
        normalWayOfWorkingEvidence: 'Uses a laptop for extended writing',
        expiresOn: '2027-07-31',
      });
    },
    SLOW,
  );

  it(
    'on a 409 shows their version, focused, keeps the entries and saves over it when asked',
    async () => {
      show();
      const sent: { ifMatch: string | null; body: Record<string, unknown> }[] = [];
      server.use(
        apiAnswers.put(`${PATH}/aa-1`, async ({ request }) => {
          sent.push({
            ifMatch: request.headers.get('If-Match'),
            body: (await request.json()) as Record<string, unknown>,
          });
          if (sent.length === 1)
            return refusal.conflict({
              value: { ...extraTime.arrangement, status: 'withdrawn', normalWayOfWorkingEvidence: 'Stopped' },
              eTag: '"e2"',
              modifiedAt: '2026-11-22T10:00:00Z',
              modifiedBy: 'Sara Patel',
            });
          return HttpResponse.json({ ...extraTime, eTag: '"e3"' });
        }),
      );
      render();
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: 'Change 25% extra time' }));
      const dialog = screen.getByRole('dialog');
      const evidence = within(dialog).getByRole('textbox', { name: /normal way of working/ });
      await user.clear(evidence);
      await user.paste('Used in all mocks');
      await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
      const notice = await within(dialog).findByRole('alert', {
        name: /Not saved: Sara Patel changed this arrangement/,
      });
      await waitFor(() => expect(document.activeElement).toBe(notice));
      const theirs = within(dialog).getByRole('list', { name: 'The arrangement as they saved it' });
      expect(theirs.textContent).toMatch(/25% extra time, withdrawn.*Evidence: Stopped/);
      expect(within(dialog).getByRole('button', { name: 'Save changes' })).toHaveProperty('disabled', true);
      expect(sent[0]).toMatchObject({ ifMatch: '"e1"', body: { expectedETag: '"e1"' } });
      await user.click(
        within(dialog).getByRole('button', { name: 'Keep my entries and save over their version' }),
      );
      expect(within(dialog).getByRole('textbox', { name: /normal way of working/ })).toHaveProperty(
        'value',
        'Used in all mocks',
      );
      await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
      expect(await screen.findByText('25% extra time saved.')).toBeTruthy();
      expect(sent[1]).toMatchObject({
        ifMatch: '"e2"',
        body: { expectedETag: '"e2"', normalWayOfWorkingEvidence: 'Used in all mocks' },
      });
    },
    SLOW,
  );
});
