// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { PupilHistory } from '../api/get-pupil-history.ts';
import { buildFullPupil, buildMe } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { StatusHistory } from './status-history.tsx';

const server = setupApiServer();

function buildHistory(overrides: Partial<PupilHistory> = {}): PupilHistory {
  return {
    pupilId: 'pupil-1',
    senStatus: 'K',
    primaryNeed: 'SLCN',
    secondaryNeed: null,
    senProvision: [{ code: 'K', label: 'SEN support', startOn: '2025-09-03', endOn: null }],
    needs: [
      {
        code: 'SLCN',
        description: 'Speech, language and communication needs',
        broadArea: 'communication-and-interaction',
        rank: 1,
        startOn: '2025-09-03',
        endOn: null,
      },
    ],
    eTag: '"v1"',
    modifiedAt: null,
    modifiedBy: null,
    ...overrides,
  } as PupilHistory;
}

const changed = buildHistory({
  primaryNeed: 'ASD',
  needs: [
    { ...buildHistory().needs[0]!, endOn: '2026-11-20' as never },
    {
      code: 'ASD',
      description: 'Autistic spectrum disorder',
      broadArea: 'communication-and-interaction',
      rank: 1,
      startOn: '2026-11-20' as never,
      endOn: null,
    },
  ],
  eTag: '"v2"',
  modifiedAt: '2026-11-23T09:30:00Z',
  modifiedBy: 'Katie Dawson',
});

function render() {
  return renderInTab(<StatusHistory pupilId="pupil-1" />, { route: { name: 'pupil', pupilId: 'pupil-1' } });
}

describe('changing a pupil’s needs and SEN status', () => {
  it('records a new primary need from a day, quoting the version shown, and shows the new history', async () => {
    let sent: unknown;
    let ifMatch: string | null = null;
    let served = buildHistory();
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/history', () => HttpResponse.json(served)),
      apiAnswers.get('*/api/pupils/pupil-1', () => HttpResponse.json(buildFullPupil())),
      apiAnswers.post('*/api/pupils/pupil-1/needs', async ({ request }) => {
        sent = await request.json();
        ifMatch = request.headers.get('if-match');
        served = changed;
        return HttpResponse.json(changed);
      }),
    );
    const user = userEvent.setup({ delay: null });
    render();
    await user.click(await screen.findByRole('button', { name: 'Record need' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record need' });
    await user.selectOptions(within(dialog).getByLabelText(/Primary need/), 'ASD');
    // jsdom's date input takes a whole date, not typed digits.
    fireEvent.change(within(dialog).getByLabelText(/^From/), { target: { value: '2026-11-20' } });
    await user.click(within(dialog).getByRole('button', { name: 'Save needs' }));

    expect(
      await screen.findByText(
        'Needs recorded from 20 November 2026: Autistic spectrum disorder (ASD) as the primary need.',
      ),
    ).toHaveProperty('role', 'status');
    expect(sent).toEqual({
      primaryNeed: 'ASD',
      secondaryNeed: null,
      from: '2026-11-20',
      expectedETag: '"v1"',
    });
    expect(ifMatch).toBe('"v1"');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Autistic spectrum disorder (ASD), primary')).toBeTruthy();
    expect(screen.getByText('3 September 2025 – 20 November 2026')).toBeTruthy();
  });

  it('puts a pupil on SEN support, then leads straight on to recording their primary need', async () => {
    const offRegister = buildHistory({
      senStatus: 'N',
      primaryNeed: null,
      senProvision: [],
      needs: [],
    });
    const onSupport = buildHistory({
      senStatus: 'K',
      primaryNeed: null,
      senProvision: [{ code: 'K', label: 'SEN support', startOn: '2026-11-16' as never, endOn: null }],
      needs: [],
      eTag: '"v2"',
    });
    let served = offRegister;
    let needsSent: unknown;
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/history', () => HttpResponse.json(served)),
      apiAnswers.get('*/api/pupils/pupil-1', () => HttpResponse.json(buildFullPupil())),
      apiAnswers.post('*/api/pupils/pupil-1/sen-status', () => {
        served = onSupport;
        return HttpResponse.json(onSupport);
      }),
      apiAnswers.post('*/api/pupils/pupil-1/needs', async ({ request }) => {
        needsSent = await request.json();
        served = buildHistory({
          senProvision: onSupport.senProvision,
          needs: [{ ...buildHistory().needs[0]!, startOn: '2026-11-16' as never }],
          eTag: '"v3"',
        });
        return HttpResponse.json(served);
      }),
    );
    const user = userEvent.setup({ delay: null });
    render();
    await user.click(await screen.findByRole('button', { name: 'Change SEN status' }));
    const statusDialog = await screen.findByRole('dialog', { name: 'Change SEN status' });
    await user.click(within(statusDialog).getByRole('radio', { name: /SEN support \(K\)/ }));
    fireEvent.change(within(statusDialog).getByLabelText(/^From/), { target: { value: '2026-11-16' } });
    await user.click(within(statusDialog).getByRole('button', { name: 'Save status' }));

    expect(await screen.findByText('SEN status recorded: SEN support from 16 November 2026.')).toHaveProperty(
      'role',
      'status',
    );
    // In jsdom, Fluent's focus manager leaves the page aria-hidden after a dialog closes (a real browser
    // clears it: the browser test checks), so these look past aria-hidden.
    const prompt = await screen.findByRole('group', { name: 'No primary need recorded', hidden: true });
    const next = within(prompt).getByRole('button', { name: 'Record their primary need', hidden: true });
    await vi.waitFor(() => expect(document.activeElement).toBe(next));
    // The prompt takes the place of the usual button, so there is one way on, not two.
    expect(screen.queryByRole('button', { name: 'Record need', hidden: true })).toBeNull();

    await user.keyboard('{Enter}');
    const needDialog = await screen.findByRole('dialog', { name: 'Record need' });
    await vi.waitFor(() => expect(needDialog.contains(document.activeElement)).toBe(true));
    // A first primary need starts, unless the SENCO says otherwise, the day the pupil joined the register.
    expect(within(needDialog).getByLabelText<HTMLInputElement>(/^From/).value).toBe('2026-11-16');
    await user.selectOptions(within(needDialog).getByLabelText(/Primary need/), 'SLCN');
    await user.click(within(needDialog).getByRole('button', { name: 'Save needs' }));

    expect(await screen.findByText(/^Needs recorded from 16 November 2026/)).toBeTruthy();
    expect(needsSent).toEqual({
      primaryNeed: 'SLCN',
      secondaryNeed: null,
      from: '2026-11-16',
      expectedETag: '"v2"',
    });
    expect(screen.queryByRole('group', { name: 'No primary need recorded', hidden: true })).toBeNull();
    // The button that opened the dialog has gone with the prompt: focus goes to the one that took its place.
    const recordNeed = await screen.findByRole('button', { name: 'Record need', hidden: true });
    await vi.waitFor(() => expect(document.activeElement).toBe(recordNeed));
  });

  it('opens “Change SEN status” with nothing chosen, so one click on Save changes nothing', async () => {
    let posted = 0;
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/history', () => HttpResponse.json(buildHistory())),
      apiAnswers.post('*/api/pupils/pupil-1/sen-status', () => {
        posted += 1;
        return HttpResponse.json(buildHistory());
      }),
    );
    const user = userEvent.setup({ delay: null });
    render();
    await user.click(await screen.findByRole('button', { name: 'Change SEN status' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change SEN status' });
    for (const radio of within(dialog).getAllByRole('radio')) expect(radio).toHaveProperty('checked', false);
    await user.click(within(dialog).getByRole('button', { name: 'Save status' }));
    expect(await within(dialog).findByText('Choose the new SEN status')).toBeTruthy();
    expect(posted).toBe(0);
    expect(screen.getByRole('dialog', { name: 'Change SEN status' })).toBeTruthy();
  });

  it('asks for a primary need whenever a pupil on the register has none', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/history', () =>
        HttpResponse.json(buildHistory({ senStatus: 'E', primaryNeed: null, needs: [] })),
      ),
    );
    render();
    const prompt = await screen.findByRole('group', { name: 'No primary need recorded' });
    // Arriving on the record is no reason to move focus: only a status change just made leads on.
    expect(document.activeElement).not.toBe(
      within(prompt).getByRole('button', { name: 'Record their primary need' }),
    );
  });

  it('shows the server’s reason beside the field it is about', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/history', () => HttpResponse.json(buildHistory())),
      apiAnswers.post('*/api/pupils/pupil-1/sen-status', () =>
        HttpResponse.json(
          {
            error: {
              code: 'invalidRequest',
              message: 'There is a problem with the request',
              fields: [
                { path: 'from', message: 'From date must be after the last change, on 3 September 2025' },
              ],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    render();
    await user.click(await screen.findByRole('button', { name: 'Change SEN status' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change SEN status' });
    // The current status cannot be chosen again.
    expect(within(dialog).getByRole('radio', { name: /SEN support \(K\) – current/ })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(within(dialog).getByRole('radio', { name: /EHC plan \(E\)/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save status' }));
    const from = within(dialog).getByLabelText(/^From/);
    expect(
      await within(dialog).findByText('From date must be after the last change, on 3 September 2025'),
    ).toBeTruthy();
    expect(from.getAttribute('aria-invalid')).toBe('true');
  });

  /** The server's 409 the first time, as it answers: the SEN status and needs now stored, never the whole pupil. */
  function staleOnce(sent: { body: Record<string, unknown>; ifMatch: string | null }[]) {
    let served = buildHistory();
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/history', () => HttpResponse.json(served)),
      apiAnswers.post('*/api/pupils/pupil-1/sen-status', async ({ request }) => {
        sent.push({
          body: (await request.json()) as Record<string, unknown>,
          ifMatch: request.headers.get('if-match'),
        });
        if (sent.length > 1) return HttpResponse.json(served);
        served = buildHistory({ eTag: '"v2"', modifiedBy: 'Sara Patel', modifiedAt: '2026-11-23T09:10:00Z' });
        return HttpResponse.json(
          {
            error: { code: 'conflict', message: 'Changed by someone else' },
            current: {
              value: { senStatus: 'E', primaryNeed: 'ASD', secondaryNeed: null, senProvision: [], needs: [] },
              eTag: '"v2"',
              modifiedAt: '2026-11-23T09:10:00Z',
              modifiedBy: 'Sara Patel',
            },
            changedBy: 'Sara Patel',
            changedAt: '2026-11-23T09:10:00Z',
          },
          { status: 409 },
        );
      }),
    );
  }

  async function saveStale() {
    const user = userEvent.setup({ delay: null });
    render();
    await user.click(await screen.findByRole('button', { name: 'Change SEN status' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change SEN status' });
    await user.click(within(dialog).getByRole('radio', { name: /No SEN \(N\)/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save status' }));
    const notice = await within(dialog).findByRole('alert', {
      name: 'Not saved: Sara Patel changed this pupil’s SEN status or needs on 23 November 2026 at 09:10 while you were editing.',
    });
    return { user, dialog, notice };
  }

  it('shows what someone else saved meanwhile, focused, keeps the choice, and saves over theirs on Keep my edits', async () => {
    const sent: { body: Record<string, unknown>; ifMatch: string | null }[] = [];
    staleOnce(sent);
    const { user, dialog, notice } = await saveStale();
    await waitFor(() => expect(document.activeElement).toBe(notice));
    const theirs = within(notice).getByRole('list', { name: 'The SEN status and needs as they saved them' });
    expect(theirs.textContent).toContain('SEN status: Education, health and care plan (E)');
    expect(theirs.textContent).toContain('Primary need: Autistic spectrum disorder (ASD)');
    expect(within(dialog).getByRole('radio', { name: /No SEN \(N\)/ })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('button', { name: 'Save status' })).toHaveProperty('disabled', true);

    await user.click(within(notice).getByRole('button', { name: 'Keep my edits' }));
    expect(await screen.findByText(/Last changed by Sara Patel/)).toBeTruthy();
    const save = within(dialog).getByRole('button', { name: 'Save status' });
    await waitFor(() => expect(document.activeElement).toBe(save));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await user.click(save);
    await screen.findByText(/SEN status recorded: No special educational need from/);
    expect(sent.map((s) => s.ifMatch)).toEqual(['"v1"', '"v2"']);
    expect(sent[1]!.body).toMatchObject({ code: 'N', expectedETag: '"v2"' });
  });

  it('on Use theirs starts the choice again from what is stored now, focus on the first choice', async () => {
    const sent: { body: Record<string, unknown>; ifMatch: string | null }[] = [];
    staleOnce(sent);
    const { user, dialog, notice } = await saveStale();
    await user.click(within(notice).getByRole('button', { name: 'Use theirs' }));
    expect(await screen.findByText(/Last changed by Sara Patel/)).toBeTruthy();
    await waitFor(() => expect(within(dialog).queryByRole('alert')).toBeNull());
    expect(within(dialog).getByRole('radio', { name: /No SEN \(N\)/ })).toHaveProperty('checked', false);
    await waitFor(() =>
      expect(document.activeElement).toBe(within(dialog).getByRole('radio', { name: /EHC plan \(E\)/ })),
    );
    expect(sent).toHaveLength(1);
  });

  it('offers no needs for a pupil off the register', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1/history', () =>
        HttpResponse.json(buildHistory({ senStatus: 'N', needs: [], primaryNeed: null })),
      ),
    );
    render();
    expect(await screen.findByRole('button', { name: 'Change SEN status' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record need', hidden: true })).toBeNull();
  });

  it('hides the buttons from someone who cannot change records', async () => {
    server.use(apiAnswers.get('*/api/pupils/pupil-1/history', () => HttpResponse.json(buildHistory())));
    renderInTab(<StatusHistory pupilId="pupil-1" />, {
      me: buildMe({ can: { fullRecords: false, aggregates: true, settings: false, auditLog: false } }),
    });
    expect(await screen.findByText('SEN support')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change SEN status' })).toBeNull();
  });
});
