// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { apiAnswers } from '../../../testing/api-answers.ts';
import { refusal } from '../../../testing/error-answers.ts';
import { renderInTab, setupApiServer } from '../../../testing/render.tsx';
import { SubjectAccessExportButton } from './subject-access-export.tsx';

const server = setupApiServer();
const SLOW = 60_000;

let saved: { name: string; blob: Blob }[];
/** jsdom's Blob has no text(): read it as a browser would. */
const textOf = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });
beforeEach(() => {
  saved = [];
  let last: Blob | undefined;
  URL.createObjectURL = (blob: Blob) => {
    last = blob;
    return 'blob:export';
  };
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (last) saved.push({ name: this.download, blob: last });
  };
});

describe('Subject access export on the pupil record', () => {
  it(
    'saves the server’s printable document, as it came, and says where it went',
    async () => {
      let asked: string | undefined;
      server.use(
        apiAnswers.get('*/api/pupils/ava/subject-access-export', ({ request }) => {
          asked = new URL(request.url).search;
          // Not JSON on purpose: ?format=html answers a printable web page.
          return new HttpResponse('<!doctype html><h1>Information held about Ava</h1>', {
            headers: { 'Content-Type': 'text/html' },
          });
        }),
      );
      const user = userEvent.setup();
      renderInTab(<SubjectAccessExportButton pupilId="ava" />);
      await user.click(screen.getByRole('button', { name: 'Subject access export' }));
      await user.click(await screen.findByRole('menuitem', { name: 'Printable copy (web page)' }));
      expect(await screen.findByText(/Saved the printable copy to your downloads/)).toBeTruthy();
      expect(asked).toBe('?format=html');
      expect(saved).toHaveLength(1);
      expect(saved[0]!.name).toMatch(/^subject-access-export-\d{4}-\d{2}-\d{2}\.html$/);
      expect(await textOf(saved[0]!.blob)).toBe('<!doctype html><h1>Information held about Ava</h1>');
    },
    SLOW,
  );

  it(
    'says why when the server refuses',
    async () => {
      server.use(
        apiAnswers.get('*/api/pupils/ava/subject-access-export', () => refusal.notFound('No such pupil.')),
      );
      const user = userEvent.setup();
      renderInTab(<SubjectAccessExportButton pupilId="ava" />);
      await user.click(screen.getByRole('button', { name: 'Subject access export' }));
      await user.click(await screen.findByRole('menuitem', { name: 'Data file (JSON)' }));
      expect((await screen.findByRole('status')).textContent).toMatch(/\S/);
      expect(saved).toEqual([]);
    },
    SLOW,
  );
});
