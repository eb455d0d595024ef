import { sharedKeys } from '../../../api/query-keys.ts';
import { provisionSummaryKey } from '../../../api/provision-summary.ts';

/** The provision map's query keys, under the shared provision root (the home view reads its summary). */
export const provisionKeys = {
  all: sharedKeys.provision,
  interventions: [...sharedKeys.provision, 'interventions'] as const,
  pupilChoices: [...sharedKeys.provision, 'interventions', 'pupil-choices'] as const,
  summary: provisionSummaryKey,
  schoolSettings: sharedKeys.schoolSettings,
  staffSearch: (text: string) => ['staff-search', text.toLowerCase()] as const,
};
