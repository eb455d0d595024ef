import { describe, expect, it } from 'vitest';
import { passportSchema } from './passport.schema.ts';
import { optionalText, requiredText, textList } from './schema-fields.ts';
import { cleanText, hasVisibleCharacter, repairStoredText } from './text-input.ts';

const cleaned = (raw: string, kind?: 'single-line' | 'multi-line') => {
  const result = cleanText(raw, kind);
  return result.ok ? result.text : `refused: ${result.problem}`;
};

describe('cleanText: the one rule for typed and pasted text', () => {
  it('normalises to NFC, so the same word typed two ways is stored once', () => {
    expect(cleaned('Zoe\u0308')).toBe('Zoë');
    expect(cleaned('Zoe\u0308')).toBe(cleaned('Zo\u00EB'));
  });

  it('trims white space at both ends and keeps it inside', () => {
    expect(cleaned('  Visual  timetable \u00A0')).toBe('Visual  timetable');
  });

  it('keeps line breaks and tabs in multi-line text, with Windows line ends made plain', () => {
    expect(cleaned('Likes maps.\r\nLikes trains.\rAnd\tbuses.', 'multi-line')).toBe(
      'Likes maps.\nLikes trains.\nAnd\tbuses.',
    );
  });

  it('turns line breaks and tabs in single-line text into one space, as a browser text box does', () => {
    expect(cleaned('Coloured\r\n\toverlay')).toBe('Coloured overlay');
  });

  it.each([
    ['NUL', 'a\u0000b', 'contains a NUL character (U+0000)'],
    ['a C0 control', 'a\u0007b', 'contains a control character (U+0007)'],
    ['DEL', 'a\u007Fb', 'contains a control character (U+007F)'],
    ['a C1 control', 'a\u0085b', 'contains a control character (U+0085)'],
    ['vertical tab in multi-line text', 'a\u000Bb', 'contains a control character (U+000B)'],
  ])('refuses %s', (_what, raw, problem) => {
    expect(cleaned(raw, 'multi-line')).toContain(problem);
  });

  it.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E'])(
    'refuses the direction embedding or override %j (it can disguise what the text says)',
    (char) => {
      expect(cleaned(`a${char}evil.exe`)).toContain('text-direction control');
      expect(cleaned(`a${char}evil.exe`)).toContain(`U+${char.codePointAt(0)!.toString(16).toUpperCase()}`);
    },
  );

  it('strips what a paste brings along: directional isolates and the byte order mark', () => {
    expect(cleaned('\uFEFFName: \u2068سارا\u2069 and \u2066Sam\u2067\u2069')).toBe('Name: سارا and Sam');
  });

  it('refuses lone surrogates, high or low, and accepts a proper pair', () => {
    expect(cleaned('a\uD800b')).toContain('unpaired UTF-16 surrogate');
    expect(cleaned('a\uDC00')).toContain('unpaired UTF-16 surrogate');
    expect(cleaned('thumbs \uD83D\uDC4D')).toBe('thumbs 👍');
  });
});

describe('hasVisibleCharacter', () => {
  it.each([
    ['', false],
    ['   \u00A0\t\n', false],
    ['\u200B\u200C\u200D\u2060\uFEFF', false],
    ['\u3164\u115F', false],
    ['\u2800', false],
    ['\u0301', false],
    ['.', true],
    ['\u200Bx\u200B', true],
    ['سارا', true],
  ])('%j → %s', (text, visible) => {
    expect(hasVisibleCharacter(text)).toBe(visible);
  });
});

describe('repairStoredText: text stored before the rule is made safe, never refused', () => {
  it('drops what the rule refuses or strips, and keeps the rest', () => {
    expect(repairStoredText('a\u0000b\u202Ec\u2066d\uFEFF\r\ne\tf')).toBe('abcd\ne\tf');
  });

  it('replaces a lone surrogate and normalises', () => {
    expect(repairStoredText('e\u0301\uD800')).toBe('é\uFFFD');
  });
});

describe('the text field builders apply it and name the field', () => {
  it('a required field needs a visible character', () => {
    const field = requiredText('About me', 2000, { multiline: true });
    expect(field.safeParse('\u200B\u200B').error?.issues[0]?.message).toBe('About me is required');
    expect(field.safeParse(' ').error?.issues[0]?.message).toBe('About me is required');
    expect(field.parse(' Likes\r\nmaps ')).toBe('Likes\nmaps');
  });

  it('a refusal says which field and why', () => {
    expect(requiredText('Legal surname').safeParse('Smith\u202E').error?.issues[0]?.message).toBe(
      'Legal surname contains an invisible text-direction control (U+202E) that can make it display differently from what it says',
    );
    expect(optionalText('Note').safeParse('a\u0000').error?.issues[0]?.message).toBe(
      'Note contains a NUL character (U+0000), which cannot be stored',
    );
  });

  it('the length limit counts the cleaned text', () => {
    expect(requiredText('Name', 3).parse('  abc\u2066  ')).toBe('abc');
    expect(requiredText('Name', 3).safeParse('abcd').success).toBe(false);
  });

  it('names the item of a list at fault', () => {
    const result = textList('What helps me').safeParse(['ok', 'a\u0000']);
    expect(result.error?.issues[0]).toMatchObject({
      path: [1],
      message: 'Each item in What helps me contains a NUL character (U+0000), which cannot be stored',
    });
  });

  it('every passport text field is covered', () => {
    const passport = {
      id: 'p1',
      pupilId: 'ava',
      version: 1,
      aboutMe: 'ok',
      strengths: ['ok'],
      whatIFindHard: ['ok'],
      whatHelpsMe: ['ok'],
      communication: 'ok',
      accessArrangements: ['ok'],
      reviewedOn: '2026-01-01',
      reviewDueOn: '2027-01-01',
    };
    for (const [field, value] of [
      ['aboutMe', 'a\u202Eb'],
      ['strengths', ['a\u0000']],
      ['whatIFindHard', ['\uD800']],
      ['whatHelpsMe', ['\u200B']],
      ['communication', 'a\u0001'],
      ['accessArrangements', ['a\u202Db']],
    ] as const) {
      const result = passportSchema.safeParse({ ...passport, [field]: value });
      expect(result.success, field).toBe(false);
      expect(result.error?.issues[0]?.path[0]).toBe(field);
    }
  });
});
