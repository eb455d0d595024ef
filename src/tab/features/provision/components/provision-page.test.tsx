// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { interventionCostLine, interventionImpact } from '../../../../domain/provision-analytics.ts';
import type { Intervention } from '../../../../domain/intervention.schema.ts';
import type { ProvisionSummaryAnswer } from '../../../../contract/interventions.ts';
import type { SaveSettingsBody } from '../../../../contract/settings.ts';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import {
  buildMe,
  buildProvisionSummary,
  buildSettingsAnswer,
  buildTeacher,
  d,
  TODAY,
} from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import type { FullIntervention } from '../../../../domain/provision-views.ts';
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
  pupilETags: { p1: '"p1-1"', p2: '"p2-1"' },
  pupilNames: { p1: 'Reggie Taylor', p2: "Zoë O'Brien" },
  costLine: interventionCostLine(i, TODAY),
  impact: interventionImpact(i, TODAY),
});

const costs = buildProvisionSummary({
  totalCost: 176,
  byAreaOfNeed: { ...buildProvisionSummary().byAreaOfNeed, 'cognition-and-learning': 176 },
});
const summary = costs;

describe('the provision map', () => {
  it('shows sessions offered against attended, and the notes staff left with sessions', async () => {
    const attended: Intervention = {
      ...lexia,
      pupils: [
        { pupilId: 'p1', sessionsAttended: 27, sessionsOffered: 30 },
        { pupilId: 'p2', sessionsAttended: 24, sessionsOffered: 30 },
      ],
    };
    server.use(
      apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/interventions', () =>
        HttpResponse.json({
          interventions: [
            {
              ...full(attended),
              sessionNotes: [
                { date: d('2026-11-19'), recordedBy: 'Charlotte Hill', note: 'Zoë needed a break halfway' },
                {
                  date: d('2026-11-18'),
                  sessionNumber: 2,
                  recordedBy: 'Charlotte Hill',
                  note: 'Afternoon group: quieter',
                },
              ],
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Lexia reading catch-up' });
    expect(within(card).getByText('85%')).toBeTruthy();
    expect(within(card).getByText(/attended 27 of 30/)).toBeTruthy();
    await user.click(within(card).getByText('Notes from sessions (2)'));
    const notes = within(card).getByRole('list', { name: 'Notes from sessions of Lexia reading catch-up' });
    expect(within(notes).getByText('19 November 2026, Charlotte Hill')).toBeTruthy();
    expect(within(notes).getByText('18 November 2026 (session 2), Charlotte Hill')).toBeTruthy();
    expect(within(notes).getByText('Zoë needed a break halfway')).toBeTruthy();
  });

  it('shows impact and cost per pupil improved, and records an exit score with the new impact at once', async () => {
    let sent: { body: unknown; ifMatch: string | null } | undefined;
    let stored = lexia;
    server.use(
      apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(stored)] })),
      apiAnswers.put('*/api/interventions/lexia/pupils/p2/measures', async ({ request }) => {
        sent = { body: await request.json(), ifMatch: request.headers.get('If-Match') };
        stored = {
          ...lexia,
          pupils: [lexia.pupils[0]!, { pupilId: 'p2', entryMeasure: 90, exitMeasure: 97 }],
        };
        return HttpResponse.json({
          intervention: { ...full(stored), pupilETags: { p1: '"p1-1"', p2: '"p2-2"' } },
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Lexia reading catch-up' });
    expect(within(card).getByText('1 of 1 measured (100%)')).toBeTruthy();

    await user.click(within(card).getByRole('button', { name: "Record measures for Zoë O'Brien" }));
    await user.type(await screen.findByRole('textbox', { name: /Reading age.* at exit/ }), '97');
    await user.click(screen.getByRole('button', { name: 'Save measures' }));

    await waitFor(() => expect(within(card).getByText('2 of 2 measured (100%)')).toBeTruthy());
    expect(sent).toEqual({
      body: { entryMeasure: 90, exitMeasure: 97, leftOn: null, expectedETag: '"p2-1"' },
      ifMatch: '"p2-1"',
    });
    expect(screen.getByText("Measures recorded for Zoë O'Brien in Lexia reading catch-up.")).toBeTruthy();
  });

  it('puts the old figures back when the save fails', async () => {
    server.use(
      apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(lexia)] })),
      apiAnswers.put('*/api/interventions/lexia/pupils/p2/measures', () =>
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
    await user.type(await screen.findByRole('textbox', { name: /Reading age.* at exit/ }), '97');
    await user.click(screen.getByRole('button', { name: 'Save measures' }));
    expect(await screen.findByText(/Not saved\. Something went wrong on our side/)).toBeTruthy();
    expect(within(card).getByText('1 of 1 measured (100%)')).toBeTruthy();
  });

  it('says who changed the measures meanwhile, and loads their figures or saves over them knowingly', async () => {
    const sent: { exitMeasure: unknown; ifMatch: string | null }[] = [];
    const theirs = { pupilId: 'p2', entryMeasure: 90, exitMeasure: 94 };
    let stored = lexia;
    server.use(
      apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(stored)] })),
      apiAnswers.put('*/api/interventions/lexia/pupils/p2/measures', async ({ request }) => {
        const body = (await request.json()) as { exitMeasure: unknown };
        const ifMatch = request.headers.get('If-Match');
        sent.push({ exitMeasure: body.exitMeasure, ifMatch });
        if (ifMatch === '"p2-1"') {
          return HttpResponse.json(
            {
              error: { code: 'conflict', message: 'The intervention record for this pupil was changed.' },
              current: {
                value: theirs,
                eTag: '"p2-2"',
                modifiedAt: '2026-11-23T10:15:00Z',
                modifiedBy: 'Sara Patel',
              },
              changedBy: 'Sara Patel',
              changedAt: '2026-11-23T10:15:00Z',
            },
            { status: 409 },
          );
        }
        stored = { ...lexia, pupils: [lexia.pupils[0]!, { ...theirs, exitMeasure: 97 }] };
        return HttpResponse.json({
          intervention: { ...full(stored), pupilETags: { p1: '"p1-1"', p2: '"p2-3"' } },
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Lexia reading catch-up' });
    await user.click(within(card).getByRole('button', { name: "Record measures for Zoë O'Brien" }));
    const exit = await screen.findByRole('textbox', { name: /Reading age.* at exit/ });
    await user.type(exit, '97');
    await user.click(screen.getByRole('button', { name: 'Save measures' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Changed by Sara Patel on 23 November 2026 at 10:15')).toBeTruthy();
    expect(alert.textContent).toMatch(/They recorded entry 90, exit 94\. Your figures are still here/);
    // The optimistic figures went back: only the first pupil is measured.
    expect(within(card).getByText('1 of 1 measured (100%)')).toBeTruthy();

    await user.click(within(alert).getByRole('button', { name: 'Load their figures' }));
    expect((exit as HTMLInputElement).value).toBe('94');
    await user.clear(exit);
    await user.type(exit, '97');
    await user.click(screen.getByRole('button', { name: 'Save measures' }));
    await waitFor(() => expect(within(card).getByText('2 of 2 measured (100%)')).toBeTruthy());
    expect(sent).toEqual([
      { exitMeasure: 97, ifMatch: '"p2-1"' },
      { exitMeasure: 97, ifMatch: '"p2-2"' },
    ]);
  });

  it('undoes a recording by putting the figures back, quoting the version the save made', async () => {
    const bodies: unknown[] = [];
    server.use(
      apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(lexia)] })),
      apiAnswers.put('*/api/interventions/lexia/pupils/p2/measures', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          intervention: { ...full(lexia), pupilETags: { p1: '"p1-1"', p2: `"p2-${bodies.length + 1}"` } },
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Lexia reading catch-up' });
    await user.click(within(card).getByRole('button', { name: "Record measures for Zoë O'Brien" }));
    await user.type(await screen.findByRole('textbox', { name: /Reading age.* at exit/ }), '97');
    await user.click(screen.getByRole('button', { name: 'Save measures' }));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({ entryMeasure: 90, exitMeasure: null, leftOn: null, expectedETag: '"p2-2"' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull());
  });

  it('sends an emptied measure as null, which clears it', async () => {
    let body: unknown;
    server.use(
      apiAnswers.get('*/api/provision/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(lexia)] })),
      apiAnswers.put('*/api/interventions/lexia/pupils/p1/measures', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ intervention: full(lexia) });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Lexia reading catch-up' });
    await user.click(within(card).getByRole('button', { name: 'Record measures for Reggie Taylor' }));
    await user.clear(await screen.findByRole('textbox', { name: /Reading age.* at exit/ }));
    await user.click(screen.getByRole('button', { name: 'Save measures' }));
    await waitFor(() =>
      expect(body).toEqual({ entryMeasure: 100, exitMeasure: null, leftOn: null, expectedETag: '"p1-1"' }),
    );
  });
});

describe('the notional SEN budget', () => {
  const line: ProvisionSummaryAnswer['interventions'][number] = {
    id: 'lexia',
    name: 'Lexia reading catch-up',
    areaOfNeed: 'cognition-and-learning',
    pupilCount: 2,
    cost: 176,
    costPerPupil: 88,
    measured: 1,
    improved: 1,
    improvedPercent: 100,
    attendancePercent: null,
  };
  const summary = { ...costs, interventions: [line] };

  it('lets the SENCO set it, quoting the settings’ version, and shows the share used', async () => {
    let budget: number | null = null;
    let sent: { body: unknown; ifMatch: string | null } | undefined;
    server.use(
      apiAnswers.get('*/api/provision/summary', () =>
        HttpResponse.json({ ...summary, notionalSenBudget: budget }),
      ),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(lexia)] })),
      apiAnswers.get('*/api/settings', () =>
        HttpResponse.json(buildSettingsAnswer({}, { eTag: '"settings-4"' })),
      ),
      apiAnswers.put('*/api/settings', async ({ request }) => {
        const body = (await request.json()) as SaveSettingsBody;
        sent = { body, ifMatch: request.headers.get('If-Match') };
        budget = body.settings.notionalSenBudget ?? null;
        return HttpResponse.json(
          buildSettingsAnswer(
            { notionalSenBudget: body.settings.notionalSenBudget },
            { eTag: '"settings-5"', modifiedAt: '2026-11-23T09:00:00Z', modifiedBy: 'Katie Dawson' },
          ),
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Whole-school cost' });
    expect(await within(card).findByText('Not recorded in SENCO Hub yet')).toBeTruthy();

    await user.click(within(card).getByRole('button', { name: 'Set notional SEN budget' }));
    const amount = await screen.findByRole('textbox', {
      name: /Notional SEN budget for this financial year/,
    });
    await user.type(amount, '£8,800');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));

    expect(await within(card).findByText('£8,800 (2% used)')).toBeTruthy();
    expect(sent).toEqual({
      body: {
        settings: { ...buildSettingsAnswer().settings, notionalSenBudget: 8800 },
        expectedETag: '"settings-4"',
      },
      ifMatch: '"settings-4"',
    });
    expect(await within(card).findByRole('button', { name: 'Change notional SEN budget' })).toBeTruthy();
  });

  it('refuses an amount that is not in pounds', async () => {
    server.use(
      apiAnswers.get('*/api/provision/summary', () =>
        HttpResponse.json({ ...summary, notionalSenBudget: 50_000 }),
      ),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(lexia)] })),
      apiAnswers.get('*/api/settings', () =>
        HttpResponse.json(buildSettingsAnswer({ notionalSenBudget: 50_000 }, { eTag: '"s"' })),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { route: { name: 'provision' } });
    const card = await screen.findByRole('region', { name: 'Whole-school cost' });
    await user.click(await within(card).findByRole('button', { name: 'Change notional SEN budget' }));
    const amount = await screen.findByRole('textbox', {
      name: /Notional SEN budget for this financial year/,
    });
    expect((amount as HTMLInputElement).value).toBe('50000');
    await user.clear(amount);
    await user.type(amount, 'about 50k');
    expect(screen.getByText('Enter an amount in pounds, such as 84000')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save budget' }).hasAttribute('disabled')).toBe(true);
  });

  it('is for the SENCO only: the SEND team sees the budget without the control', async () => {
    server.use(
      apiAnswers.get('*/api/provision/summary', () =>
        HttpResponse.json({ ...summary, notionalSenBudget: 50_000 }),
      ),
      apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [full(lexia)] })),
    );
    renderInTab(<ProvisionPage />, {
      me: buildMe({
        roles: ['SendTeam'],
        can: { fullRecords: true, aggregates: true, settings: false, auditLog: false },
      }),
      route: { name: 'provision' },
    });
    const card = await screen.findByRole('region', { name: 'Whole-school cost' });
    expect(await within(card).findByText(/^£50,000 \(/)).toBeTruthy();
    expect(within(card).queryByRole('button', { name: /notional SEN budget/ })).toBeNull();
  });
});

describe('a teaching assistant’s interventions', () => {
  it('records a session: who attended and who was absent', async () => {
    let body: unknown;
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
              pupils: [
                { pupilId: 'p1', displayName: 'George Carter', joinedOn: null, leftOn: null },
                { pupilId: 'p2', displayName: 'Poppy Edwards', joinedOn: null, leftOn: null },
              ],
            },
          ],
        }),
      ),
      apiAnswers.post('*/api/interventions/elsa/sessions', async ({ request }) => {
        body = await request.json();
        const session = body as { date: CalendarDate; attendedPupilIds: string[]; absentPupilIds: string[] };
        return HttpResponse.json(
          { interventionId: 'elsa', ...session, recordedBy: 'Charlotte Hill' },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<ProvisionPage />, { me: buildTeacher(), route: { name: 'provision' } });
    await user.click(await screen.findByRole('button', { name: 'Record a session' }));
    const poppy = await screen.findByRole('radiogroup', { name: 'Poppy Edwards' });
    // By its label: a role query over the open dialog can outlast the wait on a loaded CI machine.
    await user.click(await within(poppy).findByLabelText('Absent'));
    await user.click(screen.getByRole('button', { name: 'Record session' }));
    expect(
      await screen.findByText(/Session on 23 November 2026 recorded for ELSA sessions: 1 attended, 1 absent/),
    ).toBeTruthy();
    expect(body).toMatchObject({
      date: '2026-11-23',
      sessionNumber: 1,
      attendedPupilIds: ['p1'],
      absentPupilIds: ['p2'],
    });

    // The afternoon group the same day is a second session, not a correction of the first.
    await user.click(await screen.findByRole('button', { name: 'Record a session' }));
    await user.selectOptions(await screen.findByRole('combobox', { name: /Session that day/ }), 'Second');
    await user.click(screen.getByRole('button', { name: 'Record session' }));
    expect(
      await screen.findByText(/Second session on 23 November 2026 recorded for ELSA sessions: 2 attended/),
    ).toBeTruthy();
    expect(body).toMatchObject({ date: '2026-11-23', sessionNumber: 2, attendedPupilIds: ['p1', 'p2'] });
  });
});
