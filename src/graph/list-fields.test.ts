import { fieldReader, type SharePointItem } from './list-fields.ts';

const item = (fields: Record<string, unknown>): SharePointItem => ({
  id: '7',
  eTag: '"{00000000-0000-0000-0000-000000000000},1"',
  lastModifiedDateTime: '2026-11-23T09:30:00Z',
  fields,
});

describe('text stored before the input rule is read safely, never refused', () => {
  const list = { displayName: 'Passports' };

  it('drops control and direction-override characters, repairs a lone surrogate and normalises', () => {
    const f = fieldReader(
      list,
      item({ AboutMe: 'Likes\u0000 maps\u202E.\r\nZoe\u0308 \uD800', Name: '\u2066Sam\u2069' }),
    );
    expect(f.text('AboutMe')).toBe('Likes maps.\nZoë \uFFFD');
    expect(f.optionalText('Name')).toBe('Sam');
  });

  it('repairs every string inside a JSON column, keys and structure untouched', () => {
    const stored = JSON.stringify({ whatHelpsMe: ['a\u202Eexe.live', 'ok'], count: 2 });
    const f = fieldReader(list, item({ WhatHelpsMe: stored }));
    expect(f.json('WhatHelpsMe')).toEqual({ whatHelpsMe: ['aexe.live', 'ok'], count: 2 });
  });
});
