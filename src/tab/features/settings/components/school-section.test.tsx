// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { SettingsAnswer } from '../../../../contract/settings.ts';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';
import { buildSettings } from '../../../../domain/testing/builders.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { settingsDifferences } from './settings-merge.tsx';
import { SettingsPage } from './settings-page.tsx';
import { plainSideReads } from './settings-side-reads.ts';

const server = setupApiServer();

/** The settings as read (no school name yet), and every save as sent, answered as saved. */
function settingsServer(settings: DomainSettings) {
  const sent: DomainSettings[] = [];
  server.use(
    apiAnswers.get('*/api/settings', () =>
      HttpResponse.json({
        settings,
        eTag: '"v1"',
        modifiedAt: '2026-12-01T09:00:00Z',
        modifiedBy: 'Katie Dawson',
      } satisfies SettingsAnswer),
    ),
    apiAnswers.put('*/api/settings', async ({ request }) => {
      const body = (await request.json()) as { settings: DomainSettings };
      sent.push(body.settings);
      return HttpResponse.json({
        settings: body.settings,
        eTag: `"v${sent.length + 1}"`,
        modifiedAt: '2026-12-03T08:20:00Z',
        modifiedBy: 'Katie Dawson',
      } satisfies SettingsAnswer);
    }),
    ...plainSideReads(),
  );
  return sent;
}

describe('the school’s name on the settings screen', () => {
  it('asks for it while none is saved, saves what is typed, and stops asking', async () => {
    const sent = settingsServer(buildSettings());
    const user = userEvent.setup();
    renderInTab(<SettingsPage />);
    expect(await screen.findByText('Enter the school’s name')).toBeTruthy();

    await user.type(screen.getByLabelText(/School name/), 'Oakfield Primary School');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(sent[0]!.school.name).toBe('Oakfield Primary School');
    expect(screen.queryByText('Enter the school’s name')).toBeNull();
  });

  it('shows a saved name, and a cleared one is saved as no name', async () => {
    const sent = settingsServer(buildSettings({ school: { name: 'Oakfield Primary School' } }));
    const user = userEvent.setup();
    renderInTab(<SettingsPage />);
    const name = await screen.findByLabelText<HTMLInputElement>(/School name/);
    expect(name.value).toBe('Oakfield Primary School');
    expect(screen.queryByText('Enter the school’s name')).toBeNull();

    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(sent[0]!.school).not.toHaveProperty('name');
    expect(await screen.findByText('Enter the school’s name')).toBeTruthy();
  });

  it('is among what a stale save shows side by side', () => {
    const theirs = buildSettings({ school: { name: 'Oakfield Primary School' } });
    expect(settingsDifferences(theirs, buildSettings())).toContainEqual({
      label: 'School name',
      theirs: 'Oakfield Primary School',
      yours: 'Not entered',
    });
  });
});
