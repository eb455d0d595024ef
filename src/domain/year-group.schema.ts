import { z } from 'zod';
import { YEAR_GROUPS } from './year-group.ts';

export const yearGroupSchema = z.enum(YEAR_GROUPS, {
  error: `Year group must be one of ${YEAR_GROUPS.join(', ')}`,
});
