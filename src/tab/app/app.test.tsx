// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { apiAnswers } from '../testing/api-answers.ts';
import type { HostContext } from '../host/teams-host.ts';
import {
  buildClassPupil,
  buildFullPupil,
  buildMe,
  buildSenHistory,
  buildRegisterRow,
  buildRegisterSummary,
  buildTeacher,
} from '../testing/builders.ts';
import { createTestQueryClient, prepareBrowser, setupApiServer } from '../testing/render.tsx';
import { App } from './app.tsx';
import { ME_RETRIES } from './session.ts';
import type { Me } from '../../domain/me-view.ts';

const server = setupApiServer();

/** Pages load on first use; under test their modules are transformed on the fly, which can take a while. */
const SLOW = { timeout: 8_000 };

const host = (overrides: Partial<HostContext> = {}): HostContext => ({
  inTeams: false,
  theme: 'default',
  teamGroupId: undefined,
  subPageId: undefined,
  loginHint: undefined,
  tenantId: undefined,
  frameContext: undefined,
  ...overrides,
});

/**
 * The server in local mode, signed in as `me`. The local365 handlers stand in for Microsoft 365, not SENCO
 * Hub's API, so src/contract has no answer types for them: they stay plain MSW handlers.
 */
function serveSession(me: Me) {
  server.use(
    apiAnswers.get('*/api/tab-settings', () =>
      HttpResponse.json({
        mode: 'local',
        clientId: 'c',
        tenantId: 't',
        apiScope: 'api://x/access_as_user',
        redirectUri: 'https://localhost/',
      }),
    ),
    http.get('*/local365/demo-sign-in', ({ request }) => {
      const asked = new URL(request.url).searchParams.get('upn');
      if (asked && asked.toLowerCase() !== me.upn.toLowerCase())
        return HttpResponse.json({ error: 'unknown_user' }, { status: 404 });
      return HttpResponse.json({
        upn: me.upn,
        displayName: me.displayName,
        jobTitle: 'Staff',
        roles: me.roles,
        access_token: 'token',
        expires_in: 3600,
      });
    }),
    http.get('*/local365/users', () =>
      HttpResponse.json([{ upn: me.upn, displayName: me.displayName, roles: me.roles, jobTitle: 'Staff' }]),
    ),
    http.post('*/local365/token', () => HttpResponse.json({ access_token: 'token', expires_in: 3600 })),
    apiAnswers.get('*/api/me', () => HttpResponse.json(me)),
  );
}

function start(h: HostContext, url = '/') {
  prepareBrowser({ url });
  return render(<App host={h} queryClient={createTestQueryClient()} />);
}

describe('the tab, by role and place', () => {
  it('opens a teacher inside their class team on that class, and nothing else of the school', async () => {
    serveSession(buildTeacher());
    server.use(
      apiAnswers.get('*/api/classes/class-rowan/pupils', () =>
        HttpResponse.json({
          class: { id: 'class-rowan', displayName: 'Year 6 Rowan' },
          pupils: [buildClassPupil()],
        }),
      ),
    );
    start(host({ teamGroupId: 'class-rowan' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Year 6 Rowan: pupils with SEND' }, SLOW),
    ).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'SENCO Hub pages' });
    expect(within(nav).getByRole('link', { name: 'This class' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).queryByRole('link', { name: 'Register' })).toBeNull();
    expect(new URL(window.location.href).searchParams.get('page')).toBe('class/class-rowan');
  });

  it('opens a deep link to a pupil (Teams subPageId) on that pupil’s record', async () => {
    serveSession(buildMe());
    server.use(apiAnswers.get('*/api/pupils/pupil-1', () => HttpResponse.json(buildFullPupil())));
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/history', () =>
        HttpResponse.json(buildSenHistory({ senProvision: [], needs: [] })),
      ),
    );
    start(host({ subPageId: 'pupil/pupil-1' }));
    expect(await screen.findByRole('heading', { level: 1, name: "Zoë O'Brien" }, SLOW)).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Overview', selected: true })).toBeTruthy();
    expect(new URL(window.location.href).searchParams.get('page')).toBe('pupil/pupil-1');
  });

  it('asks for the register’s first page alongside /api/me, not after it', async () => {
    const me = buildMe();
    serveSession(me);
    const order: string[] = [];
    let answerMe: () => void = () => undefined;
    const meHeld = new Promise<void>((resolve) => (answerMe = resolve));
    server.use(
      apiAnswers.get('*/api/me', async () => {
        order.push('me asked');
        await meHeld;
        order.push('me answered');
        return HttpResponse.json(me);
      }),
      apiAnswers.get('*/api/register/summary', () =>
        HttpResponse.json(buildRegisterSummary({ byYearGroup: [], byClass: [] })),
      ),
      apiAnswers.get('*/api/pupils', () => {
        order.push('register asked');
        return HttpResponse.json({ total: 1, offset: 0, limit: 1000, pupils: [buildRegisterRow()] });
      }),
    );
    start(host(), '/?page=register');
    await waitFor(() => expect(order).toEqual(expect.arrayContaining(['me asked', 'register asked'])), SLOW);
    expect(order).not.toContain('me answered');
    answerMe();
    expect(await screen.findByRole('link', { name: "Zoë O'Brien" }, SLOW)).toBeTruthy();
    // The page found the answer already asked for: one request, not two.
    expect(order.filter((o) => o === 'register asked')).toHaveLength(1);
  });

  it('signs in with one request, and lists the other demo users only once the first screen’s data is here', async () => {
    const me = buildMe();
    serveSession(me);
    const order: string[] = [];
    let answerRegister: () => void = () => undefined;
    const registerHeld = new Promise<void>((resolve) => (answerRegister = resolve));
    server.use(
      // Microsoft 365's local stand-in, not SENCO Hub's API: no contract type to answer through.
      http.get('*/local365/demo-sign-in', ({ request }) => {
        order.push(`sign-in ${new URL(request.url).search}`);
        return undefined; // answered by serveSession
      }),
      http.post('*/local365/token', () => {
        order.push('token');
        return HttpResponse.json({ access_token: 'token', expires_in: 3600 });
      }),
      http.get('*/local365/users', () => {
        order.push('users');
        return HttpResponse.json([
          { upn: me.upn, displayName: me.displayName, roles: me.roles, jobTitle: 'Staff' },
          { upn: 's.patel@example.org', displayName: 'Sam Patel', roles: [], jobTitle: 'Teacher' },
        ]);
      }),
      apiAnswers.get('*/api/register/summary', () =>
        HttpResponse.json(buildRegisterSummary({ byYearGroup: [], byClass: [] })),
      ),
      apiAnswers.get('*/api/pupils', async () => {
        await registerHeld;
        order.push('register answered');
        return HttpResponse.json({ total: 1, offset: 0, limit: 100, pupils: [buildRegisterRow()] });
      }),
    );
    start(host(), '/?page=register');
    const demoUser = await screen.findByRole('combobox', { name: 'Demo user' }, SLOW);
    // Before the list has come, the switch shows the person signed in, so the header does not move.
    expect(
      within(demoUser)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([`${me.displayName} — Staff`]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).not.toContain('users');
    answerRegister();
    await waitFor(() => expect(within(demoUser).getAllByRole('option')).toHaveLength(2), SLOW);
    expect(order).toEqual(['sign-in ', 'register answered', 'users']);
  });

  it('signs in as the SENCO when the demo user remembered here is no longer in the demo school', async () => {
    const me = buildMe();
    serveSession(me);
    const asked: string[] = [];
    server.use(
      // Microsoft 365's local stand-in, not SENCO Hub's API: no contract type to answer through.
      http.get('*/local365/demo-sign-in', ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('upn') ?? '(none)');
        return undefined;
      }),
    );
    prepareBrowser({ url: '/' });
    localStorage.setItem('sencohub.demoUser', 'left@example.org');
    render(<App host={host()} queryClient={createTestQueryClient()} />);
    expect(await screen.findByText(me.displayName, undefined, SLOW)).toBeTruthy();
    expect(asked).toEqual(['left@example.org', '(none)']);
  });

  it('tells the headteacher the register is not theirs, and offers their start page', async () => {
    serveSession(
      buildMe({
        roles: ['Headteacher'],
        displayName: 'Lauren Ellis-Barker',
        can: { fullRecords: false, aggregates: true, settings: false, auditLog: false },
      }),
    );
    start(host(), '/?page=register');
    expect(
      await screen.findByText('This page is not part of your role in SENCO Hub', undefined, SLOW),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Go to my start page' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'SENCO Hub pages' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Overview', 'Provision costs']);
  });

  it('moves between pages with history entries, so the back button returns', async () => {
    serveSession(buildTeacher({ pupils: [] }));
    server.use(apiAnswers.get('*/api/interventions', () => HttpResponse.json({ interventions: [] })));
    const user = userEvent.setup({ delay: null });
    start(host());
    expect(await screen.findByRole('heading', { level: 1, name: 'My pupils' }, SLOW)).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'Interventions' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My interventions' }, SLOW)).toBeTruthy();
    expect(await screen.findByText('You do not run any interventions', undefined, SLOW)).toBeTruthy();
    window.history.back();
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'My pupils' })).toBeTruthy());
  });

  it('refuses a ?user= that is no demo user, rather than signing in as the SENCO', async () => {
    const senco = buildMe();
    serveSession(senco);
    let meAsked = 0;
    server.use(
      apiAnswers.get('*/api/me', () => {
        meAsked += 1;
        return HttpResponse.json(senco);
      }),
    );
    start(host({ loginHint: 'nobody@example.org' }), '/?user=nobody%40example.org');
    const alert = await screen.findByRole('alert', undefined, SLOW);
    expect(within(alert).getByText('No such demo user')).toBeTruthy();
    expect(alert.textContent).toContain('“nobody@example.org”');
    const link = within(alert).getByRole('link', { name: 'Open as the demo SENCO' });
    expect(link.getAttribute('href')).not.toContain('user=');
    expect(meAsked).toBe(0);
    expect(screen.queryByText(senco.displayName)).toBeNull();
  });

  it('says in words, with a way to try again, when the server stays busy', async () => {
    serveSession(buildMe());
    server.use(apiAnswers.get('*/api/me', () => new HttpResponse('Service Unavailable', { status: 503 })));
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      start(host());
      await vi.waitFor(() => expect(screen.getByText('Loading the school’s records…')).toBeTruthy(), SLOW);
      // About 20 seconds of asking again, then an answer rather than a spinner for a minute.
      await vi.advanceTimersByTimeAsync(ME_RETRIES * 2_000 + 1_000);
      const alert = await screen.findByRole('alert', undefined, SLOW);
      expect(within(alert).getByText('SENCO Hub is not ready yet')).toBeTruthy();
      expect(alert.textContent).not.toMatch(/503|answered/);
      expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says plainly when sign-in fails', async () => {
    server.use(apiAnswers.get('*/api/tab-settings', () => new HttpResponse(null, { status: 502 })));
    start(host());
    expect(await screen.findByText('SENCO Hub could not sign you in', undefined, SLOW)).toBeTruthy();
  });
});
