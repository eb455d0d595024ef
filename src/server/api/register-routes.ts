import express from 'express';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { censusCheck } from '../../domain/census-check.ts';
import { nextCensusDay } from '../../domain/census-days.ts';
import { needsOn } from '../../domain/needs.ts';
import { registerSummary } from '../../domain/register-analytics.ts';
import type { ClassRef, RollPupil } from '../../domain/roll.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import { capabilitiesOf } from '../access/access-policy.ts';
import { ForbiddenError } from './api-errors.ts';
import {
  registerExportBody,
  registerQueryParams,
  type CensusCheckAnswer,
  type RegisterPage,
  type RegisterQueryParams,
  type RegisterSummaryAnswer,
} from '../../contract/register.ts';
import { createPageMemo, createRegisterRowsCache, searchable, type ListedPupil } from './register-rows.ts';
import { PreparedJson } from '../http/compressed-json.ts';
import { auditEntry, contextOf, listedPupils, type ApiDeps } from './request-context.ts';

/**
 * The register: GET /api/pupils lists the pupils the caller may see, filtered (contract relied on by the
 * tab); GET /api/register/summary gives the numbers (SENCO, SEND team, headteacher); GET
 * /api/register/census-check runs the pre-census data check (SENCO, SEND team: it names pupils); POST
 * /api/register/exports records that the register was exported (the tab makes the file; the audit log must
 * still show who took many pupils' special category data away, and which).
 */

type RegisterQuery = RegisterQueryParams;

export function registerRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const { records } = deps;
  const registerRows = createRegisterRowsCache(records);
  const answeredPages = createPageMemo<{ pupilIds: readonly string[]; body: PreparedJson }>();
  const summaries = createSummaryCache();

  router.get('/pupils', async (req, res) => {
    const context = contextOf(res);
    const { caller, today } = context;
    const query = registerQueryParams.parse(req.query);
    const full = capabilitiesOf(caller).fullRecords;
    if (!full && (query.need || query.flag)) {
      throw new ForbiddenError(
        'Only the SENCO and the SEND team can filter the register by need or by flags.',
      );
    }
    const [classes, classPupils] = await Promise.all([
      deps.directory.classes(),
      query.classId ? pupilUpnsOfClass(deps, query.classId) : undefined,
    ]);
    const rows = registerRows.rows({ caller, today, classes, sort: query.sort });
    const makePage = () => {
      const wanted = query.q === undefined ? undefined : searchable(query.q);
      const matching = rows.filter(
        (listed) =>
          (!classPupils || classPupils.has(listed.pupil.upn.toUpperCase())) &&
          matches(listed, query, wanted, today),
      );
      const page: RegisterPage = {
        total: matching.length,
        offset: query.offset,
        limit: query.limit,
        pupils: matching.slice(query.offset, query.offset + query.limit).map((l) => l.row),
      };
      return { pupilIds: page.pupils.map((row) => row.id), body: new PreparedJson(page) };
    };
    // A class filter's answer also depends on the class's roster, which can change while the rows do not.
    const answer = classPupils ? makePage() : answeredPages.answer(rows, query, makePage);
    // Every read is audited, whether its answer was made now or before.
    await deps.audit.record(
      auditEntry(context, {
        action: 'read',
        resource: 'register',
        detail: listedPupils(answer.pupilIds, describe(query)),
      }),
    );
    res.json(answer.body);
  });

  router.get('/register/summary', async (_req, res) => {
    const { caller, today } = contextOf(res);
    if (!capabilitiesOf(caller).aggregates) {
      throw new ForbiddenError(
        'The register’s numbers are for the SENCO, the SEND team and the headteacher.',
      );
    }
    // The roll is the base of every number: the SEND records hold only pupils with SEND or a SEND history.
    const [roll, classes] = await Promise.all([deps.directory.roll(), deps.directory.classes()]);
    res.json(summaries.summary({ records, roll, classes, today }) satisfies RegisterSummaryAnswer);
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
    res.json({ censusDay, ...check } satisfies CensusCheckAnswer);
  });

  return router;
}

async function pupilUpnsOfClass(deps: ApiDeps, classId: string): Promise<Set<string>> {
  const roster = await deps.directory.classRoster(classId);
  return new Set(roster?.pupilUpns ?? []);
}

function matches(
  { pupil, row, searchTexts }: ListedPupil,
  query: RegisterQuery,
  wanted: string | undefined,
  today: CalendarDate,
): boolean {
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
  if (wanted !== undefined && !searchTexts.some((text) => text.includes(wanted))) return false;
  return true;
}

/** The register's numbers, reused until the records, the roll, the class names or the day change. */
function createSummaryCache() {
  let last:
    | {
        stamp: string;
        roll: readonly RollPupil[];
        classes: readonly ClassRef[];
        today: CalendarDate;
        answer: RegisterSummaryAnswer;
      }
    | undefined;
  return {
    summary(input: {
      records: SendRecordsReader;
      roll: readonly RollPupil[];
      classes: readonly ClassRef[];
      today: CalendarDate;
    }): RegisterSummaryAnswer {
      const { records, roll, classes, today } = input;
      const stamp = records.changeStamp();
      if (
        last &&
        last.stamp === stamp &&
        last.roll === roll &&
        last.classes === classes &&
        last.today === today
      )
        return last.answer;
      const classNames = new Map(classes.map((c) => [c.id, c.displayName]));
      const summary = registerSummary({ pupils: records.pupils(), roll, on: today });
      const answer: RegisterSummaryAnswer = {
        ...summary,
        byClass: summary.byClass.map((c) => ({ ...c, displayName: classNames.get(c.classId) ?? c.classId })),
      };
      last = { stamp, roll, classes, today, answer };
      return answer;
    },
  };
}

function describe(query: RegisterQuery): string {
  return Object.entries(query)
    .filter(([key, value]) => value !== undefined && !['sort', 'limit', 'offset'].includes(key))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join('&');
}
