import { z } from 'zod';

/**
 * Unique Pupil Number: 13 characters. Character 1 is a check letter; 2-4 the LA number; 5-8 the
 * establishment number; 9-10 the academic year of issue; 11-13 serial digits. A temporary UPN ends in
 * a letter instead of a digit. Source: UK Government Data Standards Catalogue, "Unique Pupil Number"
 * v2.0 (govtalk), and the DfE UPN guidance examples (H801200001001, G80120000101A).
 */
export type Upn = string & { readonly __brand: 'Upn' };

export type UpnKind = 'permanent' | 'temporary';

/** The error messages used by DfE collections (e.g. CIN rule 1510), so SENCOs recognise them. */
export type UpnProblem =
  | 'UPN must be 13 characters'
  | 'UPN invalid (wrong check letter at character 1)'
  | 'UPN invalid (characters 2-4 not a recognised LA code)'
  | 'UPN invalid (characters 5-12 not all numeric)'
  | 'UPN invalid (character 13 not a recognised value)';

export type UpnCheck = { valid: true; upn: Upn; kind: UpnKind } | { valid: false; problem: UpnProblem };

/** Remainders 0-22 map to these letters; I, O and S are never used. */
export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** Upper-cases and strips spaces, as staff often type UPNs in groups. */
export function normaliseUpn(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

function characterValue(ch: string): number | undefined {
  if (/^\d$/.test(ch)) return Number(ch);
  const index = UPN_CHECK_LETTERS.indexOf(ch);
  return index === -1 ? undefined : index;
}

/**
 * The check letter for characters 2-13: each multiplied by its position (2…13), summed, mod 23,
 * mapped through UPN_CHECK_LETTERS. A temporary UPN's final letter counts as its index in that table.
 */
export function upnCheckLetter(body: string): string {
  if (body.length !== 12) throw new RangeError('A UPN body (characters 2-13) is 12 characters');
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const value = characterValue(body.charAt(i));
    if (value === undefined) throw new RangeError(`"${body.charAt(i)}" cannot appear in a UPN`);
    sum += value * (i + 2);
  }
  return UPN_CHECK_LETTERS.charAt(sum % 23);
}

export function checkUpn(raw: string): UpnCheck {
  const upn = normaliseUpn(raw);
  if (upn.length !== 13) return { valid: false, problem: 'UPN must be 13 characters' };
  if (!/^\d{3}$/.test(upn.slice(1, 4)))
    return { valid: false, problem: 'UPN invalid (characters 2-4 not a recognised LA code)' };
  if (!/^\d{8}$/.test(upn.slice(4, 12)))
    return { valid: false, problem: 'UPN invalid (characters 5-12 not all numeric)' };
  const last = upn.charAt(12);
  if (characterValue(last) === undefined) {
    return { valid: false, problem: 'UPN invalid (character 13 not a recognised value)' };
  }
  if (upn.charAt(0) !== upnCheckLetter(upn.slice(1))) {
    return { valid: false, problem: 'UPN invalid (wrong check letter at character 1)' };
  }
  return { valid: true, upn: upn as Upn, kind: /\d/.test(last) ? 'permanent' : 'temporary' };
}

export function isTemporaryUpn(upn: Upn): boolean {
  return !/\d$/.test(upn);
}

/** zod field: normalises, then validates including the check letter. Errors name the field. */
export const upnSchema = z.string({ error: 'UPN must be text' }).transform((value, ctx) => {
  const result = checkUpn(value);
  if (!result.valid) {
    ctx.addIssue({ code: 'custom', message: result.problem });
    return z.NEVER;
  }
  return result.upn;
});
