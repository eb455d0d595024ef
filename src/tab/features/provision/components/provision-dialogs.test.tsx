// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { Intervention } from '../../../../domain/intervention.schema.ts';
import { interventionCostLine, interventionImpact } from '../../../../domain/provision-analytics.ts';
import type { FullIntervention } from '../../../../domain/provision-views.ts';
import {
  buildProvisionSummary,
  buildRegisterRow,
  buildSettingsAnswer,
  buildTeacher,
  d,
  TODAY,
} from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { ProvisionPage } from './provision-page.tsx';

/*
 * Every dialog of the provision map, opened as a keyboard or screen reader user opens it: it must be in the
 * accessibility tree (`getByRole` skips anything under aria-hidden) and its first field must have focus.
 * https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/
 */
const server = setupApiServer();

const lexia: Intervention = {
  id: 'lexia',
  name: 'Lexia reading catch-up',
  areaOfNeed: 'cognition-and-learning',
  staff: [{ name: 'Charlotte Hill', role: 'Teaching assistant' }],
  delivery: 'group',
  sessionsPerWeek: 3,
  minutesPerSession: 20,
  costPerHour: 16,
  resourceCost: 0,
  startOn: d('2026-09-07'),
  measure: { name: 'Reading age (months)', higherIsBetter: true },
  pupils: [{ pupilId: 'p1', entryMeasure: 100 }],
};

const full: FullIntervention = {
  ...lexia,
  access: 'full',
  eTag: '"lexia-1"',
  pupilETags: { p1: '"p1-1"' },
  pupilNames: { p1: 'Reggie Taylor' },
  costLine: interventionCostLine(lexia, TODAY),
  impact: interventionImpact(lexia, TODAY),
};

const summary = buildProvisionSummary({ notionalSenBudget: 50_000 });

function answerTheMap() {
  server.use(
    apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
    apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full] })),
    apiAnswers.get('*/api/pupils', () =>
      HttpResponse.json({
        total: 2,
        offset: 0,
        limit: 1000,
        pupils: [
          buildRegisterRow({ id: 'p1', displayName: 'Reggie Taylor' }),
          buildRegisterRow({ id: 'p2', displayName: "Zoë O'Brien" }),
        ],
      }),
    ),
    apiAnswers.get('*/api/settings', () =>
      HttpResponse.json(buildSettingsAnswer({ notionalSenBudget: 50_000 }, { eTag: '"s"' })),
    ),
  );
}

/** The dialog is announced (nothing above it is aria-hidden) and the first field has focus. */
async function expectOpenAndFocused(name: string | RegExp, firstField: (dialog: HTMLElement) => HTMLElement) {
  const dialog = await screen.findByRole('dialog', { name });
  // findByRole waited for it; the dialog must stay in the accessibility tree once its content has loaded.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.getByRole('dialog', { name })).toBe(dialog);
  expect(dialog.closest('[aria-hidden="true"]')).toBeNull();
  await waitFor(() => expect(document.activeElement).toBe(firstField(dialog)));
  return dialog;
}

describe('the provision map’s dialogs, for screen reader and keyboard users', () => {
  it('adding an intervention: the dialog is announced and Name has focus', async () => {
    answerTheMap();
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Add an intervention' }));
    const dialog = await expectOpenAndFocused('Add an intervention', (dlg) =>
      within(dlg).getByRole('textbox', { name: /^Name/ }),
    );
    // Still there once the pupils to choose from have loaded.
    expect(await within(dialog).findByRole('checkbox', { name: 'Reggie Taylor' })).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Add an intervention' })).toBe(dialog);
  });

  it('adding an intervention: pupils are found by typing, and the measure’s direction is asked with a measure', async () => {
    answerTheMap();
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Add an intervention' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an intervention' });
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Reggie Taylor' }));
    expect(within(dialog).getByText('Pupils (1 chosen)')).toBeTruthy();
    await user.type(within(dialog).getByRole('searchbox', { name: 'Find a pupil' }), 'zoe');
    expect(within(dialog).queryByRole('checkbox', { name: 'Reggie Taylor' })).toBeNull();
    expect(within(dialog).getByRole('checkbox', { name: "Zoë O'Brien" })).toBeTruthy();

    expect(within(dialog).queryByRole('checkbox', { name: /Higher is better/ })).toBeNull();
    await user.type(within(dialog).getByRole('textbox', { name: /Entry and exit measure/ }), 'Reading age');
    expect(within(dialog).getByRole('checkbox', { name: /Higher is better/ })).toBeTruthy();
  });

  it('changing an intervention: the dialog is announced and Name has focus', async () => {
    answerTheMap();
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Change Lexia reading catch-up' }));
    await expectOpenAndFocused('Change Lexia reading catch-up', (dlg) =>
      within(dlg).getByRole('textbox', { name: /^Name/ }),
    );
  });

  it('the notional SEN budget: the dialog is announced and the amount has focus', async () => {
    answerTheMap();
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Change notional SEN budget' }));
    await expectOpenAndFocused('Change notional SEN budget', (dlg) =>
      within(dlg).getByRole('textbox', { name: /Notional SEN budget/ }),
    );
  });

  it('recording measures: the dialog is announced and the entry measure has focus', async () => {
    answerTheMap();
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Record measures for Reggie Taylor' }));
    await expectOpenAndFocused(/Reggie Taylor/, (dlg) =>
      within(dlg).getByRole('textbox', { name: /at entry/ }),
    );
  });

  it('recording a session from the map: the dialog is announced and the date has focus', async () => {
    answerTheMap();
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Record a session' }));
    await expectOpenAndFocused('Record a session: Lexia reading catch-up', (dlg) =>
      within(dlg).getByLabelText(/^Date/),
    );
  });

  it('recording a session from a teaching assistant’s list: announced, the date has focus', async () => {
    server.use(
      apiAnswers.get('*/api/interventions', () =>
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
              pupils: [{ pupilId: 'p1', displayName: 'George Carter', joinedOn: null, leftOn: null }],
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { me: buildTeacher(), route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Record a session' }));
    await expectOpenAndFocused('Record a session: ELSA sessions', (dlg) =>
      within(dlg).getByLabelText(/^Date/),
    );
  });
});
