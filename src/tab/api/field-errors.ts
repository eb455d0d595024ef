import type { z } from 'zod';
import { ApiError } from './api-client.ts';

/**
 * The server's 400 by field: `{ error: { fields: [{ path, message }] } }` (src/server/api/api-errors.ts) as
 * `{ 'path': 'message' }`, for forms to show each message on its field.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const fields = (error.body as { error?: { fields?: { path: string; message: string }[] } } | undefined)
    ?.error?.fields;
  return Object.fromEntries((fields ?? []).map((f) => [f.path, f.message]));
}

/** The same contract schema's answer on the client, before sending: the first message for each field. */
export function schemaErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.map(String).join('.')] ??= issue.message;
  return out;
}
