import {
  buildEhcpPupil,
  buildExamAccessArrangement,
  buildPassport,
  d,
} from '../../domain/testing/builders.ts';
import type { Passport } from '../../domain/passport.schema.ts';
import type { Versioned } from '../../graph/send-records.ts';
import { classPupilView, fullPupilView, type FullPupilFacts } from './pupil-views.ts';

const today = d('2026-11-23');

function facts(overrides: Partial<FullPupilFacts> = {}): FullPupilFacts {
  const pupil = buildEhcpPupil({
    id: 'ava',
    legalForename: 'Ava',
    preferredForename: 'Avie',
    legalSurname: "O'Brien",
    dateOfBirth: d('2018-01-15'),
    classIds: ['willow'],
    lookedAfter: true,
    pupilPremium: true,
    contacts: [{ name: 'Jo O’Brien', relationship: 'Mother', hasParentalResponsibility: true, priority: 1 }],
    needs: [
      { code: 'ASD', rank: 1 },
      { code: 'SLCN', rank: 2 },
    ],
  });
  const passport: Versioned<Passport> = {
    value: buildPassport({ pupilId: 'ava', version: 3, updatedBy: 'Katie Dawson' }),
    eTag: '"p,3"',
    modifiedAt: '2026-11-01T10:00:00Z',
    modifiedBy: 'Katie Dawson',
  };
  return {
    pupil,
    classNames: new Map([['willow', 'Year 4 Willow']]),
    today,
    passport,
    examAccessArrangements: [
      buildExamAccessArrangement({ pupilId: 'ava', arrangement: 'extra-time-25', status: 'approved' }),
      buildExamAccessArrangement({ pupilId: 'ava', arrangement: 'reader', status: 'proposed' }),
      buildExamAccessArrangement({
        pupilId: 'ava',
        arrangement: 'scribe',
        status: 'approved',
        expiresOn: d('2026-07-31'),
      }),
    ],
    acknowledgements: [
      {
        pupilId: 'ava',
        passportVersion: 3,
        userId: 'teacher',
        name: 'Tom Teacher',
        at: '2026-11-02T08:00:00Z',
      },
      { pupilId: 'ava', passportVersion: 3, userId: 'ta', name: 'Tia Assistant', at: '2026-11-03T08:00:00Z' },
      {
        pupilId: 'ava',
        passportVersion: 2,
        userId: 'teacher',
        name: 'Tom Teacher',
        at: '2026-01-02T08:00:00Z',
      },
    ],
    callerUserId: 'teacher',
    hasEhcPlan: true,
    hasSenSupportPlan: false,
    ...overrides,
  };
}

describe('classPupilView (a class teacher or assigned TA)', () => {
  const view = classPupilView(facts());

  it('shows who the pupil is, where, and that they have an EHC plan, with the broad area of need', () => {
    expect(view).toMatchObject({
      access: 'class',
      id: 'ava',
      displayName: "Avie O'Brien",
      yearGroup: 'Y4',
      classes: [{ id: 'willow', displayName: 'Year 4 Willow' }],
      senStatus: 'E',
      primaryAreaOfNeed: 'communication-and-interaction',
    });
  });

  it('shows the passport and the approved, unexpired exam arrangements', () => {
    expect(view.passport?.whatHelpsMe).toEqual(['A quiet space to work']);
    expect(view.passport?.version).toBe(3);
    expect(view.examAccessArrangements).toEqual([{ arrangement: 'extra-time-25' }]);
  });

  it('says whether the caller has read the current version, and nothing of who else has', () => {
    expect(view.myAcknowledgement).toEqual({ passportVersion: 3, at: '2026-11-02T08:00:00Z' });
    expect(classPupilView(facts({ callerUserId: 'someone' })).myAcknowledgement).toBeNull();
  });

  it('has nothing else: exactly these fields, so a field added to the record stays private', () => {
    expect(Object.keys(view).sort()).toEqual(
      [
        'access',
        'classes',
        'displayName',
        'examAccessArrangements',
        'id',
        'myAcknowledgement',
        'passport',
        'primaryAreaOfNeed',
        'senStatus',
        'senStatusLabel',
        'yearGroup',
      ].sort(),
    );
    expect(Object.keys(view.passport ?? {}).sort()).toEqual(
      [
        'aboutMe',
        'accessArrangements',
        'communication',
        'reviewDueOn',
        'reviewedOn',
        'strengths',
        'version',
        'whatHelpsMe',
        'whatIFindHard',
      ].sort(),
    );
  });

  it('has no passport for a pupil without one', () => {
    expect(classPupilView(facts({ passport: undefined })).passport).toBeNull();
  });
});

describe('fullPupilView (the SENCO and the SEND team)', () => {
  const view = fullPupilView(facts());

  it('has the whole record: legal names, date of birth, needs, contacts, flags, acknowledgements', () => {
    expect(view).toMatchObject({
      access: 'full',
      legalForename: 'Ava',
      preferredForename: 'Avie',
      dateOfBirth: '2018-01-15',
      primaryNeed: 'ASD',
      secondaryNeed: 'SLCN',
      flags: { lookedAfter: true, pupilPremium: true },
      passportETag: '"p,3"',
      hasEhcPlan: true,
    });
    expect(view.contacts).toHaveLength(1);
    expect(view.acknowledgements).toHaveLength(3);
    expect(view.examAccessArrangements).toHaveLength(3);
    expect(view.passport?.updatedBy).toBe('Katie Dawson');
  });
});
