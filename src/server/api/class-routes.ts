import express from 'express';
import type { ClassPupilsAnswer } from '../../contract/pupils.ts';
import { isOnSenRegister, mayOpenClass, pupilAccess } from '../access/access-policy.ts';
import { classPupilView } from '../access/pupil-views.ts';
import { NotFoundError } from './api-errors.ts';
import { classNamesOf } from './pupil-lookup.ts';
import { auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';

/**
 * GET /api/classes/{teamGroupId}/pupils: the class view, as the tab shows it inside a class team (contract
 * relied on by the tab). The class's pupils come from the Education roster (matched to records by UPN); the
 * team id in the URL is only a name for the class, never evidence that the caller teaches it. Each pupil
 * listed is a read of their passport, and audited as one.
 */
export function classRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/classes/:teamGroupId/pupils', async (req, res) => {
    const context = contextOf(res);
    const { caller, today } = context;
    const roster = await deps.directory.classRoster(param(req, 'teamGroupId'));
    if (!roster) throw new NotFoundError('No such class.');
    const inClass = new Set(roster.pupilUpns);
    const visible = records
      .pupils()
      .filter(
        (pupil) =>
          inClass.has(pupil.upn.toUpperCase()) &&
          pupilAccess(caller, pupil, today) !== 'none' &&
          (isOnSenRegister(pupil, today) || caller.assignedPupilIds.has(pupil.id)),
      );
    if (!mayOpenClass(caller, roster, visible.length)) throw new NotFoundError('No such class.');
    const classNames = await classNamesOf(deps.directory);
    const pupils = visible
      .map((pupil) =>
        classPupilView({
          pupil,
          classNames,
          today,
          passport: records.passport(pupil.id),
          examAccessArrangements: records.accessArrangements(pupil.id),
          acknowledgements: records.acknowledgements(pupil.id),
          callerUserId: caller.userId,
        }),
      )
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'));
    // One entry per pupil (the log is searched by pupil), journaled together before the answer.
    await deps.audit.record(
      pupils.map((pupil) =>
        auditEntry(context, {
          action: 'read',
          resource: 'passport',
          pupilId: pupil.id,
          detail: `class ${roster.id}`,
        }),
      ),
    );
    res.json({
      class: { id: roster.id, displayName: roster.displayName },
      pupils,
    } satisfies ClassPupilsAnswer);
  });

  return router;
}
