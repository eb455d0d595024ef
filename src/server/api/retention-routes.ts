import express from 'express';
import {
  retentionHoldBody,
  retentionRunBody,
  type RetentionAnswer,
  type RetentionPupilRow,
  type RetentionRunAnswer,
} from '../../contract/retention.ts';
import type { DomainSettings } from '../../domain/domain-settings.ts';
import { pupilDisplayName } from '../../domain/pupil.schema.ts';
import { retentionReview, withHold, type PupilRetention } from '../../domain/retention.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError, NotFoundError, NotReadyError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import {
  actorOf,
  auditEntry,
  contextOf,
  listedPupils,
  param,
  type ApiDeps,
  type RequestContext,
} from './request-context.ts';
import { expectedETagOf, requireExpectedETag, setETagHeader } from './validation.ts';

/**
 * Retention of SEND records (the SENCO only, like the settings it lives in): who is due for deletion, legal
 * holds, and deleting now what is due (the rule: src/domain/retention.ts; the deletion:
 * src/graph/retention-deletion.ts). Every answer names pupils, so every one is audited.
 */

/** How far ahead the settings page warns. */
export const RETENTION_NOTICE_DAYS = 30;

function requireSenco(context: RequestContext): void {
  if (!capabilitiesOf(context.caller).settings)
    throw new ForbiddenError('Retention of records is for the SENCO only.');
}

export function retentionRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  async function answer(settings: Versioned<DomainSettings>, today: RequestContext['today']) {
    const roll = await deps.directory.roll();
    const review = retentionReview({
      pupils: records.pupils(),
      rollUpns: new Set(roll.map((p) => p.upn.toUpperCase())),
      settings: settings.value.retention,
      today,
      withinDays: RETENTION_NOTICE_DAYS,
    });
    const row = (r: PupilRetention): RetentionPupilRow[] => {
      const pupil = records.pupil(r.pupilId);
      if (!pupil) return [];
      const hold = r.hold ? { reason: r.hold.reason, since: r.hold.since, placedBy: r.hold.placedBy } : null;
      return [{ pupilId: r.pupilId, name: pupilDisplayName(pupil), endsOn: r.endsOn, hold }];
    };
    const rollRead = roll.length > 0;
    return {
      years: settings.value.retention.years,
      withinDays: RETENTION_NOTICE_DAYS,
      due: rollRead ? review.due.flatMap(row) : [],
      held: rollRead ? review.held.flatMap(row) : [],
      upcoming: rollRead ? review.upcoming.flatMap(row) : [],
      rollRead,
      settingsETag: settings.eTag,
    } satisfies RetentionAnswer;
  }

  const shown = (a: RetentionAnswer) => [...a.due, ...a.held, ...a.upcoming].map((r) => r.pupilId);

  router.get('/retention', async (_req, res) => {
    const context = contextOf(res);
    requireSenco(context);
    const body = await answer(records.settings(), context.today);
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'retention', detail: listedPupils(shown(body)) }),
    );
    res.json(body);
  });

  router.put('/retention/holds/:pupilId', async (req, res) => {
    const context = contextOf(res);
    requireSenco(context);
    const pupilId = param(req, 'pupilId');
    if (!records.pupil(pupilId)) throw new NotFoundError('No such pupil.');
    const body = retentionHoldBody.parse(req.body);
    const expectedETag = requireExpectedETag(expectedETagOf(req, body.expectedETag), 'settings');
    const current = records.settings().value;
    const retention = withHold(
      current.retention,
      pupilId,
      body.reason === null
        ? undefined
        : { reason: body.reason, since: context.today, placedBy: context.caller.name },
    );
    const saved = await deps.audit
      .change(
        auditEntry(context, {
          action: 'update',
          resource: 'retention-hold',
          pupilId,
          detail: body.reason === null ? 'hold lifted' : 'hold placed',
        }),
        () =>
          records.saveSettings({ settings: { ...current, retention }, expectedETag, by: actorOf(context) }),
      )
      .catch(conflictAnswer({ shape: (stored: DomainSettings) => stored.retention }));
    setETagHeader(res, saved.eTag);
    const result = await answer(saved, context.today);
    await deps.audit.record(
      auditEntry(context, { action: 'read', resource: 'retention', detail: listedPupils(shown(result)) }),
    );
    res.json(result);
  });

  router.post('/retention/run', async (req, res) => {
    const context = contextOf(res);
    requireSenco(context);
    retentionRunBody.parse(req.body);
    if (!deps.retention) throw new NotReadyError('Retention is not set up on this server.', 30);
    const report = await deps.retention.run();
    await deps.audit.record(
      auditEntry(context, {
        action: 'delete',
        resource: 'retention-run',
        detail: listedPupils(
          report.deleted.map((d) => d.pupilId),
          'records deleted under retention',
        ),
      }),
    );
    res.json({
      deletedPupils: report.deleted.length,
      itemsDeleted: report.deleted.reduce((sum, d) => sum + d.itemsDeleted, 0),
      held: report.held,
      skipped: report.skipped ?? null,
    } satisfies RetentionRunAnswer);
  });

  return router;
}
