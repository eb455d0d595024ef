// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { Intervention } from '../../../../domain/intervention.schema.ts';
import { interventionCostLine, interventionImpact } from '../../../../domain/provision-analytics.ts';
import type { FullIntervention } from '../../../../domain/provision-views.ts';
import { d, TODAY } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { ProvisionPage } from './provision-page.tsx';

const server = setupApiServer();

const talk: Intervention = {
  id: 'talk',
  name: 'Talk Boost',
  areaOfNeed: 'communication-and-interaction',
  staff: [{ name: 'Hannah Lee', role: 'Teaching assistant', userId: 'hannah' }],
  delivery: 'group',
  sessionsPerWeek: 3,
  minutesPerSession: 30,
  costPerHour: 16,
  resourceCost: 0,
  startOn: d('2026-09-07'),
  pupils: [],
};

const full = (i: Intervention, eTag = '"talk-1"'): FullIntervention => ({
  ...i,
  access: 'full',
  eTag,
  pupilETags: {},
  pupilNames: Object.fromEntries(i.pupils.map((p) => [p.pupilId, p.pupilId])),
  costLine: interventionCostLine(i, TODAY),
  impact: interventionImpact(i, TODAY),
});

const summary = {
  asOf: TODAY,
  totalCost: 0,
  notionalSenBudget: null,
  byAreaOfNeed: {
    'cognition-and-learning': 0,
    'communication-and-interaction': 0,
    'social-emotional-and-mental-health': 0,
    'sensory-and-physical': 0,
    uncategorised: 0,
  },
  interventions: [],
};

describe('changing an intervention', () => {
  it('a stale version shows who changed it, in view and focused; their version loads, or ours is kept', async () => {
    const sent: { name: unknown; ifMatch: string | null }[] = [];
    server.use(
      apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(talk)] })),
      apiAnswers.put('*/api/interventions/talk', async ({ request }) => {
        const body = (await request.json()) as { name: unknown };
        const ifMatch = request.headers.get('If-Match');
        sent.push({ name: body.name, ifMatch });
        if (ifMatch === '"talk-1"') {
          const { pupils: _pupils, ...theirs } = { ...talk, name: 'Talk Boost KS2', sessionsPerWeek: 2 };
          return HttpResponse.json(
            {
              error: { code: 'conflict', message: 'The intervention was changed by someone else.' },
              current: {
                value: theirs,
                eTag: '"talk-2"',
                modifiedAt: '2026-11-23T09:05:00Z',
                modifiedBy: 'Sara Patel',
              },
              changedBy: 'Sara Patel',
              changedAt: '2026-11-23T09:05:00Z',
            },
            { status: 409 },
          );
        }
        return HttpResponse.json({ intervention: full({ ...talk, name: String(body.name) }, '"talk-3"') });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Change Talk Boost' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change Talk Boost' });
    const name = await within(dialog).findByRole('textbox', { name: /^Name/ });
    await user.clear(name);
    await user.type(name, 'Talk Boost (Year 3)');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    const alert = await within(dialog).findByRole('alert', {
      name: 'Not saved: Sara Patel changed this intervention on 23 November 2026 at 09:05 while you were editing.',
    });
    expect(
      within(alert).getByRole('list', { name: 'The intervention as they saved it' }).textContent,
    ).toContain('2 sessions a week of 30 minutes');
    await waitFor(() => expect(document.activeElement).toBe(alert));

    await user.click(within(alert).getByRole('button', { name: 'Load their version' }));
    expect((name as HTMLInputElement).value).toBe('Talk Boost KS2');
    expect(within(dialog).getByRole<HTMLInputElement>('textbox', { name: /Sessions per week/ }).value).toBe(
      '2',
    );
    await user.clear(name);
    await user.type(name, 'Talk Boost (Year 3)');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Talk Boost (Year 3) saved.');
    expect(sent).toEqual([
      { name: 'Talk Boost (Year 3)', ifMatch: '"talk-1"' },
      { name: 'Talk Boost (Year 3)', ifMatch: '"talk-2"' },
    ]);
  }, 60_000);
});

describe('finding a TA for an intervention', () => {
  it('finds staff by name from the server, adds one from the keyboard, removes another, and saves their accounts', async () => {
    const searched: string[] = [];
    let sent: { staff?: unknown } | undefined;
    server.use(
      apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(talk)] })),
      apiAnswers.get('*/api/staff', ({ request }) => {
        const search = new URL(request.url).searchParams.get('search') ?? '';
        searched.push(search);
        return HttpResponse.json({
          staff: [
            { userId: 'jade', name: 'Jade Okafor', jobTitle: 'Teaching assistant' },
            { userId: 'james', name: 'James Price', jobTitle: 'Higher level teaching assistant' },
          ].filter((s) => s.name.toLowerCase().startsWith(search.toLowerCase())),
        });
      }),
      apiAnswers.put('*/api/interventions/talk', async ({ request }) => {
        sent = (await request.json()) as { staff?: unknown };
        return HttpResponse.json({ intervention: full(talk, '"talk-2"') });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Change Talk Boost' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change Talk Boost' });
    // Hannah, named with her account, is listed and can be removed.
    const assigned = within(dialog).getByRole('list', { name: 'TAs who deliver it' });
    expect(within(assigned).getByText('Hannah Lee')).toBeTruthy();

    const find = within(dialog).getByRole('combobox', { name: /Find a TA/ });
    await user.click(find);
    await user.keyboard('Ja');
    await within(dialog).findByText(/2 people found/);
    expect(searched).toContain('Ja');
    // The first match is active as you type; the arrows move through the rest (James, then back to Jade).
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowUp}');
    await user.keyboard('{Enter}');
    expect(within(assigned).getByText('Jade Okafor')).toBeTruthy();
    expect((find as HTMLInputElement).value).toBe('');

    await user.click(within(dialog).getByRole('button', { name: 'Remove Hannah Lee' }));
    expect(within(assigned).queryByText('Hannah Lee')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(find));

    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Talk Boost saved.');
    // Back on the button that opened the dialog, not on the page's body.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change Talk Boost' })),
    );
    // Hannah still runs it by name, without her account; Jade is named with hers.
    expect(sent?.staff).toEqual([
      { name: 'Hannah Lee', role: 'Teaching assistant' },
      { name: 'Jade Okafor', role: 'Teaching assistant', userId: 'jade' },
    ]);
  }, 60_000);
});
