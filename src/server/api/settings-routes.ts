import express from 'express';
import { z } from 'zod';
import { domainSettingsSchema, type DomainSettings } from '../../domain/domain-settings.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError } from './api-errors.ts';
import { conflictAnswer } from './conflict-answers.ts';
import { actorOf, auditEntry, contextOf, type ApiDeps, type RequestContext } from './request-context.ts';
import { expectedETagField, expectedETagOf, requireExpectedETag, setETagHeader } from './validation.ts';

/** The school's settings for the statutory rules: the SENCO only. A change quotes the version it replaces. */

const saveSettingsBody = z.strictObject({
  settings: domainSettingsSchema,
  expectedETag: expectedETagField,
});

function requireSenco(context: RequestContext): void {
  if (!capabilitiesOf(context.caller).settings) throw new ForbiddenError('Settings are for the SENCO only.');
}

export function settingsRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/settings', (_req, res) => {
    requireSenco(contextOf(res));
    const current = records.settings();
    setETagHeader(res, current.eTag);
    res.json({
      settings: current.value,
      eTag: current.eTag,
      modifiedAt: current.modifiedAt,
      modifiedBy: current.modifiedBy ?? null,
    });
  });

  router.put('/settings', async (req, res) => {
    const context = contextOf(res);
    requireSenco(context);
    const body = saveSettingsBody.parse(req.body);
    const expectedETag = requireExpectedETag(expectedETagOf(req, body.expectedETag), 'settings');
    const saved = await deps.audit
      .change(auditEntry(context, { action: 'update', resource: 'settings' }), () =>
        records.saveSettings({ settings: body.settings, expectedETag, by: actorOf(context) }),
      )
      // The school's settings name no pupil: the stored ones are shown whole, to merge from.
      .catch(conflictAnswer({ shape: (current: DomainSettings) => current }));
    setETagHeader(res, saved.eTag);
    res.json({
      settings: saved.value,
      eTag: saved.eTag,
      modifiedAt: saved.modifiedAt,
      modifiedBy: saved.modifiedBy ?? null,
    });
  });

  return router;
}
