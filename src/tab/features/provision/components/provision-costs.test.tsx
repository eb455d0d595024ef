// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { TODAY } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { ProvisionCosts } from './provision-costs.tsx';

const server = setupApiServer();

const line = (id: string, name: string, pupilCount: number) => ({
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
      http.get('*/api/provision/summary', () =>
        HttpResponse.json({
          asOf: TODAY,
          totalCost: 465,
          byAreaOfNeed: {
            'cognition-and-learning': 0,
            'communication-and-interaction': 465,
            'social-emotional-and-mental-health': 0,
            'sensory-and-physical': 0,
            uncategorised: 0,
          },
          interventions: [line('salt', 'Speech and language programme', 1), line('talk', 'Talk Boost', 3)],
          notionalSenBudget: null,
        }),
      ),
    );
    renderInTab(<ProvisionCosts compact />);
    expect(await screen.findByText(/^1 pupil · £116\.25/)).toBeTruthy();
    expect(screen.getByText(/^3 pupils · £348\.75/)).toBeTruthy();
  });
});
