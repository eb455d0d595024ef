import express, { type NextFunction, type Request, type Response } from 'express';
import { mayUseSencoHub } from '../access/access-policy.ts';
import type { Principal } from '../auth/token-validator.ts';
import { ForbiddenError, NotReadyError } from './api-errors.ts';
import { auditRoutes } from './audit-routes.ts';
import { staffRoutes } from './staff-routes.ts';
import { bookingRoutes } from './booking-routes.ts';
import { resolveCaller } from './caller-resolution.ts';
import { classRoutes } from './class-routes.ts';
import { dueWorkRoutes } from './due-work-routes.ts';
import { ehcPlanWriteRoutes } from './ehc-plan-write-routes.ts';
import { ehcRoutes } from './ehc-routes.ts';
import { interventionRoutes } from './intervention-routes.ts';
import { meRoutes } from './me-routes.ts';
import { outlookCheckRoutes } from './outlook-check-routes.ts';
import { needsAssessmentRoutes } from './needs-assessment-routes.ts';
import { passportRoutes } from './passport-routes.ts';
import { professionalRoutes } from './professional-routes.ts';
import { provisionMapRoutes } from './provision-map-routes.ts';
import { pupilRoutes } from './pupil-routes.ts';
import { pupilSenRoutes } from './pupil-sen-routes.ts';
import { referralRoutes } from './referral-routes.ts';
import { registerRoutes } from './register-routes.ts';
import { senSupportRoutes } from './sen-support-routes.ts';
import { examAccessRoutes } from './exam-access-routes.ts';
import { setContext, type ApiDeps } from './request-context.ts';
import { settingsRoutes } from './settings-routes.ts';
import { retentionRoutes } from './retention-routes.ts';
import { subjectAccessRoutes } from './subject-access-routes.ts';

/** Largest JSON body the API reads; a passport at its limits is about 50 kB. */
export const MAX_BODY = '100kb';

/**
 * The tab's API, mounted at /api. In order: no caching of answers; the bearer token (401 without a valid
 * one); the body (413 over MAX_BODY); the records ready (503 while loading); who the caller is and whether
 * SENCO Hub is for them (403 for pupils and guests); then the feature routes. Errors go to the web app's
 * error handler, which answers once.
 */
export function createApiRouter(deps: ApiDeps): express.Router {
  const api = express.Router();

  api.use((_req: Request, res: Response, next: NextFunction) => {
    // SEND records must not linger in browser or proxy caches.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  api.use(async (req: Request, res: Response, next: NextFunction) => {
    const principal = await deps.validateToken(req.headers.authorization);
    res.locals['principal'] = principal;
    next();
  });

  api.use(express.json({ limit: MAX_BODY }));

  api.use((_req: Request, _res: Response, next: NextFunction) => {
    if (!deps.records.isReady()) {
      throw new NotReadyError(
        'SENCO Hub is still loading the school’s records. Try again in a few seconds.',
        5,
      );
    }
    next();
  });

  api.use(async (req: Request, res: Response, next: NextFunction) => {
    const now = deps.clock.now();
    const today = deps.clock.today();
    const principal = res.locals['principal'] as Principal;
    const caller = await resolveCaller({
      principal,
      directory: deps.directory,
      records: deps.records,
      today,
    });
    if (!mayUseSencoHub(caller)) throw new ForbiddenError('SENCO Hub is for school staff.');
    setContext(res, { principal, caller, today, now, from: req.ip });
    next();
  });

  api.use(meRoutes(deps));
  api.use(registerRoutes(deps));
  api.use(dueWorkRoutes(deps));
  api.use(classRoutes(deps));
  api.use(pupilRoutes(deps));
  api.use(pupilSenRoutes(deps));
  api.use(passportRoutes(deps));
  api.use(senSupportRoutes(deps));
  api.use(examAccessRoutes(deps));
  api.use(ehcRoutes(deps));
  api.use(bookingRoutes(deps));
  api.use(needsAssessmentRoutes(deps));
  api.use(ehcPlanWriteRoutes(deps));
  api.use(interventionRoutes(deps));
  api.use(provisionMapRoutes(deps));
  api.use(professionalRoutes(deps));
  api.use(referralRoutes(deps));
  api.use(settingsRoutes(deps));
  api.use(auditRoutes(deps));
  api.use(retentionRoutes(deps));
  api.use(subjectAccessRoutes(deps));
  api.use(outlookCheckRoutes(deps));
  api.use(staffRoutes(deps));
  return api;
}
