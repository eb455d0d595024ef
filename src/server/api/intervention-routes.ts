import express from 'express';
import type {
  InterventionsAnswer,
  MeasuresSavedAnswer,
  ProvisionSummaryAnswer,
  SessionRecordedAnswer,
} from '../../contract/interventions.ts';
import { z } from 'zod';
import { formatCalendarDate, isAfter, isBefore, type CalendarDate } from '../../domain/calendar-date.ts';
import { calendarDateField } from '../../domain/calendar-date-field.ts';
import type { Intervention, InterventionPupil } from '../../domain/intervention.schema.ts';
import { pupilDisplayName } from '../../domain/pupil.schema.ts';
import { idField, optionalText, wholeNumberField } from '../../domain/schema-fields.ts';
import { MAX_SESSIONS_A_DAY } from '../../domain/intervention-session.ts';
import type { InterventionSession, Versioned } from '../../graph/send-records.ts';
import { capabilitiesOf, deliversIntervention, mayRecordSession } from '../access/access-policy.ts';
import { deliveredIntervention, fullIntervention, provisionSummary } from '../access/intervention-views.ts';
import type { SessionNote } from '../../domain/provision-views.ts';
import { ForbiddenError, NotFoundError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { actorOf, auditEntry, contextOf, listedPupils, param, type ApiDeps } from './request-context.ts';
import { expectedETagField, expectedETagOf, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * The provision map. GET /api/interventions: all of it with costs and impact for the SENCO and the SEND
 * team; for anyone else, the interventions they deliver. POST /api/interventions/{id}/sessions: a session
 * recorded by a member of staff who delivers it (or the SEND team). PUT
 * /api/interventions/{id}/pupils/{pupilId}/measures: a pupil's entry and exit measures and leaving date (the
 * SENCO and the SEND team). GET /api/provision/summary: costs and impact with no pupil in them, against the
 * notional SEN budget (SENCO, SEND team, headteacher).
 */

function sessionBody(intervention: Intervention, today: CalendarDate) {
  const members = new Set(intervention.pupils.map((p) => p.pupilId));
  const pupilIds = (label: string) =>
    z
      .array(idField(`Each pupil in ${label}`), { error: `${label} must be a list` })
      .max(200)
      .default([]);
  return z
    .strictObject({
      date: calendarDateField('Session date'),
      /** Which session of the day (an intervention run twice a day has 1 and 2): one record each. */
      sessionNumber: wholeNumberField('Session of the day', { min: 1, max: MAX_SESSIONS_A_DAY }).default(1),
      attendedPupilIds: pupilIds('Attended pupils'),
      absentPupilIds: pupilIds('Absent pupils'),
      note: optionalText('Note', 2000, { multiline: true }),
    })
    .superRefine((session, ctx) => {
      if (isAfter(session.date, today)) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'Session date cannot be in the future' });
      }
      for (const key of ['attendedPupilIds', 'absentPupilIds'] as const) {
        session[key].forEach((id, index) => {
          if (!members.has(id)) {
            ctx.addIssue({
              code: 'custom',
              path: [key, index],
              message: 'This pupil is not in the intervention',
            });
          }
        });
      }
      const absent = new Set(session.absentPupilIds);
      session.attendedPupilIds.forEach((id, index) => {
        if (absent.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['attendedPupilIds', index],
            message: 'A pupil cannot be both attended and absent',
          });
        }
      });
      if (session.attendedPupilIds.length + session.absentPupilIds.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['attendedPupilIds'],
          message: 'Record at least one pupil as attended or absent',
        });
      }
    });
}

const measureField = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .refine(Number.isFinite, { message: `${label} must be a finite number` })
    .nullable()
    .optional();

/**
 * A pupil's measures as a whole: the body says what all three are now, so a value left out (or null) is
 * cleared. The change quotes the version of the pupil's place in the intervention (`pupilETags`).
 */
function measuresBody(intervention: Intervention, pupil: InterventionPupil, today: CalendarDate) {
  const joinedOn = pupil.joinedOn ?? intervention.startOn;
  return z
    .strictObject({
      entryMeasure: measureField('Entry measure'),
      exitMeasure: measureField('Exit measure'),
      leftOn: calendarDateField('Left date').nullable().optional(),
      expectedETag: expectedETagField,
    })
    .superRefine((body, ctx) => {
      if (!body.leftOn) return;
      if (isAfter(body.leftOn, today)) {
        ctx.addIssue({ code: 'custom', path: ['leftOn'], message: 'Left date cannot be in the future' });
      }
      if (isBefore(body.leftOn, joinedOn)) {
        ctx.addIssue({
          code: 'custom',
          path: ['leftOn'],
          message: `Left date cannot be before the pupil joined the intervention, on ${formatCalendarDate(joinedOn)}`,
        });
      }
    });
}

export function interventionRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;
  const pupilName = (id: string) => {
    const pupil = records.pupil(id);
    return pupil ? pupilDisplayName(pupil) : undefined;
  };

  const sessionNotes = (interventionId: string): SessionNote[] =>
    records
      .interventionSessions(interventionId)
      .flatMap((s) =>
        s.note
          ? [
              {
                date: s.date,
                ...(s.sessionNumber ? { sessionNumber: s.sessionNumber } : {}),
                recordedBy: s.recordedBy.name,
                note: s.note,
              },
            ]
          : [],
      )
      .reverse()
      .sort((a, b) => b.date.localeCompare(a.date));

  const fullView = (versioned: Versioned<Intervention>, asOf: CalendarDate) =>
    fullIntervention({
      versioned,
      pupilName,
      pupilETag: (pupilId) => records.interventionPupil(versioned.value.id, pupilId)?.eTag,
      asOf,
    });

  router.get('/interventions', async (_req, res) => {
    const context = contextOf(res);
    const { caller, today } = context;
    const full = capabilitiesOf(caller).fullRecords;
    const shown = records.interventions().filter((v) => full || deliversIntervention(caller, v.value));
    // Both views name the pupils in each intervention (the full one with their scores): a read of each.
    const pupilIds = [...new Set(shown.flatMap((v) => v.value.pupils.map((p) => p.pupilId)))];
    if (pupilIds.length > 0) {
      await deps.audit.record(
        auditEntry(context, {
          action: 'read',
          resource: full ? 'interventions' : 'delivered-interventions',
          detail: listedPupils(pupilIds),
        }),
      );
    }
    res.json({
      interventions: full
        ? // Notes staff leave with a session are for the SEND team: not in what others who deliver it see.
          shown.map((v) => ({ ...fullView(v, today), sessionNotes: sessionNotes(v.value.id) }))
        : shown.map((v) => deliveredIntervention(v.value, pupilName)),
    } satisfies InterventionsAnswer);
  });

  router.post('/interventions/:interventionId/sessions', async (req, res) => {
    const context = contextOf(res);
    const id = param(req, 'interventionId');
    const intervention = records.interventions().find((v) => v.value.id === id)?.value;
    if (!intervention || !mayRecordSession(context.caller, intervention)) {
      throw new NotFoundError('No such intervention.');
    }
    const body = sessionBody(intervention, context.today).parse(req.body);
    const session: InterventionSession = {
      interventionId: intervention.id,
      date: body.date,
      ...(body.sessionNumber > 1 ? { sessionNumber: body.sessionNumber } : {}),
      attendedPupilIds: body.attendedPupilIds,
      absentPupilIds: body.absentPupilIds,
      ...(body.note !== undefined ? { note: body.note } : {}),
      recordedBy: actorOf(context),
    };
    await deps.audit.change(
      [...session.attendedPupilIds, ...session.absentPupilIds].map((pupilId) =>
        auditEntry(context, {
          action: 'create',
          resource: 'intervention-session',
          pupilId,
          detail: `${intervention.id} on ${session.date}, session ${body.sessionNumber}`,
        }),
      ),
      () => records.recordInterventionSession(session),
    );
    const { recordedBy, ...recorded } = session;
    res.status(201).json({ ...recorded, recordedBy: recordedBy.name } satisfies SessionRecordedAnswer);
  });

  router.put('/interventions/:interventionId/pupils/:pupilId/measures', async (req, res) => {
    const context = contextOf(res);
    const interventionId = param(req, 'interventionId');
    const pupilId = param(req, 'pupilId');
    // Scores and costs are the SEND team's: to anyone else the intervention is not there.
    const found = capabilitiesOf(context.caller).fullRecords
      ? records.interventions().find((v) => v.value.id === interventionId)
      : undefined;
    if (!found) throw new NotFoundError('No such intervention.');
    const pupil = found.value.pupils.find((p) => p.pupilId === pupilId);
    if (!pupil) throw new NotFoundError('This pupil is not in the intervention.');
    const body = measuresBody(found.value, pupil, context.today).parse(req.body);
    const expectedETag = requireExpectedETag(
      expectedETagOf(req, body.expectedETag),
      'pupil’s measures in this intervention',
    );
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: 'update',
          resource: 'intervention-measures',
          pupilId,
          detail: interventionId,
        }),
        () =>
          records.saveInterventionMeasures({
            interventionId,
            pupilId,
            entryMeasure: body.entryMeasure ?? undefined,
            exitMeasure: body.exitMeasure ?? undefined,
            leftOn: body.leftOn ?? undefined,
            expectedETag,
            by: actorOf(context),
          }),
      )
      // This pupil's place in the intervention as now stored (the measures being edited), and a read of it.
      .catch(
        conflictAnswer({
          shape: (current: InterventionPupil) => current,
          audit: {
            logger: deps.audit,
            entry: auditEntry(context, {
              action: 'read',
              resource: 'intervention-measures',
              pupilId,
              detail: `${interventionId}; conflict answer`,
            }),
          },
        }),
      );
    setETagHeader(res, saved.eTag);
    const fresh = records.interventions().find((v) => v.value.id === interventionId) ?? found;
    res.json({ intervention: fullView(fresh, context.today) } satisfies MeasuresSavedAnswer);
  });

  router.get('/provision/summary', (_req, res) => {
    const { caller, today } = contextOf(res);
    if (!capabilitiesOf(caller).aggregates) {
      throw new ForbiddenError('Provision costs are for the SENCO, the SEND team and the headteacher.');
    }
    res.json(
      provisionSummary(
        records.interventions().map((v) => v.value),
        today,
        records.settings().value.notionalSenBudget,
      ) satisfies ProvisionSummaryAnswer,
    );
  });

  return router;
}
