// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { ExternalProfessional } from '../../../../domain/professional.schema.ts';
import type { ReferralView, ReferralsAnswer } from '../../../../contract/professionals.ts';
import { d } from '../../../testing/builders.ts';
import { WithPupilParts } from '../../../app/pupil-page.tsx';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { ProfessionalsSection } from './professionals-section.tsx';

const server = setupApiServer();
// Dialogs are slow to render in jsdom on a loaded machine.
const SLOW = 60_000;

const overdue: ReferralView = {
  id: 'ref-1',
  pupilId: 'pupil-1',
  service: 'educational-psychologist',
  sentOn: d('2026-09-15'),
  question: 'Assessment of working memory',
  responseDueOn: d('2026-11-01'),
  reports: [],
  eTag: '"r1"',
  overdue: true,
  answeredOn: null,
};

function serve(referrals: ReferralView[] = [overdue]) {
  server.use(
    apiAnswers.get('*/api/pupils/pupil-1/professionals', () =>
      HttpResponse.json({ pupilId: 'pupil-1', professionals: [] }),
    ),
    apiAnswers.get('*/api/pupils/pupil-1/referrals', () =>
      HttpResponse.json({ pupilId: 'pupil-1', referrals } satisfies ReferralsAnswer),
    ),
  );
}
const render = () =>
  renderInTab(
    <WithPupilParts>
      <ProfessionalsSection pupilId="pupil-1" />
    </WithPupilParts>,
  );

describe('professionals and referrals on the pupil page', () => {
  it('lists referrals with UK dates and marks the overdue ones', async () => {
    serve([overdue, { ...overdue, id: 'ref-2', service: 'camhs', overdue: false }]);
    render();
    const items = within(await screen.findByRole('list', { name: 'Referrals' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Educational psychology Response overdue');
    expect(items[0]!.textContent).toContain('Sent 15 September 2026, response due 1 November 2026');
    expect(items[1]!.textContent).not.toContain('overdue');
  });

  it(
    'adds a professional linked to the pupil: names a missing field first, then sends the body',
    async () => {
      serve();
      let body: Record<string, unknown> | undefined;
      server.use(
        apiAnswers.post('*/api/professionals', async ({ request }) => {
          body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json({ professional: body as ExternalProfessional }, { status: 201 });
        }),
      );
      render();
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: 'Add a professional' }));
      const dialog = screen.getByRole('dialog');
      await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Dr Ann Lee');
      await user.click(within(dialog).getByRole('button', { name: 'Add the professional' }));
      expect(await within(dialog).findByText('Profession is not recognised')).toBeTruthy();
      expect(within(dialog).getByText('Organisation is required')).toBeTruthy();
      await waitFor(() =>
        expect(document.activeElement).toBe(within(dialog).getByRole('combobox', { name: /Profession/ })),
      );
      expect(body).toBeUndefined();
      await user.selectOptions(
        within(dialog).getByRole('combobox', { name: /Profession/ }),
        'educational-psychologist',
      );
      await user.type(within(dialog).getByRole('textbox', { name: /Organisation/ }), 'County EP service');
      await user.type(within(dialog).getByRole('textbox', { name: /Email/ }), 'ann.lee@example.org');
      await user.click(within(dialog).getByRole('button', { name: 'Add the professional' }));
      const status = await screen.findByText('Dr Ann Lee added.');
      await waitFor(() => expect(document.activeElement).toBe(status));
      expect(body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Dr Ann Lee',
        profession: 'educational-psychologist',
        organisation: 'County EP service',
        email: 'ann.lee@example.org',
        pupilId: 'pupil-1',
      });
    },
    SLOW,
  );

  it(
    'records a referral with the date sent, what was asked and when a response is due',
    async () => {
      serve([]);
      let body: Record<string, unknown> | undefined;
      server.use(
        apiAnswers.post('*/api/pupils/pupil-1/referrals', async ({ request }) => {
          body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json({ referral: { ...overdue, overdue: false } }, { status: 201 });
        }),
      );
      render();
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: 'Record a referral' }));
      const dialog = screen.getByRole('dialog');
      await user.selectOptions(within(dialog).getByRole('combobox', { name: /Service/ }), 'camhs');
      await user.click(within(dialog).getByRole('textbox', { name: /What was asked/ }));
      await user.paste('Anxiety about school');
      await user.type(within(dialog).getByLabelText(/Response due/), '2027-01-15');
      await user.click(within(dialog).getByRole('button', { name: 'Save the referral' }));
      await screen.findByText('Referral recorded.');
      expect(body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        service: 'camhs',
        sentOn: '2026-11-23',
        question: 'Anxiety about school',
        responseDueOn: '2027-01-15',
      });
    },
    SLOW,
  );

  it(
    'on a 409 for a report shows what is stored now, focused, and adds the report to their version',
    async () => {
      serve();
      const sent: { ifMatch: string | null; body: Record<string, unknown> }[] = [];
      const theirs = { ...overdue, reports: [{ receivedOn: d('2026-11-20'), title: 'Interim letter' }] };
      server.use(
        apiAnswers.put('*/api/pupils/pupil-1/referrals/ref-1', async ({ request }) => {
          sent.push({
            ifMatch: request.headers.get('If-Match'),
            body: (await request.json()) as Record<string, unknown>,
          });
          if (sent.length === 1)
            return HttpResponse.json(
              {
                error: { code: 'conflict', message: 'Changed' },
                current: {
                  value: theirs,
                  eTag: '"r2"',
                  modifiedBy: 'Sara Patel',
                  modifiedAt: '2026-11-22T10:00:00Z',
                },
                changedBy: 'Sara Patel',
                changedAt: '2026-11-22T10:00:00Z',
              },
              { status: 409 },
            );
          return HttpResponse.json({ referral: { ...theirs, eTag: '"r3"' } });
        }),
      );
      render();
      const user = userEvent.setup({ delay: null });
      await user.click(
        await screen.findByRole('button', { name: 'Record a report received: Educational psychology' }),
      );
      const dialog = screen.getByRole('dialog');
      await user.click(within(dialog).getByRole('textbox', { name: /Report title/ }));
      await user.paste('EP report');
      await user.click(within(dialog).getByRole('button', { name: 'Save the report' }));
      const notice = await within(dialog).findByRole('alert', {
        name: 'Not saved: Sara Patel changed this referral on 22 November 2026 at 10:00 while you were editing.',
      });
      await waitFor(() => expect(document.activeElement).toBe(notice));
      const stored = within(notice).getByRole('list', { name: 'The referral as they saved it' });
      expect(
        within(stored)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['1 report received: Interim letter (20 November 2026)', 'Open']);
      expect(within(dialog).getByRole('textbox', { name: /Report title/ })).toHaveProperty(
        'value',
        'EP report',
      );
      expect(sent[0]).toMatchObject({ ifMatch: '"r1"', body: { reports: [{ title: 'EP report' }] } });
      await user.click(within(notice).getByRole('button', { name: 'Add my entries to their version' }));
      const save = within(dialog).getByRole('button', { name: 'Save the report' });
      await waitFor(() => expect(document.activeElement).toBe(save));
      await user.click(within(dialog).getByRole('button', { name: 'Save the report' }));
      await screen.findByText('Report recorded.');
      expect(sent[1]).toMatchObject({
        ifMatch: '"r2"',
        body: {
          expectedETag: '"r2"',
          reports: [{ title: 'Interim letter' }, { title: 'EP report', receivedOn: '2026-11-23' }],
        },
      });
    },
    SLOW,
  );
});
