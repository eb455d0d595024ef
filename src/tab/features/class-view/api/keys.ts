import { sharedKeys } from '../../../api/query-keys.ts';

/** The class view's query keys, under the shared classes root (SEN status and passport writes refresh it). */
export const classViewKeys = {
  pupils: (groupId: string) => [...sharedKeys.classes, groupId, 'pupils'] as const,
};
