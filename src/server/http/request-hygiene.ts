import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { UnsupportedMediaTypeError } from '../api/api-errors.ts';

/**
 * Checks made once, at the edge, before any route reads a request: the address decodes, and a body is JSON
 * in UTF-8. What a route would otherwise trip over (and answer 500 for) is refused here with 400 or 415.
 * Header values with line breaks or NUL never get this far: Node's HTTP parser refuses them
 * (https://nodejs.org/api/http.html#httpvalidateheadervaluename-value).
 */

/** A 400 naming the request's part at fault, answered like a body field that failed validation. */
function requestProblem(field: string, message: string): ZodError {
  return new ZodError([{ code: 'custom', path: [field], message, input: undefined }]);
}

/** The media type and charset of a Content-Type header (RFC 9110 §8.3), or undefined if it is not one. */
export function parseContentType(header: string): { type: string; charset?: string } | undefined {
  const [type = '', ...params] = header.split(';');
  const mediaType = type.trim().toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(mediaType)) return undefined;
  let charset: string | undefined;
  for (const param of params) {
    const match =
      /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*$/.exec(
        param,
      );
    if (!match) {
      if (param.trim() === '') continue;
      return undefined;
    }
    const value = match[2]!.startsWith('"') ? match[2]!.slice(1, -1).replace(/\\(.)/g, '$1') : match[2]!;
    if (match[1]!.toLowerCase() === 'charset') charset = value.toLowerCase();
  }
  return charset === undefined ? { type: mediaType } : { type: mediaType, charset };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Every part of the path must decode as UTF-8 (`/api/pupils/%FF` does not). */
function checkPath(req: Request): void {
  const segments = req.path.split('/');
  segments.forEach((segment, index) => {
    try {
      decodeURIComponent(segment);
    } catch {
      throw requestProblem(
        'path',
        `Part ${index} of the address ("${segment.slice(0, 40)}") is not valid percent-encoded UTF-8`,
      );
    }
  });
}

function checkBody(req: Request): void {
  if (!hasBody(req)) return;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    // RFC 9110 §15.5.16: 415 for a content coding the server does not take. The tab never compresses.
    throw new UnsupportedMediaTypeError('Send the request body uncompressed (no Content-Encoding).');
  }
  const header = req.headers['content-type'];
  if (header === undefined) {
    throw new UnsupportedMediaTypeError(
      'Send the request body as JSON, with Content-Type: application/json.',
    );
  }
  const contentType = parseContentType(header);
  if (!contentType) {
    throw new UnsupportedMediaTypeError(
      'The Content-Type header cannot be read: send Content-Type: application/json.',
    );
  }
  if (contentType.type !== 'application/json') {
    throw new UnsupportedMediaTypeError(
      `The request body must be JSON (Content-Type: application/json), not ${contentType.type}.`,
    );
  }
  if (contentType.charset !== undefined && contentType.charset !== 'utf-8') {
    throw new UnsupportedMediaTypeError(
      `The request body must be UTF-8 (charset=utf-8 or none), not ${contentType.charset}.`,
    );
  }
}

/** Express middleware for the API: refuses what no route can read, before any route runs. */
export function requestHygiene(req: Request, _res: Response, next: NextFunction): void {
  checkPath(req);
  checkBody(req);
  next();
}
