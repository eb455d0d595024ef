import type { HostContext } from './teams-host.ts';
import { createTabHost, webUrlForPage } from './teams-host.ts';

const teams = vi.hoisted(() => ({ isSupported: vi.fn(() => true), shareDeepLink: vi.fn() }));

vi.mock('@microsoft/teams-js', () => ({
  app: {},
  pages: { isSupported: teams.isSupported, shareDeepLink: teams.shareDeepLink },
}));

const context = (inTeams: boolean): HostContext => ({
  inTeams,
  theme: 'default',
  teamGroupId: undefined,
  subPageId: undefined,
  loginHint: undefined,
  tenantId: undefined,
  frameContext: inTeams ? 'content' : undefined,
});

const link = { page: 'pupil/pupil-1', label: 'Pupil record' };

describe('passing on a link to a page of the tab', () => {
  beforeEach(() => {
    teams.isSupported.mockReset().mockReturnValue(true);
    teams.shareDeepLink.mockReset();
  });

  it('inside Teams, opens Teams’ share with the page as the sub-page and the tab’s address as the fallback', async () => {
    const clipboard = { writeText: vi.fn(() => Promise.resolve()) };
    const host = createTabHost(context(true), { origin: 'https://senco.example', clipboard });
    expect(await host.shareLink(link)).toBe('shared');
    expect(teams.shareDeepLink).toHaveBeenCalledWith({
      subPageId: 'pupil/pupil-1',
      subPageLabel: 'Pupil record',
      subPageWebUrl: 'https://senco.example/?page=pupil%2Fpupil-1',
    });
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('outside Teams, copies the tab’s address for the page', async () => {
    const clipboard = { writeText: vi.fn(() => Promise.resolve()) };
    const host = createTabHost(context(false), { origin: 'http://localhost:3978', clipboard });
    expect(await host.shareLink(link)).toBe('copied');
    expect(clipboard.writeText).toHaveBeenCalledWith('http://localhost:3978/?page=pupil%2Fpupil-1');
    expect(teams.shareDeepLink).not.toHaveBeenCalled();
  });

  it('copies instead where the Teams host has no pages capability', async () => {
    teams.isSupported.mockReturnValue(false);
    const clipboard = { writeText: vi.fn(() => Promise.resolve()) };
    const host = createTabHost(context(true), { origin: 'https://senco.example', clipboard });
    expect(await host.shareLink(link)).toBe('copied');
  });

  it('fails with a reason when the browser has no clipboard', async () => {
    const host = createTabHost(context(false), { origin: 'https://senco.example', clipboard: undefined });
    await expect(host.shareLink(link)).rejects.toThrow(/clipboard/);
  });

  it('carries only the page: not the user, team or theme of the address it was copied from', () => {
    expect(webUrlForPage('https://senco.example', 'pupil/p-7')).toBe(
      'https://senco.example/?page=pupil%2Fp-7',
    );
  });
});
