/** Small text helpers for generated names and addresses. */

/** Letters NFD does not decompose into a base letter plus accent. */
const FOLDED: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ı: 'i',
};

/**
 * Lower-case ASCII for sign-in names and mail nicknames: accents dropped (Zoë → zoe, Łukasz → lukasz),
 * apostrophes, spaces and full stops removed (O'Brien → obrien, St. Louis → stlouis), hyphens kept.
 */
export function asciiSlug(text: string): string {
  if (/^[A-Za-z]+$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁøØđĐßæÆœŒı]/g, (c) => FOLDED[c] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? '';
}
