/**
 * The SEND register: who is on SEN support (K) or has an EHC plan (E), their needs, dated status history,
 * passports, SEN support plans, EHC plans and the professionals involved. Dates are spread around `today`
 * so the statutory views have work to show: some annual reviews overdue, some due soon, Year 6 phase
 * transfers live, some APDR reviews overdue.
 */

import { addYears, isWeekday, partsOf, pickSchoolDay, toIsoDate, weekdayOnOrAfter } from './calendar.ts';
import type { DemoProfessional, DemoSendRecord, NeedCode, ProfessionalKind } from './demo-school.types.ts';
import {
  adultName,
  fictionalLandline,
  fictionalMobile,
  pickAdultCommunity,
  personalEmail,
} from './people.ts';
import { laDomain, NEIGHBOURING_LA } from './professionals.ts';
import type { SeededRandom } from './random.ts';
import type { PupilDraft, SchoolContext, SenAssignment } from './school-draft.ts';
import {
  BOY_WEIGHT_BY_NEED,
  EHC_PLAN_NEED_SHARES,
  GENERAL_STRENGTHS,
  INTERESTS,
  KS2_ACCESS_ARRANGEMENTS,
  LIKELY_SECONDARY_NEEDS,
  MTC_ACCESS_ARRANGEMENTS,
  NEED_CONTENT,
  SEN_SUPPORT_NEED_SHARES,
} from './send-content.ts';
import { monthName } from './text.ts';

/**
 * Relative chance of being on the register by year group (identification rises after Reception). Year 6
 * plans are mostly placed through YEAR_6_PLAN_SHARE, so the open draw favours them less.
 */
const YEAR_WEIGHT: Record<'K' | 'E', readonly number[]> = {
  K: [0.45, 0.8, 1, 1.1, 1.15, 1.15, 1.15],
  E: [0.5, 0.8, 1, 1.15, 1.2, 1.2, 0.5],
};
/** Share of EHC plans held by Year 6 pupils at least (3 of the demo school's 18): phase transfers are live. */
const YEAR_6_PLAN_SHARE = 3 / 18;
/** Pupils eligible for free school meals are over-represented on the SEN register. */
const FSM_WEIGHT = 1.7;

/** Shares of the demo school's 18 EHC plans whose annual review is overdue / due within six weeks. */
const EHC_OVERDUE_SHARE = 3 / 18;
const EHC_DUE_SOON_SHARE = 4 / 18;
/** Shares of SEN support plans whose APDR review is overdue / due within two weeks. */
const APDR_OVERDUE_SHARE = 0.12;
const APDR_DUE_SOON_SHARE = 0.18;

type ReviewTiming = 'overdue' | 'due-soon' | 'later';

/**
 * Days from today to the annual review anniversary, per timing. Kept clear of the boundaries (a review is
 * due by the day before the anniversary) so "overdue" and "due within 6 weeks" hold for any reading.
 */
const ANNIVERSARY_WINDOW: Record<ReviewTiming, readonly [number, number]> = {
  overdue: [-70, -7],
  'due-soon': [5, 38],
  later: [50, 320],
};
/** Days from today to the next APDR review, per timing. */
const APDR_WINDOW: Record<ReviewTiming, readonly [number, number]> = {
  overdue: [-28, -3],
  'due-soon': [1, 13],
  later: [15, 84],
};

/** Largest-remainder split of `total` over percentage shares, deterministic on ties. */
export function apportion<T>(shares: readonly (readonly [T, number])[], total: number): T[] {
  const sum = shares.reduce((s, [, share]) => s + share, 0);
  const exact = shares.map(([value, share]) => ({ value, exact: (share / sum) * total }));
  const counts = exact.map((e) => Math.floor(e.exact));
  let remaining = total - counts.reduce((s, c) => s + c, 0);
  const order = exact
    .map((e, i) => ({ i, fraction: e.exact - Math.floor(e.exact) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (remaining <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    remaining--;
  }
  return exact.flatMap((e, i) => Array.from({ length: counts[i] ?? 0 }, () => e.value));
}

/** Chooses the pupils on the register and their primary (and some secondary) needs. */
export function assignSenRegister(ctx: SchoolContext, drafts: PupilDraft[]): void {
  const random = ctx.random.fork('sen-register');
  const slots: { status: 'K' | 'E'; need: NeedCode }[] = [
    ...apportion(EHC_PLAN_NEED_SHARES, ctx.plan.ehcPlanCount).map((need) => ({ status: 'E' as const, need })),
    ...apportion(SEN_SUPPORT_NEED_SHARES, ctx.plan.sendSupportCount).map((need) => ({
      status: 'K' as const,
      need,
    })),
  ];
  // Weights depend only on year group, gender and FSM, so pick a bucket of alike pupils, then a pupil in it:
  // linear in the number of buckets rather than the roll, which keeps 5,000-pupil schools fast.
  const buckets = new Map<string, { yearIndex: number; boy: boolean; fsm: boolean; pupils: PupilDraft[] }>();
  for (const d of drafts) {
    const key = `${d.yearIndex}|${d.pupil.gender}|${d.family.freeSchoolMeals}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        yearIndex: d.yearIndex,
        boy: d.pupil.gender === 'M',
        fsm: d.family.freeSchoolMeals,
        pupils: [],
      };
      buckets.set(key, bucket);
    }
    bucket.pupils.push(d);
  }
  const bucketList = [...buckets.values()];
  // Year 6 phase transfers must be live in every school: reserve some plans for Year 6.
  const planSlots = slots.flatMap((slot, i) => (slot.status === 'E' ? [i] : []));
  const year6Slots = new Set(random.sample(planSlots, Math.round(planSlots.length * YEAR_6_PLAN_SHARE)));
  for (const [slotIndex, slot] of slots.entries()) {
    const boyWeight = BOY_WEIGHT_BY_NEED[slot.need] ?? 1.1;
    const onlyYear6 = year6Slots.has(slotIndex);
    const weightOf = (b: (typeof bucketList)[number]) =>
      (onlyYear6 && b.yearIndex !== 6 ? 0 : b.pupils.length) *
      (YEAR_WEIGHT[slot.status][b.yearIndex] ?? 1) *
      (b.boy ? boyWeight : 1) *
      (b.fsm ? FSM_WEIGHT : 1);
    if (!bucketList.some((b) => weightOf(b) > 0)) continue;
    const { pupils } = random.pickWeighted(bucketList, weightOf);
    const index = random.int(0, pupils.length - 1);
    const draft = pupils[index] as PupilDraft;
    pupils[index] = pupils[pupils.length - 1] as PupilDraft;
    pupils.pop();
    const options = LIKELY_SECONDARY_NEEDS[slot.need].filter((need) => need !== slot.need);
    const secondary =
      options.length > 0 && random.chance(slot.status === 'E' ? 0.55 : 0.25)
        ? random.pick(options)
        : undefined;
    const sen: SenAssignment = {
      status: slot.status,
      primary: slot.need,
      ...(secondary ? { secondary } : {}),
    };
    draft.sen = sen;
  }
}

/**
 * Marks looked-after children, most of whom have SEND (as nationally), and gives them the contacts a
 * school holds for a child in care: foster carer, the local authority (which shares parental
 * responsibility under a care order) and a birth parent contacted through the social worker.
 */
export function assignLookedAfter(
  ctx: SchoolContext,
  drafts: PupilDraft[],
  professionals: readonly DemoProfessional[],
): void {
  const random = ctx.random.fork('looked-after');
  const total = ctx.plan.lookedAfterCount;
  const withSend = Math.ceil(total * 0.6);
  const onlyChild = drafts.filter((d) => d.family.children.length === 1 && !d.family.specialGuardianship);
  const chosen = [
    ...random.sample(
      onlyChild.filter((d) => d.sen),
      withSend,
    ),
    ...random.sample(
      onlyChild.filter((d) => !d.sen),
      total - withSend,
    ),
  ];
  const { laName } = ctx.plan.identity;
  const socialWorkers = professionals.filter((p) => p.kind === 'social-worker');
  for (const draft of chosen) {
    const carer = adultName(random, pickAdultCommunity(random), 'F');
    const socialWorker = socialWorkers.length > 0 ? random.pick(socialWorkers) : undefined;
    draft.pupil.flags = {
      ...draft.pupil.flags,
      lookedAfter: true,
      pupilPremium: true,
      freeSchoolMeals: false,
    };
    draft.pupil.contacts = [
      {
        name: `${carer.givenName} ${carer.surname}`,
        relationship: 'Foster carer',
        email: personalEmail(random, carer.givenName, carer.surname),
        phone: fictionalMobile(random),
        hasParentalResponsibility: false,
      },
      {
        name: `${laName} Children’s Services${socialWorker ? ` (social worker ${socialWorker.name})` : ''}`,
        relationship: 'Local authority (care order)',
        email: socialWorker?.email ?? `childrens.services@${laDomain(laName)}`,
        phone: fictionalLandline(random),
        hasParentalResponsibility: true,
      },
      {
        name: draft.family.contacts[0]?.name ?? 'Birth mother',
        relationship: 'Birth parent (contact through the social worker)',
        hasParentalResponsibility: true,
      },
    ];
  }
}

function timings(
  random: SeededRandom,
  count: number,
  overdueShare: number,
  dueSoonShare: number,
): ReviewTiming[] {
  const overdue = Math.round(count * overdueShare);
  const dueSoon = Math.min(count - overdue, Math.round(count * dueSoonShare));
  return random.shuffle([
    ...Array.from({ length: overdue }, (): ReviewTiming => 'overdue'),
    ...Array.from({ length: dueSoon }, (): ReviewTiming => 'due-soon'),
    ...Array.from({ length: count - overdue - dueSoon }, (): ReviewTiming => 'later'),
  ]);
}

type History = DemoSendRecord['statusHistory'];

/** Start and history of SEN support for a pupil on K today. */
function senSupportHistory(
  random: SeededRandom,
  ctx: SchoolContext,
  draft: PupilDraft,
): { history: History; currentStart: number } {
  const { entryDay } = draft;
  const latest = ctx.today - 21;
  const identifiedOnEntry = latest <= entryDay + 20 || random.chance(0.18);
  const kStart = identifiedOnEntry ? entryDay : pickSchoolDay(random, entryDay + 20, latest);
  const history: History = [];
  if (kStart > entryDay + 30 && random.chance(0.5))
    history.push({ status: 'N', from: toIsoDate(entryDay), to: toIsoDate(kStart - 1) });
  // A few came off the register when they caught up, then needed support again.
  if (kStart < ctx.today - 500 && random.chance(0.06)) {
    const offFrom = pickSchoolDay(random, kStart + 180, ctx.today - 200);
    const backOn = pickSchoolDay(random, offFrom + 90, ctx.today - 60);
    history.push(
      { status: 'K', from: toIsoDate(kStart), to: toIsoDate(offFrom - 1) },
      { status: 'N', from: toIsoDate(offFrom), to: toIsoDate(backOn - 1) },
      { status: 'K', from: toIsoDate(backOn) },
    );
    return { history, currentStart: backOn };
  }
  history.push({ status: 'K', from: toIsoDate(kStart) });
  return { history, currentStart: kStart };
}

type EhcDates = { issueDay: number; lastReviewDay?: number; history: History; currentStart: number };

/** Issue date, last review and history for an EHC plan whose review anniversary falls in `timing`. */
function ehcPlanDates(
  random: SeededRandom,
  ctx: SchoolContext,
  draft: PupilDraft,
  timing: ReviewTiming,
): EhcDates {
  const [lo, hi] = ANNIVERSARY_WINDOW[timing];
  // The anchor is the last review (or the issue date when there has been none); its anniversary is the deadline.
  const anchor = pickSchoolDay(random, addYears(ctx.today + lo, -1), addYears(ctx.today + hi, -1));
  // Plans are rarely issued before about two and a half.
  const earliestIssue = addYears(draft.birthDay, 2) + 182;
  const maxReviews = Math.max(0, Math.min(4, Math.floor((anchor - earliestIssue) / 365.25)));
  let reviews = maxReviews === 0 || random.chance(0.15) ? 0 : random.int(1, maxReviews);
  let issueDay = anchor;
  if (reviews > 0) {
    // Reviews tend to be held a little before each anniversary, so the issue date sits up to ~6 weeks later.
    const back = addYears(anchor, -reviews);
    issueDay = pickSchoolDay(random, back, back + 45);
    if (issueDay < earliestIssue) {
      reviews = 0;
      issueDay = anchor;
    }
  }
  const { entryDay } = draft;
  const history: History = [];
  if (issueDay <= entryDay) {
    // Arrived with a plan (issued in the early years or at a previous school).
    history.push({ status: 'E', from: toIsoDate(entryDay) });
  } else {
    const kStart =
      issueDay - 200 <= entryDay + 20 || random.chance(0.2)
        ? entryDay
        : pickSchoolDay(random, entryDay + 20, issueDay - 200);
    if (kStart > entryDay + 30 && random.chance(0.7))
      history.push({ status: 'N', from: toIsoDate(entryDay), to: toIsoDate(kStart - 1) });
    history.push(
      { status: 'K', from: toIsoDate(kStart), to: toIsoDate(issueDay - 1) },
      { status: 'E', from: toIsoDate(issueDay) },
    );
  }
  return {
    issueDay,
    ...(reviews > 0 ? { lastReviewDay: anchor } : {}),
    history,
    currentStart: Math.max(issueDay, entryDay),
  };
}

/** Weekday on or before `day`, but not before `floor`. */
function weekdayOnOrBefore(day: number, floor: number): number {
  let d = day;
  while (d > floor && !isWeekday(d)) d--;
  return d;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

const SENSORY_INTERESTS = [
  'music',
  'the sensory room',
  'water play',
  'the swing',
  'bubbles',
  'being outside',
  'songs with actions',
];

function passportFor(
  random: SeededRandom,
  ctx: SchoolContext,
  draft: PupilDraft,
  sen: SenAssignment,
  since: number,
): DemoSendRecord['passport'] {
  const { pupil } = draft;
  const primary = NEED_CONTENT[sen.primary];
  const secondary = sen.secondary ? NEED_CONTENT[sen.secondary] : undefined;
  const profound = sen.primary === 'PMLD' || sen.primary === 'SLD' || sen.primary === 'MSI';
  const [first, second] = random.sample(profound ? SENSORY_INTERESTS : INTERESTS, 2) as [string, string];
  const sibling = draft.family.children.find((child) => child !== draft);
  const aboutMe = profound
    ? `People who know me well say I love ${first} and ${second}. I am in ${draft.className}.`
    : [
        `My name is ${pupil.givenName}${pupil.preferredName ? `, but everyone calls me ${pupil.preferredName}` : ''}.`,
        `I am in ${draft.className}. I love ${first} and ${second}.`,
        pupil.flags.eal && pupil.flags.firstLanguage ? `At home we speak ${pupil.flags.firstLanguage}.` : '',
        sibling
          ? `My ${sibling.pupil.gender === 'F' ? 'sister' : 'brother'} ${sibling.pupil.preferredName ?? sibling.pupil.givenName} is in ${sibling.className}.`
          : '',
      ]
        .filter(Boolean)
        .join(' ');

  const accessArrangements: string[] = [];
  if (draft.yearIndex === 6 && random.chance(0.6)) {
    accessArrangements.push(...random.sample(KS2_ACCESS_ARRANGEMENTS, random.int(1, 3)));
    if (sen.primary === 'VI' || sen.secondary === 'VI')
      accessArrangements.push('Modified large print test papers');
  } else if (draft.yearIndex === 4 && random.chance(0.35)) {
    accessArrangements.push(random.pick(MTC_ACCESS_ARRANGEMENTS));
  }

  const lastReviewed = weekdayOnOrBefore(Math.max(since, ctx.today - random.int(1, 120)), since);
  const reviewDue = lastReviewed + random.pick([84, 91, 105, 119]);
  const communication = [
    primary.communication,
    pupil.flags.eal && pupil.flags.firstLanguage
      ? `I speak ${pupil.flags.firstLanguage} at home and understand more English than I can say yet.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');

  return {
    aboutMe,
    strengths: unique([
      random.pick(primary.strengths),
      ...random.sample(GENERAL_STRENGTHS, random.int(1, 2)),
      profound ? 'Lights up when familiar adults arrive' : `Knows lots about ${first}`,
    ]),
    whatIFindHard: unique([
      ...random.sample(primary.hard, random.int(2, 3)),
      ...(secondary ? [random.pick(secondary.hard)] : []),
    ]),
    whatHelpsMe: unique([
      ...random.sample(primary.helps, random.int(3, 4)),
      ...(secondary ? [random.pick(secondary.helps)] : []),
    ]),
    communication,
    accessArrangements,
    reviewDue: toIsoDate(weekdayOnOrAfter(reviewDue)),
    lastReviewed: toIsoDate(lastReviewed),
  };
}

function senSupportPlanFor(
  random: SeededRandom,
  ctx: SchoolContext,
  draft: PupilDraft,
  sen: SenAssignment,
  currentStart: number,
  timing: ReviewTiming,
): NonNullable<DemoSendRecord['senSupportPlan']> {
  const [lo, hi] = APDR_WINDOW[timing];
  const nextReview = pickSchoolDay(random, ctx.today + lo, ctx.today + hi);
  const cycleStart = Math.min(ctx.today, Math.max(currentStart, nextReview - random.int(42, 84)));
  const startDay = weekdayOnOrBefore(cycleStart, currentStart);
  const name = draft.pupil.preferredName ?? draft.pupil.givenName;
  const primary = NEED_CONTENT[sen.primary];
  const secondary = sen.secondary ? NEED_CONTENT[sen.secondary] : undefined;
  const { month, year } = partsOf(nextReview);
  const by = `By ${monthName(month)} ${year}`;
  const outcomes = unique([
    ...random.sample(primary.outcomes, random.int(2, 3)),
    ...(secondary && random.chance(0.5) ? [random.pick(secondary.outcomes)] : []),
  ]).map((outcome) => `${by}, ${name} ${outcome}.`);
  const provision = unique([
    ...random.sample(primary.provision, random.int(2, 3)),
    ...(secondary ? [random.pick(secondary.provision)] : []),
  ]);

  // Parent meetings held so far this academic year (the Code of Practice expects three a year).
  const windowStart = Math.max(ctx.yearStart + 7, currentStart);
  const windowEnd = ctx.today - 1;
  const possible = Math.max(0, Math.floor((windowEnd - windowStart) / 21));
  const wanted = random.weighted<number>([
    [0, 15],
    [1, 35],
    [2, 35],
    [3, 15],
  ]);
  const meetings = new Set<number>();
  for (let attempt = 0; attempt < 20 && meetings.size < Math.min(wanted, possible); attempt++) {
    meetings.add(pickSchoolDay(random, windowStart, windowEnd));
  }
  return {
    startDate: toIsoDate(startDay),
    outcomes,
    provision,
    nextReviewDate: toIsoDate(nextReview),
    parentMeetings: [...meetings].sort((a, b) => a - b).map(toIsoDate),
  };
}

/** Which professionals a pupil's needs usually bring in, as [kind, chance]. */
const PROFESSIONALS_BY_NEED: Readonly<
  Partial<Record<NeedCode, readonly (readonly [ProfessionalKind, number])[]>>
> = {
  SLCN: [['speech-and-language-therapist', 0.75]],
  DS: [
    ['speech-and-language-therapist', 0.8],
    ['occupational-therapist', 0.5],
    ['school-nurse', 0.5],
  ],
  ASD: [
    ['speech-and-language-therapist', 0.5],
    ['camhs', 0.2],
    ['educational-psychologist', 0.4],
  ],
  SEMH: [
    ['camhs', 0.3],
    ['educational-psychologist', 0.3],
  ],
  MLD: [['educational-psychologist', 0.3]],
  SPLD: [['educational-psychologist', 0.25]],
  NSA: [['educational-psychologist', 0.1]],
  PD: [
    ['occupational-therapist', 0.7],
    ['school-nurse', 0.5],
  ],
  SLD: [
    ['occupational-therapist', 0.5],
    ['speech-and-language-therapist', 0.6],
  ],
  PMLD: [
    ['occupational-therapist', 0.8],
    ['school-nurse', 0.8],
  ],
  MSI: [
    ['occupational-therapist', 0.5],
    ['school-nurse', 0.5],
  ],
  HI: [['school-nurse', 0.4]],
  VI: [['school-nurse', 0.4]],
  OTH: [
    ['school-nurse', 0.4],
    ['camhs', 0.1],
  ],
};

/** Fills in `pupil.send` for every pupil on the register. */
export function buildSendRecords(
  ctx: SchoolContext,
  drafts: readonly PupilDraft[],
  professionals: readonly DemoProfessional[],
): void {
  const random = ctx.random.fork('send-records');
  const byKind = new Map<ProfessionalKind, DemoProfessional[]>();
  for (const p of professionals) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const homeOfficers = (byKind.get('la-sen-officer') ?? []).filter(
    (p) => !p.email.endsWith(`@${NEIGHBOURING_LA.domain}`),
  );
  const neighbourOfficers = (byKind.get('la-sen-officer') ?? []).filter((p) =>
    p.email.endsWith(`@${NEIGHBOURING_LA.domain}`),
  );

  const onRegister = drafts.filter((d): d is PupilDraft & { sen: SenAssignment } => d.sen !== undefined);
  const withPlan = onRegister.filter((d) => d.sen.status === 'E');
  const onSupport = onRegister.filter((d) => d.sen.status === 'K');
  const planTiming = timings(random, withPlan.length, EHC_OVERDUE_SHARE, EHC_DUE_SOON_SHARE);
  const planTimings = new Map(withPlan.map((d, i) => [d, planTiming[i] ?? 'later']));

  // SEN support histories first: only pupils supported for a while can have an overdue APDR review.
  const supportHistories = new Map(onSupport.map((d) => [d, senSupportHistory(random, ctx, d)]));
  const established = random.shuffle(
    onSupport.filter((d) => (supportHistories.get(d)?.currentStart ?? ctx.today) <= ctx.today - 60),
  );
  const apdrTimings = new Map<PupilDraft, ReviewTiming>();
  const overdueCount = Math.min(established.length, Math.round(onSupport.length * APDR_OVERDUE_SHARE));
  established.slice(0, overdueCount).forEach((d) => apdrTimings.set(d, 'overdue'));
  const rest = random.shuffle(onSupport.filter((d) => !apdrTimings.has(d)));
  const dueSoonCount = Math.round(onSupport.length * APDR_DUE_SOON_SHARE);
  rest.forEach((d, i) => apdrTimings.set(d, i < dueSoonCount ? 'due-soon' : 'later'));

  const pickProfessional = (kind: ProfessionalKind): DemoProfessional | undefined => {
    const options = byKind.get(kind);
    return options && options.length > 0 ? random.pick(options) : undefined;
  };

  for (const draft of onRegister) {
    const { sen } = draft;
    const professionalIds = new Set<string>();
    let statusHistory: History;
    let currentStart: number;
    let senSupportPlan: DemoSendRecord['senSupportPlan'];
    let ehcPlan: DemoSendRecord['ehcPlan'];

    if (sen.status === 'E') {
      const dates = ehcPlanDates(random, ctx, draft, planTimings.get(draft) ?? 'later');
      statusHistory = dates.history;
      currentStart = dates.currentStart;
      const outOfArea = neighbourOfficers.length > 0 && random.chance(0.1);
      const coordinator = random.pick(
        outOfArea ? neighbourOfficers : homeOfficers.length > 0 ? homeOfficers : neighbourOfficers,
      );
      professionalIds.add(coordinator.id);
      const ep = random.chance(0.9) ? pickProfessional('educational-psychologist') : undefined;
      if (ep) professionalIds.add(ep.id);
      ehcPlan = {
        localAuthority: outOfArea ? NEIGHBOURING_LA.name : ctx.plan.identity.laName,
        issueDate: toIsoDate(dates.issueDay),
        ...(dates.lastReviewDay !== undefined ? { lastReviewMeeting: toIsoDate(dates.lastReviewDay) } : {}),
        coordinator: { name: coordinator.name, email: coordinator.email },
        // Year 6 moves to secondary school in the September after this academic year (reg 18: amend by 15 Feb).
        ...(draft.yearIndex === 6
          ? { phaseTransfer: { nextPhase: 'secondary' as const, transferYear: ctx.academicYear + 1 } }
          : {}),
      };
    } else {
      const support = supportHistories.get(draft) ?? senSupportHistory(random, ctx, draft);
      statusHistory = support.history;
      currentStart = support.currentStart;
      senSupportPlan = senSupportPlanFor(
        random,
        ctx,
        draft,
        sen,
        currentStart,
        apdrTimings.get(draft) ?? 'later',
      );
    }

    for (const need of [sen.primary, ...(sen.secondary ? [sen.secondary] : [])]) {
      for (const [kind, chance] of PROFESSIONALS_BY_NEED[need] ?? []) {
        if (!random.chance(chance)) continue;
        const professional = pickProfessional(kind);
        if (professional) professionalIds.add(professional.id);
      }
    }
    if (draft.pupil.flags.lookedAfter) {
      const named = draft.pupil.contacts.find(
        (c) => c.relationship === 'Local authority (care order)',
      )?.email;
      const socialWorker =
        (byKind.get('social-worker') ?? []).find((p) => p.email === named) ??
        pickProfessional('social-worker');
      if (socialWorker) professionalIds.add(socialWorker.id);
    } else if (random.chance(0.05)) {
      // Child in need or child protection plan: a social worker is involved without the child being in care.
      const socialWorker = pickProfessional('social-worker');
      if (socialWorker) professionalIds.add(socialWorker.id);
    }

    const needs: DemoSendRecord['needs'] = [{ code: sen.primary, rank: 1, from: toIsoDate(currentStart) }];
    if (sen.secondary)
      needs.push({
        code: sen.secondary,
        rank: 2,
        from: toIsoDate(pickSchoolDay(random, currentStart, ctx.today)),
      });

    draft.pupil.send = {
      statusHistory,
      needs,
      passport: passportFor(random, ctx, draft, sen, currentStart),
      ...(senSupportPlan ? { senSupportPlan } : {}),
      ...(ehcPlan ? { ehcPlan } : {}),
      professionalIds: [...professionalIds],
    };
  }
}
