/**
 * The one rule for text people type or paste into SENCO Hub (names, passport statements, notes, export
 * descriptions…). Every text field in the schemas that validate request bodies goes through `cleanText`
 * (via the builders in schema-fields.ts), so the rule is the same everywhere.
 *
 * What happens to each kind of character, and why:
 * - **Normalised**: the text is put in Unicode Normalization Form C, so "é" typed as e + combining accent and
 *   "é" typed as one character are the same text (https://unicode.org/reports/tr15/). Windows line ends
 *   (CR LF) and lone CRs become LF. In a single-line field (a name, a "what helps me" statement) each run of
 *   line breaks and tabs becomes one space, as a browser's text box does with a pasted value
 *   (https://html.spec.whatwg.org/multipage/input.html#value-sanitization-algorithm).
 * - **Stripped** (what a paste typically brings along, harmless to drop): the byte order mark U+FEFF, and the
 *   directional isolates U+2066–U+2069 that chat apps and web pages put around names. Isolates cannot reorder
 *   the text around them (https://unicode.org/reports/tr9/#Explicit_Directional_Isolates).
 * - **Refused** with a 400 naming the field (no keyboard types them; they only arrive by accident or on
 *   purpose): NUL and the other C0 control characters (except tab and line feed in multi-line fields), DEL
 *   and the C1 controls; the directional embeddings and overrides U+202A–U+202E, which make text display in
 *   an order other than the one it is stored in ("a\u202Eevil.exe" shows as "aexe.live"; see
 *   https://unicode.org/reports/tr36/#Bidirectional_Text_Spoofing); lone surrogates, which are not text
 *   (https://unicode.org/glossary/#unpaired_surrogate) and would not survive being stored.
 * - **Required** means at least one visible character: spaces, zero-width characters and other default-
 *   ignorable code points alone are not an answer.
 */

export type TextKind = 'single-line' | 'multi-line';

export type CleanTextResult = { ok: true; text: string } | { ok: false; problem: string };

/** BOM and directional isolates: dropped silently. */
const STRIPPED = /[\uFEFF\u2066-\u2069]/gu;

const LONE_SURROGATE = /\p{Cs}/u;
const BIDI_OVERRIDE = /[\u202A-\u202E]/u;
/** C0 controls except tab and line feed, DEL, C1 controls: finding them is the point. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

/**
 * A character someone can see: not white space, not a control or format character, not a mark on its own,
 * not a default-ignorable code point (zero-width space and joiners, word joiner, Hangul fillers…), not the
 * blank Braille pattern.
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}\u2800]/u;

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The text as it will be stored, or why it cannot be. Pure; trims white space at both ends. */
export function cleanText(raw: string, kind: TextKind = 'single-line'): CleanTextResult {
  const surrogate = LONE_SURROGATE.exec(raw);
  if (surrogate) {
    return { ok: false, problem: 'contains a broken character (an unpaired UTF-16 surrogate)' };
  }
  const lines = raw.replace(/\r\n?/g, '\n');
  const unified = kind === 'multi-line' ? lines : lines.replace(/[\n\t]+/g, ' ');
  const control = CONTROL.exec(unified);
  if (control) {
    const char = control[0];
    const what = char === '\u0000' ? 'a NUL character' : 'a control character';
    return { ok: false, problem: `contains ${what} (${codePoint(char)}), which cannot be stored` };
  }
  const bidi = BIDI_OVERRIDE.exec(unified);
  if (bidi) {
    return {
      ok: false,
      problem: `contains an invisible text-direction control (${codePoint(bidi[0])}) that can make it display differently from what it says`,
    };
  }
  return { ok: true, text: unified.replace(STRIPPED, '').normalize('NFC').trim() };
}

/** True when the text has at least one character a reader would see. */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text);
}

/**
 * Text already stored (written before this rule, or by hand in SharePoint) made safe to show: the
 * characters `cleanText` would refuse or strip are removed, an unpaired surrogate becomes U+FFFD, and the
 * text is normalised. Never refuses, so a record is never lost for a character in it.
 */
export function repairStoredText(stored: string): string {
  return stored
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/\r\n?/g, '\n')
    .replace(new RegExp(CONTROL.source, 'gu'), '')
    .replace(/[\u202A-\u202E]/gu, '')
    .replace(STRIPPED, '')
    .normalize('NFC');
}
