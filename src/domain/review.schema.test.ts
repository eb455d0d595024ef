import { describe, expect, it } from 'vitest';
import { ehcNeedsAssessmentSchema } from './ehc-needs-assessment.schema.ts';
import { ehcPlanSchema } from './ehc-plan.schema.ts';
import { examAccessArrangementSchema } from './exam-access.schema.ts';
import { interventionSchema } from './intervention.schema.ts';
import { meetingSchema } from './meeting.schema.ts';
import { externalProfessionalSchema } from './professional.schema.ts';
import { byReviewDate, meetingDateOf, REQUIRED_REVIEW_INVITEES, reviewSchema } from './review.schema.ts';
import { d } from './testing/builders.ts';

const messages = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message);

describe('reviewSchema', () => {
  it('parses a minimal review with defaults', () => {
    expect(reviewSchema.parse({ id: 'r1', kind: 'annual' })).toEqual({
      id: 'r1',
      kind: 'annual',
      invitees: [],
      adviceRequests: [],
      preparingForAdulthoodOnAgenda: false,
    });
  });

  it('lists the five reg 20(2) invitees', () => {
    expect(REQUIRED_REVIEW_INVITEES.map((r) => r.paragraph)).toEqual([
      'reg 20(2)(a)',
      'reg 20(2)(b)',
      'reg 20(2)(c)',
      'reg 20(2)(d)',
      'reg 20(2)(e)',
    ]);
  });

  it.each([
    [{ reportSentOn: '2026-02-20' }, 'Report sent date needs the date the meeting was held'],
    [{ heldOn: '2026-02-09', reportSentOn: '2026-02-08' }, 'Report sent date cannot be before the meeting'],
    [
      { laDecision: { decision: 'amend', notifiedOn: '2026-03-01' } },
      'LA decision needs the date the meeting was held',
    ],
    [
      {
        heldOn: '2026-02-09',
        finalAmendedPlanIssuedOn: '2026-04-01',
        laDecision: { decision: 'maintain', notifiedOn: '2026-03-01' },
      },
      'Final amended plan date needs an LA decision to amend',
    ],
    [{ kind: 'yearly' }, 'Review kind must be one of annual, interim, phase-transfer, sen-support'],
    [{ meetingOn: '9/2/2026' }, 'Meeting date must be a real date in the form YYYY-MM-DD'],
  ])('rejects %j: %s', (override, message) => {
    expect(messages(reviewSchema.safeParse({ id: 'r1', kind: 'annual', ...override }))).toContain(message);
  });

  it('the meeting date that counts is the held one', () => {
    expect(meetingDateOf({ meetingOn: d('2026-02-09'), heldOn: d('2026-02-10') })).toBe('2026-02-10');
    expect(meetingDateOf({ meetingOn: d('2026-02-09') })).toBe('2026-02-09');
  });
});

describe('the other HTTP schemas name their fields', () => {
  it('EHC plan', () => {
    expect(
      messages(
        ehcPlanSchema.safeParse({
          id: 'x',
          pupilId: 'p',
          localAuthority: '',
          issuedOn: '2025-13-01',
          coordinator: {},
        }),
      ),
    ).toEqual([
      'Local authority is required',
      'Plan issue date must be a real date in the form YYYY-MM-DD',
      'EHC co-ordinator name must be text',
    ]);
  });

  it('EHC needs assessment', () => {
    expect(
      messages(
        ehcNeedsAssessmentSchema.safeParse({
          id: 'x',
          pupilId: 'p',
          requestedBy: 'school',
          receivedByLaOn: '2025-09-15',
          exceptions: ['holiday'],
        }),
      ),
    ).toEqual(['Time-limit exception is not recognised']);
  });

  it('intervention', () => {
    expect(
      messages(
        interventionSchema.safeParse({
          id: 'i',
          name: 'Lego therapy',
          areaOfNeed: 'communication-and-interaction',
          staff: [],
          delivery: 'group',
          sessionsPerWeek: 0,
          minutesPerSession: 30,
          costPerHour: -1,
          startOn: '2025-09-08',
        }),
      ),
    ).toEqual(['Sessions per week must be more than 0', 'Cost per hour cannot be negative']);
    expect(
      messages(
        interventionSchema.safeParse({
          id: 'i',
          name: 'Lego therapy',
          areaOfNeed: 'communication-and-interaction',
          staff: [],
          delivery: 'group',
          sessionsPerWeek: 1,
          minutesPerSession: 30,
          costPerHour: 18,
          startOn: '2025-09-08',
          endOn: '2025-09-01',
        }),
      ),
    ).toEqual(['End date cannot be before the start date']);
  });

  it('meeting', () => {
    expect(
      messages(
        meetingSchema.safeParse({ id: 'm', kind: 'parent-meeting', on: '2025-10-01', startsAt: '25:00' }),
      ),
    ).toEqual(['Start time must be HH:MM (24-hour)']);
  });

  it('external professional', () => {
    expect(
      messages(
        externalProfessionalSchema.safeParse({
          id: 'e',
          name: 'Dr A',
          profession: 'wizard',
          organisation: 'NHS',
        }),
      ),
    ).toEqual(['Profession is not recognised']);
  });

  it('exam access arrangement', () => {
    expect(
      messages(
        examAccessArrangementSchema.safeParse({
          id: 'a',
          pupilId: 'p',
          arrangement: 'extra-time-25',
          route: 'aao',
          status: 'approved',
          regulationsAcademicYear: 2025,
          form8: { assessedOn: '2025-10-01', scores: [{ test: 'TOWRE', standardisedScore: 200 }] },
        }),
      ),
    ).toEqual(['Standardised score must be at most 160']);
  });
});

describe('byReviewDate (the order a plan lists its reviews in)', () => {
  it('orders by the date held, else booked, keeps one day in recorded order and puts unbooked reviews last', () => {
    const reviews = [
      { id: 'not booked' },
      { id: 'booked March', meetingOn: d('2026-03-10') },
      { id: 'held January, booked April', meetingOn: d('2026-04-01'), heldOn: d('2026-01-20') },
      { id: 'first of 10 March', heldOn: d('2026-03-10') },
    ];
    const sorted = [...reviews].sort(byReviewDate).map((r) => r.id);
    expect(sorted).toEqual(['held January, booked April', 'booked March', 'first of 10 March', 'not booked']);
  });
});
