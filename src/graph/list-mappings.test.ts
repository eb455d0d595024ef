import { ehcPlanSchema } from '../domain/ehc-plan.schema.ts';
import { examAccessArrangementSchema } from '../domain/exam-access.schema.ts';
import { interventionSchema } from '../domain/intervention.schema.ts';
import { meetingSchema } from '../domain/meeting.schema.ts';
import { passportSchema } from '../domain/passport.schema.ts';
import { pupilSchema } from '../domain/pupil.schema.ts';
import { senSupportPlanSchema } from '../domain/sen-support-plan.schema.ts';
import {
  buildEhcPlan,
  buildExamAccessArrangement,
  buildIntervention,
  buildPassport,
  buildPupil,
  buildRequiredInvitees,
  buildReview,
  buildSenSupportPlan,
  d,
} from '../domain/testing/builders.ts';
import { accessArrangementFromItem, accessArrangementToFields } from './access-arrangements-list.ts';
import { auditEntryFromItem, auditEntryToFields } from './audit-log-list.ts';
import { ehcPlanFromItem, ehcPlanToFields, reviewFromItem, reviewToFields } from './ehc-plans-list.ts';
import { importWrites } from './import-records.ts';
import {
  interventionFromItem,
  interventionPupilFromItem,
  interventionSessionFromItem,
  interventionSessionToFields,
} from './interventions-list.ts';
import { graphFacetOf, type ListDefinition } from './list-definition.ts';
import {
  createFields,
  eTagVersion,
  FieldError,
  fieldReader,
  sameETag,
  type Fields,
  type SharePointItem,
} from './list-fields.ts';
import { meetingFromItem, meetingToFields, MEETINGS_LIST } from './meetings-list.ts';
import {
  acknowledgementFromItem,
  acknowledgementToFields,
  passportFromItem,
  passportToFields,
} from './passports-list.ts';
import { needFromItem, pupilRowFromItem, senPeriodFromItem } from './pupils-list.ts';
import type { AuditEntry, InterventionSession } from './send-records.ts';
import { senSupportPlanFromItem } from './sen-support-plans-list.ts';
import { SENCO_HUB_SCHEMA } from './site-schema.ts';
import { taAssignmentFromItem, taAssignmentToFields } from './ta-assignments-list.ts';

/** What Graph gives back for an item written with these fields: empty values are simply absent. */
const item = (fields: Fields, id = '7'): SharePointItem => ({
  id,
  eTag: `"c5a7f0b2-0000-4000-8000-000000000001,1"`,
  lastModifiedDateTime: '2026-01-12T09:00:00Z',
  fields: createFields(fields),
});

describe('the site schema', () => {
  const lists = SENCO_HUB_SCHEMA.lists;

  it('names each list once, and keys each by a unique indexed column', () => {
    expect(new Set(lists.map((l) => l.displayName)).size).toBe(lists.length);
    for (const list of lists) {
      const key = list.columns.find((c) => c.name === list.keyColumn);
      expect(key, list.displayName).toMatchObject({ indexed: true, unique: true });
    }
  });

  it('keeps within SharePoint’s rules: internal names, 20 indexes a list, no index on multi-line text', () => {
    for (const list of lists) {
      const names = list.columns.map((c) => c.name);
      expect(new Set(names).size, list.displayName).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9]{0,31}$/);
      expect(list.columns.filter((c) => c.indexed).length, list.displayName).toBeLessThanOrEqual(20);
      for (const c of list.columns.filter((c) => c.type === 'note' || c.type === 'json'))
        expect(c.indexed, `${list.displayName}.${c.name}`).toBeFalsy();
      for (const c of list.columns) expect(c.since).toBeLessThanOrEqual(SENCO_HUB_SCHEMA.version);
      expect(list.since).toBeLessThanOrEqual(SENCO_HUB_SCHEMA.version);
    }
    expect(graphFacetOf('date')).toBe('text');
  });

  it('writes only columns the lists have', () => {
    const pupil = buildPupil({
      senProvision: [{ code: 'K', startOn: d('2024-09-02') }],
      needs: [{ code: 'SLCN', rank: 1 }],
    });
    const writes = importWrites({
      pupils: [pupil],
      passports: [buildPassport({ pupilId: pupil.id })],
      senSupportPlans: [buildSenSupportPlan({ pupilId: pupil.id })],
      ehcPlans: [buildEhcPlan({ pupilId: pupil.id, reviews: [buildReview()] })],
      professionals: [
        { id: 'pro-1', name: 'Dr Ada', profession: 'educational-psychologist', organisation: 'LA' },
      ],
      pupilProfessionals: [{ pupilId: pupil.id, professionalId: 'pro-1' }],
      interventions: [buildIntervention({ pupils: [{ pupilId: pupil.id }] })],
      accessArrangements: [buildExamAccessArrangement({ pupilId: pupil.id })],
      taAssignments: [{ pupilId: pupil.id, staffUserId: 'ta-1', from: d('2025-09-01') }],
    });
    expect(new Set(writes.map((w) => w.list.key)).size).toBe(13);
    const check = (list: ListDefinition, fields: Fields) => {
      const known = new Set(['Title', ...list.columns.map((c) => c.name)]);
      for (const key of Object.keys(fields)) expect(known.has(key), `${list.displayName}.${key}`).toBe(true);
    };
    for (const w of writes) check(w.list, w.fields);
    check(
      MEETINGS_LIST,
      meetingToFields(meetingSchema.parse({ id: 'm1', kind: 'annual-review', on: '2026-02-02' }), 'evt'),
    );
  });
});

describe('list items ↔ domain records', () => {
  it('puts a pupil back together from the pupil, status and need items', () => {
    const pupil = buildPupil({
      preferredForename: 'Zoë',
      legalSurname: "O'Brien",
      contacts: [
        {
          name: 'Mum',
          relationship: 'Mother',
          hasParentalResponsibility: true,
          priority: 1,
          email: 'mum@example.org',
        },
      ],
      senProvision: [
        { code: 'K', startOn: d('2023-09-04'), endOn: d('2025-01-10') },
        { code: 'E', startOn: d('2025-01-10') },
      ],
      needs: [
        { code: 'ASD', rank: 1, startOn: d('2023-09-04') },
        { code: 'SLCN', rank: 2 },
      ],
      pepReviewedOn: d('2025-11-01'),
      lookedAfter: true,
    });
    const writes = importWrites({ pupils: [pupil] });
    const row = pupilRowFromItem(item(writes.find((w) => w.list.key === 'pupils')!.fields));
    const periods = writes
      .filter((w) => w.list.key === 'senStatus')
      .map((w) => senPeriodFromItem(item(w.fields)));
    const needs = writes.filter((w) => w.list.key === 'needs').map((w) => needFromItem(item(w.fields)));
    expect(periods.every((p) => p.pupilId === pupil.id) && needs.every((n) => n.pupilId === pupil.id)).toBe(
      true,
    );
    const back = pupilSchema.parse({
      ...row,
      senProvision: periods.map((p) => p.period),
      needs: needs.map((n) => n.need),
    });
    expect(back).toEqual(pupil);
  });

  it('reads passports and acknowledgements written before schema 3, whose Version and Name columns SharePoint reserves', () => {
    const passport = buildPassport({ version: 4 });
    const { VersionNumber: _v, ...v2Fields } = passportToFields(passport);
    expect(passportToFields(passport)).toMatchObject({ VersionNumber: 4 });
    expect(passportSchema.parse(passportFromItem(item({ ...v2Fields, Version: 4 })))).toEqual(passport);
    const ack = {
      pupilId: 'p1',
      passportVersion: 4,
      userId: 'u1',
      name: 'Sam Teacher',
      at: '2026-01-15T09:30:00Z',
    };
    const { ReaderName: _n, ...v2Ack } = acknowledgementToFields(ack);
    expect(acknowledgementToFields(ack)).toMatchObject({ ReaderName: 'Sam Teacher' });
    expect(acknowledgementFromItem(item({ ...v2Ack, Name: 'Sam Teacher' }))).toEqual(ack);
  });

  it('round-trips passports, plans, interventions and access arrangements', () => {
    const passport = buildPassport({ communication: undefined, accessArrangements: ['Reader'] });
    expect(passportSchema.parse(passportFromItem(item(passportToFields(passport))))).toEqual(passport);

    const plan = buildSenSupportPlan();
    const [sspWrite] = importWrites({ pupils: [], senSupportPlans: [plan] });
    expect(sspWrite!.fields['NextReviewOn']).toBe(plan.cycles[0]!.reviewOn);
    expect(senSupportPlanSchema.parse(senSupportPlanFromItem(item(sspWrite!.fields)))).toEqual(plan);

    const review = buildReview({
      meetingOn: d('2025-06-02'),
      heldOn: d('2025-06-02'),
      invitees: buildRequiredInvitees(d('2025-05-01')),
      laDecision: { decision: 'amend', notifiedOn: d('2025-06-20') },
    });
    const ehc = buildEhcPlan({
      coordinator: { name: 'Sam', email: 'sam@la.example.org' },
      reviews: [review, buildReview()],
    });
    const planRow = ehcPlanFromItem(item(ehcPlanToFields(ehc)));
    const reviews = ehc.reviews.map((r) => reviewFromItem(item(reviewToFields(ehc, r))));
    expect(reviews.every((r) => r.ehcPlanId === ehc.id)).toBe(true);
    expect(ehcPlanSchema.parse({ ...planRow, reviews: reviews.map((r) => r.review) })).toEqual(ehc);

    const intervention = buildIntervention({
      staff: [{ name: 'Pat TA', role: 'Teaching assistant', userId: 'user-1' }],
      measure: undefined,
      pupils: [
        { pupilId: 'p1', entryMeasure: 80, exitMeasure: 92.5, sessionsAttended: 20, sessionsOffered: 24 },
      ],
    });
    const writes = importWrites({ pupils: [], interventions: [intervention] });
    const row = interventionFromItem(item(writes[0]!.fields));
    const pupils = writes.slice(1).map((w) => interventionPupilFromItem(item(w.fields)).pupil);
    expect(interventionSchema.parse({ ...row, pupils })).toEqual(intervention);

    const arrangement = buildExamAccessArrangement({
      form8: { assessedOn: d('2025-10-01'), scores: [{ test: 'DASH', standardisedScore: 82 }] },
      expiresOn: d('2027-08-31'),
    });
    expect(
      examAccessArrangementSchema.parse(
        accessArrangementFromItem(item(accessArrangementToFields(arrangement))),
      ),
    ).toEqual(arrangement);

    const meeting = meetingSchema.parse({
      id: 'm1',
      kind: 'multi-agency',
      on: '2026-02-02',
      pupilIds: ['p1'],
      startsAt: '09:30',
    });
    expect(meetingSchema.parse(meetingFromItem(item(meetingToFields(meeting))))).toEqual(meeting);
  });

  it('round-trips sessions, TA assignments and audit entries', () => {
    const session: InterventionSession = {
      interventionId: 'i1',
      date: d('2026-01-12'),
      attendedPupilIds: ['p1'],
      absentPupilIds: [],
      recordedBy: { userId: 'u1', upn: 'ta@example.org', name: 'Pat TA' },
    };
    expect(interventionSessionFromItem(item(interventionSessionToFields('s1', session)))).toEqual(session);
    const ta = { pupilId: 'p1', staffUserId: 'u1', from: d('2025-09-01') };
    expect(taAssignmentFromItem(item(taAssignmentToFields(ta)))).toEqual(ta);
    const entry: AuditEntry = {
      id: 'e1',
      at: '2026-01-12T09:00:00Z',
      actor: { userId: 'u1', upn: 'a@b.org' },
      action: 'read',
      resource: 'pupil',
      pupilId: 'p1',
    };
    expect(auditEntryFromItem(item(auditEntryToFields('e1', entry)))).toEqual(entry);
  });

  it('names the list, item and column of a value it cannot read', () => {
    const bad = item(
      { PupilId: 'p1', Upn: 'X', LegalForename: 'A', LegalSurname: 'B', DateOfBirth: '2015-02-31' },
      '42',
    );
    expect(() => pupilRowFromItem(bad)).toThrow(FieldError);
    expect(() => pupilRowFromItem(bad)).toThrow(
      "SENCO Hub Pupils, item 42, DateOfBirth: '2015-02-31' is not a date",
    );
    const reader = fieldReader({ displayName: 'L' }, item({ Contacts: '[{' }));
    expect(() => reader.json('Contacts')).toThrow('L, item 7, Contacts: is not valid JSON');
    expect(reader.boolean('LookedAfter')).toBe(false);
  });
});

describe('eTags', () => {
  it('compare as SharePoint compares If-Match, and carry the item version', () => {
    expect(
      sameETag('"{C5A7F0B2-0000-4000-8000-000000000001},3"', '"c5a7f0b2-0000-4000-8000-000000000001,3"'),
    ).toBe(true);
    expect(sameETag('W/"abc,3"', '"abc,3"')).toBe(true);
    expect(sameETag('"abc,3"', '"abc,4"')).toBe(false);
    expect(sameETag(undefined, '"abc,3"')).toBe(false);
    expect(eTagVersion('"{C5A7F0B2-0000-4000-8000-000000000001},12"')).toEqual({
      id: 'c5a7f0b2-0000-4000-8000-000000000001',
      version: 12,
    });
    expect(eTagVersion('opaque')).toBeUndefined();
  });
});
