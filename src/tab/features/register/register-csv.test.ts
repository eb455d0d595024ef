import { buildRegisterRow } from '../../testing/builders.ts';
import { NO_FILTERS } from './api/get-register.ts';
import { csvCell, describeRegisterView, registerCsv, toCsv, UTF8_BOM } from './register-csv.ts';

describe('CSV export of the register', () => {
  it('starts with a UTF-8 byte order mark so Excel keeps “O’Brien, Zoë”', () => {
    const csv = registerCsv([buildRegisterRow({ displayName: "Zoë O'Brien" })]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toContain("Zoë O'Brien");
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it.each(['=SUM(1,2)', '+44 7700', '-1', '@cmd', '\tTAB', '\rCR'])(
    'makes %j show as typed rather than run as a formula',
    (text) => {
      const cell = csvCell(text);
      expect(cell.replace(/^"|"$/g, '').startsWith(`'`)).toBe(true);
    },
  );

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves numbers and ordinary text alone', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('Year 6')).toBe('Year 6');
    expect(csvCell(null)).toBe('');
  });

  it('writes a pupil named like a formula or markup exactly as typed, one pupil per line', () => {
    const csv = registerCsv([
      buildRegisterRow({ id: 'a', displayName: '=SUM(1,2)' }),
      buildRegisterRow({ id: 'b', displayName: '<img src=x>' }),
    ]);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Name,UPN,Year group,Class,SEN status/);
    expect(lines[1]).toMatch(
      /^"'=SUM\(1,2\)",A123456789012,Year 6,Year 6 Rowan,EHC plan,ASD – Autistic spectrum disorder/,
    );
    expect(lines[2]).toMatch(/^<img src=x>,/);
  });

  it('ends every line with CRLF, as Excel expects', () => {
    expect(toCsv(['a'], [['b']])).toBe(`${UTF8_BOM}a\r\nb\r\n`);
  });
});

describe('describeRegisterView', () => {
  it('says which pupils an export held and in what order', () => {
    expect(
      describeRegisterView({
        filters: {
          ...NO_FILTERS,
          q: ' ava ',
          year: ['Y4', 'R'],
          classId: 'willow',
          status: ['E'],
          need: ['ASD'],
          flag: ['lookedAfter'],
          sort: 'review-due',
        },
        direction: 'descending',
        className: 'Year 4 Willow',
      }),
    ).toBe(
      'search “ava”; year Year 4, Reception; class Year 4 Willow; status EHC plan; need ASD; flags Looked after; sorted by review due, descending',
    );
  });

  it('names the statuses the register shows when none is chosen', () => {
    expect(describeRegisterView({ filters: NO_FILTERS, direction: 'ascending' })).toBe(
      'status SEN support, EHC plan; sorted by name',
    );
  });
});
