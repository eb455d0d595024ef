// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { addDays, type CalendarDate } from '../domain/calendar-date.ts';
import { BROAD_AREA_LABELS, SEN_NEEDS } from '../domain/needs.ts';
import { remindersDue, type Reminder } from '../domain/reminders.ts';
import {
  buildApdrCycle,
  buildEhcPlan,
  buildEhcpPupil,
  buildIntervention,
  buildInterventionPupil,
  buildPassport,
  buildReview,
  buildSenSupportPlan,
  buildSenSupportPupil,
  buildSettings,
  d,
} from '../domain/testing/builders.ts';
import { reminderCard, reminderSummary } from './reminder-cards.ts';
import {
  cardBytes,
  rendererWarnings,
  renderCard,
  schemaErrors,
  TEAMS_MESSAGE_LIMIT_BYTES,
} from './testing/card-checks.ts';

const link = {
  teamsAppId: '9b0e2c1d-1111-4a2b-8c3d-123456789abc',
  publicUrl: 'https://senco-hub.oakfield.example',
};

const passport = (pupilId: string, reviewDueOn: CalendarDate) =>
  buildPassport({
    pupilId,
    reviewDueOn,
    aboutMe: 'Loves trains; autistic, finds the dinner hall overwhelming',
    whatIFindHard: ['Reading aloud because of dyslexia'],
    whatHelpsMe: ['Ear defenders at assembly'],
    communication: 'Uses a visual timetable',
  });

/** Every kind of reminder across a term, from pupils whose needs and passports are full of special category data. */
function aTermOfReminders(): { reminders: Reminder[]; secrets: string[]; days: CalendarDate[] } {
  const k = buildSenSupportPupil({
    id: 'p1',
    legalForename: 'Amelia',
    legalSurname: 'Stone',
    needs: [{ code: 'ASD', rank: 1 }],
  });
  const e = buildEhcpPupil({
    id: 'p2',
    legalForename: 'Bilal',
    legalSurname: 'Khan',
    dateOfBirth: d('2016-05-01'),
    needs: [{ code: 'SLCN', rank: 1 }],
  });
  const e2 = buildEhcpPupil({
    id: 'p3',
    legalForename: 'Chloe',
    legalSurname: 'Ng',
    dateOfBirth: d('2016-05-01'),
    needs: [{ code: 'SEMH', rank: 1 }],
  });
  const broken = buildSenSupportPupil({ id: 'p4', needs: [] });
  const pupils = [
    {
      pupil: k,
      passport: passport('p1', d('2026-12-14')),
      senSupportPlan: buildSenSupportPlan({
        pupilId: 'p1',
        cycles: [buildApdrCycle({ reviewOn: d('2027-01-20') })],
      }),
    },
    {
      pupil: e,
      ehcPlan: buildEhcPlan({ pupilId: 'p2', issuedOn: d('2026-03-10') }),
      passport: passport('p2', d('2027-02-01')),
    },
    {
      pupil: e2,
      ehcPlan: buildEhcPlan({
        pupilId: 'p3',
        issuedOn: d('2026-02-01'),
        reviews: [
          buildReview({ meetingOn: d('2026-12-02'), heldOn: d('2026-12-02'), recommendation: 'amend' }),
        ],
      }),
    },
    {
      pupil: { ...e2, id: 'p5' },
      ehcPlan: buildEhcPlan({
        pupilId: 'p5',
        issuedOn: d('2026-01-10'),
        reviews: [
          buildReview({
            meetingOn: d('2026-11-04'),
            heldOn: d('2026-11-04'),
            recommendation: 'amend',
            reportSentOn: d('2026-11-10'),
            laDecision: { decision: 'amend', notifiedOn: d('2026-11-25') },
          }),
        ],
      }),
    },
    { pupil: broken },
  ];
  const interventions = [
    buildIntervention({
      id: 'int-1',
      endOn: d('2026-12-11'),
      pupils: [buildInterventionPupil({ pupilId: 'p1' })],
    }),
  ];
  const settings = buildSettings({
    termDates: [
      { from: d('2026-11-02'), to: d('2026-12-18') },
      { from: d('2027-01-05'), to: d('2027-02-12') },
    ],
  });
  const reminders: Reminder[] = [];
  const days: CalendarDate[] = [];
  for (let i = 0; i < 100; i += 1) {
    const today = addDays(d('2026-11-02'), i);
    for (const r of remindersDue({ today, settings, bankHolidays: [], pupils, interventions })) {
      if (reminders.some((seen) => seen.key === r.key)) continue;
      reminders.push(r);
      days.push(today);
    }
  }
  const secrets = [
    ...Object.values(SEN_NEEDS).map((n) => n.description),
    ...Object.values(BROAD_AREA_LABELS),
    'autis',
    'dyslexia',
    'trains',
    'dinner hall',
    'Ear defenders',
    'visual timetable',
    'Stone',
    'Khan',
  ];
  return { reminders, secrets, days };
}

describe('reminder cards', () => {
  const { reminders, secrets, days } = aTermOfReminders();

  it('cover every kind the term brings', () => {
    expect(new Set(reminders.map((r) => r.kind))).toEqual(
      new Set([
        'weekly-digest',
        'book-review',
        'passport-review',
        'sen-support-review',
        'intervention-ending',
        'census',
        'report-to-la',
        'la-decision-overdue',
        'amended-plan-overdue',
        'phase-transfer',
      ]),
    );
  });

  it('are each a valid 1.5 card the renderer reads without a warning, well under 28 KB', () => {
    reminders.forEach((r, i) => {
      const c = reminderCard(r, { link, today: days[i]! });
      expect(schemaErrors(c), r.key).toEqual([]);
      expect(rendererWarnings(c), r.key).toEqual([]);
      expect(cardBytes(c)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES / 4);
    });
  });

  it('carry no special category data: no need, no diagnosis, no passport text, no surname', () => {
    reminders.forEach((r, i) => {
      const c = reminderCard(r, { link, today: days[i]! });
      const rendered = renderCard(c).text;
      const shown = `${rendered} ${JSON.stringify(c)} ${reminderSummary(r)}`;
      for (const secret of secrets)
        expect(shown.toLowerCase(), `${r.key}: ${secret}`).not.toContain(secret.toLowerCase());
      // Census need codes, as words in what a person reads.
      for (const code of Object.keys(SEN_NEEDS))
        expect(rendered, r.key).not.toMatch(new RegExp(`\\b${code}\\b`));
    });
  });

  it('name the pupil by first name and initial, say what is due by when, and link to the pupil', () => {
    const passportNudge = reminders.find((r) => r.key === 'passport-review|p1|2026-12-14')!;
    const c = reminderCard(passportNudge, { link, today: d('2026-12-07') });
    const text = renderCard(c).text;
    expect(text).toContain('Review the pupil passport');
    expect(text).toContain('Amelia S.');
    expect(text).toContain('Due by 14 December 2026');
    expect(JSON.stringify(c.actions)).toContain(encodeURIComponent('pupil/p1/passport'));
  });

  it('the digest gives numbers only, and links to the home view', () => {
    const digest = reminders.find((r) => r.kind === 'weekly-digest')!;
    const c = reminderCard(digest, { link, today: digest.due });
    expect(renderCard(c).text).toMatch(/Overdue/);
    expect(JSON.stringify(c.actions)).toContain(encodeURIComponent('"subEntityId":"home"'));
  });
});
