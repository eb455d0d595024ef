import { sharedKeys } from '../../../api/query-keys.ts';
import type { RegisterFilters } from './get-register.ts';

/** The register's query keys, under the shared register root (other features' writes refresh it). */
export const registerKeys = {
  all: sharedKeys.register,
  list: (filters: RegisterFilters) => [...sharedKeys.register, 'list', filters] as const,
};
