// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { StackedList } from './stacked-list.tsx';

describe('a stacked list', () => {
  it('is a list named for a screen reader, with its entries as list items', () => {
    render(
      <StackedList label="Pupils on the register by primary need">
        <li>Speech, language and communication needs (SLCN)</li>
        <li>Social, emotional and mental health (SEMH)</li>
      </StackedList>,
    );
    const list = screen.getByRole('list', { name: 'Pupils on the register by primary need' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Speech, language and communication needs (SLCN)',
      'Social, emotional and mental health (SEMH)',
    ]);
  });

  it('rules lines between entries only when asked', () => {
    render(
      <>
        <StackedList label="plain">
          <li>a</li>
        </StackedList>
        <StackedList label="divided" divided>
          <li>a</li>
        </StackedList>
      </>,
    );
    const plain = screen.getByRole('list', { name: 'plain' }).className;
    expect(screen.getByRole('list', { name: 'divided' }).className).not.toBe(plain);
  });
});
