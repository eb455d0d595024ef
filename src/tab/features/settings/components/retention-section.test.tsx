// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { RetentionAnswer } from '../../../../contract/retention.ts';
import { buildSettings } from '../../../../domain/testing/builders.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { d } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { RetentionSection } from './retention-section.tsx';

const server = setupApiServer();
const SLOW = 60_000;

beforeEach(() => {
  // The period field reads the settings it saves with.
  server.use(
    apiAnswers.get('*/api/settings', () =>
      HttpResponse.json({
        settings: buildSettings(),
        eTag: '"s1"',
        modifiedAt: '2026-12-01T09:00:00Z',
        modifiedBy: 'Katie Dawson',
      }),
    ),
  );
});

const answer: RetentionAnswer = {
  years: 25,
  withinDays: 30,
  due: [],
  held: [
    {
      pupilId: 'amy',
      name: 'Amy Lowe',
      endsOn: d('2026-10-01'),
      hold: { reason: 'SEND Tribunal appeal lodged', since: d('2026-09-20'), placedBy: 'Katie Dawson' },
    },
  ],
  upcoming: [{ pupilId: 'ben', name: 'Ben Cole', endsOn: d('2026-12-20'), hold: null }],
  rollRead: true,
  settingsETag: '"s1"',
};

describe('Settings › Keeping and deleting records', () => {
  it('shows the period, who falls due soon and who is held, with UK dates', async () => {
    server.use(apiAnswers.get('*/api/retention', () => HttpResponse.json(answer)));
    renderInTab(<RetentionSection />);
    expect(await screen.findByText(/date of birth \+ 25 years/)).toBeTruthy();
    const soon = within(screen.getByRole('region', { name: 'Due in the next 30 days' }));
    expect(soon.getByText('Ben Cole')).toBeTruthy();
    expect(soon.getByText('Period ends 20 December 2026')).toBeTruthy();
    const held = within(screen.getByRole('region', { name: 'Kept by a legal hold' }));
    expect(
      held.getByText(
        'Period ends 1 October 2026 · held since 20 September 2026 by Katie Dawson: SEND Tribunal appeal lodged',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Nobody’s records are due for deletion.')).toBeTruthy();
  });

  it(
    'places a legal hold with its reason, quoting the settings’ version',
    async () => {
      let sent: { body: unknown; ifMatch: string | null } | undefined;
      server.use(
        apiAnswers.get('*/api/retention', () => HttpResponse.json(answer)),
        apiAnswers.put('*/api/retention/holds/ben', async ({ request }) => {
          sent = { body: await request.json(), ifMatch: request.headers.get('If-Match') };
          return HttpResponse.json({
            ...answer,
            upcoming: [
              { ...answer.upcoming[0]!, hold: { reason: 'Claim', since: d('2026-12-03'), placedBy: 'K' } },
            ],
            settingsETag: '"s2"',
          } satisfies RetentionAnswer);
        }),
      );
      const user = userEvent.setup();
      renderInTab(<RetentionSection />);
      await user.click(await screen.findByRole('button', { name: 'Place a legal hold' }));
      const place = screen.getByRole('button', { name: 'Place the hold' });
      expect(place.hasAttribute('disabled')).toBe(true);
      // The reason field has the focus once it opens.
      await user.keyboard('Claim');
      await user.click(place);
      // Ben's row now offers to lift his hold (Amy's hold was there before).
      const soon = within(screen.getByRole('region', { name: 'Due in the next 30 days' }));
      expect(await soon.findByRole('button', { name: 'Lift the hold' })).toBeTruthy();
      expect(sent).toEqual({ body: { reason: 'Claim', expectedETag: '"s1"' }, ifMatch: '"s1"' });
    },
    SLOW,
  );

  it('says nothing is deleted when the roll could not be read', async () => {
    server.use(apiAnswers.get('*/api/retention', () => HttpResponse.json({ ...answer, rollRead: false })));
    renderInTab(<RetentionSection />);
    expect(
      await screen.findByText(/roll could not be read, so nobody is treated as having left/),
    ).toBeTruthy();
  });
});
