import { z } from 'zod';
import { calendarDateField } from './calendar-date-field.ts';
import { SEN_NEED_CODES } from './needs.ts';

export const senNeedSchema = z.object({
  code: z.enum(SEN_NEED_CODES, { error: `Need must be one of ${SEN_NEED_CODES.join(', ')}` }),
  rank: z.union([z.literal(1), z.literal(2)], { error: 'Need rank must be 1 (primary) or 2 (secondary)' }),
  startOn: calendarDateField('Need start date').optional(),
  endOn: calendarDateField('Need end date').optional(),
});
