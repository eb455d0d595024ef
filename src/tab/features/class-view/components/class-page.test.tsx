// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { buildClassPupil, buildStaffPassport, buildTeacher } from '../../../testing/builders.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { ClassPage } from './class-page.tsx';

const server = setupApiServer();

const classAnswer = (pupils = [buildClassPupil()]) => ({
  class: { id: 'class-rowan', displayName: 'Year 6 Rowan' },
  pupils,
});

const open = () =>
  renderInTab(<ClassPage groupId="class-rowan" />, {
    me: buildTeacher(),
    route: { name: 'class', groupId: 'class-rowan' },
  });

describe('the class view', () => {
  it('shows each pupil with what helps them and their access arrangements', async () => {
    server.use(
      apiAnswers.get('*/api/classes/class-rowan/pupils', () =>
        HttpResponse.json(
          classAnswer([
            buildClassPupil(),
            buildClassPupil({
              id: 'pupil-2',
              displayName: '<img src=x>',
              passport: buildStaffPassport({ whatHelpsMe: ['[click](http://x)'] }),
              examAccessArrangements: [],
            }),
          ]),
        ),
      ),
    );
    open();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Year 6 Rowan: pupils with SEND' }),
    ).toBeTruthy();
    const zoe = screen.getByRole('article', { name: "Zoë O'Brien" });
    expect(within(zoe).getByText('Give me one instruction at a time')).toBeTruthy();
    expect(within(zoe).getByText('Extra time (25%)')).toBeTruthy();
    expect(within(zoe).getByText('Reader (exams)')).toBeTruthy();
    // Typed text stays text: no image, no link.
    const odd = screen.getByRole('article', { name: '<img src=x>' });
    expect(within(odd).getByText('[click](http://x)')).toBeTruthy();
    expect(odd.querySelector('img')).toBeNull();
    expect(within(odd).queryByRole('link', { name: 'click' })).toBeNull();
    // Staff who are not the SEND team get no link into the full record.
    expect(screen.queryByRole('link', { name: /record/ })).toBeNull();
  });

  it('records “I’ve read this” at once and keeps it when the server agrees', async () => {
    let body: unknown;
    server.use(
      apiAnswers.get('*/api/classes/class-rowan/pupils', () => HttpResponse.json(classAnswer())),
      apiAnswers.post('*/api/pupils/pupil-1/passport/acknowledgements', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          {
            pupilId: 'pupil-1',
            passportVersion: 3,
            userId: 'user-teacher',
            name: 'Amy Green',
            at: '2026-11-23T09:00:00Z',
          },
          { status: 201 },
        );
      }),
      apiAnswers.get('*/api/pupils/pupil-1', () => HttpResponse.json(buildClassPupil())),
    );
    const user = userEvent.setup({ delay: null });
    open();
    await user.click(await screen.findByRole('button', { name: "I’ve read this – Zoë O'Brien’s passport" }));
    expect(await screen.findByText(/You read this version/)).toBeTruthy();
    expect(body).toEqual({ passportVersion: 3 });
  });

  it('puts the button back and says why when the server refuses', async () => {
    server.use(
      apiAnswers.get('*/api/classes/class-rowan/pupils', () => HttpResponse.json(classAnswer())),
      apiAnswers.post('*/api/pupils/pupil-1/passport/acknowledgements', () =>
        HttpResponse.json(
          {
            error: {
              code: 'conflict',
              message: 'Version 3 is no longer the current passport: read version 4 first.',
            },
            current: null,
            changedBy: null,
            changedAt: null,
          },
          { status: 409 },
        ),
      ),
      apiAnswers.get('*/api/pupils/pupil-1', () => HttpResponse.json(buildClassPupil())),
    );
    const user = userEvent.setup({ delay: null });
    open();
    await user.click(await screen.findByRole('button', { name: "I’ve read this – Zoë O'Brien’s passport" }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: "I’ve read this – Zoë O'Brien’s passport" })).toBeTruthy(),
    );
    expect(screen.queryByText(/You read this version/)).toBeNull();
  });

  it('says what to do when the class has no pupils with SEND', async () => {
    server.use(apiAnswers.get('*/api/classes/class-rowan/pupils', () => HttpResponse.json(classAnswer([]))));
    open();
    expect(await screen.findByText('No pupils with SEND in this class')).toBeTruthy();
    expect(screen.getByText(/ask the SENCO/)).toBeTruthy();
  });

  it('shows another class as not found, without a retry that could not help', async () => {
    server.use(
      apiAnswers.get('*/api/classes/class-rowan/pupils', () =>
        HttpResponse.json({ error: { code: 'notFound', message: 'No such class.' } }, { status: 404 }),
      ),
    );
    open();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not found')).toBeTruthy();
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('offers a retry when the server is busy, and shows the class once it answers', async () => {
    let calls = 0;
    server.use(
      apiAnswers.get('*/api/classes/class-rowan/pupils', () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json({ error: { code: 'busy', message: 'Microsoft 365 is busy.' } }, { status: 503 })
          : HttpResponse.json(classAnswer());
      }),
    );
    const user = userEvent.setup({ delay: null });
    open();
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: "Zoë O'Brien" })).toBeTruthy();
  });
});
