// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../testing/api-answers.ts';
import type { ProvisionSummaryAnswer } from '../../contract/interventions.ts';
import { buildProvisionSummary } from '../testing/builders.ts';
import { renderInTab, setupApiServer } from '../testing/render.tsx';
import { ProvisionCosts } from './provision-costs.tsx';

const server = setupApiServer();

const line = (
  id: string,
  name: string,
  pupilCount: number,
): ProvisionSummaryAnswer['interventions'][number] => ({
  id,
  name,
  areaOfNeed: 'communication-and-interaction',
  pupilCount,
  cost: 116.25 * pupilCount,
  costPerPupil: 116.25,
  measured: 0,
  improved: 0,
  improvedPercent: null,
  attendancePercent: null,
});

describe('provision costs, in the compact list', () => {
  it('counts pupils in words that agree: 1 pupil, 3 pupils', async () => {
    server.use(
      apiAnswers.get('*/api/provision/summary', () =>
        HttpResponse.json(
          buildProvisionSummary({
            totalCost: 465,
            byAreaOfNeed: { ...buildProvisionSummary().byAreaOfNeed, 'communication-and-interaction': 465 },
            interventions: [line('salt', 'Speech and language programme', 1), line('talk', 'Talk Boost', 3)],
          }),
        ),
      ),
    );
    renderInTab(<ProvisionCosts compact />);
    expect(await screen.findByText(/^1 pupil · £116\.25/)).toBeTruthy();
    expect(screen.getByText(/^3 pupils · £348\.75/)).toBeTruthy();
  });
});
