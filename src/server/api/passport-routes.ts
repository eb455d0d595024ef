import express from 'express';
import { passportReviewStep } from '../../domain/passport.ts';
import type { Passport } from '../../domain/passport.schema.ts';
import {
  acknowledgePassportBody,
  reviewPassportBody,
  savePassportBody,
  type AcknowledgementAnswer,
  type ClassPassportAnswer,
  type FullPassportAnswer,
  type PassportHistoryAnswer,
  type SavedPassportAnswer,
} from '../../contract/passports.ts';
import { myAcknowledgementOf, staffPassport } from '../access/pupil-views.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { ForbiddenError, NotFoundError, StaleVersionError } from './api-errors.ts';
import { findPupilRecord, findVisiblePupil } from './pupil-lookup.ts';
import { actorOf, auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';
import { expectedETagOf, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * Pupil passports. Everyone who may see the pupil reads the current passport and confirms reading it; the
 * SENCO and the SEND team also see its versions and who read which, and edit it. An edit quotes the version
 * it was made from (If-Match or expectedETag); if someone saved in between, the answer is 409 with the
 * version now stored and who saved it, so nothing is silently lost. POST .../passport/review records a
 * review that changed nothing: the same version with today's review date and the next due from the school's
 * setting, so every "I've read this" on it stands (src/domain/passport.ts, reviewedPassport).
 */

export function passportRoutes(deps: ApiDeps): express.Router {
  /** A stale save or review: the passport now stored, to merge from (nothing else of the pupil), read and audited. */
  const passportConflictAnswer = (context: ReturnType<typeof contextOf>, pupilId: string) =>
    conflictAnswer({
      shape: (current: Passport) => current,
      audit: {
        logger: deps.audit,
        entry: auditEntry(context, {
          action: 'read',
          resource: 'passport',
          pupilId,
          detail: 'conflict answer',
        }),
      },
    });

  const router = express.Router();
  const { records } = deps;

  router.get('/pupils/:pupilId/passport', async (req, res) => {
    const context = contextOf(res);
    const { pupil, access } = findVisiblePupil(records, context, param(req, 'pupilId'));
    const current = records.passport(pupil.id);
    const acknowledgements = records.acknowledgements(pupil.id);
    const myAcknowledgement = myAcknowledgementOf({
      acknowledgements,
      passport: current?.value,
      userId: context.caller.userId,
    });
    await deps.audit.record(auditEntry(context, { action: 'read', resource: 'passport', pupilId: pupil.id }));
    if (access === 'class') {
      const answer = {
        pupilId: pupil.id,
        passport: current ? staffPassport(current.value) : null,
        myAcknowledgement,
      } satisfies ClassPassportAnswer;
      res.json(answer);
      return;
    }
    if (current) setETagHeader(res, current.eTag);
    const answer = {
      pupilId: pupil.id,
      passport: current?.value ?? null,
      eTag: current?.eTag ?? null,
      modifiedAt: current?.modifiedAt ?? null,
      modifiedBy: current?.modifiedBy ?? null,
      reviewStep: current
        ? passportReviewStep({
            passport: current.value,
            settings: records.settings().value,
            today: context.today,
          })
        : null,
      acknowledgements: current
        ? acknowledgements.filter((a) => a.passportVersion === current.value.version)
        : [],
      myAcknowledgement,
    } satisfies FullPassportAnswer;
    res.json(answer);
  });

  router.get('/pupils/:pupilId/passport/history', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'passport-history', pupilId: pupil.id }),
    );
    res.json({
      pupilId: pupil.id,
      versions: [...records.passportHistory(pupil.id)].sort((a, b) => b.version - a.version),
      acknowledgements: records.acknowledgements(pupil.id),
    } satisfies PassportHistoryAnswer);
  });

  router.put('/pupils/:pupilId/passport', async (req, res) => {
    const context = contextOf(res);
    const { pupil, access } = findVisiblePupil(records, context, param(req, 'pupilId'));
    if (access !== 'full') throw new ForbiddenError('Only the SENCO and the SEND team can edit passports.');
    const { expectedETag, ...content } = savePassportBody.parse(req.body);
    const eTag = expectedETagOf(req, expectedETag);
    // Only the very first passport may be saved without saying which version it replaces.
    if (records.passport(pupil.id)) requireExpectedETag(eTag, 'passport');
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: eTag === undefined ? 'create' : 'update',
          resource: 'passport',
          pupilId: pupil.id,
          detail: eTag === undefined ? 'first version' : `replacing ${eTag}`,
        }),
        () =>
          records.savePassport({
            pupilId: pupil.id,
            content,
            expectedETag: eTag,
            by: actorOf(context),
            today: context.today,
          }),
        { detail: (s) => `version ${s.value.version}` },
      )
      // The editor merges from the passport now stored: the passport alone, and a read of it.
      .catch(passportConflictAnswer(context, pupil.id));
    setETagHeader(res, saved.eTag);
    res.json({
      pupilId: pupil.id,
      passport: saved.value,
      eTag: saved.eTag,
      modifiedAt: saved.modifiedAt,
      modifiedBy: saved.modifiedBy ?? null,
    } satisfies SavedPassportAnswer);
  });

  router.post('/pupils/:pupilId/passport/review', async (req, res) => {
    const context = contextOf(res);
    const { pupil, access } = findVisiblePupil(records, context, param(req, 'pupilId'));
    if (access !== 'full') throw new ForbiddenError('Only the SENCO and the SEND team can review passports.');
    const { expectedETag } = reviewPassportBody.parse(req.body ?? {});
    const eTag = expectedETagOf(req, expectedETag);
    if (!records.passport(pupil.id)) throw new NotFoundError('This pupil has no passport yet.');
    const expected = requireExpectedETag(eTag, 'passport');
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: 'update',
          resource: 'passport',
          pupilId: pupil.id,
          detail: 'reviewed',
        }),
        () =>
          records.markPassportReviewed({
            pupilId: pupil.id,
            expectedETag: expected,
            by: actorOf(context),
            today: context.today,
          }),
        { detail: (s) => `version ${s.value.version} reviewed, no change` },
      )
      // As for a save: the passport now stored, to merge from, and a read of it.
      .catch(passportConflictAnswer(context, pupil.id));
    setETagHeader(res, saved.eTag);
    res.json({
      pupilId: pupil.id,
      passport: saved.value,
      eTag: saved.eTag,
      modifiedAt: saved.modifiedAt,
      modifiedBy: saved.modifiedBy ?? null,
    } satisfies SavedPassportAnswer);
  });

  router.post('/pupils/:pupilId/passport/acknowledgements', async (req, res) => {
    const context = contextOf(res);
    const { pupil } = findVisiblePupil(records, context, param(req, 'pupilId'));
    const { passportVersion } = acknowledgePassportBody.parse(req.body);
    const current = records.passport(pupil.id);
    if (!current) throw new NotFoundError('This pupil has no passport yet.');
    if (current.value.version !== passportVersion) {
      // Which version to read, not its content: the reader opens it (an audited read) to see it.
      throw new StaleVersionError(
        `Version ${passportVersion} is no longer the current passport: read version ${current.value.version} first.`,
        {
          value: { version: current.value.version },
          eTag: current.eTag,
          modifiedAt: current.modifiedAt,
          modifiedBy: current.modifiedBy,
        },
      );
    }
    const acknowledgement = await deps.audit.change(
      auditEntry(context, {
        action: 'acknowledge',
        resource: 'passport',
        pupilId: pupil.id,
        detail: `version ${passportVersion}`,
      }),
      () =>
        records.acknowledgePassport({
          pupilId: pupil.id,
          passportVersion,
          by: actorOf(context),
          at: context.now.toISOString(),
        }),
    );
    res.status(201).json(acknowledgement satisfies AcknowledgementAnswer);
  });

  return router;
}
