import express from 'express';
import type { MeAnswer } from '../../contract/me.ts';
import { capabilitiesOf, pupilAccess } from '../access/access-policy.ts';
import { pupilSummary } from '../access/pupil-views.ts';
import { classNamesOf } from './pupil-lookup.ts';
import { auditEntry, contextOf, listedPupils, type ApiDeps } from './request-context.ts';

/**
 * GET /api/me: the caller, their roles, what they may do, the classes they teach and the pupils they may see.
 * For the SENCO and the SEND team `pupilScope` is 'all' and `pupils` is empty: the register lists them.
 */
export function meRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();

  router.get('/me', async (_req, res) => {
    const context = contextOf(res);
    const { caller, principal, today } = context;
    const can = capabilitiesOf(caller);
    const classNames = await classNamesOf(deps.directory);
    const pupils = can.fullRecords
      ? []
      : deps.records
          .pupils()
          .filter((pupil) => pupilAccess(caller, pupil, today) === 'class')
          .map((pupil) => pupilSummary({ pupil, classNames, today }))
          .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'));
    const me = {
      id: caller.userId,
      upn: caller.upn,
      displayName: caller.name,
      tenantId: principal.tenantId,
      roles: caller.roles,
      can,
      classes: caller.taughtClasses.map((c) => ({ id: c.id, displayName: c.displayName, role: 'teacher' })),
      pupilScope: can.fullRecords ? 'all' : 'own',
      pupils,
      today,
    } satisfies MeAnswer;
    // A teacher's list names pupils with their SEN status: a read of each, audited like the register.
    if (pupils.length > 0) {
      await deps.audit.record(
        auditEntry(context, {
          action: 'read',
          resource: 'my-pupils',
          detail: listedPupils(pupils.map((p) => p.id)),
        }),
      );
    }
    res.json(me satisfies MeAnswer);
  });

  return router;
}
