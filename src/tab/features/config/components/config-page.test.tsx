// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import type { HostContext } from '../../../host/teams-host.ts';
import { ConfigPage } from './config-page.tsx';

const teams = vi.hoisted(() => ({
  saveHandler: undefined as
    undefined | ((event: { notifySuccess: () => void; notifyFailure: (r: string) => void }) => void),
  setConfig: vi.fn(() => Promise.resolve()),
  setValidityState: vi.fn(),
  notifySuccess: vi.fn(() => Promise.resolve()),
}));

vi.mock('@microsoft/teams-js', () => ({
  app: { notifySuccess: teams.notifySuccess, registerOnThemeChangeHandler: vi.fn() },
  pages: {
    config: {
      registerOnSaveHandler: (handler: typeof teams.saveHandler) => {
        teams.saveHandler = handler;
      },
      setConfig: teams.setConfig,
      setValidityState: teams.setValidityState,
    },
  },
}));

const host = (inTeams: boolean): HostContext => ({
  inTeams,
  theme: 'default',
  teamGroupId: inTeams ? 'class-rowan' : undefined,
  subPageId: undefined,
  loginHint: undefined,
  tenantId: undefined,
  frameContext: inTeams ? 'settings' : undefined,
});

const show = (inTeams: boolean) =>
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ConfigPage host={host(inTeams)} />
    </FluentProvider>,
  );

describe('the class tab’s configuration page', () => {
  it('explains what the tab will show, and to whom', () => {
    show(false);
    expect(screen.getByRole('heading', { level: 1, name: 'Add SENCO Hub to this team' })).toBeTruthy();
    expect(screen.getByText(/Pupils in the team: nothing/)).toBeTruthy();
    expect(screen.getByText('Open this from Teams')).toBeTruthy();
  });

  it('inside Teams, enables Save and saves the tab with pages.config under the name chosen', async () => {
    const user = userEvent.setup({ delay: null });
    show(true);
    expect(teams.setValidityState).toHaveBeenLastCalledWith(true);
    expect(teams.notifySuccess).toHaveBeenCalled();
    const name = screen.getByRole('textbox', { name: /Tab name/ });
    await user.clear(name);
    expect(teams.setValidityState).toHaveBeenLastCalledWith(false);
    await user.type(name, 'SEND strategies');

    const event = { notifySuccess: vi.fn(), notifyFailure: vi.fn() };
    teams.saveHandler?.(event);
    await vi.waitFor(() => expect(event.notifySuccess).toHaveBeenCalled());
    expect(teams.setConfig).toHaveBeenCalledWith({
      entityId: 'senco-hub-class',
      contentUrl: `${window.location.origin}/?page={page.subPageId}&theme={app.theme}`,
      websiteUrl: `${window.location.origin}/`,
      suggestedDisplayName: 'SEND strategies',
    });
  });

  it('tells Teams why when saving fails', async () => {
    teams.setConfig.mockRejectedValueOnce(new Error('No network'));
    show(true);
    const event = { notifySuccess: vi.fn(), notifyFailure: vi.fn() };
    teams.saveHandler?.(event);
    await vi.waitFor(() => expect(event.notifyFailure).toHaveBeenCalledWith('No network'));
  });
});
