import { randomUUID } from 'node:crypto';
import express from 'express';
import {
  interventionCreateBody,
  interventionPupilAddBody,
  interventionPupilLeaveBody,
  interventionUpdateBody,
  type InterventionAnswer,
} from '../../contract/provision.ts';
import { formatCalendarDate, isAfter, isBefore, type CalendarDate } from '../../domain/calendar-date.ts';
import type { Intervention, InterventionPupil } from '../../domain/intervention.schema.ts';
import { pupilDisplayName } from '../../domain/pupil.schema.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { fullIntervention } from '../access/intervention-views.ts';
import { ForbiddenError, NotFoundError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import {
  actorOf,
  auditEntry,
  contextOf,
  param,
  type ApiDeps,
  type RequestContext,
} from './request-context.ts';
import { expectedETagOf, fieldProblems, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * Editing the provision map (SENCO and SEND team; to anyone else an intervention is not there). Bodies and
 * answers: src/contract/provision.ts.
 *
 * POST /api/interventions: a new intervention with its pupils (stored all or nothing: intervention-writes.ts).
 * PUT /api/interventions/{id}: its details, If-Match its version; an end date ends it.
 * POST /api/interventions/{id}/pupils: a pupil joins (or rejoins).
 * POST /api/interventions/{id}/pupils/{pupilId}/leave: a pupil leaves (their attendance and measures stay).
 *
 * Staff named with an Entra id must be staff in the school's directory: naming a TA so is what lets them
 * record its sessions and see its pupils' passports (access-policy.ts, interventionPupilIdsOn).
 */

type Details = Omit<Intervention, 'id' | 'pupils'>;

function detailsOf(body: {
  name: string;
  areaOfNeed: Intervention['areaOfNeed'];
  staff: Intervention['staff'];
  delivery: Intervention['delivery'];
  sessionsPerWeek: number;
  minutesPerSession: number;
  costPerHour?: number | undefined;
  costPerSession?: number | undefined;
  resourceCost?: number | undefined;
  startOn: CalendarDate;
  endOn?: CalendarDate | undefined;
  deliveryWeeks?: number | undefined;
  measure?: Intervention['measure'];
}): Details {
  return {
    name: body.name,
    areaOfNeed: body.areaOfNeed,
    staff: body.staff.map((s) => ({ name: s.name, role: s.role, ...(s.userId ? { userId: s.userId } : {}) })),
    delivery: body.delivery,
    sessionsPerWeek: body.sessionsPerWeek,
    minutesPerSession: body.minutesPerSession,
    costPerHour: body.costPerHour ?? 0,
    ...(body.costPerSession !== undefined ? { costPerSession: body.costPerSession } : {}),
    resourceCost: body.resourceCost ?? 0,
    startOn: body.startOn,
    ...(body.endOn ? { endOn: body.endOn } : {}),
    ...(body.deliveryWeeks !== undefined ? { deliveryWeeks: body.deliveryWeeks } : {}),
    ...(body.measure ? { measure: body.measure } : {}),
  };
}

export function provisionMapRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  const answer = (versioned: Versioned<Intervention>, today: CalendarDate): InterventionAnswer => ({
    intervention: fullIntervention({
      versioned,
      pupilName: (id) => {
        const pupil = records.pupil(id);
        return pupil ? pupilDisplayName(pupil) : undefined;
      },
      pupilETag: (pupilId) => records.interventionPupil(versioned.value.id, pupilId)?.eTag,
      asOf: today,
    }),
  });

  const sendTeamOnly = (context: RequestContext) => {
    if (!capabilitiesOf(context.caller).fullRecords) {
      throw new ForbiddenError('The provision map is changed by the SENCO and the SEND team.');
    }
  };
  /** An intervention the caller may change; anyone else is told it is not there. */
  const findIntervention = (context: RequestContext, id: string) => {
    const found = capabilitiesOf(context.caller).fullRecords
      ? records.interventions().find((v) => v.value.id === id)
      : undefined;
    if (!found) throw new NotFoundError('No such intervention.');
    return found;
  };

  /** Staff named by Entra id are staff in the directory; the message names which one. */
  async function checkStaff(staff: Details['staff']) {
    const problems = (
      await Promise.all(
        staff.map(async (member, index) =>
          member.userId !== undefined && (await deps.directory.person(member.userId)) !== 'staff'
            ? [
                {
                  field: `staff.${index}.userId`,
                  message: `${member.name} is not a member of staff in the school’s directory`,
                },
              ]
            : [],
        ),
      )
    ).flat();
    if (problems.length > 0) throw fieldProblems(problems);
  }

  /** Pupils exist (on the roll SENCO Hub holds); the message names the place in the list. */
  function checkPupils(pupilIds: readonly string[], field: (index: number) => string) {
    const problems = pupilIds.flatMap((id, index) =>
      records.pupil(id) ? [] : [{ field: field(index), message: 'This pupil is not on the school’s roll' }],
    );
    if (problems.length > 0) throw fieldProblems(problems);
  }

  router.post('/interventions', async (req, res) => {
    const context = contextOf(res);
    sendTeamOnly(context);
    const body = interventionCreateBody.parse(req.body);
    await checkStaff(body.staff);
    checkPupils(
      body.pupils.map((p) => p.pupilId),
      (index) => `pupils.${index}.pupilId`,
    );
    const id = body.id ?? randomUUID();
    const intervention: Intervention = {
      id,
      ...detailsOf(body),
      pupils: body.pupils.map((p) => ({
        pupilId: p.pupilId,
        joinedOn: body.startOn,
        ...(p.entryMeasure !== undefined ? { entryMeasure: p.entryMeasure } : {}),
      })),
    };
    const saved = await deps.audit.change(
      [
        auditEntry(context, { action: 'create', resource: 'intervention', detail: id }),
        ...body.pupils.map((p) =>
          auditEntry(context, {
            action: 'create',
            resource: 'intervention-pupil',
            pupilId: p.pupilId,
            detail: id,
          }),
        ),
      ],
      () => records.createIntervention({ intervention, by: actorOf(context) }),
    );
    setETagHeader(res, saved.eTag);
    res.status(201).json(answer(saved, context.today) satisfies InterventionAnswer);
  });

  router.put('/interventions/:interventionId', async (req, res) => {
    const context = contextOf(res);
    const found = findIntervention(context, param(req, 'interventionId'));
    const body = interventionUpdateBody.parse(req.body);
    const expectedETag = requireExpectedETag(expectedETagOf(req, body.expectedETag), 'intervention');
    await checkStaff(body.staff);
    const details = detailsOf(body);
    const lastSession = records
      .interventionSessions(found.value.id)
      .reduce<CalendarDate | undefined>((last, s) => (last && last > s.date ? last : s.date), undefined);
    // Checked when the end date changes (ending it): sessions already recorded stay inside its dates.
    if (
      details.endOn &&
      details.endOn !== found.value.endOn &&
      lastSession &&
      isBefore(details.endOn, lastSession)
    ) {
      throw fieldProblems([
        {
          field: 'endOn',
          message: `End date cannot be before the last session recorded, on ${formatCalendarDate(lastSession)}`,
        },
      ]);
    }
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: 'update',
          resource: 'intervention',
          detail: details.endOn ? `${found.value.id}; ends ${details.endOn}` : found.value.id,
        }),
        () => records.updateIntervention({ id: found.value.id, details, expectedETag, by: actorOf(context) }),
      )
      // The intervention as now stored: its details (no pupil's scores), for the merge view.
      .catch(conflictAnswer({ shape: ({ pupils: _pupils, ...rest }: Intervention) => rest }));
    setETagHeader(res, saved.eTag);
    res.json(answer(saved, context.today) satisfies InterventionAnswer);
  });

  router.post('/interventions/:interventionId/pupils', async (req, res) => {
    const context = contextOf(res);
    const found = findIntervention(context, param(req, 'interventionId'));
    const body = interventionPupilAddBody.parse(req.body);
    checkPupils([body.pupilId], () => 'pupilId');
    const current = found.value.pupils.find((p) => p.pupilId === body.pupilId);
    if (current && current.leftOn === undefined) {
      throw fieldProblems([{ field: 'pupilId', message: 'This pupil is already in the intervention' }]);
    }
    const joinedOn = body.joinedOn ?? context.today;
    if (isBefore(joinedOn, found.value.startOn) || isAfter(joinedOn, context.today)) {
      throw fieldProblems([
        {
          field: 'joinedOn',
          message: `Joined date must be from the start of the intervention (${formatCalendarDate(found.value.startOn)}) to today`,
        },
      ]);
    }
    const pupil: InterventionPupil = {
      pupilId: body.pupilId,
      joinedOn,
      ...(body.entryMeasure !== undefined ? { entryMeasure: body.entryMeasure } : {}),
    };
    await deps.audit.change(
      auditEntry(context, {
        action: 'create',
        resource: 'intervention-pupil',
        pupilId: body.pupilId,
        detail: found.value.id,
      }),
      () => records.addInterventionPupil({ interventionId: found.value.id, pupil, by: actorOf(context) }),
    );
    const fresh = records.interventions().find((v) => v.value.id === found.value.id) ?? found;
    res.status(201).json(answer(fresh, context.today) satisfies InterventionAnswer);
  });

  router.post('/interventions/:interventionId/pupils/:pupilId/leave', async (req, res) => {
    const context = contextOf(res);
    const found = findIntervention(context, param(req, 'interventionId'));
    const pupilId = param(req, 'pupilId');
    const place = records.interventionPupil(found.value.id, pupilId);
    if (!place) throw new NotFoundError('This pupil is not in the intervention.');
    const body = interventionPupilLeaveBody.parse(req.body ?? {});
    const expectedETag = requireExpectedETag(
      expectedETagOf(req, body.expectedETag),
      'pupil’s place in this intervention',
    );
    const leftOn = body.leftOn ?? context.today;
    const joinedOn = place.value.joinedOn ?? found.value.startOn;
    if (isBefore(leftOn, joinedOn) || isAfter(leftOn, context.today)) {
      throw fieldProblems([
        {
          field: 'leftOn',
          message: `Left date must be from when the pupil joined (${formatCalendarDate(joinedOn)}) to today`,
        },
      ]);
    }
    await deps.audit
      .change(
        auditEntry(context, {
          action: 'update',
          resource: 'intervention-pupil',
          pupilId,
          detail: `${found.value.id}; left ${leftOn}`,
        }),
        () =>
          records.saveInterventionMeasures({
            interventionId: found.value.id,
            pupilId,
            entryMeasure: place.value.entryMeasure,
            exitMeasure: place.value.exitMeasure,
            leftOn,
            expectedETag,
            by: actorOf(context),
          }),
      )
      // The pupil's place as now stored (their measures): a read of them, audited.
      .catch(
        conflictAnswer({
          shape: (current: InterventionPupil) => current,
          audit: {
            logger: deps.audit,
            entry: auditEntry(context, {
              action: 'read',
              resource: 'intervention-measures',
              pupilId,
              detail: `${found.value.id}; conflict answer`,
            }),
          },
        }),
      );
    const fresh = records.interventions().find((v) => v.value.id === found.value.id) ?? found;
    res.json(answer(fresh, context.today) satisfies InterventionAnswer);
  });

  return router;
}
