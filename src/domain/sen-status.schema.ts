import { z } from 'zod';
import { calendarDateField } from './calendar-date-field.ts';
import { LEGACY_SEN_PROVISION_CODES, SEN_PROVISION_CODES, provisionHistoryProblems } from './sen-status.ts';

export const senProvisionPeriodSchema = z.object({
  code: z.enum([...SEN_PROVISION_CODES, ...LEGACY_SEN_PROVISION_CODES], {
    error: 'SEN provision must be N, K or E (S, A and P only as history)',
  }),
  startOn: calendarDateField('SEN provision start date'),
  endOn: calendarDateField('SEN provision end date').optional(),
});

export const senProvisionHistorySchema = z
  .array(senProvisionPeriodSchema, { error: 'SEN provision history must be a list' })
  .superRefine((history, ctx) => {
    for (const problem of provisionHistoryProblems(history))
      ctx.addIssue({ code: 'custom', message: problem.message });
  });
