import { z } from 'zod';

/**
 * Small zod field builders whose errors name the field, so a form or an HTTP 400 can say
 * "Surname is required" rather than "String must contain at least 1 character(s)".
 */

export function requiredText(label: string, maxLength = 200) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(maxLength, { error: `${label} must be at most ${maxLength} characters` });
}

export function optionalText(label: string, maxLength = 2000) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(maxLength, { error: `${label} must be at most ${maxLength} characters` })
    .optional();
}

/** A list of short statements ("what helps me"), each non-empty. */
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
