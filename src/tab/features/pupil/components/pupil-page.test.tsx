// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { TabHost } from '../../../host/teams-host.ts';
import { buildFullPupil, buildMe, buildSenHistory, d } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { PupilPage } from '../../../app/pupil-page.tsx';

const server = setupApiServer();

const history = buildSenHistory({
  senProvision: [
    { code: 'K', label: 'SEN support', startOn: d('2022-09-01'), endOn: d('2024-02-08') },
    { code: 'E', label: 'Education, health and care plan', startOn: d('2024-02-08'), endOn: null },
  ],
  needs: [
    {
      code: 'ASD',
      description: 'Autistic spectrum disorder',
      broadArea: 'communication-and-interaction',
      rank: 1,
      startOn: null,
      endOn: null,
    },
  ],
});

function serve() {
  server.use(
    apiAnswers.get('*/api/pupils/pupil-1', () =>
      HttpResponse.json(
        buildFullPupil({
          acknowledgements: [
            {
              pupilId: 'pupil-1',
              passportVersion: 3,
              userId: 't',
              name: 'Amy Green',
              at: '2026-11-20T10:00:00Z',
            },
          ],
        }),
      ),
    ),
    apiAnswers.get('*/api/pupils/pupil-1/history', () => HttpResponse.json(history)),
    apiAnswers.get('*/api/pupils/pupil-1/access-arrangements', () =>
      HttpResponse.json({ pupilId: 'pupil-1', arrangements: [], unrecordedOnPassport: [] }),
    ),
  );
}

describe('a pupil’s record', () => {
  it('shows the summary, the passport with who has read it, and the status history', async () => {
    serve();
    renderInTab(<PupilPage pupilId="pupil-1" section="overview" />, {
      route: { name: 'pupil', pupilId: 'pupil-1' },
    });
    expect(await screen.findByRole('heading', { level: 1, name: "Zoë O'Brien" })).toBeTruthy();
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Autistic spectrum disorder (ASD)')).toBeTruthy();
    const passport = screen.getByRole('region', { name: 'Passport' });
    expect(within(passport).getByText('Amy Green')).toBeTruthy();
    expect(await screen.findByText('SEN support')).toBeTruthy();
    expect(screen.getByText('1 September 2022 – 8 February 2024')).toBeTruthy();
  });

  it('copies a link to the pupil that names them by id only, and says so politely', async () => {
    serve();
    const shareLink = vi.fn<TabHost['shareLink']>(() => Promise.resolve('copied'));
    const user = userEvent.setup({ delay: null });
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/interventions', () =>
        HttpResponse.json({ pupilId: 'pupil-1', interventions: [] }),
      ),
    );
    renderInTab(<PupilPage pupilId="pupil-1" section="interventions" />, {
      route: { name: 'pupil', pupilId: 'pupil-1', section: 'interventions' },
      host: { shareLink },
    });
    await user.click(await screen.findByRole('button', { name: 'Copy link to this pupil' }));
    // The pupil's record, not the part open now; the label travels in a Teams link, so it names no one.
    expect(shareLink).toHaveBeenCalledWith({ page: 'pupil/pupil-1', label: 'Pupil record' });
    expect((await screen.findByText('Link copied')).getAttribute('role')).toBe('status');
  });

  it('says nothing itself when Teams shares the link (Teams’ own dialog does)', async () => {
    serve();
    const shareLink = vi.fn<TabHost['shareLink']>(() => Promise.resolve('shared'));
    const user = userEvent.setup({ delay: null });
    renderInTab(<PupilPage pupilId="pupil-1" section="overview" />, {
      route: { name: 'pupil', pupilId: 'pupil-1' },
      host: { shareLink },
    });
    await user.click(await screen.findByRole('button', { name: 'Copy link to this pupil' }));
    await vi.waitFor(() => expect(shareLink).toHaveBeenCalled());
    expect(screen.queryByText('Link copied')).toBeNull();
  });

  it('says when the browser would not copy the link', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    renderInTab(<PupilPage pupilId="pupil-1" section="overview" />, {
      route: { name: 'pupil', pupilId: 'pupil-1' },
      host: { shareLink: () => Promise.reject(new Error('Not allowed')) },
    });
    await user.click(await screen.findByRole('button', { name: 'Copy link to this pupil' }));
    expect((await screen.findByText(/^The link was not copied/)).getAttribute('role')).toBe('status');
  });

  it('opens a part of the record as its own page (so a link can point at it)', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    renderInTab(<PupilPage pupilId="pupil-1" section="overview" />, {
      route: { name: 'pupil', pupilId: 'pupil-1' },
    });
    await user.click(await screen.findByRole('tab', { name: 'Audit' }));
    expect(new URL(window.location.href).searchParams.get('page')).toBe('pupil/pupil-1/audit');
  });

  it('does not offer the audit to the rest of the SEND team', async () => {
    serve();
    renderInTab(<PupilPage pupilId="pupil-1" section="overview" />, {
      me: buildMe({
        roles: ['SendTeam'],
        can: { fullRecords: true, aggregates: true, settings: false, auditLog: false },
      }),
    });
    await screen.findByRole('heading', { level: 1, name: "Zoë O'Brien" });
    expect(screen.getByRole('tab', { name: 'EHC plan' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Audit' })).toBeNull();
  });

  it('lists the audit entries in the SENCO’s words', async () => {
    serve();
    server.use(
      apiAnswers.get('*/api/audit', () =>
        HttpResponse.json({
          entries: [
            {
              at: '2026-11-23T08:05:00Z',
              actor: { userId: 'u', upn: 's.thompson@school.example' },
              action: 'update',
              resource: 'passport',
              pupilId: 'pupil-1',
              detail: 'version 4',
            },
          ],
        }),
      ),
    );
    renderInTab(<PupilPage pupilId="pupil-1" section="audit" />, {
      route: { name: 'pupil', pupilId: 'pupil-1', section: 'audit' },
    });
    const log = await screen.findByRole('list', { name: 'Audit log' });
    expect(within(log).getByText(/s\.thompson@school\.example/).parentElement?.textContent).toContain(
      'changed passport (version 4)',
    );
    expect(within(log).getByText('23 November 2026 at 08:05')).toBeTruthy();
  });
});
