// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { BROAD_AREAS_OF_NEED, SEN_NEED_CODES } from '../../../../domain/needs.ts';
import { buildRegisterSummary, TODAY } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { RegisterNumbers } from './register-numbers.tsx';

const server = setupApiServer();

const none = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, { count: 0, percent: 0 }])) as Record<
    K,
    { count: number; percent: number }
  >;
const group = (roll: number, senSupport: number, ehcPlan: number) => ({
  roll,
  senSupport,
  ehcPlan,
  sen: { count: senSupport + ehcPlan, percent: Math.round(((senSupport + ehcPlan) / roll) * 1000) / 10 },
});

/** A school of 120: 60 in each of two classes of Year 6 and Year 5, 18 on the register. */
const summary = buildRegisterSummary({
  on: TODAY,
  roll: 120,
  byStatus: {
    N: { count: 102, percent: 85 },
    K: { count: 14, percent: 11.7 },
    E: { count: 4, percent: 3.3 },
  },
  senCount: 18,
  notOnRoll: 0,
  byPrimaryNeed: {
    ...none(SEN_NEED_CODES),
    SLCN: { count: 10, percent: 55.6 },
    ASD: { count: 8, percent: 44.4 },
  },
  bySecondaryNeed: none(SEN_NEED_CODES),
  byBroadArea: { ...none(BROAD_AREAS_OF_NEED), 'communication-and-interaction': { count: 18, percent: 100 } },
  byYearGroup: [
    { yearGroup: 'Y5', ...group(60, 6, 1) },
    { yearGroup: 'Y6', ...group(60, 8, 3) },
  ],
  // In the order the server keeps them (by id), not the order a school lists them.
  byClass: [
    { classId: 'a1', displayName: 'Year 6 Alder', yearGroup: 'Y6', ...group(30, 4, 2) },
    { classId: 'b2', displayName: 'Reception Oak', yearGroup: 'R', ...group(30, 3, 0) },
    { classId: 'c3', displayName: 'Year 5 Yew', yearGroup: 'Y5', ...group(60, 6, 1) },
    { classId: 'd4', displayName: 'Year 6 Ash', yearGroup: 'Y6', ...group(30, 4, 1) },
  ],
});

describe('the register in numbers, for the headteacher', () => {
  beforeEach(() => {
    server.use(apiAnswers.get('*/api/register/summary', () => HttpResponse.json(summary)));
  });

  it('gives each status as a share of the whole roll', async () => {
    renderInTab(<RegisterNumbers byYearGroup />);
    const tiles = await screen.findByRole('list', { name: 'Pupils on roll by SEN status' });
    expect(within(tiles).getByText('SEN support (K): 11.7% of the roll')).toBeTruthy();
    expect(within(tiles).getByText('No SEN (N): 85% of the roll')).toBeTruthy();
    expect(screen.getByText(/on roll,/).textContent).toBe(
      'Of 120 pupils on roll, 18 (15%) are on the SEN register.',
    );
  });

  it('breaks the roll down by year group, with a total, and by class', async () => {
    renderInTab(<RegisterNumbers byYearGroup />);
    const years = await screen.findByRole('table', { name: 'SEN register by year group' });
    const yearRows = within(years)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(yearRows).toEqual([
      'YearRollSEN supportEHC planSEN (% of year)',
      'Year 5606111.7%',
      'Year 6608318.3%',
      'All years12014415%',
    ]);
    const classes = screen.getByRole('table', { name: 'SEN register by class' });
    expect(
      within(classes)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'ClassRollSEN supportEHC planSEN (% of class)',
      'Reception Oak303010%',
      'Year 5 Yew606111.7%',
      'Year 6 Alder304220%',
      'Year 6 Ash304116.7%',
    ]);
  });

  it('leaves the breakdowns out where only the headline numbers are wanted', async () => {
    renderInTab(<RegisterNumbers />);
    await screen.findByRole('list', { name: 'Pupils on roll by SEN status' });
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists classes by year, then by name', async () => {
    renderInTab(<RegisterNumbers byYearGroup />);
    const table = await screen.findByRole('table', { name: 'SEN register by class' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Reception Oak',
      'Year 5 Yew',
      'Year 6 Alder',
      'Year 6 Ash',
    ]);
  });
});
