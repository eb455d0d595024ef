import { z } from 'zod';
import { cleanText, hasVisibleCharacter } from './text-input.ts';

/**
 * Small zod field builders whose errors name the field, so a form or an HTTP 400 can say
 * "Surname is required" rather than "String must contain at least 1 character(s)".
 */

export type TextFieldOptions = {
  /** Multi-line fields (notes, "About me") keep line breaks and tabs; single-line ones refuse them. */
  multiline?: boolean;
};

/** Text cleaned by the one rule for typed and pasted text (text-input.ts); a refusal names the field. */
function cleanTextField(label: string, options: TextFieldOptions) {
  return z.string({ error: `${label} must be text` }).transform((raw, ctx) => {
    const result = cleanText(raw, options.multiline ? 'multi-line' : 'single-line');
    if (result.ok) return result.text;
    ctx.addIssue({ code: 'custom', message: `${label} ${result.problem}`, input: raw });
    return z.NEVER;
  });
}

/** Text with at least one visible character (spaces or zero-width characters alone are not enough). */
export function requiredText(label: string, maxLength = 200, options: TextFieldOptions = {}) {
  return cleanTextField(label, options).pipe(
    z
      .string()
      .refine(hasVisibleCharacter, { error: `${label} is required` })
      .max(maxLength, { error: `${label} must be at most ${maxLength} characters` }),
  );
}

export function optionalText(label: string, maxLength = 2000, options: TextFieldOptions = {}) {
  return cleanTextField(label, options)
    .pipe(z.string().max(maxLength, { error: `${label} must be at most ${maxLength} characters` }))
    .optional();
}

/** A list of short statements ("what helps me"), each with visible text. */
export function textList(label: string, maxItems = 30, maxLength = 500) {
  return z
    .array(requiredText(`Each item in ${label}`, maxLength), { error: `${label} must be a list` })
    .max(maxItems, { error: `${label} can have at most ${maxItems} items` });
}

export function idField(label: string) {
  return requiredText(label, 100);
}

export function emailField(label: string) {
  return z.email({ error: `${label} must be an email address` });
}

export function wholeNumberField(label: string, range: { min: number; max?: number }) {
  const base = z
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .min(range.min, { error: `${label} must be at least ${range.min}` });
  return range.max === undefined
    ? base
    : base.max(range.max, { error: `${label} must be at most ${range.max}` });
}

export function amountField(label: string) {
  return z
    .number({ error: `${label} must be a number` })
    .min(0, { error: `${label} cannot be negative` })
    .refine(Number.isFinite, { message: `${label} must be a finite number` });
}

export function booleanField(label: string) {
  return z.boolean({ error: `${label} must be true or false` });
}
