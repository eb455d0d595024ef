import { ZodError } from 'zod';
import {
  ERROR_STATUS,
  type ErrorAnswer,
  type ErrorAnswerOf,
  type ErrorCode,
  type FieldProblem,
  type StoredVersion,
  type VersionStamp,
} from '../../contract/errors.ts';
import { ConsentRequiredError } from '../../graph/delegated-token-provider.ts';
import { ConflictError, GraphRequestError } from '../../graph/graph-request-error.ts';
import { MeetingStateError } from '../../graph/meeting-bookings.ts';
import type { Versioned } from '../../graph/send-records.ts';
import {
  ForbiddenError,
  NotFoundError,
  NotReadyError,
  PreconditionRequiredError,
  StaleVersionError,
  UnsupportedMediaTypeError,
} from '../api/api-errors.ts';
import { consentMessage } from '../api/booking-routes.ts';
import { AuthError } from '../auth/token-validator.ts';

/**
 * Every error answer the server sends, one builder per kind, each body checked against its contract type
 * (src/contract/errors.ts) with `satisfies`. `errorAnswer` turns a thrown error into one of them; the web app
 * calls it once, in its error handler, and the few answers sent before any route (src/server/http/local-guards.ts,
 * the /api fallback) use the builders directly.
 */
export type HttpErrorAnswer<C extends ErrorCode = ErrorCode> = C extends ErrorCode
  ? { status: (typeof ERROR_STATUS)[C]; body: ErrorAnswerOf<C>; headers?: Record<string, string> }
  : never;

const answer = <C extends ErrorCode>(
  code: C,
  body: ErrorAnswerOf<C>,
  headers?: Record<string, string>,
): HttpErrorAnswer<C> =>
  ({ status: ERROR_STATUS[code], body, ...(headers ? { headers } : {}) }) as HttpErrorAnswer<C>;

/** The request's first problem in a sentence, then every field at fault. */
function validationMessage(fields: readonly FieldProblem[]): string {
  const first = fields[0];
  if (!first) return 'The request is not valid.';
  const count = fields.length === 1 ? 'There is a problem' : `There are ${fields.length} problems`;
  return `${count} with the request: ${first.path ? `${first.path}: ` : ''}${first.message}`;
}

export const errorAnswers = {
  validation: (fields: FieldProblem[], message = validationMessage(fields)) =>
    answer('invalidRequest', {
      error: { code: 'invalidRequest', message, fields },
    } satisfies ErrorAnswerOf<'invalidRequest'>),
  invalidJson: () =>
    answer('invalidJson', {
      error: { code: 'invalidJson', message: 'The request body is not valid JSON.' },
    } satisfies ErrorAnswerOf<'invalidJson'>),
  unauthorized: (message: string) =>
    answer(
      'unauthorized',
      { error: { code: 'unauthorized', message } } satisfies ErrorAnswerOf<'unauthorized'>,
      { 'WWW-Authenticate': 'Bearer' },
    ),
  forbidden: (message: string) =>
    answer('forbidden', { error: { code: 'forbidden', message } } satisfies ErrorAnswerOf<'forbidden'>),
  consentRequired: (message: string, scopes: readonly string[]) =>
    answer('consentRequired', {
      error: { code: 'consentRequired', message, scopes: [...scopes] },
    } satisfies ErrorAnswerOf<'consentRequired'>),
  notFound: (message: string) =>
    answer('notFound', { error: { code: 'notFound', message } } satisfies ErrorAnswerOf<'notFound'>),
  /** The version now stored (with the values a route chose to show, or none) and who saved it when. */
  conflict: (message: string, current: VersionStamp | null) =>
    answer('conflict', {
      error: { code: 'conflict', message },
      current,
      changedBy: current?.modifiedBy ?? null,
      changedAt: current?.modifiedAt ?? null,
    } satisfies ErrorAnswerOf<'conflict'>),
  meetingState: (message: string) =>
    answer('meetingState', {
      error: { code: 'meetingState', message },
    } satisfies ErrorAnswerOf<'meetingState'>),
  payloadTooLarge: () =>
    answer('payloadTooLarge', {
      error: { code: 'payloadTooLarge', message: 'The request body is too large.' },
    } satisfies ErrorAnswerOf<'payloadTooLarge'>),
  unsupportedMediaType: (message: string) =>
    answer('unsupportedMediaType', {
      error: { code: 'unsupportedMediaType', message },
    } satisfies ErrorAnswerOf<'unsupportedMediaType'>),
  misdirectedRequest: (message: string) =>
    answer('misdirectedRequest', {
      error: { code: 'misdirectedRequest', message },
    } satisfies ErrorAnswerOf<'misdirectedRequest'>),
  preconditionRequired: (message: string) =>
    answer('preconditionRequired', {
      error: { code: 'preconditionRequired', message },
    } satisfies ErrorAnswerOf<'preconditionRequired'>),
  internal: () =>
    answer('internal', {
      error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' },
    } satisfies ErrorAnswerOf<'internal'>),
  notReady: (message: string, retryAfterSeconds: number) =>
    answer(
      'notReady',
      { error: { code: 'notReady', message } } satisfies ErrorAnswerOf<'notReady'>,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  busy: (retryAfterSeconds: number) =>
    answer(
      'busy',
      {
        error: { code: 'busy', message: 'Microsoft 365 is busy. Please try again in a moment.' },
      } satisfies ErrorAnswerOf<'busy'>,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};

/** Sends an answer built above. */
export function sendErrorAnswer(
  res: { setHeader(name: string, value: string): unknown; status(code: number): { json(body: unknown): unknown } },
  built: HttpErrorAnswer,
): void {
  for (const [name, value] of Object.entries(built.headers ?? {})) res.setHeader(name, value);
  res.status(built.status).json(built.body satisfies ErrorAnswer);
}

/** The stamp of a stored version as it may be sent: `modifiedBy` left out when unknown. */
function stampOf(stored: Versioned<unknown>, withValue: boolean): StoredVersion<unknown> | VersionStamp {
  return {
    ...(withValue ? { value: stored.value } : {}),
    eTag: stored.eTag,
    modifiedAt: stored.modifiedAt,
    ...(stored.modifiedBy !== undefined ? { modifiedBy: stored.modifiedBy } : {}),
  };
}

/** What the caller is told for each kind of error; nothing about pupils is ever in an error's answer. */
export function errorAnswer(err: unknown): HttpErrorAnswer {
  if (err instanceof AuthError) return errorAnswers.unauthorized(err.message);
  if (err instanceof ZodError) return errorAnswers.validation(err.issues.flatMap(fieldsOfIssue));
  if (err instanceof NotFoundError) return errorAnswers.notFound(err.message);
  if (err instanceof ForbiddenError) return errorAnswers.forbidden(err.message);
  if (err instanceof PreconditionRequiredError) return errorAnswers.preconditionRequired(err.message);
  if (err instanceof NotReadyError) return errorAnswers.notReady(err.message, err.retryAfterSeconds);
  if (err instanceof ConflictError || err instanceof StaleVersionError) {
    // The version now stored, and who saved it, so the second editor can see what changed and lose nothing.
    // Only a route's own answer (StaleVersionError, see conflict-answers.ts) shows stored values: a raw
    // conflict from the records would echo the whole record, so it says just the version and who/when.
    const stored = err.current as Versioned<unknown> | undefined;
    return errorAnswers.conflict(err.message, stored ? stampOf(stored, err instanceof StaleVersionError) : null);
  }
  if (err instanceof ConsentRequiredError) return errorAnswers.consentRequired(consentMessage(err), err.scopes);
  if (err instanceof MeetingStateError) return errorAnswers.meetingState(err.message);
  if (err instanceof GraphRequestError && err.isThrottled) return errorAnswers.busy(err.retryAfterSeconds ?? 10);
  if (err instanceof UnsupportedMediaTypeError) return errorAnswers.unsupportedMediaType(err.message);
  return bodyReadingAnswer(err) ?? pathDecodingAnswer(err) ?? errorAnswers.internal();
}

/** Each issue as the field it is about; a body that is not an object, or has fields no route reads, says so. */
function fieldsOfIssue(issue: ZodError['issues'][number]): FieldProblem[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: `${key} is not recognised in this request`,
    }));
  }
  if (path === '' && issue.code === 'invalid_type') {
    return [{ path: 'body', message: 'The request body must be a JSON object' }];
  }
  return [{ path, message: issue.message }];
}

/** A 400 about the body as a whole: it is the field at fault. */
const unreadableBody = (message: string) => errorAnswers.validation([{ path: 'body', message }], message);

/** The body parser's refusals (express.json, https://github.com/expressjs/body-parser#errors). */
function bodyReadingAnswer(err: unknown): HttpErrorAnswer | undefined {
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  switch (type) {
    case 'entity.too.large':
      return errorAnswers.payloadTooLarge();
    case 'entity.parse.failed':
      return errorAnswers.invalidJson();
    case 'charset.unsupported':
      return errorAnswers.unsupportedMediaType('The request body must be UTF-8 (charset=utf-8 or none).');
    case 'encoding.unsupported':
      return errorAnswers.unsupportedMediaType('The request body’s Content-Encoding is not supported.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return unreadableBody('The request body could not be read.');
  }
  const { code } = (err ?? {}) as { code?: unknown };
  if (typeof code === 'string' && code.startsWith('Z_')) {
    // zlib could not inflate a body sent as gzip or deflate.
    return unreadableBody('The request body could not be decompressed.');
  }
  if (status === 400 && err instanceof SyntaxError) return errorAnswers.invalidJson();
  return undefined;
}

/** The router's refusal of a path parameter that does not decode (requestHygiene normally answers first). */
function pathDecodingAnswer(err: unknown): HttpErrorAnswer | undefined {
  if (!(err instanceof URIError)) return undefined;
  const message = 'A part of the address is not valid percent-encoded UTF-8';
  return errorAnswers.validation([{ path: 'path', message }], message);
}
