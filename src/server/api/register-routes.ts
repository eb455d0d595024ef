import express from 'express';
import { z } from 'zod';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { censusCheck } from '../../domain/census-check.ts';
import { nextCensusDay } from '../../domain/census-days.ts';
import type { DomainSettings } from '../../domain/domain-settings.ts';
import { ehcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import { BROAD_AREAS_OF_NEED, needsOn, SEN_NEED_CODES } from '../../domain/needs.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import { idField, optionalText, requiredText, wholeNumberField } from '../../domain/schema-fields.ts';
import { PUPIL_FLAGS, registerSummary } from '../../domain/register-analytics.ts';
import { currentCycle } from '../../domain/sen-support-plan.ts';
import { provisionOn, SEN_PROVISION_CODES } from '../../domain/sen-status.ts';
import { yearGroupNumber, yearGroupSchema } from '../../domain/year-group.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import { capabilitiesOf, pupilAccess } from '../access/access-policy.ts';
import type { RegisterPage, RegisterRow } from '../../domain/pupil-views.ts';
import { classRegisterRow, fullRegisterRow } from '../access/pupil-views.ts';
import { ForbiddenError } from './api-errors.ts';
import { classNamesOf } from './pupil-lookup.ts';
import { auditEntry, contextOf, listedPupils, type ApiDeps } from './request-context.ts';
import { listParam, numberParam } from './validation.ts';

/**
 * The register: GET /api/pupils lists the pupils the caller may see, filtered (contract relied on by the
 * tab); GET /api/register/summary gives the numbers (SENCO, SEND team, headteacher); GET
 * /api/register/census-check runs the pre-census data check (SENCO, SEND team: it names pupils); POST
 * /api/register/exports records that the register was exported (the tab makes the file; the audit log must
 * still show who took many pupils' special category data away, and which).
 */

const registerQuery = z.strictObject({
  year: listParam(yearGroupSchema).optional(),
  classId: idField('Class id').optional(),
  status: listParam(z.enum(SEN_PROVISION_CODES, { error: 'Status must be N, K or E' })).optional(),
  need: listParam(
    z.enum(SEN_NEED_CODES, { error: `Need must be one of ${SEN_NEED_CODES.join(', ')}` }),
  ).optional(),
  area: listParam(z.enum(BROAD_AREAS_OF_NEED, { error: 'Area of need is not recognised' })).optional(),
  flag: listParam(z.enum(PUPIL_FLAGS, { error: `Flag must be one of ${PUPIL_FLAGS.join(', ')}` })).optional(),
  q: optionalText('Search', 100),
  sort: z
    .enum(['name', 'year', 'status', 'review-due'], {
      error: 'Sort must be name, year, status or review-due',
    })
    .default('name'),
  limit: numberParam('Limit', { min: 1, max: 1000 }).default(500),
  offset: numberParam('Offset', { min: 0, max: 1_000_000 }).default(0),
});

type RegisterQuery = z.output<typeof registerQuery>;

/** What an export of the register held: as many rows as the grid showed, in the view described. */
const registerExportBody = z.strictObject({
  format: z.literal('csv', { error: 'Format must be csv' }),
  rows: wholeNumberField('Rows', { min: 1, max: 100_000 }),
  view: requiredText('View', 500),
});

/** A row as the caller may see it, with the record it came from (for filters and sorting only). */
type Listed = { pupil: Pupil; row: RegisterRow };

export function registerRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;

  router.get('/pupils', async (req, res) => {
    const context = contextOf(res);
    const { caller, today } = context;
    const query = registerQuery.parse(req.query);
    const full = capabilitiesOf(caller).fullRecords;
    if (!full && (query.need || query.flag)) {
      throw new ForbiddenError(
        'Only the SENCO and the SEND team can filter the register by need or by flags.',
      );
    }
    const classNames = await classNamesOf(deps.directory);
    const classPupils = query.classId ? await pupilUpnsOfClass(deps, query.classId) : undefined;
    const settings = records.settings().value;
    const listed: Listed[] = records.pupils().flatMap((pupil): Listed[] => {
      const access = pupilAccess(caller, pupil, today);
      if (access === 'none') return [];
      if (classPupils && !classPupils.has(pupil.upn.toUpperCase())) return [];
      const facts = { pupil, classNames, today };
      const row =
        access === 'full'
          ? fullRegisterRow({ ...facts, ...reviewDates(records, pupil, settings, today) })
          : classRegisterRow(facts);
      return matches({ pupil, row }, query, today) ? [{ pupil, row }] : [];
    });
    const sorted = sortRows(listed, query.sort).map((l) => l.row);
    const page: RegisterPage = {
      total: sorted.length,
      offset: query.offset,
      limit: query.limit,
      pupils: sorted.slice(query.offset, query.offset + query.limit),
    };
    await deps.audit.record(
      auditEntry(context, {
        action: 'read',
        resource: 'register',
        detail: listedPupils(
          page.pupils.map((row) => row.id),
          describe(query),
        ),
      }),
    );
    res.json(page);
  });

  router.get('/register/summary', async (_req, res) => {
    const { caller, today } = contextOf(res);
    if (!capabilitiesOf(caller).aggregates) {
      throw new ForbiddenError(
        'The register’s numbers are for the SENCO, the SEND team and the headteacher.',
      );
    }
    // The roll is the base of every number: the SEND records hold only pupils with SEND or a SEND history.
    const [roll, classNames] = await Promise.all([deps.directory.roll(), classNamesOf(deps.directory)]);
    const summary = registerSummary({ pupils: records.pupils(), roll, on: today });
    res.json({
      ...summary,
      byClass: summary.byClass.map((c) => ({ ...c, displayName: classNames.get(c.classId) ?? c.classId })),
    });
  });

  router.post('/register/exports', async (req, res) => {
    const context = contextOf(res);
    if (!capabilitiesOf(context.caller).fullRecords) {
      throw new ForbiddenError('Exporting the register is for the SENCO and the SEND team.');
    }
    const body = registerExportBody.parse(req.body);
    await deps.audit.record(
      auditEntry(context, {
        action: 'export',
        resource: 'register',
        detail: `${body.format}, ${body.rows} ${body.rows === 1 ? 'row' : 'rows'}: ${body.view}`,
      }),
    );
    res.status(204).end();
  });

  router.get('/register/census-check', async (_req, res) => {
    const context = contextOf(res);
    if (!capabilitiesOf(context.caller).fullRecords) {
      throw new ForbiddenError('The census check names pupils: it is for the SENCO and the SEND team.');
    }
    const pupils = records.pupils();
    const plans = pupils.flatMap((p) => {
      const plan = records.ehcPlan(p.id);
      return plan ? [plan.value] : [];
    });
    const censusDay = nextCensusDay(context.today);
    const check = censusCheck({ pupils, plans, on: censusDay.date });
    await deps.audit.record(
      auditEntry(context, {
        action: 'read',
        resource: 'census-check',
        detail: listedPupils([...new Set(check.issues.map((i) => i.pupilId))]),
      }),
    );
    res.json({ censusDay, ...check });
  });

  return router;
}

async function pupilUpnsOfClass(deps: ApiDeps, classId: string): Promise<Set<string>> {
  const roster = await deps.directory.classRoster(classId);
  return new Set(roster?.pupilUpns ?? []);
}

function reviewDates(
  records: SendRecordsReader,
  pupil: Pupil,
  settings: DomainSettings,
  today: CalendarDate,
): {
  hasEhcPlan: boolean;
  nextReviewDueOn: CalendarDate | undefined;
  passportReviewDueOn: CalendarDate | undefined;
} {
  const status = provisionOn(pupil.senProvision, today);
  const ehcPlan = records.ehcPlan(pupil.id)?.value;
  const inForce = ehcPlan !== undefined && (ehcPlan.ceasedOn === undefined || ehcPlan.ceasedOn > today);
  const supportPlan = records.senSupportPlan(pupil.id)?.value;
  let nextReviewDueOn: CalendarDate | undefined;
  if (status === 'E' && ehcPlan && inForce) {
    nextReviewDueOn = ehcPlanTimeline({ plan: ehcPlan, pupil, settings, today }).annualReview.reviewDueBy;
  } else if (status === 'K' && supportPlan) {
    nextReviewDueOn = currentCycle(supportPlan)?.reviewOn;
  }
  return {
    hasEhcPlan: inForce,
    nextReviewDueOn,
    passportReviewDueOn: records.passport(pupil.id)?.value.reviewDueOn,
  };
}

function matches({ pupil, row }: Listed, query: RegisterQuery, today: CalendarDate): boolean {
  const statuses = query.status ?? ['K', 'E'];
  if (!statuses.includes(row.senStatus)) return false;
  if (query.year && (row.yearGroup === null || !query.year.includes(row.yearGroup))) return false;
  if (query.area && (row.primaryAreaOfNeed === null || !query.area.includes(row.primaryAreaOfNeed)))
    return false;
  // Filters on what only the SEND team sees (the route refuses them to anyone else).
  if (row.access === 'full') {
    if (query.need && !needsOn(pupil.needs, today).some((n) => query.need?.includes(n.code))) return false;
    if (query.flag && !query.flag.every((flag) => row.flags[flag])) return false;
  }
  if (query.q) {
    const wanted = searchable(query.q);
    // Class staff search what they are shown; the SEND team also by legal name and UPN.
    const haystack =
      row.access === 'full'
        ? [row.displayName, `${pupil.legalForename} ${pupil.legalSurname}`, pupil.upn]
        : [row.displayName];
    if (!haystack.some((text) => searchable(text).includes(wanted))) return false;
  }
  return true;
}

/** Lower case without accents, so "zoe" finds Zoë. */
function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('en-GB');
}

const STATUS_ORDER = { E: 0, K: 1, N: 2 } as const;

function sortRows(listed: Listed[], sort: RegisterQuery['sort']): Listed[] {
  const byName = (a: Listed, b: Listed) =>
    a.pupil.legalSurname.localeCompare(b.pupil.legalSurname, 'en-GB') ||
    a.row.displayName.localeCompare(b.row.displayName, 'en-GB') ||
    a.pupil.id.localeCompare(b.pupil.id);
  const year = ({ row }: Listed) =>
    row.yearGroup === null ? Number.MAX_SAFE_INTEGER : yearGroupNumber(row.yearGroup);
  const due = ({ row }: Listed) => (row.access === 'full' ? row.nextReviewDueOn : null) ?? '9999-12-31';
  const compare: Record<RegisterQuery['sort'], (a: Listed, b: Listed) => number> = {
    name: byName,
    year: (a, b) => year(a) - year(b) || byName(a, b),
    status: (a, b) => STATUS_ORDER[a.row.senStatus] - STATUS_ORDER[b.row.senStatus] || byName(a, b),
    'review-due': (a, b) => due(a).localeCompare(due(b)) || byName(a, b),
  };
  return [...listed].sort(compare[sort]);
}

function describe(query: RegisterQuery): string {
  return Object.entries(query)
    .filter(([key, value]) => value !== undefined && !['sort', 'limit', 'offset'].includes(key))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join('&');
}
