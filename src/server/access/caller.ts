import type { ClassRef } from '../../domain/roll.ts';

/** App roles on SENCO Hub's app registration, as Entra puts them in the token's `roles` claim. */
export const APP_ROLES = ['Senco', 'SendTeam', 'Headteacher'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/**
 * The ids of those roles on the app registration (its manifest's `appRoles`), for reading a user's app role
 * assignments when there is no token to read roles from (the bot). Fixed when the registration is made.
 */
export const APP_ROLE_IDS: readonly { value: AppRole; id: string }[] = [
  { value: 'Senco', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0001' },
  { value: 'SendTeam', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0002' },
  { value: 'Headteacher', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0003' },
];

/** The roles we recognise among a token's roles; anything else is ignored. */
export function appRolesOf(claimed: readonly string[]): AppRole[] {
  return APP_ROLES.filter((role) => claimed.includes(role));
}

/**
 * Everything the access policy needs to know about the person calling, gathered once per request from the
 * validated token, the Education roster and the SENCO's TA assignments. Plain data: the policy is pure.
 */
export type Caller = {
  userId: string;
  upn: string;
  name: string;
  roles: readonly AppRole[];
  /** From the Education directory, never from the tab's context. */
  person: 'staff' | 'pupil' | 'other';
  /** Classes the caller teaches (Education `/teachers` of the class). */
  taughtClasses: readonly ClassRef[];
  /** DfE UPNs (upper case) of the pupils in the classes the caller teaches. */
  taughtPupilUpns: ReadonlySet<string>;
  /** Pupils the SENCO has assigned the caller to support, as of today. */
  assignedPupilIds: ReadonlySet<string>;
};
