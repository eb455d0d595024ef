/**
 * What the server answers when it refuses, for every route: `{ error: { code, message, … } }`, where `code`
 * names the kind of refusal and `message` is plain words a member of staff can act on. A 409 adds the version
 * now stored. The server builds each kind with `satisfies` (src/server/http/error-answers.ts) in the one place
 * errors become HTTP; the tab reads them as these types (src/tab/api/api-errors.ts). Nothing about a pupil is
 * in an error answer except the stored values of a 409, which the route chooses and audits.
 */

/** One field at fault: its path in the body (`outcomes.0.text`), a header or query field's name, and why. */
export type FieldProblem = { path: string; message: string };

type Refusal<Code extends string, Extra extends object = object> = {
  error: { code: Code; message: string } & Extra;
};

/** 400: fields at fault, each named (never empty: a body that cannot be read is the field `body`). */
export type ValidationErrorAnswer = Refusal<'invalidRequest', { fields: FieldProblem[] }>;
/** 400: the body is not JSON at all. */
export type InvalidJsonAnswer = Refusal<'invalidJson'>;
/** 401 (with WWW-Authenticate: Bearer): no token, or one not accepted. */
export type UnauthorizedAnswer = Refusal<'unauthorized'>;
/** 403: the caller's role may not do this with something they know exists. */
export type ForbiddenAnswer = Refusal<'forbidden'>;
/**
 * 403: the school's Microsoft 365 has not granted SENCO Hub a delegated permission it needs (the scopes named),
 * which only an administrator can grant.
 */
export type ConsentRequiredAnswer = Refusal<'consentRequired', { scopes: string[] }>;
/** 404: no such thing, or nothing the caller may know exists. */
export type NotFoundAnswer = Refusal<'notFound'>;
/** 409: a meeting cannot change from the state it is in (e.g. a cancelled meeting moved). */
export type MeetingStateAnswer = Refusal<'meetingState'>;
/** 413: the body is larger than any route takes. */
export type PayloadTooLargeAnswer = Refusal<'payloadTooLarge'>;
/** 415: the body is not UTF-8 JSON, or is compressed in a way the server does not read. */
export type UnsupportedMediaTypeAnswer = Refusal<'unsupportedMediaType'>;
/** 421 (local mode): the request named a host other than this computer. */
export type MisdirectedRequestAnswer = Refusal<'misdirectedRequest'>;
/** 428: a change to something versioned did not say which version it was made from. */
export type PreconditionRequiredAnswer = Refusal<'preconditionRequired'>;
/** 500: something went wrong on the server; nothing more is said. */
export type InternalErrorAnswer = Refusal<'internal'>;
/** 503 (with Retry-After): the records are still loading after a start. */
export type NotReadyAnswer = Refusal<'notReady'>;
/** 503 (with Retry-After): Microsoft 365 is throttling; nothing was written twice. */
export type BusyAnswer = Refusal<'busy'>;

/** The version of a record and who saved it when. */
export type VersionStamp = { eTag: string; modifiedAt: string; modifiedBy?: string };
/** A stored version with the values the route lets the caller see, to merge from. */
export type StoredVersion<T> = VersionStamp & { value: T };

/**
 * 409: the record changed since the caller read it (or is gone: `current` null). A route that answers its own
 * conflict shows the values it was changing as now stored (`StoredVersion`); otherwise only who saved which
 * version when (`VersionStamp`). `changedBy` and `changedAt` repeat the stored version's, for a form that
 * only says who got there first.
 */
export type ConflictAnswer<T = unknown> = Refusal<'conflict'> & {
  current: StoredVersion<T> | VersionStamp | null;
  changedBy: string | null;
  changedAt: string | null;
};

export type ErrorAnswer =
  | ValidationErrorAnswer
  | InvalidJsonAnswer
  | UnauthorizedAnswer
  | ForbiddenAnswer
  | ConsentRequiredAnswer
  | NotFoundAnswer
  | ConflictAnswer
  | MeetingStateAnswer
  | PayloadTooLargeAnswer
  | UnsupportedMediaTypeAnswer
  | MisdirectedRequestAnswer
  | PreconditionRequiredAnswer
  | InternalErrorAnswer
  | NotReadyAnswer
  | BusyAnswer;

export type ErrorCode = ErrorAnswer['error']['code'];

/** Every code, each with the HTTP status it comes with. */
export const ERROR_STATUS = {
  invalidRequest: 400,
  invalidJson: 400,
  unauthorized: 401,
  forbidden: 403,
  consentRequired: 403,
  notFound: 404,
  conflict: 409,
  meetingState: 409,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  misdirectedRequest: 421,
  preconditionRequired: 428,
  internal: 500,
  notReady: 503,
  busy: 503,
} as const satisfies Record<ErrorCode, number>;

/** The answer of that code, e.g. `ErrorAnswerOf<'conflict'>`. */
export type ErrorAnswerOf<C extends ErrorCode> = Extract<ErrorAnswer, { error: { code: C } }>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFieldProblem = (value: unknown): value is FieldProblem =>
  isObject(value) && typeof value['path'] === 'string' && typeof value['message'] === 'string';

/**
 * Whether a body is one of these answers, checked as far as the tab relies on it: a known code with words,
 * the field list of a 400, the scopes of a missing consent. Anything else (a proxy's error page, an older
 * server) is not, and the tab falls back to words of its own for the status.
 */
export function isErrorAnswer(body: unknown): body is ErrorAnswer {
  if (!isObject(body) || !isObject(body['error'])) return false;
  const { code, message } = body['error'];
  if (typeof code !== 'string' || !(code in ERROR_STATUS) || typeof message !== 'string') return false;
  switch (code as ErrorCode) {
    case 'invalidRequest': {
      const fields = body['error']['fields'];
      return Array.isArray(fields) && fields.every(isFieldProblem);
    }
    case 'consentRequired': {
      const scopes = body['error']['scopes'];
      return Array.isArray(scopes) && scopes.every((s) => typeof s === 'string');
    }
    case 'conflict': {
      const current = body['current'];
      return current === undefined || current === null || isObject(current);
    }
    default:
      return true;
  }
}

/** Whether a conflict's stored version carries the values to merge from (of the type `T` the caller names), or only who saved it when. */
export function hasStoredValues<T>(current: ConflictAnswer<T>['current']): current is StoredVersion<T> {
  return current !== null && 'value' in current;
}
