import type { z } from 'zod';
import type { FieldProblem } from '../../contract/errors.ts';
import { errorAnswerOf } from './error-answers.ts';

/** The fields at fault in the server's 400 (`ValidationErrorAnswer`, src/contract/errors.ts); none otherwise. */
export function fieldProblemsOf(error: unknown): FieldProblem[] {
  return errorAnswerOf(error, 'invalidRequest')?.error.fields ?? [];
}

/** The server's 400 by field as `{ 'path': 'message' }`, for forms to show each message on its field. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return Object.fromEntries(fieldProblemsOf(error).map((f) => [f.path, f.message]));
}

/** The same contract schema's answer on the client, before sending: the first message for each field. */
export function schemaErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.map(String).join('.')] ??= issue.message;
  return out;
}
