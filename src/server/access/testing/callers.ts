import type { Caller } from '../caller.ts';

/** A member of staff with no app role, teaching nothing, assigned to no one; tests bend it to one fact. */
export function buildCaller(overrides: Partial<Caller> = {}): Caller {
  return {
    userId: 'staff-1',
    upn: 'staff1@school.example',
    name: 'Sam Staff',
    roles: [],
    person: 'staff',
    taughtClasses: [],
    taughtPupilUpns: new Set(),
    assignedPupilIds: new Set(),
    ...overrides,
  };
}
