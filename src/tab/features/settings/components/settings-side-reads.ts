import { HttpResponse } from 'msw';
import type { RemindersChannelAnswer, RolesAnswer } from '../../../../contract/settings.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';

/**
 * For tests of the settings form: the screen's other reads answered plainly (no channel chosen, the bot in
 * no team, nobody holding a role), so a test sets up only the settings it is about.
 */
export const plainSideReads = () => [
  apiAnswers.get('*/api/settings/reminders-channel', () =>
    HttpResponse.json({
      channel: null,
      botInstalled: false,
      channelDeleted: false,
      teams: [],
      howToInstall: 'Add it in Teams.',
    } satisfies RemindersChannelAnswer),
  ),
  apiAnswers.get('*/api/settings/roles', () =>
    HttpResponse.json({ roles: [], howToChange: 'In Entra.' } satisfies RolesAnswer),
  ),
];
