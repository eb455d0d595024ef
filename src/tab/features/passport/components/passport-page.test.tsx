// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import {
  buildFullPassportAnswer,
  buildFullPupil,
  buildPassport,
  buildTeacher,
  buildClassPupil,
  buildStaffPassport,
} from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { PassportPage } from './passport-page.tsx';

const server = setupApiServer();

function serveRecord(answer = buildFullPassportAnswer()) {
  server.use(
    apiAnswers.get('*/api/pupils/pupil-1', () => HttpResponse.json(buildFullPupil())),
    apiAnswers.get('*/api/pupils/pupil-1/passport', () => HttpResponse.json(answer)),
    apiAnswers.get('*/api/pupils/pupil-1/passport/history', () =>
      HttpResponse.json({
        pupilId: 'pupil-1',
        versions: answer.passport ? [answer.passport] : [],
        acknowledgements: [],
      }),
    ),
  );
}

const open = () =>
  renderInTab(<PassportPage pupilId="pupil-1" />, { route: { name: 'passport', pupilId: 'pupil-1' } });

describe('the passport editor', () => {
  it('saves a new version from the version it was opened at, and says so', async () => {
    serveRecord();
    let sent: { body: unknown; ifMatch: string | null } | undefined;
    server.use(
      apiAnswers.put('*/api/pupils/pupil-1/passport', async ({ request }) => {
        sent = { body: await request.json(), ifMatch: request.headers.get('If-Match') };
        return HttpResponse.json({
          pupilId: 'pupil-1',
          passport: buildPassport({
            version: 4,
            whatHelpsMe: ['Give me one instruction at a time', 'Warn me before changes', 'Visual timetable'],
          }),
          eTag: '"etag-4"',
          modifiedAt: '2026-11-23T09:00:00Z',
          modifiedBy: 'Katie Dawson',
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    open();
    const helps = await screen.findByRole('group', { name: 'What helps me' });
    await user.click(within(helps).getByRole('button', { name: 'Add a line to What helps me' }));
    // Pasted, not typed key by key: typing is not what this tests, and each key re-renders the whole editor.
    await user.click(within(helps).getByRole('textbox', { name: 'What helps me, line 3 of 3' }));
    await user.paste('Visual timetable');

    const preview = screen.getByRole('figure', { name: 'Preview of the chat card' });
    expect(within(preview).getByText('Visual timetable')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    const done = await screen.findByText(/Saved: version 4, reviewed today/);
    // The Save button is disabled once saved: focus goes to what happened, not to the page.
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(sent?.ifMatch).toBe('"etag-3"');
    expect(sent?.body).toMatchObject({
      whatHelpsMe: ['Give me one instruction at a time', 'Warn me before changes', 'Visual timetable'],
      expectedETag: '"etag-3"',
    });
    expect(screen.getByText('Passport saved as version 4.')).toBeTruthy();
  });

  it('shows a 409 as “changed by X at Y — review and merge” and saves the merge on the newer version', async () => {
    serveRecord();
    const theirs = buildPassport({
      version: 4,
      aboutMe: 'I love trains, drawing and buses.',
      updatedBy: 'Sarah Thompson',
    });
    const puts: { ifMatch: string | null; body: Record<string, unknown> }[] = [];
    server.use(
      apiAnswers.put('*/api/pupils/pupil-1/passport', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        puts.push({ ifMatch: request.headers.get('If-Match'), body });
        if (puts.length === 1) {
          return HttpResponse.json(
            {
              error: { code: 'conflict', message: 'The passport changed since you opened it.' },
              current: {
                value: theirs,
                eTag: '"etag-4"',
                modifiedAt: '2026-11-23T08:05:00Z',
                modifiedBy: 'Sarah Thompson',
              },
              changedBy: 'Sarah Thompson',
              changedAt: '2026-11-23T08:05:00Z',
            },
            { status: 409 },
          );
        }
        return HttpResponse.json({
          pupilId: 'pupil-1',
          passport: { ...theirs, version: 5, strengths: body['strengths'] as string[] },
          eTag: '"etag-5"',
          modifiedAt: '2026-11-23T09:00:00Z',
          modifiedBy: 'Katie Dawson',
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    open();
    const strengths = await screen.findByRole('group', { name: 'My strengths' });
    await user.click(within(strengths).getByRole('textbox', { name: 'My strengths, line 1 of 1' }));
    await user.paste(' and dates');
    await user.click(screen.getByRole('button', { name: 'Save new version' }));

    const merge = await screen.findByRole('region', {
      name: /Changed by Sarah Thompson on 23 November 2026 at 08:05 — review and merge/,
    });
    // Focus is on the panel's heading (it is scrolled into view in a real browser: the browser test).
    await waitFor(() =>
      expect(document.activeElement).toBe(within(merge).getByText(/Changed by Sarah Thompson/)),
    );
    expect(within(merge).getByText(/Their changes to About me will be kept/)).toBeTruthy();
    expect(within(merge).getByText(/Your changes to My strengths will be kept/)).toBeTruthy();

    await user.click(within(merge).getByRole('button', { name: 'Save merged version' }));
    expect(await screen.findByText(/Saved: version 5/)).toBeTruthy();
    expect(puts[1]?.ifMatch).toBe('"etag-4"');
    expect(puts[1]?.body).toMatchObject({
      aboutMe: 'I love trains, drawing and buses.',
      strengths: ['Good memory for facts and dates'],
    });
  });

  it('keeps your changes and says what happened when the save fails', async () => {
    serveRecord();
    server.use(
      apiAnswers.put('*/api/pupils/pupil-1/passport', () =>
        HttpResponse.json(
          { error: { code: 'busy', message: 'Microsoft 365 is busy. Please try again in a moment.' } },
          { status: 503 },
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    open();
    const about = await screen.findByRole('textbox', { name: /About me/ });
    await user.clear(about);
    await user.paste('New words');
    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /The passport was not saved.*Microsoft 365 is busy.*Your changes are still here/,
    );
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: /About me/ }).value).toBe('New words');
  });

  it('will not save an empty “About me”, and says why', async () => {
    serveRecord();
    const user = userEvent.setup({ delay: null });
    open();
    await user.clear(await screen.findByRole('textbox', { name: /About me/ }));
    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    expect(await screen.findByText('About me is required')).toBeTruthy();
  });

  it('marks the passport reviewed without a new version, keeping who has read it', async () => {
    serveRecord(
      buildFullPassportAnswer({
        acknowledgements: [
          {
            pupilId: 'pupil-1',
            passportVersion: 3,
            userId: 't1',
            name: 'Tom Reed',
            at: '2026-11-01T09:00:00Z',
          },
        ],
      }),
    );
    let puts = 0;
    let review: { body: unknown; ifMatch: string | null } | undefined;
    server.use(
      apiAnswers.put('*/api/pupils/pupil-1/passport', () => {
        puts += 1;
        return HttpResponse.json(
          { error: { code: 'internal', message: 'Something went wrong' } },
          { status: 500 },
        );
      }),
      apiAnswers.post('*/api/pupils/pupil-1/passport/review', async ({ request }) => {
        review = { body: await request.json(), ifMatch: request.headers.get('If-Match') };
        return HttpResponse.json({
          pupilId: 'pupil-1',
          passport: buildPassport({ reviewedOn: '2026-11-23' as never, reviewDueOn: '2027-11-23' as never }),
          eTag: '"etag-3b"',
          modifiedAt: '2026-11-23T09:00:00Z',
          modifiedBy: 'Katie Dawson',
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    open();
    await user.click(await screen.findByRole('button', { name: 'Mark reviewed' }));
    const done = await screen.findByText(/Marked as reviewed today: still version 3/);
    expect(done.textContent).toContain('Next review due 23 November 2027');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(review).toEqual({ body: { expectedETag: '"etag-3"' }, ifMatch: '"etag-3"' });
    expect(puts).toBe(0);
    // The readers of version 3 are still its readers.
    expect(screen.getByText('Tom Reed')).toBeTruthy();
  });

  it('keeps unsaved changes when you go elsewhere and come back, until you save or discard them', async () => {
    serveRecord();
    const user = userEvent.setup({ delay: null });
    const first = open();
    const about = await screen.findByRole('textbox', { name: /About me/ });
    await user.clear(about);
    await user.paste('Words not yet saved');
    first.unmount();
    // The same browser tab: what this tab stored is still there.
    const stored: [string, string][] = Object.keys(sessionStorage).map((k) => [
      k,
      sessionStorage.getItem(k) ?? '',
    ]);
    expect(stored).toHaveLength(1);

    renderInTab(<PassportPage pupilId="pupil-1" />, {
      route: { name: 'passport', pupilId: 'pupil-1' },
      before: () => stored.forEach(([key, value]) => sessionStorage.setItem(key, value)),
    });
    expect(await screen.findByText(/Your unsaved changes from earlier are still here/)).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: /About me/ }).value).toBe(
      'Words not yet saved',
    );
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: /About me/ }).value).toBe(
      'I love trains and drawing.',
    );
    expect(sessionStorage.length).toBe(0);
  });

  it('offers undo after removing a line', async () => {
    serveRecord();
    const user = userEvent.setup({ delay: null });
    open();
    const helps = await screen.findByRole('group', { name: 'What helps me' });
    await user.click(within(helps).getByRole('button', { name: /Remove line 2 from What helps me/ }));
    expect(within(helps).queryByDisplayValue('Warn me before changes')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(within(helps).getByDisplayValue('Warn me before changes')).toBeTruthy());
  });
});

describe('the passport as a class teacher reads it', () => {
  it('shows the passport with “I’ve read this”, and no editor', async () => {
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1', () => HttpResponse.json(buildClassPupil())),
      apiAnswers.get('*/api/pupils/pupil-1/passport', () =>
        HttpResponse.json({ pupilId: 'pupil-1', passport: buildStaffPassport(), myAcknowledgement: null }),
      ),
    );
    renderInTab(<PassportPage pupilId="pupil-1" />, { me: buildTeacher() });
    expect(
      await screen.findByRole('button', { name: "I’ve read this – Zoë O'Brien’s passport" }),
    ).toBeTruthy();
    expect(screen.getByText('Reader (exams)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save new version' })).toBeNull();
  });

  it('puts focus on the confirmation after “I’ve read this”, not on the page', async () => {
    let mine: { passportVersion: number; at: string } | null = null;
    server.use(
      apiAnswers.get('*/api/pupils/pupil-1', () => HttpResponse.json(buildClassPupil())),
      apiAnswers.get('*/api/pupils/pupil-1/passport', () =>
        HttpResponse.json({ pupilId: 'pupil-1', passport: buildStaffPassport(), myAcknowledgement: mine }),
      ),
      apiAnswers.post('*/api/pupils/pupil-1/passport/acknowledgements', () => {
        mine = { passportVersion: 3, at: '2026-11-23T09:00:00Z' };
        return HttpResponse.json(
          { pupilId: 'pupil-1', passportVersion: 3, userId: 't', name: 'T', at: mine.at },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderInTab(<PassportPage pupilId="pupil-1" />, { me: buildTeacher() });
    await user.click(await screen.findByRole('button', { name: /I’ve read this/ }));
    const done = await screen.findByText(/You read this version/);
    await waitFor(() => expect(document.activeElement).toBe(done));
  });
});
