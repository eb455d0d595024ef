import express from 'express';
import type { AllProfessionalsAnswer, ProfessionalsAnswer } from '../../contract/professionals.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError } from './api-errors.ts';
import { findPupilRecord } from './pupil-lookup.ts';
import { auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';

/**
 * Professionals outside the school (educational psychologists, therapists, social workers). Who works with
 * which pupil is part of the pupil's record: SENCO and SEND team only.
 */
export function professionalRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/professionals', (_req, res) => {
    if (!capabilitiesOf(contextOf(res).caller).fullRecords) {
      throw new ForbiddenError('The professionals list is for the SENCO and the SEND team.');
    }
    res.json({ professionals: records.professionals() } satisfies AllProfessionalsAnswer);
  });

  router.get('/pupils/:pupilId/professionals', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'professionals', pupilId: pupil.id }),
    );
    res.json({
      pupilId: pupil.id,
      professionals: records.professionalsFor(pupil.id),
    } satisfies ProfessionalsAnswer);
  });

  return router;
}
