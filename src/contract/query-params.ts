import { z } from 'zod';

/**
 * Query-string fields: a URL carries text only, so lists and numbers are read from it here. Shared by the
 * server (which parses `req.query` with them) and the tab (whose query strings they describe).
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
