import { describe, expect, it } from 'vitest';
import {
  annualReviewTimeline,
  currentReviewDueBy,
  finalAmendedPlanDueBy,
  latestMeetingDate,
  reviewDueBy,
  type AnnualReviewTimeline,
} from './annual-review-timeline.ts';
import { isStatutoryReview } from './review.schema.ts';
import type { DomainSettingsInput } from './domain-settings.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import type { Pupil } from './pupil.schema.ts';
import {
  buildAdviceRequest,
  buildEhcPlan,
  buildPupil,
  buildRequiredInvitees,
  buildReview,
  buildSettings,
  d,
} from './testing/builders.ts';

// A Year 3 pupil in 2025/26 at a primary school: no phase transfer for years.
const year3 = buildPupil({ dateOfBirth: d('2017-05-01') });

function timeline(options: {
  plan?: Partial<EhcPlan>;
  pupil?: Pupil;
  today?: string;
  settings?: DomainSettingsInput;
}): AnnualReviewTimeline {
  return annualReviewTimeline({
    plan: buildEhcPlan({ issuedOn: d('2025-03-10'), ...options.plan }),
    pupil: options.pupil ?? year3,
    settings: buildSettings(options.settings),
    today: d(options.today ?? '2025-12-01'),
  });
}

function step(result: AnnualReviewTimeline, id: string) {
  const found = result.steps.find((s) => s.id === id);
  if (!found) throw new Error(`No step ${id} in ${result.steps.map((s) => s.id).join(', ')}`);
  return found;
}

const meetingBooked = (meetingOn: string, extra: Parameters<typeof buildReview>[0] = {}) =>
  buildReview({ meetingOn: d(meetingOn), ...extra });

describe('reviewDueBy: the 12 months starting with the anchor', () => {
  it.each([
    ['2025-03-10', '2026-03-09', 'the day before the anniversary'],
    ['2024-02-29', '2025-02-28', 'issued on a leap day'],
    ['2023-03-01', '2024-02-29', 'ending in a leap year'],
    ['2025-01-31', '2026-01-30', 'month end'],
  ])('anchor %s → due by %s (%s)', (anchor, expected) => {
    expect(reviewDueBy(d(anchor))).toBe(expected);
  });

  it('latest meeting leaves the LA exactly its 4 weeks', () => {
    expect(latestMeetingDate(d('2026-03-09'))).toBe('2026-02-09');
    expect(latestMeetingDate(d('2026-03-09'), 6)).toBe('2026-01-26');
  });
});

describe('a new plan with nothing booked', () => {
  const result = timeline({});

  it('anchors on the issue date', () => {
    expect(result.anchor).toEqual({ on: '2025-03-10', basis: 'plan-issued' });
    expect(result.reviewDueBy).toBe('2026-03-09');
    expect(result.latestMeetingDate).toBe('2026-02-09');
    expect(result.phaseTransferYear).toBe(false);
  });

  it('lists every §1.8 date in order, projected from the latest meeting date', () => {
    expect(result.steps.map((s) => [s.id, s.due, s.provisional])).toEqual([
      ['advice-requested-by', '2025-12-29', true],
      ['advice-circulated-by', '2026-01-26', true],
      ['invitations-sent-by', '2026-01-26', true],
      ['meeting-held-by', '2026-02-09', false],
      ['review-report-sent-by', '2026-02-23', true],
      ['la-decision-by', '2026-03-09', true],
      ['review-due-by', '2026-03-09', false],
    ]);
  });

  it('carries each rule and citation', () => {
    expect(step(result, 'invitations-sent-by').rule.citation).toBe('SEND Regulations 2014, reg 20(3)');
    expect(step(result, 'advice-circulated-by').rule.citation).toContain('reg 20(4)');
    expect(step(result, 'review-report-sent-by').rule.citation).toContain('reg 20(7)');
    expect(step(result, 'la-decision-by').rule.citation).toBe('SEND Regulations 2014, reg 20(10)');
    expect(step(result, 'meeting-held-by').rule.basis).toBe('local-practice');
    expect(step(result, 'review-due-by').rule.citation).toContain('s 44(1)');
  });

  it('says who must act', () => {
    expect(step(result, 'invitations-sent-by').owner).toBe('school');
    expect(step(result, 'la-decision-by').owner).toBe('local-authority');
  });

  it('uses the advice lead-time setting', () => {
    expect(
      step(timeline({ settings: { adviceRequestWeeksBeforeMeeting: 8 } }), 'advice-requested-by').due,
    ).toBe('2025-12-15');
  });

  it('uses the meeting lead-time setting', () => {
    expect(timeline({ settings: { meetingWeeksBeforeReviewDue: 6 } }).latestMeetingDate).toBe('2026-01-26');
  });
});

describe('statuses around the latest meeting date (2026-02-09)', () => {
  it.each([
    ['2026-01-26', 'due-soon'],
    ['2026-02-09', 'due-soon'],
    ['2026-02-10', 'overdue'],
  ] as const)('today %s → %s', (today, status) => {
    expect(step(timeline({ today }), 'meeting-held-by').status).toBe(status);
  });

  it('is upcoming 15 days before, or inside a wider due-soon window', () => {
    expect(step(timeline({ today: '2026-01-25' }), 'meeting-held-by').status).toBe('upcoming');
    expect(
      step(timeline({ today: '2026-01-25', settings: { dueSoonDays: 21 } }), 'meeting-held-by').status,
    ).toBe('due-soon');
  });
});

describe('a booked meeting', () => {
  it('moves the preparation dates to the booked date', () => {
    const result = timeline({ plan: { reviews: [meetingBooked('2026-01-20')] } });
    expect(result.meetingOn).toBe('2026-01-20');
    expect(step(result, 'invitations-sent-by')).toMatchObject({ due: '2026-01-06', provisional: false });
    expect(step(result, 'advice-circulated-by').due).toBe('2026-01-06');
    expect(step(result, 'review-report-sent-by').due).toBe('2026-02-03');
    expect(step(result, 'la-decision-by').due).toBe('2026-02-17');
    // The latest date that would still be lawful does not move.
    expect(step(result, 'meeting-held-by').due).toBe('2026-02-09');
  });

  it.each([
    ['2026-02-09', []],
    ['2026-02-10', ['after the latest date (9 February 2026) that leaves the LA its 4 weeks']],
    ['2026-03-09', ['after the latest date']],
    ['2026-03-10', ['after the review deadline (9 March 2026)']],
  ])('booked for %s warns %j', (meetingOn, expected) => {
    const warnings = step(
      timeline({ plan: { reviews: [meetingBooked(meetingOn)] } }),
      'meeting-held-by',
    ).warnings;
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((text, i) => expect(warnings[i]).toContain(text));
  });

  it('says when a booked date has passed without the meeting being recorded', () => {
    const result = timeline({ today: '2026-01-21', plan: { reviews: [meetingBooked('2026-01-20')] } });
    expect(step(result, 'meeting-held-by').warnings).toEqual([
      'The meeting booked for 20 January 2026 has passed: record it as held, or rebook it',
    ]);
    expect(
      step(
        timeline({ today: '2026-01-20', plan: { reviews: [meetingBooked('2026-01-20')] } }),
        'meeting-held-by',
      ).warnings,
    ).toEqual([]);
  });

  it('the LA’s 4 weeks running past the deadline is flagged on the decision step', () => {
    const warnings = step(
      timeline({ plan: { reviews: [meetingBooked('2026-02-10')] } }),
      'la-decision-by',
    ).warnings;
    expect(warnings[0]).toContain('run past the review deadline');
  });
});

describe('invitations (reg 20(2)-(3)) for a meeting on 2026-02-09', () => {
  const withInvitees = (invitedOn: string, today = '2026-01-30') =>
    timeline({
      today,
      plan: { reviews: [meetingBooked('2026-02-09', { invitees: buildRequiredInvitees(d(invitedOn)) })] },
    });

  it.each([
    ['2026-01-25', 0, '15 days’ notice'],
    ['2026-01-26', 0, 'exactly 14 days’ notice'],
    ['2026-01-27', 5, '13 days’ notice: each of the five invitees is flagged'],
  ])('invited %s → %i warnings (%s)', (invitedOn, count) => {
    const invitations = step(withInvitees(invitedOn), 'invitations-sent-by');
    expect(invitations.status).toBe('done');
    expect(invitations.completedOn).toBe(invitedOn);
    expect(invitations.warnings).toHaveLength(count);
  });

  it('names the short notice', () => {
    expect(step(withInvitees('2026-01-27'), 'invitations-sent-by').warnings[0]).toBe(
      'Under 2 weeks’ notice: Invitee (parent-or-young-person) was invited on 27 January 2026, 13 days before the meeting (reg 20(3) needs 14)',
    );
  });

  it('is not done until every reg 20(2) role is invited, and says who is missing', () => {
    const invitees = buildRequiredInvitees(d('2026-01-10')).filter((i) => i.role !== 'social-care-officer');
    const result = timeline({
      today: '2026-01-12',
      plan: { reviews: [meetingBooked('2026-02-09', { invitees })] },
    });
    const invitations = step(result, 'invitations-sent-by');
    expect(invitations.status).toBe('due-soon');
    expect(invitations.warnings).toEqual(['Not yet invited: an LA social care officer (reg 20(2)(e))']);
  });

  it('once invitations are late, says the meeting must move', () => {
    const result = timeline({ today: '2026-01-27', plan: { reviews: [meetingBooked('2026-02-09')] } });
    const invitations = step(result, 'invitations-sent-by');
    expect(invitations.status).toBe('overdue');
    expect(invitations.warnings).toContain(
      'The meeting on 9 February 2026 can no longer be given 2 weeks’ notice: move it to 10 February 2026 or later',
    );
  });
});

describe('advice (reg 20(4)) for a meeting on 2026-02-09', () => {
  it.each([
    ['2026-01-26', []],
    ['2026-01-27', ['Advice was circulated 13 days before the meeting: reg 20(4) needs at least 14']],
  ])('circulated %s warns %j', (circulatedOn, expected) => {
    const result = timeline({
      plan: { reviews: [meetingBooked('2026-02-09', { adviceCirculatedOn: d(circulatedOn) })] },
    });
    expect(step(result, 'advice-circulated-by').warnings).toEqual(expected);
  });

  it('chases advice not yet received and flags late requests and missing advice-givers', () => {
    const result = timeline({
      today: '2026-01-20',
      plan: {
        reviews: [
          meetingBooked('2026-02-09', {
            adviceRequests: [
              buildAdviceRequest({ from: 'EP', requestedOn: d('2025-12-29'), receivedOn: d('2026-01-15') }),
              buildAdviceRequest({
                from: 'Paediatrician',
                role: 'health-professional',
                requestedOn: d('2025-12-30'),
              }),
            ],
          }),
        ],
      },
    });
    expect(step(result, 'advice-circulated-by').warnings).toEqual([
      'Advice from Paediatrician (asked 30 December 2025) not yet received',
    ]);
    const requested = step(result, 'advice-requested-by');
    expect(requested.completedOn).toBe('2025-12-30');
    expect(requested.warnings).toEqual([
      'Advice asked of Paediatrician on 30 December 2025, only 41 days before the meeting',
      'No advice requested from the parent or young person, an LA SEN officer, an LA social care officer (reg 20(4))',
    ]);
  });
});

describe('after the meeting (held 2026-02-09)', () => {
  const held = (extra: Parameters<typeof buildReview>[0], today = '2026-03-20') =>
    timeline({
      today,
      plan: {
        reviews: [
          buildReview({
            meetingOn: d('2026-02-09'),
            heldOn: d('2026-02-09'),
            invitees: buildRequiredInvitees(d('2026-01-20')),
            ...extra,
          }),
        ],
      },
    });

  it.each([
    ['2026-02-23', []],
    ['2026-02-24', ['Report sent 15 days after the meeting: reg 20(7) allows 14']],
  ])('report sent %s warns %j', (reportSentOn, expected) => {
    expect(step(held({ reportSentOn: d(reportSentOn) }), 'review-report-sent-by').warnings).toEqual(expected);
  });

  it.each([
    ['2026-03-09', 'done', []],
    ['2026-03-10', 'done', ['The LA decided 29 days after the meeting: reg 20(10) allows 28']],
  ])('LA decision to amend on %s → %s, warns %j', (notifiedOn, status, expected) => {
    // An amending review stays current until the amended plan is issued.
    const decision = step(
      held({ reportSentOn: d('2026-02-20'), laDecision: { decision: 'amend', notifiedOn: d(notifiedOn) } }),
      'la-decision-by',
    );
    expect(decision.status).toBe(status);
    expect(decision.warnings).toEqual(expected);
  });

  it.each([
    ['2026-03-09', 'due-soon', []],
    ['2026-03-10', 'overdue', ['No LA decision four weeks after the meeting: chase the LA SEN officer']],
  ] as const)('no decision yet, today %s → %s', (today, status, expected) => {
    const decision = step(held({}, today), 'la-decision-by');
    expect(decision.status).toBe(status);
    expect(decision.warnings).toEqual(expected);
  });

  it('keeps the held review current until the LA decides, and shows the next deadline', () => {
    const result = held({});
    expect(result.anchor.basis).toBe('plan-issued');
    expect(step(result, 'meeting-held-by')).toMatchObject({ status: 'done', completedOn: '2026-02-09' });
    expect(step(result, 'next-review-due-by').due).toBe('2027-02-08');
    // Preparation steps that were recorded remain as history; unrecorded ones are not shown as to-dos.
    expect(result.steps.map((s) => s.id)).toContain('invitations-sent-by');
    expect(result.steps.map((s) => s.id)).not.toContain('advice-circulated-by');
  });

  it('notes a held review with no invitations recorded', () => {
    expect(step(held({ invitees: [] }), 'meeting-held-by').warnings).toContain(
      'No invitations are recorded for this review (reg 20(2)-(3))',
    );
  });

  it('marks the 12-month deadline done by the LA decision, then tracks the amended plan', () => {
    const result = held({ laDecision: { decision: 'amend', notifiedOn: d('2026-03-02') } });
    expect(step(result, 'review-due-by')).toMatchObject({ status: 'done', completedOn: '2026-03-02' });
    expect(step(result, 'final-amended-plan-by')).toMatchObject({
      due: '2026-04-27',
      status: 'upcoming',
      provisional: false,
    });
    expect(step(result, 'next-review-due-by').due).toBe('2027-02-08');
  });

  it('closes with a decision to keep the plan: the next cycle is current', () => {
    const result = held({ laDecision: { decision: 'maintain', notifiedOn: d('2026-03-02') } });
    expect(result.anchor).toEqual({ on: '2026-02-09', basis: 'review-meeting' });
    expect(result.reviewDueBy).toBe('2027-02-08');
    expect(result.currentReviewId).toBeUndefined();
  });

  it('closes with the amended plan issued', () => {
    const result = held({
      laDecision: { decision: 'amend', notifiedOn: d('2026-03-02') },
      finalAmendedPlanIssuedOn: d('2026-04-20'),
    });
    expect(result.reviewDueBy).toBe('2027-02-08');
    expect(result.steps.some((s) => s.id.startsWith('previous-'))).toBe(false);
  });
});

describe('final amended plan (reg 22(3); Devon)', () => {
  it.each([
    [undefined, '2026-05-04', 'no proposal yet: 12 weeks from the meeting'],
    ['2026-03-02', '2026-04-27', 'proposal in time: 8 weeks from it'],
    ['2026-03-09', '2026-05-04', 'proposal on the last day: both limits meet'],
    ['2026-03-20', '2026-05-04', 'late proposal: the 12-week limit still applies'],
  ])('proposed %s → due %s (%s)', (proposed, expected, _why) => {
    expect(
      finalAmendedPlanDueBy({
        meetingOn: d('2026-02-09'),
        proposedAmendmentsSentOn: proposed ? d(proposed) : undefined,
      }),
    ).toBe(expected);
  });

  const heldWith = (extra: Parameters<typeof buildReview>[0]) =>
    timeline({
      today: '2026-03-05',
      plan: {
        reviews: [buildReview({ meetingOn: d('2026-02-09'), heldOn: d('2026-02-09'), ...extra })],
      },
    });

  it('is projected when the meeting recommends amendments', () => {
    const result = heldWith({ recommendation: 'amend' });
    expect(step(result, 'final-amended-plan-by')).toMatchObject({ due: '2026-05-04', provisional: true });
  });

  it('is absent when the meeting recommends keeping the plan', () => {
    expect(heldWith({ recommendation: 'maintain' }).steps.map((s) => s.id)).not.toContain(
      'final-amended-plan-by',
    );
  });

  it('follows the last review’s amended plan once the next review is booked', () => {
    const result = timeline({
      today: '2026-03-05',
      plan: {
        reviews: [
          buildReview({
            meetingOn: d('2026-02-09'),
            heldOn: d('2026-02-09'),
            reportSentOn: d('2026-02-20'),
            laDecision: { decision: 'amend', notifiedOn: d('2026-03-02') },
          }),
          meetingBooked('2027-01-11'),
        ],
      },
    });
    expect(result.steps.filter((s) => s.id.startsWith('previous-')).map((s) => s.id)).toEqual([
      'previous-final-amended-plan-by',
    ]);
    const loose = step(result, 'previous-final-amended-plan-by');
    expect(loose).toMatchObject({ due: '2026-04-27', status: 'upcoming', owner: 'local-authority' });
    expect(loose.label).toBe('Review of 9 February 2026: LA issues the final amended plan');
  });

  it('warns when the proposals came after the decision window', () => {
    const result = heldWith({
      laDecision: {
        decision: 'amend',
        notifiedOn: d('2026-03-05'),
        proposedAmendmentsSentOn: d('2026-03-10'),
      },
    });
    expect(step(result, 'final-amended-plan-by').warnings[0]).toContain('Devon requires them with it');
  });
});

describe('which review anchors the 12 months', () => {
  const lastYear = buildReview({
    meetingOn: d('2025-06-15'),
    heldOn: d('2025-06-15'),
    laDecision: { decision: 'maintain', notifiedOn: d('2025-07-01') },
  });

  it('by default the last review meeting (the cautious reading)', () => {
    const result = timeline({ plan: { issuedOn: d('2024-07-01'), reviews: [lastYear] } });
    expect(result.anchor).toEqual({ on: '2025-06-15', basis: 'review-meeting' });
    expect(result.reviewDueBy).toBe('2026-06-14');
  });

  it('or the LA decision, when the school chooses that setting', () => {
    const result = timeline({
      plan: { issuedOn: d('2024-07-01'), reviews: [lastYear] },
      settings: { reviewAnchor: 'la-decision' },
    });
    expect(result.anchor).toEqual({ on: '2025-07-01', basis: 'la-decision' });
    expect(result.reviewDueBy).toBe('2026-06-30');
  });

  it('counts interim reviews only once the LA has decided on them', () => {
    expect(isStatutoryReview(buildReview({ kind: 'interim', heldOn: d('2025-10-01') }))).toBe(false);
    expect(
      isStatutoryReview(
        buildReview({
          kind: 'interim',
          heldOn: d('2025-10-01'),
          laDecision: { decision: 'amend', notifiedOn: d('2025-10-20') },
        }),
      ),
    ).toBe(true);
    expect(isStatutoryReview(buildReview({ kind: 'phase-transfer' }))).toBe(true);
  });

  it('currentReviewDueBy gives the same deadline for lists', () => {
    const plan = buildEhcPlan({ issuedOn: d('2024-07-01'), reviews: [lastYear] });
    expect(currentReviewDueBy(plan, buildSettings())).toBe('2026-06-14');
  });

  it('chases the loose ends of the last review when the next one is booked', () => {
    const undecided = buildReview({ meetingOn: d('2025-06-15'), heldOn: d('2025-06-15') });
    const result = timeline({
      today: '2026-05-01',
      plan: { issuedOn: d('2024-07-01'), reviews: [undecided, meetingBooked('2026-05-11')] },
    });
    expect(step(result, 'previous-la-decision-by')).toMatchObject({ due: '2025-07-13', status: 'overdue' });
    expect(step(result, 'previous-review-report-sent-by').status).toBe('overdue');
    expect(result.meetingOn).toBe('2026-05-11');
  });

  it('warns about more than one booking and uses the earliest', () => {
    const result = timeline({
      plan: { reviews: [meetingBooked('2026-02-02'), meetingBooked('2026-01-20')] },
    });
    expect(result.meetingOn).toBe('2026-01-20');
    expect(result.warnings[0]).toContain('2 reviews are booked but not held');
  });

  it('warns about a meeting before the plan was issued', () => {
    const result = timeline({ plan: { reviews: [meetingBooked('2025-03-01')] } });
    expect(result.warnings).toContain(
      'A review meeting on 1 March 2025 is before the plan was issued: check the dates',
    );
  });
});

describe('leap years', () => {
  it('a plan issued on 29 February 2024', () => {
    const result = timeline({ plan: { issuedOn: d('2024-02-29') }, today: '2024-12-01' });
    expect(result.reviewDueBy).toBe('2025-02-28');
    expect(result.latestMeetingDate).toBe('2025-01-31');
    expect(step(result, 'invitations-sent-by').due).toBe('2025-01-17');
  });
});

describe('under-5 cadence (CoP 9.178, setting)', () => {
  const toddler = buildPupil({ dateOfBirth: d('2022-06-01') });

  it.each([
    [6, '2025-09-09'],
    [3, '2025-06-09'],
  ])('every %i months → next by %s', (months, expected) => {
    const result = timeline({
      pupil: toddler,
      today: '2025-04-01',
      settings: { underFiveReviewIntervalMonths: months },
    });
    expect(step(result, 'under-five-review-by')).toMatchObject({
      due: expected,
      rule: { id: 'under-five-review' },
    });
    expect(step(result, 'under-five-review-by').rule.basis).toBe('statutory-guidance');
  });

  it('restarts from the latest interim review', () => {
    const result = timeline({
      pupil: toddler,
      today: '2025-10-01',
      plan: { reviews: [buildReview({ kind: 'interim', heldOn: d('2025-09-01') })] },
    });
    expect(step(result, 'under-five-review-by').due).toBe('2026-02-28');
  });

  it.each([
    ['2020-09-09', false, '5 on the due day'],
    ['2020-09-10', true, '5 the day after'],
  ])('born %s → step %s (%s)', (dob, expected) => {
    const result = timeline({ pupil: buildPupil({ dateOfBirth: d(dob) }), today: '2025-04-01' });
    expect(result.steps.some((s) => s.id === 'under-five-review-by')).toBe(expected);
  });

  it('rejects intervals outside 3-6 months', () => {
    expect(() => buildSettings({ underFiveReviewIntervalMonths: 2 })).toThrow(/at least 3/);
    expect(() => buildSettings({ underFiveReviewIntervalMonths: 7 })).toThrow(/at most 6/);
  });
});

describe('Year 9 and above: preparing for adulthood (reg 20(6))', () => {
  // Born 2012-06-01: Y8 in 2024/25, Y9 from 1 September 2025. A secondary with a sixth form: no transfer due.
  const pupil = buildPupil({ dateOfBirth: d('2012-06-01') });
  const secondary = { school: { phase: 'secondary', sixthForm: true } } as const;
  const pfaWarning = (meetingOn: string, onAgenda = false) =>
    step(
      timeline({
        pupil,
        settings: secondary,
        plan: {
          issuedOn: d('2024-10-01'),
          reviews: [meetingBooked(meetingOn, { preparingForAdulthoodOnAgenda: onAgenda })],
        },
      }),
      'meeting-held-by',
    ).warnings.filter((w) => w.includes('preparing for adulthood'));

  it.each([
    ['2025-08-31', 0, 'Y8 the day before the new year'],
    ['2025-09-01', 1, 'Y9 from the first day'],
  ])('meeting on %s → %i warnings (%s)', (meetingOn, count) => {
    expect(pfaWarning(meetingOn)).toHaveLength(count);
  });

  it('names the year group and the rule', () => {
    expect(pfaWarning('2025-09-10')[0]).toBe(
      'Y9: the review must consider preparing for adulthood and independent living (reg 20(6)); it is not on the agenda',
    );
  });

  it('is satisfied by putting it on the agenda', () => expect(pfaWarning('2025-09-10', true)).toEqual([]));

  it('reports the year group at the meeting', () => {
    const result = timeline({ pupil, settings: secondary, plan: { issuedOn: d('2024-10-01') } });
    expect(result.yearGroupAtMeeting).toBe('Y9');
    expect(result.preparingForAdulthoodRequired).toBe(true);
  });

  it('honours an out-of-cohort placement', () => {
    const heldBack = buildPupil({ dateOfBirth: d('2012-06-01'), yearGroupOffset: -1 });
    const result = timeline({ pupil: heldBack, settings: secondary, plan: { issuedOn: d('2024-10-01') } });
    expect(result.yearGroupAtMeeting).toBe('Y8');
    expect(result.preparingForAdulthoodRequired).toBe(false);
  });
});

describe('looked-after pupils (CoP 9.169)', () => {
  const lac = buildPupil({ dateOfBirth: d('2017-05-01'), lookedAfter: true });
  const pepWarnings = (options: { note?: string; warn?: boolean }) =>
    step(
      timeline({
        pupil: lac,
        settings: { warnLookedAfterWithoutPepAlignment: options.warn ?? true },
        plan: {
          reviews: [meetingBooked('2026-01-20', options.note ? { pepAlignmentNote: options.note } : {})],
        },
      }),
      'meeting-held-by',
    ).warnings.filter((w) => w.includes('PEP'));

  it('prompts to line the review up with the PEP', () => expect(pepWarnings({})).toHaveLength(1));
  it('is quiet once a note is recorded', () =>
    expect(pepWarnings({ note: 'Same day as the PEP review' })).toEqual([]));
  it('is quiet when the school turns the prompt off', () => expect(pepWarnings({ warn: false })).toEqual([]));
});

describe('phase-transfer year (primary school, Year 6 in 2025/26)', () => {
  const year6 = buildPupil({ dateOfBirth: d('2015-03-10') });

  it('brings the latest meeting forward to 22 November', () => {
    const result = timeline({ pupil: year6, today: '2025-10-01' });
    expect(result.phaseTransferYear).toBe(true);
    expect(result.latestMeetingDate).toBe('2025-11-22');
    expect(step(result, 'meeting-held-by')).toMatchObject({
      label: 'Hold the phase-transfer review meeting',
      rule: { id: 'phase-transfer-meeting' },
    });
    expect(step(result, 'invitations-sent-by').due).toBe('2025-11-08');
  });

  it('warns about a meeting booked after 22 November', () => {
    const result = timeline({ pupil: year6, plan: { reviews: [meetingBooked('2025-11-24')] } });
    expect(step(result, 'meeting-held-by').warnings[0]).toContain(
      '8 weeks to amend before the phase-transfer deadline',
    );
  });

  it('once the phase-transfer review is held and decided, the next review is an ordinary one', () => {
    const phaseReview = buildReview({
      kind: 'phase-transfer',
      meetingOn: d('2025-09-29'),
      heldOn: d('2025-09-29'),
      reportSentOn: d('2025-10-09'),
      laDecision: { decision: 'amend', notifiedOn: d('2025-10-24') },
      finalAmendedPlanIssuedOn: d('2025-12-10'),
    });
    const result = timeline({ pupil: year6, plan: { reviews: [phaseReview] }, today: '2026-01-12' });
    expect(result.phaseTransferYear).toBe(false);
    // 12 months from the phase-transfer review, less the LA's 4 weeks (still in Year 6's academic year):
    // not 22 November again, which has passed.
    expect(step(result, 'meeting-held-by')).toMatchObject({ due: '2026-08-31', status: 'upcoming' });
  });

  it('does not apply when the pupil stays on (all-through school)', () => {
    const result = timeline({ pupil: year6, settings: { school: { phase: 'all-through' } } });
    expect(result.phaseTransferYear).toBe(false);
    expect(result.latestMeetingDate).toBe('2026-02-09');
  });
});

describe('a ceased plan', () => {
  it('has no steps, and says why', () => {
    const result = timeline({ plan: { ceasedOn: d('2025-11-30') }, today: '2025-12-01' });
    expect(result.steps).toEqual([]);
    expect(result.warnings).toEqual(['The EHC plan ceased on 30 November 2025: no review dates apply']);
  });

  it('still runs until the day it ceases', () => {
    expect(
      timeline({ plan: { ceasedOn: d('2025-12-02') }, today: '2025-12-01' }).steps.length,
    ).toBeGreaterThan(0);
  });
});

describe('time zone independence', () => {
  it('gives the same dates whatever TZ the process runs in', () => {
    // The suite runs under TZ=UTC and TZ=Europe/London; these dates straddle both clock changes.
    const result = timeline({ plan: { issuedOn: d('2025-03-30') } });
    expect(result.steps.map((s) => s.due)).toEqual([
      '2026-01-18',
      '2026-02-15',
      '2026-02-15',
      '2026-03-01',
      '2026-03-15',
      '2026-03-29',
      '2026-03-29',
    ]);
  });
});

describe('a booked meeting reads as booked, and the steps around it come from its date', () => {
  const booked = (meetingOn: string, extra: Parameters<typeof buildReview>[0] = {}) => {
    const review = meetingBooked(meetingOn, extra);
    return annualReviewTimeline({
      plan: buildEhcPlan({ issuedOn: d('2025-03-10'), reviews: [review] }),
      pupil: year3,
      settings: buildSettings({ adviceRequestWeeksBeforeMeeting: 6 }),
      today: d('2025-12-01'),
      bookedTimes: { [review.id]: '15:30' },
    });
  };

  it('says when it is booked for, in UK words with its time, not "hold the meeting by" the latest date', () => {
    const meeting = step(booked('2026-01-14'), 'meeting-held-by');
    expect(meeting.label).toBe('Booked for 14 January 2026 at 15:30');
    expect(meeting.booked).toEqual({ on: '2026-01-14', startsAt: '15:30', latestAllowed: '2026-02-09' });
    expect(meeting.due).toBe('2026-02-09');
  });

  it('without a known start time (recorded by hand) says the date alone', () => {
    const result = timeline({ plan: { reviews: [meetingBooked('2026-01-14')] } });
    expect(step(result, 'meeting-held-by').label).toBe('Booked for 14 January 2026');
  });

  it.each([
    // [booked date, advice requested by (6 weeks before), circulated and invitations by (2 weeks), report by]
    ['2026-01-14', '2025-12-03', '2025-12-31', '2026-01-28'],
    ['2026-02-09', '2025-12-29', '2026-01-26', '2026-02-23'],
  ])('booked for %s: advice by %s, circulated by %s, report by %s', (on, advice, twoWeeks, report) => {
    const result = booked(on);
    expect(step(result, 'advice-requested-by')).toMatchObject({ due: advice, provisional: false });
    expect(step(result, 'advice-circulated-by')).toMatchObject({ due: twoWeeks, provisional: false });
    expect(step(result, 'invitations-sent-by').due).toBe(twoWeeks);
    expect(step(result, 'review-report-sent-by').due).toBe(report);
  });

  it('once held, the step is the meeting held, not booked', () => {
    const result = annualReviewTimeline({
      plan: buildEhcPlan({
        issuedOn: d('2025-03-10'),
        reviews: [meetingBooked('2025-11-20', { heldOn: d('2025-11-20') })],
      }),
      pupil: year3,
      settings: buildSettings({}),
      today: d('2025-12-01'),
      bookedTimes: {},
    });
    const meeting = step(result, 'meeting-held-by');
    expect(meeting.label).toBe('Hold the review meeting');
    expect(meeting.booked).toBeUndefined();
    expect(meeting.status).toBe('done');
  });

  it('with nothing booked, is still "hold the review meeting" by the latest date, provisional steps around it', () => {
    const result = timeline({});
    expect(step(result, 'meeting-held-by')).toMatchObject({
      label: 'Hold the review meeting',
      due: '2026-02-09',
    });
    expect(step(result, 'meeting-held-by').booked).toBeUndefined();
    expect(step(result, 'invitations-sent-by').provisional).toBe(true);
  });
});
