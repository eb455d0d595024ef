import { z } from 'zod';
import type { CensusCheckResult } from '../domain/census-check.ts';
import type { CensusDay } from '../domain/census-days.ts';
import { BROAD_AREAS_OF_NEED, SEN_NEED_CODES } from '../domain/needs.ts';
import type { RegisterPage } from '../domain/pupil-views.ts';
import { PUPIL_FLAGS, type RegisterSummary } from '../domain/register-analytics.ts';
import { idField, optionalText, requiredText, wholeNumberField } from '../domain/schema-fields.ts';
import { SEN_PROVISION_CODES } from '../domain/sen-status.ts';
import { yearGroupSchema } from '../domain/year-group.schema.ts';
import { listParam, numberParam } from './query-params.ts';
import { REGISTER_PAGE_LIMIT, REGISTER_SORTS } from './register-options.ts';

/**
 * The register between the tab and the server:
 *
 * GET  /api/pupils                   registerQueryParams → RegisterPage
 * GET  /api/register/summary         → RegisterSummaryAnswer (no pupil in it: the headteacher sees it too)
 * GET  /api/register/census-check    → CensusCheckAnswer
 * POST /api/register/exports         registerExportBody → 204
 */

export { REGISTER_PAGE_LIMIT, REGISTER_SORTS, type RegisterSort } from './register-options.ts';

/** The query string of GET /api/pupils. */
export const registerQueryParams = z.strictObject({
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
    .enum(REGISTER_SORTS, {
      error: 'Sort must be name, year, status or review-due',
    })
    .default('name'),
  limit: numberParam('Limit', { min: 1, max: REGISTER_PAGE_LIMIT }).default(500),
  offset: numberParam('Offset', { min: 0, max: 1_000_000 }).default(0),
});
export type RegisterQueryParams = z.output<typeof registerQueryParams>;


export type { RegisterPage };

/** GET /api/register/summary: the register's numbers, each class named. */
export type RegisterSummaryAnswer = Omit<RegisterSummary, 'byClass'> & {
  byClass: (RegisterSummary['byClass'][number] & { displayName: string })[];
};

/** GET /api/register/census-check: the next census day and the data problems to fix before it. */
export type CensusCheckAnswer = CensusCheckResult & { censusDay: CensusDay };

/** POST /api/register/exports: what an export of the register held (the tab makes the file). */
export const registerExportBody = z.strictObject({
  format: z.literal('csv', { error: 'Format must be csv' }),
  rows: wholeNumberField('Rows', { min: 1, max: 100_000 }),
  view: requiredText('View', 500),
});
export type RegisterExportBody = z.input<typeof registerExportBody>;
