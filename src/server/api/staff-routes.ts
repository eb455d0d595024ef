import express from 'express';
import { staffSearchQuery, type StaffSearchAnswer } from '../../contract/staff.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError } from './api-errors.ts';
import { contextOf, type ApiDeps } from './request-context.ts';

/**
 * GET /api/staff?search=…: members of staff whose name starts with the search, from the school's directory
 * (pupils never appear). For the SENCO and the SEND team, who name the TAs delivering interventions.
 */
export function staffRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();

  router.get('/staff', async (req, res) => {
    if (!capabilitiesOf(contextOf(res).caller).fullRecords) {
      throw new ForbiddenError('Finding staff is for the SENCO and the SEND team.');
    }
    const { search } = staffSearchQuery.parse({ search: req.query['search'] ?? '' });
    const found = await deps.directory.searchStaff(search);
    res.json({ staff: found.map((s) => ({ ...s })) } satisfies StaffSearchAnswer);
  });

  return router;
}
