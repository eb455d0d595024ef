import { randomUUID } from 'node:crypto';
import express from 'express';
import {
  professionalCreateBody,
  professionalLinkBody,
  referralCreateBody,
  referralUpdateBody,
  type ProfessionalAnswer,
  type ProfessionalsAnswer,
  type ReferralAnswer,
  type ReferralsAnswer,
  type ReferralView,
} from '../../contract/professionals.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { isReferralOverdue, referralAnsweredOn } from '../../domain/referral.ts';
import { referralSchema, type Referral } from '../../domain/referral.schema.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError, NotFoundError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { findPupilRecord } from './pupil-lookup.ts';
import { actorOf, auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';
import { expectedETagOf, fieldProblems, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * Professionals involved with pupils, and referrals to their services: part of a pupil's record, so the
 * SENCO and the SEND team only (anyone else: 403 for the list, 404 for a pupil). Bodies and answers:
 * src/contract/professionals.ts.
 */

export function referralView(versioned: Versioned<Referral>, today: CalendarDate): ReferralView {
  return {
    ...versioned.value,
    eTag: versioned.eTag,
    overdue: isReferralOverdue(versioned.value, today),
    answeredOn: referralAnsweredOn(versioned.value) ?? null,
  };
}

export function referralRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  const checkProfessional = (professionalId: string | undefined, field: string) => {
    if (professionalId !== undefined && !records.professionals().some((p) => p.id === professionalId)) {
      throw fieldProblems([{ field, message: 'This professional is not on SENCO Hub’s list' }]);
    }
  };

  router.post('/professionals', async (req, res) => {
    const context = contextOf(res);
    if (!capabilitiesOf(context.caller).fullRecords) {
      throw new ForbiddenError('Professionals are added by the SENCO and the SEND team.');
    }
    const { pupilId, id, ...fields } = professionalCreateBody.parse(req.body);
    if (pupilId !== undefined) findPupilRecord(records, context, pupilId);
    const professional = { id: id ?? randomUUID(), ...fields };
    const saved = await deps.audit.change(
      auditEntry(context, {
        action: 'create',
        resource: 'professional',
        ...(pupilId !== undefined ? { pupilId } : {}),
        detail: professional.id,
      }),
      () =>
        records.addProfessional({
          professional,
          ...(pupilId !== undefined ? { pupilId } : {}),
          by: actorOf(context),
        }),
    );
    res.status(201).json({ professional: saved } satisfies ProfessionalAnswer);
  });

  router.post('/pupils/:pupilId/professionals', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const { professionalId } = professionalLinkBody.parse(req.body);
    checkProfessional(professionalId, 'professionalId');
    await deps.audit.change(
      auditEntry(context, {
        action: 'create',
        resource: 'professionals',
        pupilId: pupil.id,
        detail: professionalId,
      }),
      () => records.linkProfessional({ pupilId: pupil.id, professionalId, by: actorOf(context) }),
    );
    res.json({
      pupilId: pupil.id,
      professionals: records.professionalsFor(pupil.id),
    } satisfies ProfessionalsAnswer);
  });

  router.get('/pupils/:pupilId/referrals', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'referrals', pupilId: pupil.id }),
    );
    res.json({
      pupilId: pupil.id,
      referrals: records.referrals(pupil.id).map((r) => referralView(r, context.today)),
    } satisfies ReferralsAnswer);
  });

  router.post('/pupils/:pupilId/referrals', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const { id, ...body } = referralCreateBody.parse(req.body);
    checkProfessional(body.professionalId, 'professionalId');
    const referral = referralSchema.parse({ ...body, id: id ?? randomUUID(), pupilId: pupil.id });
    const saved = await deps.audit.change(
      auditEntry(context, { action: 'create', resource: 'referral', pupilId: pupil.id, detail: referral.id }),
      () => records.addReferral({ referral, by: actorOf(context) }),
    );
    setETagHeader(res, saved.eTag);
    res.status(201).json({ referral: referralView(saved, context.today) } satisfies ReferralAnswer);
  });

  router.put('/pupils/:pupilId/referrals/:referralId', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const current = records.referrals(pupil.id).find((r) => r.value.id === param(req, 'referralId'));
    if (!current) throw new NotFoundError('No such referral.');
    const { expectedETag: fromBody, ...body } = referralUpdateBody.parse(req.body);
    const expectedETag = requireExpectedETag(expectedETagOf(req, fromBody), 'referral');
    checkProfessional(body.professionalId, 'professionalId');
    const referral = referralSchema.parse({ ...body, id: current.value.id, pupilId: pupil.id });
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: 'update',
          resource: 'referral',
          pupilId: pupil.id,
          detail: referral.id,
        }),
        () => records.updateReferral({ referral, expectedETag, by: actorOf(context) }),
      )
      .catch(
        conflictAnswer({
          shape: (stored: Referral) => stored,
          audit: {
            logger: deps.audit,
            entry: auditEntry(context, {
              action: 'read',
              resource: 'referral',
              pupilId: pupil.id,
              detail: `${referral.id}; conflict answer`,
            }),
          },
        }),
      );
    setETagHeader(res, saved.eTag);
    res.json({ referral: referralView(saved, context.today) } satisfies ReferralAnswer);
  });

  return router;
}
