import express from 'express';
import { z } from 'zod';
import { SUBJECT_ACCESS_FORMATS, type SubjectAccessExport } from '../../contract/subject-access.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { subjectAccessDocument } from '../subject-access/subject-access-document.ts';
import { subjectAccessExport } from '../subject-access/subject-access-export.ts';
import { classNamesOf, findPupilRecord } from './pupil-lookup.ts';
import { auditEntry, contextOf, param, type ApiDeps } from './request-context.ts';

/**
 * GET /api/pupils/{id}/subject-access-export: everything SENCO Hub holds about a pupil, for a subject access
 * request (UK GDPR Art 15), as JSON or (`?format=html`) a printable document. For the SENCO and the SEND team,
 * who see whole records; the audit entries about the pupil are in it when the SENCO makes it (only the SENCO
 * reads the audit log). The export is audited before it is made, so it lists itself.
 */

const exportQuery = z.strictObject({
  format: z.enum(SUBJECT_ACCESS_FORMATS, { error: "Format must be 'json' or 'html'" }).default('json'),
});

export function subjectAccessRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/pupils/:pupilId/subject-access-export', async (req, res) => {
    const context = contextOf(res);
    const pupil = findPupilRecord(records, context, param(req, 'pupilId'));
    const { format } = exportQuery.parse(req.query);
    await deps.audit.record(
      auditEntry(context, {
        action: 'export',
        resource: 'subject-access',
        pupilId: pupil.id,
        detail: format,
      }),
    );
    const withAudit = capabilitiesOf(context.caller).auditLog;
    if (withAudit) await deps.audit.flush();
    const data = subjectAccessExport({
      records,
      pupil,
      classNames: await classNamesOf(deps.directory),
      audit: withAudit ? await records.auditEntriesAbout(pupil.id) : undefined,
      school: records.settings().value.school.name,
      generatedAt: context.now,
      generatedOn: context.today,
      generatedBy: context.caller.name,
    }) satisfies SubjectAccessExport;
    const fileName = `subject-access-${pupil.upn}-${context.today}`;
    if (format === 'html') {
      res.setHeader('Content-Disposition', `inline; filename="${fileName}.html"`);
      // A document with no scripts: nothing in it may run, even if a record holds markup.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.type('html').send(subjectAccessDocument(data));
      return;
    }
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}.json"`);
    res.json(data);
  });

  return router;
}
