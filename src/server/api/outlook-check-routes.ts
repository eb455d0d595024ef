import express, { type Request } from 'express';
import type { OutlookStatusAnswer } from '../../contract/bookings.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError } from './api-errors.ts';
import {
  actorOf,
  auditEntry,
  contextOf,
  listedPupils,
  type ApiDeps,
  type RequestContext,
} from './request-context.ts';

/**
 * The periodic Outlook check, as the home view shows it:
 *
 * GET  /api/bookings/outlook-status   when the caller's booked meetings were last checked, changes noticed
 * POST /api/bookings/outlook-check    check them now, as the caller (and let later checks run without them)
 *
 * The SENCO and the SEND team (the people who book); the answer names pupils by id only.
 */
export function outlookCheckRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();

  function allowed(context: RequestContext) {
    if (!capabilitiesOf(context.caller).fullRecords)
      throw new ForbiddenError('Meetings booked in Outlook are for the SENCO and the SEND team.');
    if (!deps.outlookCheck) throw new Error('The Outlook check is not wired into this server');
    return deps.outlookCheck;
  }

  async function answer(context: RequestContext, res: express.Response) {
    const status = allowed(context).status(context.caller.userId);
    const pupils = [...new Set(status.changes.map((c) => c.pupilId))];
    await deps.audit.record(
      auditEntry(context, {
        action: 'read',
        resource: 'outlook-status',
        ...(pupils.length ? { detail: listedPupils(pupils) } : {}),
      }),
    );
    res.json(status satisfies OutlookStatusAnswer);
  }

  router.get('/bookings/outlook-status', async (_req, res) => {
    await answer(contextOf(res), res);
  });

  router.post('/bookings/outlook-check', async (req: Request, res) => {
    const context = contextOf(res);
    const check = allowed(context);
    const assertion = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (!assertion) throw new Error('No bearer token on an authenticated request');
    await check.checkNow(actorOf(context), assertion);
    await answer(context, res);
  });

  return router;
}
