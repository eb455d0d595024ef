/**
 * The SEND register: who is on SEN support (K) or has an EHC plan (E), their needs, dated status history,
 * passports, SEN support plans, EHC plans and the professionals involved. Dates are spread around `today`
 * so the statutory views have work to show: some annual reviews overdue, some due soon, Year 6 phase
 * transfers live, some APDR reviews overdue.
 */

import {
  addYears,
  dayNumberOf,
  isWeekday,
  partsOf,
  pickSchoolDay,
  toIsoDate,
  weekdayOnOrAfter,
} from './calendar.ts';
import type {
  DemoProfessional,
  DemoReviewKind,
  DemoSendRecord,
  DemoStaff,
  DemoSupportLayer,
  NeedCode,
  ProfessionalKind,
} from './demo-school.types.ts';
import {
  adultName,
  fictionalLandline,
  fictionalMobile,
  pickAdultCommunity,
  personalEmail,
} from './people.ts';
import { laDomain, NEIGHBOURING_LA } from './professionals.ts';
import type { SeededRandom } from './random.ts';
import { bookReview, heldReview, phaseTransferMeetingBy, type BookingPeople } from './review-bookings.ts';
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

/**
 * A well-run school's EHC plan reviews on any given day: one report to the LA a few days late, a few reviews
 * held in the last term with their paperwork done, the reviews of the next five months booked in Outlook
 * (one still waiting on a professional's advice), and the rest not yet due for booking.
 */
type EhcState = 'report-late' | 'held' | 'booked' | 'booked-awaiting-advice' | 'later';
const EHC_STATE_SHARES: readonly (readonly [EhcState, number])[] = [
  ['report-late', 1],
  ['held', 4],
  ['booked-awaiting-advice', 1],
  ['booked', 5],
  ['later', 7],
];
/** Shares of SEN support plans whose APDR review is overdue / due within two weeks. */
const APDR_OVERDUE_SHARE = 0.035;
const APDR_DUE_SOON_SHARE = 0.07;

type ReviewTiming = 'overdue' | 'due-soon' | 'later';

/**
 * Days from today to the annual review anniversary (the last review, or the issue date, plus a year), per
 * state. A booked review's meeting is 32 to 50 days before its anniversary, which leaves the LA its four
 * weeks inside the 12 months; 'held' anniversaries are a year after a meeting 30 to 120 days ago.
 */
const ANNIVERSARY_WINDOW: Record<EhcState, readonly [number, number]> = {
  'report-late': [345, 349],
  held: [245, 335],
  'booked-awaiting-advice': [58, 64],
  booked: [45, 150],
  later: [151, 244],
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
  window: readonly [number, number],
  mustHaveReview: boolean,
): EhcDates {
  const [lo, hi] = window;
  // The anchor is the last review (or the issue date when there has been none); its anniversary is the deadline.
  const anchor = pickSchoolDay(random, addYears(ctx.today + lo, -1), addYears(ctx.today + hi, -1));
  // Plans are rarely issued before about two and a half.
  const earliestIssue = addYears(draft.birthDay, 2) + 182;
  const maxReviews = Math.max(0, Math.min(4, Math.floor((anchor - earliestIssue) / 365.25)));
  let reviews = maxReviews === 0 || (!mustHaveReview && random.chance(0.15)) ? 0 : random.int(1, maxReviews);
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

/** Needs that usually bring more than targeted help from the school itself (a specialist's input, a plan of care). */
const INTENSIVE_NEEDS: ReadonlySet<string> = new Set(['ASD', 'SLD', 'PMLD', 'PD', 'HI', 'VI', 'MSI']);

/**
 * The layer of support a pupil on SEN support is given (the layers the Schools White Paper of February 2026
 * proposes): most are targeted; those with a sensory, physical or autism need, or two needs, more often
 * targeted plus; a few are held at universal (being watched before leaving the register) or have specialist
 * support while an EHC needs assessment is considered.
 */
function supportLayerFor(random: SeededRandom, sen: SenAssignment): DemoSupportLayer {
  const intensive = INTENSIVE_NEEDS.has(sen.primary) || sen.secondary !== undefined;
  return random.weighted<DemoSupportLayer>([
    ['universal', 5],
    ['targeted', intensive ? 45 : 70],
    ['targeted-plus', intensive ? 43 : 22],
    ['specialist', intensive ? 7 : 3],
  ]);
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
    // From a stream of its own, so adding it changed nothing else the generator makes.
    layer: supportLayerFor(random.fork(`layer-${draft.pupil.id}`), sen),
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

/** The staff and tenant a review booking needs. */
export type SendRecordPeople = {
  tenantId: string;
  staff: readonly DemoStaff[];
  teacherIdsByClass: ReadonlyMap<string, readonly string[]>;
};

/** How a plan's reviews stand today: where its anniversary falls, and what to hold or book. */
type EhcReviewPlan = {
  window: readonly [number, number];
  mustHaveReview: boolean;
  kind: DemoReviewKind;
  state: EhcState | 'phase-held' | 'phase-booked';
  /** Phase transfers: the booked meeting falls in this range of day numbers. */
  bookBetween?: readonly [number, number];
  amendBy?: number;
  lastReviewDay?: number | undefined;
  /** The last review, or the issue date when there has been none. */
  anchorDay?: number;
};

function annualReviews(state: EhcState = 'later'): EhcReviewPlan {
  return {
    window: ANNIVERSARY_WINDOW[state],
    mustHaveReview: state === 'report-late' || state === 'held',
    kind: 'annual',
    state,
  };
}

/**
 * Year 6: the phase transfer review is held in the autumn term, by 12 weeks before 15 February (reg 18), so
 * the LA can amend the plan in time. Held already once the autumn is under way; booked in early September.
 */
function phaseTransferReviews(random: SeededRandom, ctx: SchoolContext): EhcReviewPlan {
  const meetingBy = phaseTransferMeetingBy(ctx.academicYear + 1);
  const amendBy = dayNumberOf(ctx.academicYear + 1, 2, 14);
  const heldFrom = ctx.yearStart + 28;
  const heldTo = meetingBy - 5;
  if (ctx.today - 7 >= heldFrom) {
    const heldOn = pickSchoolDay(random, heldFrom, Math.min(heldTo, ctx.today - 7));
    const offset = addYears(heldOn, 1) - ctx.today;
    return {
      window: [offset, offset],
      mustHaveReview: true,
      kind: 'phase-transfer',
      state: 'phase-held',
      amendBy,
    };
  }
  // The last annual review was held in the autumn a year ago, so its anniversary falls after this one.
  return {
    window: [heldTo + 40 - ctx.today, heldTo + 80 - ctx.today],
    mustHaveReview: false,
    kind: 'phase-transfer',
    state: 'phase-booked',
    bookBetween: [Math.max(ctx.today + 15, heldFrom), heldTo],
    amendBy,
  };
}

/** The last review's paperwork and the next review's booking, as the plan's state has them. */
function reviewRecords(
  random: SeededRandom,
  ctx: SchoolContext,
  draft: PupilDraft,
  reviews: EhcReviewPlan,
  booking: { tenantId: string; people: BookingPeople },
): Pick<NonNullable<DemoSendRecord['ehcPlan']>, 'lastReview' | 'nextReview'> {
  const out: Pick<NonNullable<DemoSendRecord['ehcPlan']>, 'lastReview' | 'nextReview'> = {};
  const { today } = ctx;
  const last = reviews.lastReviewDay;
  if (last !== undefined) {
    const phaseHeld = reviews.state === 'phase-held';
    out.lastReview = heldReview({
      random,
      today,
      heldOn: last,
      kind: phaseHeld ? 'phase-transfer' : 'annual',
      reportLate: reviews.state === 'report-late',
      ...(phaseHeld && reviews.amendBy !== undefined ? { amendBy: reviews.amendBy } : {}),
    });
  }
  let meetingOn: number | undefined;
  if (reviews.bookBetween) {
    meetingOn = pickSchoolDay(random, reviews.bookBetween[0], reviews.bookBetween[1]);
  } else if (reviews.state === 'booked' || reviews.state === 'booked-awaiting-advice') {
    // The anniversary of the last review, or of the issue date before the first one.
    const a = addYears(reviews.anchorDay ?? today, 1);
    meetingOn =
      reviews.state === 'booked'
        ? pickSchoolDay(random, Math.max(today + 8, a - 50), a - 32)
        : pickSchoolDay(random, Math.max(today + 16, a - 50), Math.min(a - 32, today + 24));
  }
  if (meetingOn !== undefined) {
    out.nextReview = bookReview({
      random,
      today,
      meetingOn,
      kind: reviews.kind,
      pupil: draft.pupil,
      reviewId: `${draft.pupil.id}-review-next`,
      tenantId: booking.tenantId,
      people: booking.people,
      awaitAdvice: reviews.state === 'booked-awaiting-advice',
    });
  }
  return out;
}

/** Fills in `pupil.send` for every pupil on the register. */
export function buildSendRecords(
  ctx: SchoolContext,
  drafts: readonly PupilDraft[],
  professionals: readonly DemoProfessional[],
  people: SendRecordPeople,
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
  // Year 6 plans follow the phase transfer calendar; the others share out the states of a well-run school.
  const annualPlans = withPlan.filter((d) => d.yearIndex !== 6);
  const states = random.shuffle(apportion(EHC_STATE_SHARES, annualPlans.length));
  const planStates = new Map(annualPlans.map((d, i) => [d, states[i] ?? ('later' as const)]));
  const senco = people.staff.find((s) => s.role === 'senco');
  const head = people.staff.find((s) => s.role === 'headteacher');

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

    let reviews: EhcReviewPlan | undefined;
    if (sen.status === 'E') {
      reviews =
        draft.yearIndex === 6 ? phaseTransferReviews(random, ctx) : annualReviews(planStates.get(draft));
      const dates = ehcPlanDates(random, ctx, draft, reviews.window, reviews.mustHaveReview);
      reviews.lastReviewDay = dates.lastReviewDay;
      reviews.anchorDay = dates.lastReviewDay ?? dates.issueDay;
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

    if (ehcPlan && reviews && senco && head) {
      const involved = professionals.filter((p) => professionalIds.has(p.id));
      const classTeacherId = people.teacherIdsByClass.get(draft.pupil.classGroupId)?.[0];
      Object.assign(
        ehcPlan,
        reviewRecords(random, ctx, draft, reviews, {
          tenantId: people.tenantId,
          people: {
            senco,
            head,
            classTeacher: people.staff.find((s) => s.id === classTeacherId),
            coordinator: ehcPlan.coordinator,
            involved,
            all: professionals,
          },
        }),
      );
    }

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
