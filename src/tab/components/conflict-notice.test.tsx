// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ConflictNotice } from './conflict-notice.tsx';

const inTheme = (node: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{node}</FluentProvider>);

describe('the notice that someone else saved first', () => {
  it('is announced as an alert named by who changed what, takes the keyboard and is scrolled into view', () => {
    const scrolled: Element[] = [];
    // jsdom lays nothing out and has no scrollIntoView: one that notes what it was asked to show.
    Object.defineProperty(Element.prototype, 'scrollIntoView', {
      configurable: true,
      value: function (this: Element) {
        scrolled.push(this);
      },
    });
    try {
      inTheme(
        <>
          <button>Save</button>
          <ConflictNotice
            subject="this plan"
            changedBy="Priya Shah"
            changedAt="2026-12-02T10:15:00Z"
            summary={['Local authority: Northshire', 'Placement: none named']}
            summaryLabel="The plan as they saved it"
            onKeepMine={() => undefined}
            onUseTheirs={() => undefined}
          />
        </>,
      );
    } finally {
      Reflect.deleteProperty(Element.prototype, 'scrollIntoView');
    }
    const notice = screen.getByRole('alert', {
      name: 'Not saved: Priya Shah changed this plan on 2 December 2026 at 10:15 while you were editing.',
    });
    expect(document.activeElement).toBe(notice);
    expect(scrolled).toContain(notice);
    const list = screen.getByRole('list', { name: 'The plan as they saved it' });
    expect(list.textContent).toContain('Local authority: Northshire');
    expect(list.textContent).toContain('Placement: none named');
  });

  it('offers both ways on, each calling its own action once', () => {
    const keep = vi.fn();
    const theirs = vi.fn();
    inTheme(
      <ConflictNotice
        subject="this review"
        changedBy={null}
        changedAt={null}
        summary={['Meeting held: 1 December 2026']}
        summaryLabel="The review as they saved it"
        onKeepMine={keep}
        onUseTheirs={theirs}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('someone else changed this review while');
    fireEvent.click(screen.getByRole('button', { name: 'Keep my edits' }));
    expect(keep).toHaveBeenCalledTimes(1);
    expect(theirs).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Use theirs' }));
    expect(theirs).toHaveBeenCalledTimes(1);
  });

  it('offers only to keep my edits when their version has gone', () => {
    inTheme(
      <ConflictNotice
        subject="this plan"
        changedBy="Ann"
        changedAt={null}
        summary={[]}
        summaryLabel="The plan as they saved it"
        onKeepMine={() => undefined}
      />,
    );
    expect(screen.getByText('Their version has been removed.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Use theirs' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Keep my edits' })).toBeTruthy();
  });
});
