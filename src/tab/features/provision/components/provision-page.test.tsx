// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { interventionCostLine, interventionImpact } from '../../../../domain/provision-analytics.ts';
import type { Intervention } from '../../../../domain/intervention.schema.ts';
import { buildTeacher, d, TODAY } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import type { FullIntervention } from '../api/get-interventions.ts';
import { ProvisionPage } from './provision-page.tsx';

const server = setupApiServer();

const lexia: Intervention = {
  id: 'lexia',
  name: 'Lexia reading catch-up',
  areaOfNeed: 'cognition-and-learning',
  staff: [{ name: 'Charlotte Hill', role: 'Teaching Assistant' }],
  delivery: 'group',
  sessionsPerWeek: 3,
  minutesPerSession: 20,
  costPerHour: 16,
  resourceCost: 0,
  startOn: d('2026-09-07'),
  endOn: d('2026-11-20'),
  measure: { name: 'Reading age (months)', higherIsBetter: true },
  pupils: [
    { pupilId: 'p1', entryMeasure: 100, exitMeasure: 108 },
    { pupilId: 'p2', entryMeasure: 90 },
  ],
};

const full = (i: Intervention): FullIntervention => ({
  ...i,
  access: 'full',
  eTag: '"lexia-1"',
  pupilNames: { p1: 'Reggie Taylor', p2: "Zoë O'Brien" },
  costLine: interventionCostLine(i, TODAY),
  impact: interventionImpact(i, TODAY),
});

const summary = {
  asOf: TODAY,
  totalCost: 176,
  byAreaOfNeed: {
    'cognition-and-learning': 176,
    'communication-and-interaction': 0,
    'social-emotional-and-mental-health': 0,
    'sensory-and-physical': 0,
    uncategorised: 0,
  },
  interventions: [],
};

describe('the provision map', () => {
  it('shows impact and cost per pupil improved, and records an exit score with the new impact at once', async () => {
    let sent: { body: unknown; ifMatch: string | null } | undefined;
    let stored = lexia;
    server.use(
      http.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      http.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(stored)] })),
      http.put('*/api/interventions/lexia/pupils/p2/measures', async ({ request }) => {
        sent = { body: await request.json(), ifMatch: request.headers.get('If-Match') };
        stored = {
          ...lexia,
          pupils: [lexia.pupils[0]!, { pupilId: 'p2', entryMeasure: 90, exitMeasure: 97 }],
        };
        return HttpResponse.json({ intervention: { ...full(stored), eTag: '"lexia-2"' } });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Lexia reading catch-up' });
    expect(within(card).getByText('1 of 1 measured (100%)')).toBeTruthy();

    await user.click(within(card).getByRole('button', { name: "Record measures for Zoë O'Brien" }));
    await user.type(await screen.findByRole('textbox', { name: /Exit Reading age/ }), '97');
    await user.click(screen.getByRole('button', { name: 'Save measures' }));

    await waitFor(() => expect(within(card).getByText('2 of 2 measured (100%)')).toBeTruthy());
    expect(sent).toEqual({
      body: { entryMeasure: 90, exitMeasure: 97, expectedETag: '"lexia-1"' },
      ifMatch: '"lexia-1"',
    });
    expect(screen.getByText("Measures recorded for Zoë O'Brien in Lexia reading catch-up.")).toBeTruthy();
  });

  it('puts the old figures back when the save fails', async () => {
    server.use(
      http.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      http.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(lexia)] })),
      http.put('*/api/interventions/lexia/pupils/p2/measures', () =>
        HttpResponse.json(
          { error: { code: 'internal', message: 'Something went wrong on our side.' } },
          { status: 500 },
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Lexia reading catch-up' });
    await user.click(within(card).getByRole('button', { name: "Record measures for Zoë O'Brien" }));
    await user.type(await screen.findByRole('textbox', { name: /Exit Reading age/ }), '97');
    await user.click(screen.getByRole('button', { name: 'Save measures' }));
    expect(await screen.findByText(/Not saved\. Something went wrong on our side/)).toBeTruthy();
    expect(within(card).getByText('1 of 1 measured (100%)')).toBeTruthy();
  });
});

describe('a teaching assistant’s interventions', () => {
  it('records a session: who attended and who was absent', async () => {
    let body: unknown;
    server.use(
      http.get('*/api/interventions', () =>
        HttpResponse.json({
          interventions: [
            {
              access: 'delivers',
              id: 'elsa',
              name: 'ELSA sessions',
              areaOfNeed: 'social-emotional-and-mental-health',
              delivery: 'individual',
              sessionsPerWeek: 1,
              minutesPerSession: 30,
              startOn: d('2026-09-28'),
              endOn: null,
              measureName: null,
              pupils: [
                { pupilId: 'p1', displayName: 'George Carter', joinedOn: null, leftOn: null },
                { pupilId: 'p2', displayName: 'Poppy Edwards', joinedOn: null, leftOn: null },
              ],
            },
          ],
        }),
      ),
      http.post('*/api/interventions/elsa/sessions', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ recorded: true }, { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { me: buildTeacher(), route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Record a session' }));
    const poppy = await screen.findByRole('radiogroup', { name: 'Poppy Edwards' });
    await user.click(await within(poppy).findByRole('radio', { name: 'Absent' }));
    await user.click(screen.getByRole('button', { name: 'Record session' }));
    expect(
      await screen.findByText(/Session on 2026-11-23 recorded for ELSA sessions: 1 attended, 1 absent/),
    ).toBeTruthy();
    expect(body).toMatchObject({ date: '2026-11-23', attendedPupilIds: ['p1'], absentPupilIds: ['p2'] });
  });
});
