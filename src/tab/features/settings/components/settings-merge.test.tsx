// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { SettingsAnswer } from '../../../../contract/settings.ts';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';
import { buildSettings } from '../../../../domain/testing/builders.ts';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { refusal } from '../../../testing/error-answers.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { SettingsPage } from './settings-page.tsx';
import { plainSideReads } from './settings-side-reads.ts';

const server = setupApiServer();

const opened: SettingsAnswer = {
  settings: buildSettings({ reminders: { digestWeekday: 1, postTime: '07:30' } }),
  eTag: '"v1"',
  modifiedAt: '2026-12-01T09:00:00Z',
  modifiedBy: 'Katie Dawson',
};
/** Saved by someone else meanwhile: a new passport interval. */
const theirs = { ...opened.settings, passportReviewMonths: 6 } satisfies DomainSettings;

function answerReads() {
  server.use(
    apiAnswers.get('*/api/settings', () => HttpResponse.json(opened)),
    ...plainSideReads(),
  );
}

/** The first save is refused as stale (409, their version); what each later save sent is kept. */
function refuseFirstSave() {
  const sent: { ifMatch: string | null; settings: DomainSettings }[] = [];
  server.use(
    apiAnswers.put('*/api/settings', async ({ request }) => {
      const body = (await request.json()) as { settings: DomainSettings };
      sent.push({ ifMatch: request.headers.get('If-Match'), settings: body.settings });
      if (sent.length === 1)
        return refusal.conflict(
          { value: theirs, eTag: '"v2"', modifiedBy: 'Ravi Shah', modifiedAt: '2026-12-03T08:10:00Z' },
          'The settings were changed by someone else.',
        );
      return HttpResponse.json({
        settings: body.settings,
        eTag: '"v3"',
        modifiedAt: '2026-12-03T08:20:00Z',
        modifiedBy: 'Katie Dawson',
      } satisfies SettingsAnswer);
    }),
  );
  return sent;
}

async function changePostingTimeAndSave() {
  const user = userEvent.setup();
  renderInTab(<SettingsPage />);
  const time = await screen.findByLabelText(/Posting time/);
  await user.clear(time);
  await user.type(time, '08:15');
  await user.click(screen.getByRole('button', { name: 'Save settings' }));
  return { user, time };
}

describe('a settings save made stale by someone else’s', () => {
  it('shows their values beside mine where they differ, focused, with my draft kept; keep mine saves over theirs', async () => {
    answerReads();
    const sent = refuseFirstSave();
    const { user, time } = await changePostingTimeAndSave();

    const table = await screen.findByRole('table', { name: 'Their settings and yours' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['Passport review interval', '6 months', '12 months'],
      ['Posting time', '07:30', '08:15'],
    ]);
    expect(screen.getByText(/Changed by Ravi Shah/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.contains(table)).toBe(true));
    expect((time as HTMLInputElement).value).toBe('08:15');
    expect(screen.queryByText(/Reload the page/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Keep mine' }));
    await screen.findByText('Settings saved.');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.ifMatch).toBe('"v2"');
    expect(sent[1]!.settings.reminders.postTime).toBe('08:15');
    expect(screen.queryByRole('table', { name: 'Their settings and yours' })).toBeNull();
  });

  it('use theirs puts their values in the form, and the next save quotes their version', async () => {
    answerReads();
    const sent = refuseFirstSave();
    const { user, time } = await changePostingTimeAndSave();
    await screen.findByRole('table', { name: 'Their settings and yours' });

    await user.click(screen.getByRole('button', { name: 'Use theirs' }));
    expect((time as HTMLInputElement).value).toBe('07:30');
    expect(screen.getByLabelText<HTMLInputElement>(/Passport review interval/).value).toBe('6');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(sent[1]!.ifMatch).toBe('"v2"');
    expect(sent[1]!.settings.passportReviewMonths).toBe(6);
  });
});
