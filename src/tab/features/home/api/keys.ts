import { sharedKeys } from '../../../api/query-keys.ts';

/** The home view's query keys: due work and the census check sit under roots other features' writes refresh. */
export const homeKeys = {
  dueWork: (withinDays: number) => [...sharedKeys.dueWork, withinDays] as const,
  censusCheck: [...sharedKeys.register, 'census-check'] as const,
  remindersStatus: ['reminders', 'status'] as const,
};
