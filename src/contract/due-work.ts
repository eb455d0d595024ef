import { z } from 'zod';
import type { DueWork, DueWorkItem } from '../domain/due-work-views.ts';
import { numberParam } from './query-params.ts';

/** GET /api/due-work: what is overdue or due soon across the register, most urgent first (SEND team). */

export const dueWorkQueryParams = z.strictObject({
  within: numberParam('Days ahead', { min: 0, max: 366 }).default(42),
});
export type DueWorkQueryParams = z.output<typeof dueWorkQueryParams>;

export type DueWorkAnswer = DueWork;
export type { DueWorkItem };
