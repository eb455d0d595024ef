/**
 * DfE Unique Pupil Numbers. A permanent UPN is 13 characters: a check letter, then the LA code (3 digits),
 * the DfE establishment number (4), the last two digits of the year it was allocated (2) and a serial (3).
 * The check letter is the sum of characters 2–13 weighted 2–13, modulo 23, looked up in the alphabet
 * without I, O and S (DfE "Unique Pupil Numbers (UPN): guidance", check-letter annex).
 */

const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The check letter for the 12 digits that follow it. */
export function dfeUpnCheckLetter(twelveDigits: string): string {
  if (!/^\d{12}$/.test(twelveDigits)) throw new RangeError(`"${twelveDigits}" is not 12 digits`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelveDigits[i]) * (i + 2);
  return CHECK_LETTERS[sum % 23] as string;
}

export type UpnParts = { laCode: number; establishmentNumber: number; yearAllocated: number; serial: number };

export function makeDfeUpn({ laCode, establishmentNumber, yearAllocated, serial }: UpnParts): string {
  const digits =
    String(laCode).padStart(3, '0') +
    String(establishmentNumber).padStart(4, '0') +
    String(yearAllocated % 100).padStart(2, '0') +
    String(serial).padStart(3, '0');
  if (digits.length !== 12) throw new RangeError(`UPN parts do not make 12 digits: ${digits}`);
  return dfeUpnCheckLetter(digits) + digits;
}
