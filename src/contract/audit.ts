import { z } from 'zod';
import { idField } from '../domain/schema-fields.ts';
import { numberParam } from './query-params.ts';

/** GET /api/audit: who read and changed which record, newest first (the SENCO only). */

export const auditLogQueryParams = z.strictObject({
  pupilId: idField('Pupil id').optional(),
  limit: numberParam('Limit', { min: 1, max: 1000 }).default(200),
});
export type AuditLogQueryParams = z.output<typeof auditLogQueryParams>;

export const AUDIT_ACTIONS = ['read', 'create', 'update', 'delete', 'acknowledge', 'export'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of the audit log. */
export type AuditLogEntry = {
  id?: string;
  /** ISO timestamp. */
  at: string;
  actor: { userId: string; upn: string };
  action: AuditAction;
  /** What was touched, e.g. 'pupil', 'passport', 'ehc-plan', 'register'. */
  resource: string;
  pupilId?: string;
  detail?: string;
  /** Where the request came from (client IP as the server saw it). */
  from?: string;
};

export type AuditLogAnswer = { entries: readonly AuditLogEntry[] };
