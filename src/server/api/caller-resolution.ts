import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Directory } from '../../graph/directory.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import { assignedPupilIdsOn, interventionPupilIdsOn } from '../access/access-policy.ts';
import { appRolesOf, type Caller } from '../access/caller.ts';
import type { Principal } from '../auth/token-validator.ts';

/**
 * Gathers the facts the access policy decides on: app roles from the validated token; whether the account is
 * staff or a pupil, which classes they teach and those classes' pupils from the Education roster (cached in
 * the directory adapter); TA assignments and the interventions they deliver from the records. Nothing comes from the tab.
 */
export async function resolveCaller(input: {
  principal: Principal;
  directory: Directory;
  records: Pick<SendRecordsReader, 'taAssignments' | 'interventions'>;
  today: CalendarDate;
}): Promise<Caller> {
  const { principal, directory } = input;
  const person = await directory.person(principal.userId);
  const taughtClasses = person === 'staff' ? await directory.taughtClasses(principal.userId) : [];
  const rosters = await Promise.all(taughtClasses.map((c) => directory.classRoster(c.id)));
  return {
    userId: principal.userId,
    upn: principal.upn,
    name: principal.name,
    roles: appRolesOf(principal.roles),
    person,
    taughtClasses,
    taughtPupilUpns: new Set(rosters.flatMap((r) => r?.pupilUpns ?? [])),
    // Pupils the SENCO assigned them to, and the pupils of the interventions they deliver (access-policy.ts).
    assignedPupilIds:
      person === 'staff'
        ? new Set([
            ...assignedPupilIdsOn(input.records.taAssignments(), principal.userId, input.today),
            ...interventionPupilIdsOn(
              input.records.interventions().map((v) => v.value),
              principal.userId,
              input.today,
            ),
          ])
        : new Set(),
  };
}
