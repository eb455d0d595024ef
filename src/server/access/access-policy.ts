import { isOnOrAfter, isOnOrBefore, type CalendarDate } from '../../domain/calendar-date.ts';
import { wasInInterventionOn } from '../../domain/intervention-attendance.ts';
import type { Intervention } from '../../domain/intervention.schema.ts';
import type { Capabilities } from '../../domain/me-view.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import { provisionOn } from '../../domain/sen-status.ts';
import type { ClassRoster } from '../../graph/directory.ts';
import type { TaAssignment } from '../../graph/send-records.ts';
import type { Caller } from './caller.ts';

/**
 * Who may see what. SEND records are special category data: the SENCO and the SEND team see whole records;
 * the headteacher sees the register's numbers; any other member of staff sees only the pupils with SEND in
 * the classes they teach and the pupils they are assigned to as a TA, and of those only what helps in class
 * (see pupil-views.ts). Pupils and guests see nothing.
 */

/** Staff (as Education knows them) and holders of our app roles; never a pupil, never a guest without a role. */
export function mayUseSencoHub(caller: Caller): boolean {
  if (caller.person === 'pupil') return false;
  return caller.person === 'staff' || caller.roles.length > 0;
}

export function capabilitiesOf(caller: Caller): Capabilities {
  const allowed = mayUseSencoHub(caller);
  const has = (role: Caller['roles'][number]) => allowed && caller.roles.includes(role);
  const fullRecords = has('Senco') || has('SendTeam');
  return {
    fullRecords,
    aggregates: fullRecords || has('Headteacher'),
    settings: has('Senco'),
    auditLog: has('Senco'),
  };
}

/** 'full': the whole record. 'class': what helps in class (pupil-views.ts). 'none': as if it did not exist. */
export type PupilAccess = 'full' | 'class' | 'none';

/** On the SEN register today: SEN support (K) or an EHC plan (E). */
export function isOnSenRegister(pupil: Pick<Pupil, 'senProvision'>, today: CalendarDate): boolean {
  return provisionOn(pupil.senProvision, today) !== 'N';
}

export function pupilAccess(caller: Caller, pupil: Pupil, today: CalendarDate): PupilAccess {
  if (!mayUseSencoHub(caller)) return 'none';
  if (capabilitiesOf(caller).fullRecords) return 'full';
  if (caller.person !== 'staff') return 'none';
  // The SENCO assigned this TA to the pupil: they support them whatever the register says today.
  if (caller.assignedPupilIds.has(pupil.id)) return 'class';
  if (caller.taughtPupilUpns.has(pupil.upn.toUpperCase()) && isOnSenRegister(pupil, today)) return 'class';
  return 'none';
}

/** The pupils a member of staff is assigned to support on `today` (from and to inclusive). */
export function assignedPupilIdsOn(
  assignments: readonly TaAssignment[],
  staffUserId: string,
  today: CalendarDate,
): Set<string> {
  return new Set(
    assignments
      .filter(
        (a) =>
          a.staffUserId === staffUserId &&
          isOnOrAfter(today, a.from) &&
          (a.to === undefined || isOnOrBefore(today, a.to)),
      )
      .map((a) => a.pupilId),
  );
}

/**
 * The pupils of the interventions a member of staff delivers on `today` (named on the provision map by their
 * Entra id: a name alone grants nothing), while the intervention runs and the pupil is in it. The SENCO who
 * assigns a TA to an intervention assigns them to its pupils, so these pupils are seen as assigned ones are:
 * what helps in class, from their passport — including pupils from classes the TA does not work in, since
 * the TA works with them in the intervention. Once the intervention ends or the pupil leaves it, that stops.
 */
export function interventionPupilIdsOn(
  interventions: readonly Pick<Intervention, 'staff' | 'pupils' | 'startOn' | 'endOn'>[],
  staffUserId: string,
  today: CalendarDate,
): Set<string> {
  return new Set(
    interventions
      .filter(
        (i) =>
          i.staff.some((s) => s.userId === staffUserId) &&
          isOnOrAfter(today, i.startOn) &&
          (i.endOn === undefined || isOnOrBefore(today, i.endOn)),
      )
      .flatMap((i) => i.pupils.filter((p) => wasInInterventionOn(p, i.startOn, today)).map((p) => p.pupilId)),
  );
}

/**
 * Whether the caller is among the staff who deliver an intervention: by Entra user id where the provision map
 * records one; for a member of staff recorded by name only, by name (ignoring case and spacing).
 */
export function deliversIntervention(caller: Caller, intervention: Pick<Intervention, 'staff'>): boolean {
  if (caller.person !== 'staff') return false;
  const name = normaliseName(caller.name);
  return intervention.staff.some((s) =>
    s.userId !== undefined ? s.userId === caller.userId : name !== '' && normaliseName(s.name) === name,
  );
}

/** Recording a session: the staff who deliver it, and the SEND team. */
export function mayRecordSession(caller: Caller, intervention: Pick<Intervention, 'staff'>): boolean {
  return capabilitiesOf(caller).fullRecords || deliversIntervention(caller, intervention);
}

/**
 * Opening a class's view: the SEND team, the class's teachers, members of the class team (its TAs) and
 * anyone who may see one of its pupils. Anyone else is told there is no such class.
 */
export function mayOpenClass(caller: Caller, roster: ClassRoster, visiblePupils: number): boolean {
  if (!mayUseSencoHub(caller)) return false;
  if (capabilitiesOf(caller).fullRecords || visiblePupils > 0) return true;
  if (caller.person !== 'staff') return false;
  return roster.teacherIds.includes(caller.userId) || roster.memberIds.includes(caller.userId);
}

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
}
