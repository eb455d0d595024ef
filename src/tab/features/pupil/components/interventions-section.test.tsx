// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { PupilIntervention, PupilInterventionsAnswer } from '../../../../contract/pupils.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { InterventionsSection } from './interventions-section.tsx';

const server = setupApiServer();

function buildPupilIntervention(overrides: Partial<PupilIntervention> = {}): PupilIntervention {
  return {
    id: 'int-1',
    name: 'Reading recovery',
    areaOfNeed: 'cognition-and-learning',
    delivery: 'one-to-one',
    staff: [{ name: 'Jo Hart', role: 'Teaching assistant' }],
    startOn: '2026-09-07',
    endOn: null,
    measureName: 'Reading age (months)',
    participation: { pupilId: 'pupil-1', entryMeasure: 84, exitMeasure: 90 },
    costShare: 120,
    ...overrides,
  } as PupilIntervention;
}

function serve(...interventions: PupilIntervention[]) {
  server.use(
    apiAnswers.get('*/api/pupils/pupil-1/interventions', () =>
      HttpResponse.json({ pupilId: 'pupil-1', interventions } satisfies PupilInterventionsAnswer),
    ),
  );
}

/** The value a description list gives for a term. */
const valueOf = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;

describe('a pupil’s interventions', () => {
  it('names the measures as the provision map does: “… at entry” and “… at exit”', async () => {
    serve(buildPupilIntervention());
    renderInTab(<InterventionsSection pupilId="pupil-1" />);
    await screen.findByRole('region', { name: 'Reading recovery' });
    expect(valueOf('Reading age (months) at entry')).toBe('84');
    expect(valueOf('Reading age (months) at exit')).toBe('90');
    expect(screen.queryByText(/^Entry /)).toBeNull();
  });

  it('calls an unnamed measure a score, and says when it is not recorded', async () => {
    serve(buildPupilIntervention({ measureName: null, participation: { pupilId: 'pupil-1' } }));
    renderInTab(<InterventionsSection pupilId="pupil-1" />);
    await screen.findByRole('region', { name: 'Reading recovery' });
    expect(valueOf('Score at entry')).toBe('Not recorded');
    expect(valueOf('Score at exit')).toBe('Not recorded');
  });
});
