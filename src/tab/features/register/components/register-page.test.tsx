// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import type { RegisterRow } from '../../../../domain/pupil-views.ts';
import { buildMe, buildRegisterRow, buildRegisterSummary } from '../../../testing/builders.ts';
import { NO_FILTERS } from '../api/get-register.ts';
import { loadSavedViews, storeSavedViews } from '../saved-views.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { RegisterGrid } from './register-grid.tsx';
import { RegisterPage } from './register-page.tsx';

const server = setupApiServer();

const manyPupils = (n: number): RegisterRow[] =>
  Array.from({ length: n }, (_, i) =>
    buildRegisterRow({
      id: `p-${i}`,
      displayName: `Pupil ${String(i).padStart(4, '0')}`,
      upn: `A${String(i).padStart(12, '0')}`,
    }),
  );

const summary = buildRegisterSummary({
  roll: 420,
  byStatus: {
    N: { count: 341, percent: 81.2 },
    K: { count: 62, percent: 14.8 },
    E: { count: 17, percent: 4 },
  },
  senCount: 79,
  byYearGroup: [{ yearGroup: 'Y6', roll: 60, senSupport: 10, ehcPlan: 4, sen: { count: 14, percent: 23.3 } }],
  byClass: [
    {
      classId: 'class-rowan',
      displayName: 'Year 6 Rowan',
      yearGroup: 'Y6',
      roll: 30,
      senSupport: 5,
      ehcPlan: 2,
      sen: { count: 7, percent: 23.3 },
    },
  ],
});

/** The register as the server pages it, filtered by name like the real one. */
function serveRegister(all: RegisterRow[], seen: URL[] = []) {
  server.use(
    apiAnswers.get('*/api/register/summary', () => HttpResponse.json(summary)),
    apiAnswers.get('*/api/pupils', ({ request }) => {
      const url = new URL(request.url);
      seen.push(url);
      const q = url.searchParams.get('q')?.toLowerCase();
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 500);
      const rows = q ? all.filter((r) => r.displayName.toLowerCase().includes(q)) : all;
      return HttpResponse.json({
        total: rows.length,
        offset,
        limit,
        pupils: rows.slice(offset, offset + limit),
      });
    }),
  );
  return seen;
}

const renderedRows = () => screen.getAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') !== '1');

describe('the register grid', () => {
  it('keeps only a window of 5,000 pupils in the page, and says how many there are', () => {
    renderInTab(
      <RegisterGrid
        rows={manyPupils(5000)}
        today={'2026-11-23' as never}
        sort="name"
        direction="ascending"
        onSort={() => undefined}
        label="SEN register"
      />,
    );
    const table = screen.getByRole('table', { name: 'SEN register' });
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    expect(renderedRows().length).toBeLessThan(60);
    expect(screen.getByRole('link', { name: 'Pupil 0000' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Pupil 4999' })).toBeNull();
  });

  it.each([
    ['a wide screen', 1280, '3 Nov 2026Overdue'],
    ['a phone', 320, 'Review due 3 Nov 2026, overdue'],
  ])('says in words that a review is overdue, on %s', (_screen, width, text) => {
    const overdue = buildRegisterRow({
      displayName: 'Amara Okafor',
      primaryNeed: 'SLCN',
      nextReviewDueOn: '2026-11-03' as never,
    });
    renderInTab(
      <RegisterGrid
        rows={[overdue]}
        today={'2026-11-23' as never}
        sort="name"
        direction="ascending"
        onSort={() => undefined}
        label="SEN register"
      />,
      { width },
    );
    const row = screen.getByRole('link', { name: 'Amara Okafor' }).closest('[role="row"]')!;
    const cells = within(row as HTMLElement).getAllByRole('cell');
    const texts = cells.map((c) => (c.textContent ?? '').replace(/\u00a0/g, ' '));
    expect(texts.some((t) => t.endsWith(text))).toBe(true);
  });

  it('draws the rows further down once scrolled there', async () => {
    renderInTab(
      <RegisterGrid
        rows={manyPupils(5000)}
        today={'2026-11-23' as never}
        sort="name"
        direction="ascending"
        onSort={() => undefined}
        label="SEN register"
      />,
    );
    const region = screen.getByRole('region', { name: 'SEN register' });
    region.scrollTop = 4990 * 44; // rows are 44 px high on a wide screen
    region.dispatchEvent(new Event('scroll'));
    expect(await screen.findByRole('link', { name: 'Pupil 4999' })).toBeTruthy();
    const last = screen.getByRole('link', { name: 'Pupil 4999' }).closest('[role="row"]');
    expect(last?.getAttribute('aria-rowindex')).toBe('5001');
  });
});

describe('the register page', () => {
  it('loads a large register as a first page of 100, then the rest in pages of 1,000, and shows the count', async () => {
    const seen = serveRegister(manyPupils(2500));
    renderInTab(<RegisterPage />, { route: { name: 'register' } });
    expect(await screen.findByText('2,500 pupils on the register')).toBeTruthy();
    await waitFor(() => expect(seen.filter((u) => u.pathname === '/api/pupils')).toHaveLength(4));
    expect(seen.map((u) => `${u.searchParams.get('offset')}+${u.searchParams.get('limit')}`)).toEqual([
      '0+100',
      '100+1000',
      '1100+1000',
      '2100+1000',
    ]);
    expect(await screen.findByRole('region', { name: 'SEN register, 2,500 pupils' })).toBeTruthy();
  });

  it('shows the first page’s rows while the later pages are still loading, and exports only the whole register', async () => {
    const all = manyPupils(2500);
    let releaseLater: () => void = () => undefined;
    const later = new Promise<void>((resolve) => (releaseLater = resolve));
    serveRegister(all);
    server.use(
      apiAnswers.get('*/api/pupils', async ({ request }) => {
        const offset = Number(new URL(request.url).searchParams.get('offset') ?? 0);
        if (offset === 0) return undefined; // the first page as serveRegister answers it, at once
        await later;
        return HttpResponse.json({
          total: all.length,
          offset,
          limit: 1000,
          pupils: all.slice(offset, offset + 1000),
        });
      }),
    );
    renderInTab(<RegisterPage />, { route: { name: 'register' } });
    expect(await screen.findByRole('link', { name: 'Pupil 0000' })).toBeTruthy();
    expect(screen.getByText('2,500 pupils on the register')).toBeTruthy();
    // The rest is plainly still coming: said beside the count, and the export waits for it.
    expect(screen.getByText('Loading the rest…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('region', { name: 'SEN register, 100 pupils' })).toBeTruthy();

    releaseLater();
    expect(await screen.findByRole('region', { name: 'SEN register, 2,500 pupils' })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(false),
    );
  });

  it('searches by name once typing pauses', async () => {
    const seen = serveRegister([
      buildRegisterRow({ id: 'a', displayName: "Zoë O'Brien" }),
      buildRegisterRow({ id: 'b', displayName: 'Arlo Jackson' }),
    ]);
    const user = userEvent.setup({ delay: null });
    renderInTab(<RegisterPage />, { route: { name: 'register' } });
    await screen.findByText('2 pupils on the register');
    await user.type(screen.getByRole('searchbox', { name: 'Search by name or UPN' }), 'arlo');
    expect(await screen.findByText('1 pupil matches these filters')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Arlo Jackson' })).toBeTruthy();
    expect(seen.at(-1)?.searchParams.get('q')).toBe('arlo');
    // One request for the whole word, not one per key.
    expect(seen.filter((u) => u.searchParams.get('q')?.startsWith('ar')).length).toBe(1);
  });

  it('sorts by a column header, then reverses it', async () => {
    const seen = serveRegister([
      buildRegisterRow({ id: 'a', displayName: 'Amy Able' }),
      buildRegisterRow({ id: 'b', displayName: 'Bob Brown' }),
    ]);
    const user = userEvent.setup({ delay: null });
    renderInTab(<RegisterPage />, { route: { name: 'register' } });
    await screen.findByText('2 pupils on the register');
    await user.click(screen.getByRole('button', { name: 'Review due' }));
    await waitFor(() => expect(seen.at(-1)?.searchParams.get('sort')).toBe('review-due'));
    const header = screen.getByRole('columnheader', { name: /Review due/ });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    await user.click(screen.getByRole('button', { name: /Review due/ }));
    expect(screen.getByRole('columnheader', { name: /Review due/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
  });

  it('says what to do when nothing matches', async () => {
    serveRegister([buildRegisterRow()]);
    const user = userEvent.setup({ delay: null });
    renderInTab(<RegisterPage />, { route: { name: 'register' } });
    await screen.findByText('1 pupil on the register');
    await user.type(screen.getByRole('searchbox', { name: 'Search by name or UPN' }), 'nobody');
    expect(await screen.findByText('No pupils match these filters')).toBeTruthy();
    await user.click(
      within(screen.getByText('No pupils match these filters').parentElement!).getByRole('button', {
        name: 'Clear filters',
      }),
    );
    expect(await screen.findByText('1 pupil on the register')).toBeTruthy();
  });

  it('applies a saved view, and undoes deleting it', async () => {
    serveRegister([buildRegisterRow()]);
    const user = userEvent.setup({ delay: null });
    const view = {
      id: 'v1',
      name: 'Year 6 reviews',
      filters: { ...NO_FILTERS, year: ['Y6'], sort: 'review-due' },
    };
    // Saving a view goes through a dialog: the browser tests cover it (jsdom cannot run Fluent's dialog motion).
    renderInTab(<RegisterPage />, {
      route: { name: 'register' },
      before: () => storeSavedViews(buildMe().upn, [view as never]),
    });
    await screen.findByText('1 pupil on the register');
    // The menu loads once the rows are shown; until then its button is there, disabled.
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Saved views' }).hasAttribute('disabled')).toBe(false),
    );
    await user.click(screen.getByRole('button', { name: 'Saved views' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Year 6 reviews' }));
    expect(await screen.findByText('1 pupil matches these filters')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Saved views' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete “Year 6 reviews”' }));
    expect(screen.getByText('Deleted the view “Year 6 reviews”.')).toBeTruthy();
    expect(loadSavedViews(buildMe().upn)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(loadSavedViews(buildMe().upn).map((v) => v.name)).toEqual(['Year 6 reviews']);
  });

  it('keeps the register on screen and offers a retry when the server fails', async () => {
    server.use(
      apiAnswers.get('*/api/register/summary', () => HttpResponse.json(summary)),
      apiAnswers.get('*/api/pupils', () =>
        HttpResponse.json({ error: { code: 'internal', message: 'Something went wrong' } }, { status: 500 }),
      ),
    );
    renderInTab(<RegisterPage />, { route: { name: 'register' } });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The register could not be loaded')).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  describe('exporting to CSV', () => {
    /** Downloads go through an object URL: counting them counts the files made. */
    function watchDownloads() {
      const made: Blob[] = [];
      const create = vi.fn((blob: Blob) => {
        made.push(blob);
        return 'blob:register';
      });
      const revoke = vi.fn();
      Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
      return made;
    }
    afterEach(() => vi.restoreAllMocks());

    it('tells the server what is being exported before making the file', async () => {
      const recorded: unknown[] = [];
      serveRegister(manyPupils(3));
      const made = watchDownloads();
      server.use(
        apiAnswers.post('*/api/register/exports', async ({ request }) => {
          expect(made).toHaveLength(0);
          recorded.push(await request.json());
          return new HttpResponse(null, { status: 204 });
        }),
      );
      const user = userEvent.setup({ delay: null });
      renderInTab(<RegisterPage />, { route: { name: 'register' } });
      await screen.findByText('3 pupils on the register');
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await waitFor(() => expect(made).toHaveLength(1));
      expect(recorded).toEqual([
        { format: 'csv', rows: 3, view: 'status SEN support, EHC plan; sorted by name' },
      ]);
      const csv = await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.readAsText(made[0]!);
      });
      expect(csv).toContain('Pupil 0002');
    });

    it('makes no file, and says why, when the export cannot be recorded', async () => {
      serveRegister(manyPupils(2));
      const made = watchDownloads();
      server.use(
        apiAnswers.post('*/api/register/exports', () =>
          HttpResponse.json(
            { error: { code: 'internal', message: 'Audit log unavailable' } },
            { status: 500 },
          ),
        ),
      );
      const user = userEvent.setup({ delay: null });
      renderInTab(<RegisterPage />, { route: { name: 'register' } });
      await screen.findByText('2 pupils on the register');
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      const alert = await screen.findByRole('alert');
      expect(within(alert).getByText('The register was not exported')).toBeTruthy();
      expect(made).toHaveLength(0);
    });
  });
});
