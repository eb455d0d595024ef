import express from 'express';
import type { PupilAnswer, PupilInterventionsAnswer, PupilMeetingsAnswer } from '../../contract/pupils.ts';
import { interventionCostLine } from '../../domain/provision-analytics.ts';
import { classPupilView, fullPupilView } from '../access/pupil-views.ts';
import { classNamesOf, findPupilRecord, findVisiblePupil } from './pupil-lookup.ts';
import { auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';

/**
 * One pupil. GET /api/pupils/{id} is the record as the caller may see it (contract relied on by the tab):
 * the whole record for the SENCO and the SEND team, the class view (passport, access arrangements) for the
 * pupil's class teachers and assigned TAs, 404 for anyone else. The other routes here are whole-record
 * parts: SENCO and SEND team only, 404 for everyone else. Every read is audited. (SEN status and needs
 * history, and changing them: pupil-sen-routes.ts; SEN support plans: sen-support-routes.ts.)
 */
export function pupilRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/pupils/:pupilId', async (req, res) => {
    const context = contextOf(res);
    const { pupil, access } = findVisiblePupil(records, context, param(req, 'pupilId'));
    const facts = {
      pupil,
      classNames: await classNamesOf(deps.directory),
      today: context.today,
      passport: records.passport(pupil.id),
      examAccessArrangements: records.accessArrangements(pupil.id),
      acknowledgements: records.acknowledgements(pupil.id),
      callerUserId: context.caller.userId,
      hasEhcPlan: records.ehcPlan(pupil.id) !== undefined,
      hasSenSupportPlan: records.senSupportPlan(pupil.id) !== undefined,
    };
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'pupil', pupilId: pupil.id, detail: access }),
    );
    res.json((access === 'full' ? fullPupilView(facts) : classPupilView(facts)) satisfies PupilAnswer);
  });

  router.get('/pupils/:pupilId/interventions', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'pupil-interventions', pupilId: pupil.id }),
    );
    res.json({
      pupilId: pupil.id,
      interventions: records.interventions().flatMap(({ value: intervention }) => {
        const participation = intervention.pupils.find((p) => p.pupilId === pupil.id);
        if (!participation) return [];
        const cost = interventionCostLine(intervention, context.today);
        return [
          {
            id: intervention.id,
            name: intervention.name,
            areaOfNeed: intervention.areaOfNeed,
            delivery: intervention.delivery,
            staff: intervention.staff,
            startOn: intervention.startOn,
            endOn: intervention.endOn ?? null,
            measureName: intervention.measure?.name ?? null,
            participation,
            costShare: cost.costPerPupil ?? null,
          },
        ];
      }),
    } satisfies PupilInterventionsAnswer);
  });

  router.get('/pupils/:pupilId/meetings', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'pupil-meetings', pupilId: pupil.id }),
    );
    res.json({
      pupilId: pupil.id,
      // Notes are left out: a meeting about several pupils may note things about the others.
      meetings: records.meetingsFor(pupil.id).map((m) => ({
        id: m.id,
        kind: m.kind,
        on: m.on,
        startsAt: m.startsAt ?? null,
        durationMinutes: m.durationMinutes ?? null,
        location: m.location ?? null,
        attendees: m.attendees.map((a) => ({ name: a.name, role: a.role ?? null })),
        upcoming: m.on >= context.today,
      })),
    } satisfies PupilMeetingsAnswer);
  });

  return router;
}
