import express from 'express';
import { auditLogQueryParams, type AuditLogAnswer } from '../../contract/audit.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError } from './api-errors.ts';
import { auditEntry, contextOf, type ApiDeps } from './request-context.ts';

/** GET /api/audit: who read and changed which record, newest first. The SENCO only. */

export function auditRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();

  router.get('/audit', async (req, res) => {
    const context = contextOf(res);
    if (!capabilitiesOf(context.caller).auditLog) {
      throw new ForbiddenError('The audit log is for the SENCO only.');
    }
    const query = auditLogQueryParams.parse(req.query);
    // The log says which pupils' records were read and changed: reading it is audited too.
    await deps.audit.record(
      auditEntry(context, {
        action: 'read',
        resource: 'audit-log',
        ...(query.pupilId !== undefined ? { pupilId: query.pupilId } : {}),
      }),
    );
    // Entries still in the journal are sent first, so the SENCO sees reads up to this moment (this one too).
    await deps.audit.flush();
    await deps.records.refreshAuditLog();
    res.json({
      entries: deps.records.auditLog({
        limit: query.limit,
        ...(query.pupilId !== undefined ? { pupilId: query.pupilId } : {}),
      }),
    } satisfies AuditLogAnswer);
  });

  return router;
}
