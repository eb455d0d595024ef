import type { Request, Response } from 'express';
import { z, ZodError } from 'zod';
import { PreconditionRequiredError } from './api-errors.ts';

/**
 * Input parsing helpers. Handlers parse with zod and let a ZodError go: the web app's error handler answers
 * 400 with each field's path and message.
 */

/** A query parameter given once, several times, or comma-separated (`?year=Y3,Y4` or `?year=Y3&year=Y4`). */
export function listParam<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) =>
      typeof value === 'string' || Array.isArray(value)
        ? (Array.isArray(value) ? value : [value])
            .filter((part): part is string => typeof part === 'string')
            .flatMap((part) => part.split(','))
            .map((part) => part.trim())
            .filter((part) => part !== '')
        : value,
    z.array(item),
  );
}

/** A whole number given as a query string. */
export function numberParam(label: string, range: { min: number; max: number }) {
  return z.coerce
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .min(range.min, { error: `${label} must be at least ${range.min}` })
    .max(range.max, { error: `${label} must be at most ${range.max}` });
}

export const expectedETagField = z
  .string({ error: 'Expected eTag must be text' })
  .min(1, { error: 'Expected eTag is required' })
  .max(200, { error: 'Expected eTag is too long' })
  .optional();

/** The version a change was made from: the If-Match header, or `expectedETag` in the body. */
export function expectedETagOf(req: Request, fromBody: string | undefined): string | undefined {
  const header = req.headers['if-match'];
  return (typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined) ?? fromBody;
}

export function requireExpectedETag(eTag: string | undefined, what: string): string {
  if (eTag === undefined) {
    throw new PreconditionRequiredError(
      `Say which version of the ${what} you changed: send its eTag in If-Match (or as expectedETag).`,
    );
  }
  return eTag;
}

/** Sends a record's version as the ETag header too, when it is a valid HTTP entity tag (SharePoint's are). */
export function setETagHeader(res: Response, eTag: string): void {
  if (/^(W\/)?"[^"]*"$/.test(eTag)) res.setHeader('ETag', eTag);
}

/**
 * A 400 naming fields, for rules checked after parsing (e.g. a date that must come after the last change):
 * thrown as a ZodError so it is answered exactly like a field that failed to parse.
 */
export function fieldProblems(problems: readonly { field: string; message: string }[]): ZodError {
  return new ZodError(
    problems.map((p) => ({ code: 'custom' as const, path: [p.field], message: p.message, input: undefined })),
  );
}
