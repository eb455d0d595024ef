/**
 * Making people's text safe to put on a card. Names and passport text are typed by people, so a card must show
 * them as written and never act on them: no links, no bold, no reversed text.
 *
 * Adaptive Cards read markdown in a TextBlock's `text` and in FactSet titles and values, and never in a
 * RichTextBlock's TextRun (https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/cards-format,
 * https://adaptivecards.io/explorer/TextRun.html). So the builders put every piece of people's text in a TextRun
 * (`plainRun`), and keep TextBlocks for our own wording. `escapeMarkdown` is for the one place people's text
 * must go where markdown is read.
 */

/** Bidirectional overrides, embeddings and isolates, which can make text read backwards (CVE-2021-42574 class). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** C0 and C1 control characters except line feed; DEL. */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROLS_EXCEPT_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
/** Zero-width characters that hide text or join it invisibly, and the byte-order mark. */
const INVISIBLES = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Text as people wrote it, minus what could hide or reorder it. Line breaks kept only when `multiline`. */
export function cleanText(text: string, options: { multiline?: boolean; maxLength?: number } = {}): string {
  let out = text.replace(/\r\n?/g, '\n').replace(BIDI_CONTROLS, '').replace(INVISIBLES, '');
  out = out.replace(CONTROLS_EXCEPT_NEWLINE, ' ');
  out = options.multiline ? out.replace(/\n{3,}/g, '\n\n') : out.replace(/\s+/g, ' ');
  out = out.trim();
  const max = options.maxLength;
  if (max !== undefined && [...out].length > max)
    out = `${[...out]
      .slice(0, max - 1)
      .join('')
      .trimEnd()}…`;
  return out;
}

/**
 * Backslash-escapes every character Adaptive Card markdown (a CommonMark subset) could read as formatting, so
 * `**x**`, `[x](https://…)`, `_x_`, `1. x` and `- x` show as typed. HTML is never rendered by Adaptive Cards.
 */
export function escapeMarkdown(text: string): string {
  return cleanText(text).replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
}

/** A piece of people's text as a TextRun: shown as written, markdown never applied. */
export function plainRun(
  text: string,
  style: { weight?: 'Bolder'; isSubtle?: boolean; size?: 'Large' | 'Medium' } = {},
) {
  return { type: 'TextRun' as const, text, ...style };
}

/** A paragraph of people's text. */
export function plainParagraph(
  text: string,
  options: {
    weight?: 'Bolder';
    isSubtle?: boolean;
    size?: 'Large' | 'Medium';
    spacing?: 'None' | 'Small' | 'Medium';
  } = {},
) {
  const { spacing, ...style } = options;
  return {
    type: 'RichTextBlock' as const,
    inlines: [plainRun(text, style)],
    ...(spacing ? { spacing } : {}),
  };
}

/** A pupil as everyone in a chat may see them: first name and the initial of their last name. */
export function firstNameAndInitial(firstName: string, lastName: string): string {
  const first = cleanText(firstName, { maxLength: 40 });
  const initial = [...cleanText(lastName)].find((c) => /\p{L}/u.test(c));
  return initial ? `${first} ${initial.toLocaleUpperCase('en-GB')}.` : first;
}
