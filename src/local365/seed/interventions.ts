/**
 * The school's provision map for this academic year: interventions with staff, timings, costs and, for
 * those that have finished, entry and exit scores. Starts two weeks into the autumn term, after baselines.
 */

import {
  isLikelyHoliday,
  isWeekday,
  partsOf,
  pickSchoolDay,
  toIsoDate,
  weekdayOnOrAfter,
} from './calendar.ts';
import type { DemoIntervention, DemoStaff } from './demo-school.types.ts';
import { INTERVENTION_CATALOGUE, type InterventionTemplate } from './intervention-catalogue.ts';
import type { SeededRandom } from './random.ts';
import type { PupilDraft, SchoolContext, StaffDirectory } from './school-draft.ts';

/** Baselines and timetables take the first two weeks of the year. */
const FIRST_START_OFFSET_DAYS = 14;
/** Share of finished participants whose score did not move: real provision maps show some. */
const NO_CHANGE_SHARE = 0.12;

function ageInMonths(birthDay: number, on: number): number {
  const b = partsOf(birthDay);
  const d = partsOf(on);
  return (d.year - b.year) * 12 + (d.month - b.month) - (d.day < b.day ? 1 : 0);
}

/** The last term-time weekday on or before `day`, not before `floor`. */
function termDayOnOrBefore(day: number, floor: number): number {
  let d = day;
  while (d > floor && (!isWeekday(d) || isLikelyHoliday(d))) d--;
  return d;
}

/** The first term-time weekday on or after `day`. */
function termDayOnOrAfter(day: number): number {
  let d = day;
  while (!isWeekday(d) || isLikelyHoliday(d)) d++;
  return d;
}

function roundToQuarter(value: number): number {
  return Math.round(value * 4) / 4;
}

type Slot = { template: InterventionTemplate; name: string };

function chooseSlots(random: SeededRandom, count: number | undefined): Slot[] {
  if (count === undefined) {
    const core = INTERVENTION_CATALOGUE.filter((t) => t.core);
    const others = INTERVENTION_CATALOGUE.filter((t) => !t.core);
    const chosen = new Set([...core, ...random.sample(others, random.int(2, others.length))]);
    return INTERVENTION_CATALOGUE.filter((t) => chosen.has(t)).map((template) => ({
      template,
      name: template.name,
    }));
  }
  // Large schools run several groups of the same intervention.
  return Array.from({ length: count }, (_, i) => {
    const template = INTERVENTION_CATALOGUE[i % INTERVENTION_CATALOGUE.length] as InterventionTemplate;
    const round = Math.floor(i / INTERVENTION_CATALOGUE.length);
    return { template, name: round === 0 ? template.name : `${template.name} (group ${round + 1})` };
  });
}

export function buildInterventions(
  ctx: SchoolContext,
  drafts: readonly PupilDraft[],
  staff: StaffDirectory,
): DemoIntervention[] {
  const random = ctx.random.fork('interventions');
  const ids = ctx.ids.fork('interventions');
  const slots = chooseSlots(random, ctx.plan.interventionCount);
  const earliestStart = weekdayOnOrAfter(ctx.yearStart + FIRST_START_OFFSET_DAYS);
  const onRegister = drafts.filter((d) => d.sen);
  const byYear = new Map<number, PupilDraft[]>();
  for (const d of drafts) {
    if (d.sen) continue;
    const list = byYear.get(d.yearIndex);
    if (list) list.push(d);
    else byYear.set(d.yearIndex, [d]);
  }
  const alreadyIn = new Map<InterventionTemplate, Set<PupilDraft>>();

  // Some interventions have run their course by today; at least two when there has been time.
  const canFinish = slots.filter(
    (s) =>
      s.template.plannedWeeks !== undefined && ctx.today - earliestStart >= s.template.plannedWeeks * 7 + 7,
  );
  const finishing = new Set(
    random.sample(canFinish, Math.max(Math.min(2, canFinish.length), Math.round(canFinish.length * 0.5))),
  );

  return slots.map((slot): DemoIntervention => {
    const { template } = slot;
    const used = alreadyIn.get(template) ?? new Set<PupilDraft>();
    alreadyIn.set(template, used);
    const inYears = (d: PupilDraft) => template.yearIndexes.includes(d.yearIndex);
    const hasNeed = (d: PupilDraft) =>
      d.sen !== undefined &&
      (template.needs.includes(d.sen.primary) ||
        (d.sen.secondary !== undefined && template.needs.includes(d.sen.secondary)));
    let eligible = onRegister.filter((d) => !used.has(d) && inYears(d) && hasNeed(d));
    if (eligible.length === 0) eligible = onRegister.filter((d) => !used.has(d) && inYears(d));
    if (eligible.length === 0) eligible = onRegister.filter((d) => !used.has(d));
    const size = template.delivery === 'group' ? random.int(3, 6) : random.int(1, 4);
    const pupils = random.sample(eligible, size);
    const places = template.nonSendPlaces > 0 ? random.int(0, template.nonSendPlaces) : 0;
    // A few pupils not on the register (catch-up places): draw directly rather than scanning the roll.
    const yearLists = template.yearIndexes.map((y) => byYear.get(y) ?? []).filter((list) => list.length > 0);
    for (
      let attempt = 0;
      attempt < places * 4 && yearLists.length > 0 && pupils.length < size + places;
      attempt++
    ) {
      const candidate = random.pick(random.pickWeighted(yearLists, (list) => list.length));
      if (!used.has(candidate) && !pupils.includes(candidate)) pupils.push(candidate);
    }
    for (const d of pupils) used.add(d);

    // Staff: TAs from the pupils' classes where possible, the ELSA for ELSA, a teacher for teacher-led groups.
    let lead: DemoStaff;
    let costPerHour: number;
    if (template.deliveredBy === 'teacher') {
      lead = random.chance(0.6) ? staff.assistantSenco : random.pick(staff.teachers);
      costPerHour = random.int(35, 45);
    } else if (template.deliveredBy === 'elsa' && staff.elsas.length > 0) {
      lead = random.pick(staff.elsas);
      costPerHour = roundToQuarter(random.float(15, 16.5));
    } else {
      const classTas = pupils.flatMap(
        (d) => staff.teachingAssistantIdsByClass.get(d.pupil.classGroupId) ?? [],
      );
      const leadId = classTas.length > 0 ? random.pick(classTas) : undefined;
      lead =
        staff.teachingAssistants.find((ta) => ta.id === leadId) ??
        random.pick(staff.teachingAssistants.length > 0 ? staff.teachingAssistants : staff.teachers);
      const hlta = staff.higherLevelTeachingAssistants.includes(lead);
      costPerHour =
        lead.role === 'teacher'
          ? random.int(35, 45)
          : roundToQuarter(hlta ? random.float(17, 18) : random.float(14, 16.5));
    }
    const staffIds = [lead.id];
    // Larger groups sometimes have a second adult.
    if (
      template.delivery === 'group' &&
      pupils.length >= 6 &&
      staff.teachingAssistants.length > 1 &&
      random.chance(0.3)
    ) {
      const second = random.pick(staff.teachingAssistants.filter((ta) => ta.id !== lead.id));
      staffIds.push(second.id);
    }

    const weeks = template.plannedWeeks;
    const finished = finishing.has(slot) && weeks !== undefined;
    let startDay: number;
    let endDay: number | undefined;
    if (finished) {
      startDay = pickSchoolDay(random, earliestStart, ctx.today - weeks * 7 - 3);
      endDay = termDayOnOrBefore(startDay + weeks * 7 - 3, startDay);
    } else {
      // Still running: started recently enough that a planned end is still ahead (or not started yet).
      const latestStart = ctx.today - 1;
      const from = weeks !== undefined ? Math.max(earliestStart, ctx.today - weeks * 7 + 7) : earliestStart;
      startDay = from <= latestStart ? pickSchoolDay(random, from, latestStart) : earliestStart;
      if (weeks !== undefined) {
        const planned = startDay + weeks * 7 - 3;
        endDay = termDayOnOrBefore(planned, startDay);
        // Still running means the planned end is ahead: move it past the holiday rather than before today.
        if (endDay <= ctx.today) endDay = termDayOnOrAfter(planned);
      }
    }
    const runDays = Math.max(0, Math.min(endDay ?? ctx.today, ctx.today) - startDay);
    const weeksRun = runDays / 7;
    const sessionsHeld = Math.floor(weeksRun * template.sessionsPerWeek);

    const participants = pupils.map((d) => {
      const entryScore = template.entry(random, ageInMonths(d.birthDay, startDay));
      const attended = Math.round(sessionsHeld * random.float(0.72, 1));
      if (!finished)
        return { pupilId: d.pupil.id, entryScore, sessionsAttended: attended, sessionsOffered: sessionsHeld };
      const gain = random.chance(NO_CHANGE_SHARE) ? 0 : Math.max(1, template.gain(random, weeksRun));
      const exitScore =
        template.maxScore !== undefined ? Math.min(template.maxScore, entryScore + gain) : entryScore + gain;
      return {
        pupilId: d.pupil.id,
        entryScore,
        exitScore,
        sessionsAttended: attended,
        sessionsOffered: sessionsHeld,
      };
    });

    return {
      id: ids.guid(),
      name: slot.name,
      areaOfNeed: template.areaOfNeed,
      staffIds,
      delivery: template.delivery,
      sessionsPerWeek: template.sessionsPerWeek,
      minutesPerSession: template.minutesPerSession,
      costPerHour,
      startDate: toIsoDate(startDay),
      ...(endDay !== undefined ? { endDate: toIsoDate(endDay) } : {}),
      measure: template.measure,
      participants,
    };
  });
}
