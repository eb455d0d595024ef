import { z } from 'zod';

/**
 * One version tag as SENCO Hub hands them out (SharePoint's `"{guid},3"`): printable ASCII only, so it can be
 * sent on in an HTTP header (RFC 9110 §8.8.3: an entity tag is ASCII between quotes), and one tag, not a
 * list of them (`"a", "b"` would match either). Shared by every body that quotes a version, so the tab's
 * forms and the server refuse the same tags in the same words.
 */
export const VERSION_TAG = /^(?:(?:W\/)?"[\x20\x21\x23-\x7E]*"|[\x20\x21\x23-\x7E]+)$/;

/** `expectedETag` in a body: the version a change was made from (or sent as If-Match instead). */
export const expectedETagField = z
  .string({ error: 'Expected eTag must be text' })
  .min(1, { error: 'Expected eTag is required' })
  .max(200, { error: 'Expected eTag is too long' })
  .regex(VERSION_TAG, {
    error: 'Expected eTag must be one version tag as SENCO Hub sent it (printable ASCII characters only)',
  })
  .optional();
