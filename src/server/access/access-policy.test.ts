import {
  buildEhcpPupil,
  buildIntervention,
  buildPupil,
  buildSenSupportPupil,
  d,
} from '../../domain/testing/builders.ts';
import type { ClassRoster } from '../../graph/directory.ts';
import {
  assignedPupilIdsOn,
  capabilitiesOf,
  deliversIntervention,
  interventionPupilIdsOn,
  mayOpenClass,
  mayUseSencoHub,
  pupilAccess,
} from './access-policy.ts';
import { appRolesOf } from './caller.ts';
import { buildCaller } from './testing/callers.ts';

const today = d('2026-11-23');

describe('capabilitiesOf', () => {
  it.each([
    ['Senco', { fullRecords: true, aggregates: true, settings: true, auditLog: true }],
    ['SendTeam', { fullRecords: true, aggregates: true, settings: false, auditLog: false }],
    ['Headteacher', { fullRecords: false, aggregates: true, settings: false, auditLog: false }],
  ] as const)('%s', (role, expected) => {
    expect(capabilitiesOf(buildCaller({ roles: [role] }))).toEqual(expected);
  });

  it('gives a member of staff with no role nothing beyond their own pupils', () => {
    expect(capabilitiesOf(buildCaller())).toEqual({
      fullRecords: false,
      aggregates: false,
      settings: false,
      auditLog: false,
    });
  });

  it('gives a pupil nothing even if their token somehow carries a role', () => {
    const pupil = buildCaller({ person: 'pupil', roles: ['Senco'] });
    expect(mayUseSencoHub(pupil)).toBe(false);
    expect(capabilitiesOf(pupil).fullRecords).toBe(false);
  });

  it('lets in a guest only with an app role (a visiting SENCO an admin has assigned)', () => {
    expect(mayUseSencoHub(buildCaller({ person: 'other' }))).toBe(false);
    expect(mayUseSencoHub(buildCaller({ person: 'other', roles: ['SendTeam'] }))).toBe(true);
  });

  it('ignores roles that are not ours', () => {
    expect(appRolesOf(['Senco', 'Admin', 'senco', 'Headteacher'])).toEqual(['Senco', 'Headteacher']);
  });
});

describe('pupilAccess', () => {
  const onSupport = buildSenSupportPupil();
  const notOnRegister = buildPupil();

  it('gives the SENCO and the SEND team the whole record of any pupil, on the register or not', () => {
    for (const roles of [['Senco'], ['SendTeam']] as const) {
      expect(pupilAccess(buildCaller({ roles }), notOnRegister, today)).toBe('full');
    }
  });

  it('gives the headteacher no pupil', () => {
    expect(pupilAccess(buildCaller({ roles: ['Headteacher'] }), onSupport, today)).toBe('none');
  });

  it('gives a headteacher who also teaches a class the class view of their own pupils', () => {
    const head = buildCaller({ roles: ['Headteacher'], taughtPupilUpns: new Set([onSupport.upn]) });
    expect(pupilAccess(head, onSupport, today)).toBe('class');
  });

  it('gives a class teacher the class view of pupils with SEND in their classes, matched by UPN', () => {
    const teacher = buildCaller({ taughtPupilUpns: new Set([onSupport.upn.toUpperCase()]) });
    expect(pupilAccess(teacher, onSupport, today)).toBe('class');
    expect(pupilAccess(teacher, buildEhcpPupil(), today)).toBe('none');
  });

  it('does not show a class teacher their pupils who are not on the SEN register', () => {
    const teacher = buildCaller({ taughtPupilUpns: new Set([notOnRegister.upn]) });
    expect(pupilAccess(teacher, notOnRegister, today)).toBe('none');
  });

  it('does not count a pupil whose SEN support ended before today', () => {
    const ended = buildPupil({
      senProvision: [{ code: 'K', startOn: d('2024-09-01'), endOn: d('2026-07-20') }],
    });
    expect(pupilAccess(buildCaller({ taughtPupilUpns: new Set([ended.upn]) }), ended, today)).toBe('none');
  });

  it('gives a TA the class view of the pupils they are assigned to, and no other', () => {
    const ta = buildCaller({ assignedPupilIds: new Set([notOnRegister.id]) });
    expect(pupilAccess(ta, notOnRegister, today)).toBe('class');
    expect(pupilAccess(ta, onSupport, today)).toBe('none');
  });

  it('gives a pupil nothing, even their own record', () => {
    const pupil = buildCaller({ person: 'pupil', taughtPupilUpns: new Set([onSupport.upn]) });
    expect(pupilAccess(pupil, onSupport, today)).toBe('none');
  });
});

describe('assignedPupilIdsOn', () => {
  const assignments = [
    { pupilId: 'p1', staffUserId: 'ta', from: d('2026-09-01') },
    { pupilId: 'p2', staffUserId: 'ta', from: d('2026-09-01'), to: d('2026-11-23') },
    { pupilId: 'p3', staffUserId: 'ta', from: d('2026-09-01'), to: d('2026-11-22') },
    { pupilId: 'p4', staffUserId: 'ta', from: d('2026-11-24') },
    { pupilId: 'p5', staffUserId: 'someone-else', from: d('2026-09-01') },
  ];

  it('counts assignments that have started and not ended, both days inclusive', () => {
    expect([...assignedPupilIdsOn(assignments, 'ta', today)]).toEqual(['p1', 'p2']);
  });

  it('counts an assignment starting today', () => {
    expect([...assignedPupilIdsOn(assignments, 'ta', d('2026-11-24'))]).toEqual(['p1', 'p4']);
  });
});

describe('deliversIntervention', () => {
  it('matches staff by user id where the provision map records one', () => {
    const intervention = buildIntervention({
      staff: [{ name: 'Sam Staff', role: 'Teaching assistant', userId: 'someone-else' }],
    });
    // Same name, different person: the id decides.
    expect(deliversIntervention(buildCaller(), intervention)).toBe(false);
    expect(deliversIntervention(buildCaller({ userId: 'someone-else' }), intervention)).toBe(true);
  });

  it('matches staff recorded by name only by name, ignoring case and spacing', () => {
    const intervention = buildIntervention({
      staff: [{ name: '  sam   STAFF ', role: 'Teaching assistant' }],
    });
    expect(deliversIntervention(buildCaller(), intervention)).toBe(true);
    expect(deliversIntervention(buildCaller({ name: 'Sam Stafford' }), intervention)).toBe(false);
  });

  it('never matches a pupil', () => {
    const intervention = buildIntervention({ staff: [{ name: 'Sam Staff', role: 'TA', userId: 'staff-1' }] });
    expect(deliversIntervention(buildCaller({ person: 'pupil' }), intervention)).toBe(false);
  });
});

describe('mayOpenClass', () => {
  const roster: ClassRoster = {
    id: 'willow',
    displayName: 'Year 4 Willow',
    teacherIds: ['teacher'],
    memberIds: ['teacher', 'ta', 'pupil-account'],
    pupilUpns: [],
  };

  it('opens for its teachers and its TAs, even with no pupil to show', () => {
    expect(mayOpenClass(buildCaller({ userId: 'teacher' }), roster, 0)).toBe(true);
    expect(mayOpenClass(buildCaller({ userId: 'ta' }), roster, 0)).toBe(true);
  });

  it('opens for someone who may see one of its pupils (a TA assigned from another class)', () => {
    expect(mayOpenClass(buildCaller({ userId: 'visiting-ta' }), roster, 1)).toBe(true);
  });

  it('does not open for other staff, nor for the class’s own pupils', () => {
    expect(mayOpenClass(buildCaller({ userId: 'other-teacher' }), roster, 0)).toBe(false);
    expect(mayOpenClass(buildCaller({ userId: 'pupil-account', person: 'pupil' }), roster, 0)).toBe(false);
  });

  it('opens for the SEND team', () => {
    expect(mayOpenClass(buildCaller({ userId: 'senco', roles: ['Senco'] }), roster, 0)).toBe(true);
  });
});

describe('interventionPupilIdsOn (a TA named on an intervention sees its pupils)', () => {
  const running = buildIntervention({
    staff: [{ name: 'Tia Assistant', role: 'Teaching assistant', userId: 'tia' }],
    startOn: d('2026-09-07'),
    endOn: d('2026-12-18'),
    pupils: [
      { pupilId: 'ava' },
      { pupilId: 'ben', leftOn: d('2026-11-20') },
      { pupilId: 'cal', joinedOn: d('2026-11-30') },
    ],
  });

  it('while it runs: the pupils in it on the day, whatever their class', () => {
    expect([...interventionPupilIdsOn([running], 'tia', today)]).toEqual(['ava']);
    expect([...interventionPupilIdsOn([running], 'tia', d('2026-11-30'))]).toEqual(['ava', 'cal']);
  });

  it('not before it starts, not after it ends, not to other staff', () => {
    expect(interventionPupilIdsOn([running], 'tia', d('2026-09-06')).size).toBe(0);
    expect(interventionPupilIdsOn([running], 'tia', d('2026-12-19')).size).toBe(0);
    expect(interventionPupilIdsOn([running], 'tom', today).size).toBe(0);
  });

  it('a name alone grants nothing: only staff named by their Entra id', () => {
    const byName = buildIntervention({
      staff: [{ name: 'Tia Assistant', role: 'Teaching assistant' }],
      startOn: d('2026-09-07'),
      pupils: [{ pupilId: 'ava' }],
    });
    expect(interventionPupilIdsOn([byName], 'tia', today).size).toBe(0);
  });
});
