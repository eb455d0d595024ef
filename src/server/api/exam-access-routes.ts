import { randomUUID } from 'node:crypto';
import express from 'express';
import {
  saveAccessArrangementBody,
  type AccessArrangementRecord,
  type AccessArrangementsAnswer,
} from '../../contract/exam-access.ts';
import { accessArrangementIssues, unrecordedPassportArrangements } from '../../domain/exam-access.ts';
import type { ExamAccessArrangement } from '../../domain/exam-access.schema.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { ForbiddenError, NotFoundError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { findPupilRecord, findVisiblePupil } from './pupil-lookup.ts';
import { actorOf, auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';
import { expectedETagOf, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * Exam access arrangements (JCQ), one record each: the SENCO and the SEND team read them with their evidence
 * and record or change them; class staff see the approved ones in the pupil's class view and passport (from
 * the same record, pupil-views.ts), and get 404 here. A change quotes the version it was made from; a stale
 * one is 409 with the arrangement now stored. Reads and changes are audited.
 */
export function examAccessRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  const recordOf = (
    a: Versioned<ExamAccessArrangement>,
    pupil: Pupil,
    today: CalendarDate,
  ): AccessArrangementRecord => ({
    arrangement: a.value,
    eTag: a.eTag,
    modifiedAt: a.modifiedAt,
    modifiedBy: a.modifiedBy ?? null,
    issues: accessArrangementIssues({ arrangement: a.value, pupil, today }),
  });

  const answerFor = (pupil: Pupil, today: CalendarDate): AccessArrangementsAnswer => {
    const recorded = records.accessArrangementRecords(pupil.id);
    return {
      pupilId: pupil.id,
      arrangements: recorded.map((a) => recordOf(a, pupil, today)),
      unrecordedOnPassport: unrecordedPassportArrangements({
        passportItems: records.passport(pupil.id)?.value.accessArrangements ?? [],
        recorded: recorded.map((a) => a.value),
      }),
    };
  };

  function writablePupil(req: express.Request, res: express.Response) {
    const context = contextOf(res);
    const { pupil, access } = findVisiblePupil(records, context, param(req, 'pupilId'));
    if (access !== 'full')
      throw new ForbiddenError('Only the SENCO and the SEND team can record exam access arrangements.');
    return { context, pupil };
  }

  router.get('/pupils/:pupilId/access-arrangements', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'access-arrangements', pupilId: pupil.id }),
    );
    res.json(answerFor(pupil, context.today) satisfies AccessArrangementsAnswer);
  });

  async function save(req: express.Request, res: express.Response, id: string | undefined): Promise<void> {
    const { context, pupil } = writablePupil(req, res);
    const { expectedETag, ...fields } = saveAccessArrangementBody.parse(req.body);
    let eTag: string | undefined;
    if (id !== undefined) {
      const stored = records.accessArrangementRecords(pupil.id).find((a) => a.value.id === id);
      if (!stored) throw new NotFoundError('No such exam access arrangement for this pupil.');
      eTag = requireExpectedETag(expectedETagOf(req, expectedETag), 'exam access arrangement');
    }
    const arrangement: ExamAccessArrangement = { ...fields, id: id ?? randomUUID(), pupilId: pupil.id };
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: id === undefined ? 'create' : 'update',
          resource: 'access-arrangement',
          pupilId: pupil.id,
          detail: `${arrangement.arrangement}, ${arrangement.status}`,
        }),
        () => records.saveAccessArrangement({ arrangement, expectedETag: eTag, by: actorOf(context) }),
      )
      .catch(
        conflictAnswer({
          shape: (current: ExamAccessArrangement) => current,
          audit: {
            logger: deps.audit,
            entry: auditEntry(context, {
              action: 'read',
              resource: 'access-arrangement',
              pupilId: pupil.id,
              detail: 'conflict answer',
            }),
          },
        }),
      );
    setETagHeader(res, saved.eTag);
    res
      .status(id === undefined ? 201 : 200)
      .json(recordOf(saved, pupil, context.today) satisfies AccessArrangementRecord);
  }

  router.post('/pupils/:pupilId/access-arrangements', (req, res) => save(req, res, undefined));
  router.put('/pupils/:pupilId/access-arrangements/:arrangementId', (req, res) =>
    save(req, res, param(req, 'arrangementId')),
  );

  return router;
}
