import express from 'express';
import { needsBody, senStatusBody, type SenHistoryAnswer } from '../../contract/pupils.ts';
import { primaryNeedOn, secondaryNeedOn, SEN_NEEDS } from '../../domain/needs.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import {
  changeSenStatus,
  recordNeeds,
  type SenChangeResult,
  type SenRecord,
} from '../../domain/sen-record-change.ts';
import { provisionOn, SEN_PROVISION_LABELS } from '../../domain/sen-status.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { NotFoundError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { findPupilRecord } from './pupil-lookup.ts';
import { actorOf, auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';
import { expectedETagOf, fieldProblems, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * A pupil's SEN status (census N, K, E) and needs over time: SENCO and SEND team only, 404 for everyone
 * else. A change takes effect from a day and quotes the version of the pupil it was made from (If-Match or
 * expectedETag); a change someone else made in between is 409 with the pupil as now stored and who changed
 * them. The rules for a valid change are the domain's (sen-record-change.ts); each refusal names the field.
 */

/** The history as the tab shows it, with the version a change quotes. */
export function senHistoryView(record: Versioned<Pupil>, today: CalendarDate): SenHistoryAnswer {
  return {
    pupilId: record.value.id,
    ...senValues(record.value, today),
    eTag: record.eTag,
    modifiedAt: record.modifiedAt || null,
    modifiedBy: record.modifiedBy ?? null,
  };
}

/** A pupil's SEN status and needs, now and over time: all a change to them, or a 409 about one, needs. */
function senValues(pupil: Pupil, today: CalendarDate) {
  const byStart = <T extends { startOn?: string }>(a: T, b: T) =>
    (a.startOn ?? '').localeCompare(b.startOn ?? '');
  return {
    senStatus: provisionOn(pupil.senProvision, today),
    primaryNeed: primaryNeedOn(pupil.needs, today) ?? null,
    secondaryNeed: secondaryNeedOn(pupil.needs, today) ?? null,
    senProvision: [...pupil.senProvision].sort(byStart).map((p) => ({
      code: p.code,
      label: SEN_PROVISION_LABELS[p.code],
      startOn: p.startOn,
      endOn: p.endOn ?? null,
    })),
    needs: [...pupil.needs].sort(byStart).map((n) => ({
      code: n.code,
      description: SEN_NEEDS[n.code].description,
      broadArea: SEN_NEEDS[n.code].broadArea,
      rank: n.rank,
      startOn: n.startOn ?? null,
      endOn: n.endOn ?? null,
    })),
  };
}

export function pupilSenRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  const recordOf = (pupilId: string): Versioned<Pupil> => {
    const record = records.pupilRecord(pupilId);
    if (!record) throw new NotFoundError('No such pupil.');
    return record;
  };

  router.get('/pupils/:pupilId/history', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'pupil-history', pupilId: pupil.id }),
    );
    const record = recordOf(pupil.id);
    setETagHeader(res, record.eTag);
    res.json(senHistoryView(record, context.today) satisfies SenHistoryAnswer);
  });

  /** Saves a change the domain accepted; a refused one is a 400 naming each field. */
  async function save<F extends string>(input: {
    req: express.Request;
    res: express.Response;
    expectedETag: string | undefined;
    change: (record: SenRecord) => SenChangeResult<F>;
    resource: 'sen-status' | 'needs';
    detail: string;
  }): Promise<void> {
    const { req, res } = input;
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const eTag = requireExpectedETag(expectedETagOf(req, input.expectedETag), 'pupil’s SEN status and needs');
    const result = input.change(pupil);
    if (!result.ok) throw fieldProblems(result.problems);
    // The audit entry travels with the change, so it is written exactly when the change is made.
    const saved = await records
      .savePupilSen({
        pupilId: pupil.id,
        senProvision: result.record.senProvision,
        needs: result.record.needs,
        expectedETag: eTag,
        by: actorOf(context),
        audit: auditEntry(context, {
          action: 'update',
          resource: input.resource,
          pupilId: pupil.id,
          detail: input.detail,
        }),
      })
      // The SEN status and needs as now stored (what the change was about), never the rest of the record.
      .catch(
        conflictAnswer({
          shape: (current: Pupil) => senValues(current, context.today),
          audit: {
            logger: deps.audit,
            entry: auditEntry(context, {
              action: 'read',
              resource: 'pupil-history',
              pupilId: pupil.id,
              detail: 'conflict answer',
            }),
          },
        }),
      );
    setETagHeader(res, saved.eTag);
    res.json(senHistoryView(saved, context.today) satisfies SenHistoryAnswer);
  }

  router.post('/pupils/:pupilId/sen-status', async (req, res) => {
    const { code, from, expectedETag } = senStatusBody.parse(req.body);
    const { today } = contextOf(res);
    await save({
      req,
      res,
      expectedETag,
      change: (record) => changeSenStatus(record, { code, from }, today),
      resource: 'sen-status',
      detail: `${code} from ${from}`,
    });
  });

  router.post('/pupils/:pupilId/needs', async (req, res) => {
    const { primaryNeed, secondaryNeed, from, expectedETag } = needsBody.parse(req.body);
    const { today } = contextOf(res);
    await save({
      req,
      res,
      expectedETag,
      change: (record) =>
        recordNeeds(record, { primaryNeed, secondaryNeed: secondaryNeed ?? undefined, from }, today),
      resource: 'needs',
      detail: `primary ${primaryNeed}${secondaryNeed ? `, secondary ${secondaryNeed}` : ''} from ${from}`,
    });
  });

  return router;
}
