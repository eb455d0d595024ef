import { initialsOf } from './app-header.tsx';

describe('the initials beside the signed-in person', () => {
  it('takes the first letters of the first and last names', () => {
    expect(initialsOf('Sam O’Neill-Jones')).toBe('SO');
    expect(initialsOf('  Priya   Anand  Shah ')).toBe('PS');
  });

  it('has one letter for a single name, and none for no name', () => {
    expect(initialsOf('Ngozi')).toBe('N');
    expect(initialsOf('   ')).toBe('');
  });

  it('capitalises', () => {
    expect(initialsOf('émile zola')).toBe('ÉZ');
  });
});
