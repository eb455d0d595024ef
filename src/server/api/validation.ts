import type { Request, Response } from 'express';
import { ZodError } from 'zod';
import { expectedETagField, VERSION_TAG } from '../../contract/version-tag.ts';
import { PreconditionRequiredError } from './api-errors.ts';

/**
 * Input parsing helpers. Handlers parse with zod and let a ZodError go: the web app's error handler answers
 * 400 with each field's path and message.
 */

// Query-string fields are the contract's: the tab builds the same query strings.
export { listParam, numberParam } from '../../contract/query-params.ts';

/** `*` (or `W/*`) matches any version (RFC 9110 §13.1.1), so it cannot say which version a change was made from. */
const isWildcard = (tag: string) => /^(W\/)?\*$/i.test(tag.trim());

// The body field lives with the contract (tab and server check it alike); the rule for tags is one.
export { expectedETagField };

/**
 * The version a change was made from: the If-Match header, or `expectedETag` in the body (the same one if
 * both are sent). Exact versions only: `*` is refused with 428, a malformed tag with 400 naming it.
 */
export function expectedETagOf(req: Request, fromBody: string | undefined): string | undefined {
  const raw = req.headers['if-match'];
  const header = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
  if (header !== undefined && (!VERSION_TAG.test(header) || header.length > 200)) {
    throw fieldProblems([
      {
        field: 'If-Match',
        message: 'If-Match must be one version tag as SENCO Hub sent it (printable ASCII characters only)',
      },
    ]);
  }
  for (const tag of [header, fromBody]) {
    if (tag !== undefined && isWildcard(tag)) {
      throw new PreconditionRequiredError(
        `${tag === header ? 'If-Match' : 'expectedETag'}: "*" matches any version, so it cannot show which one you changed. Send the eTag of the version you read.`,
      );
    }
  }
  if (header !== undefined && fromBody !== undefined && header !== fromBody.trim()) {
    throw fieldProblems([
      { field: 'expectedETag', message: 'Expected eTag and the If-Match header name different versions' },
    ]);
  }
  return header ?? fromBody;
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
