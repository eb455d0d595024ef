import { and, eq, ge, itemsQueryString, le, odataFilter, odataLiteral, or, startsWith } from './odata.ts';

describe('odataLiteral', () => {
  it('quotes text, doubling single quotes and leaving other letters alone', () => {
    expect(odataLiteral("O'Brien")).toBe("'O''Brien'");
    expect(odataLiteral("''")).toBe("''''''");
    expect(odataLiteral('Zoë')).toBe("'Zoë'");
    expect(odataLiteral('Łukasz')).toBe("'Łukasz'");
    expect(odataLiteral('say "hi"')).toBe(`'say "hi"'`);
  });

  it('writes numbers, Yes/No, null and instants as OData does', () => {
    expect(odataLiteral(12.5)).toBe('12.5');
    expect(odataLiteral(true)).toBe('true');
    expect(odataLiteral(null)).toBe('null');
    expect(odataLiteral({ instant: '2026-01-12T09:30:00.123+01:00' })).toBe("'2026-01-12T08:30:00Z'");
    expect(() => odataLiteral(Number.NaN)).toThrow(RangeError);
    expect(() => odataLiteral({ instant: 'tomorrow' })).toThrow(RangeError);
  });
});

describe('odataFilter', () => {
  it('filters list items on fields/<column>', () => {
    expect(odataFilter(eq('LegalSurname', "O'Brien"))).toBe("fields/LegalSurname eq 'O''Brien'");
    expect(odataFilter(startsWith('LegalSurname', 'Wiś'))).toBe("startswith(fields/LegalSurname,'Wiś')");
  });

  it('brackets nested and/or', () => {
    expect(
      odataFilter(
        and(eq('PupilId', 'p1'), or(ge('ReviewDueOn', '2026-01-01'), le('ReviewDueOn', '2025-01-01'))),
      ),
    ).toBe(
      "fields/PupilId eq 'p1' and (fields/ReviewDueOn ge '2026-01-01' or fields/ReviewDueOn le '2025-01-01')",
    );
    expect(() => odataFilter(and())).toThrow(RangeError);
  });

  it('refuses a column name that would change the expression', () => {
    expect(() => odataFilter(eq("Surname eq 'x' or fields/Upn", 'y'))).toThrow(RangeError);
    expect(() => odataFilter(eq('Surname/Name', 'y'))).toThrow(RangeError);
  });
});

describe('itemsQueryString', () => {
  it('percent-encodes the filter once, so &, + and # in a value reach SharePoint intact', () => {
    const query = itemsQueryString({ filter: eq('Organisation', 'Smith & Jones + Co #2 Zoë'), top: 50 });
    const params = new URLSearchParams(query.slice(1));
    expect(params.get('$filter')).toBe("fields/Organisation eq 'Smith & Jones + Co #2 Zoë'");
    expect(params.get('$expand')).toBe('fields');
    expect(params.get('$top')).toBe('50');
    expect(query).not.toMatch(/[ &]Jones|\+ Co|#2/);
  });

  it('selects columns inside fields', () => {
    const params = new URLSearchParams(itemsQueryString({ select: ['PupilId', 'Upn'] }).slice(1));
    expect(params.get('$expand')).toBe('fields($select=PupilId,Upn)');
    expect(() => itemsQueryString({ top: 0 })).toThrow(RangeError);
  });
});
