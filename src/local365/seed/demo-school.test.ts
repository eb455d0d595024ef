import { generateDemoSchool } from './demo-school.ts';
import type { DemoPupil, DemoSchool, YearGroup } from './demo-school.types.ts';

const TODAY = '2026-11-22';
const school = generateDemoSchool({ today: TODAY });

// Independent helpers: these deliberately do not reuse the generator's calendar or UPN code.

/** DfE UPN check: letter = sum of characters 2–13 × weights 2–13, mod 23, in the alphabet without I, O, S. */
function isValidUpn(upn: string): boolean {
  if (!/^[A-Z]\d{12}$/.test(upn)) return false;
  const alphabet = 'ABCDEFGHJKLMNPQRTUVWXYZ';
  let total = 0;
  for (let position = 2; position <= 13; position++) total += Number(upn.charAt(position - 1)) * position;
  return alphabet.charAt(total % 23) === upn.charAt(0);
}

function epochDay(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

/** The same date a year later (29 February becomes 28 February). */
function anniversary(date: string): string {
  const next = `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
  return next.endsWith('-02-29') ? next.replace(/-29$/, '-28') : next;
}

function academicYearStartingYear(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}

const YEAR_INDEX: Record<YearGroup, number> = { R: 0, Y1: 1, Y2: 2, Y3: 3, Y4: 4, Y5: 5, Y6: 6 };

function currentStatus(pupil: DemoPupil): 'N' | 'K' | 'E' {
  return pupil.send?.statusHistory.find((entry) => entry.to === undefined)?.status ?? 'N';
}

function withStatus(s: DemoSchool, status: 'K' | 'E'): DemoPupil[] {
  return s.pupils.filter((p) => currentStatus(p) === status);
}

/** Days from `today` to each EHC plan's review anniversary (negative = overdue). */
function daysToAnnualReview(s: DemoSchool, today: string): number[] {
  return withStatus(s, 'E').map((p) => {
    const plan = p.send?.ehcPlan;
    if (!plan) throw new Error(`${p.givenName} has status E but no EHC plan`);
    return epochDay(anniversary(plan.lastReviewMeeting ?? plan.issueDate)) - epochDay(today);
  });
}

describe('generateDemoSchool: determinism', () => {
  it('gives byte-identical JSON for the same seed and today', () => {
    expect(JSON.stringify(generateDemoSchool({ today: TODAY }))).toBe(JSON.stringify(school));
    expect(JSON.stringify(generateDemoSchool({ seed: 99, today: TODAY }))).toBe(
      JSON.stringify(generateDemoSchool({ seed: 99, today: TODAY })),
    );
  });

  it('gives a different school for a different seed', () => {
    const other = generateDemoSchool({ seed: 99, today: TODAY });
    expect(other.pupils.map((p) => p.id)).not.toEqual(school.pupils.map((p) => p.id));
    expect(other.pupils.map((p) => p.surname)).not.toEqual(school.pupils.map((p) => p.surname));
  });

  it('never uses Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    generateDemoSchool({ seed: 5, today: TODAY });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('records its seed and the day it was spread around', () => {
    expect(school.seed).toBe(20260901);
    expect(school.generatedFor).toBe(TODAY);
  });

  it('rejects a today that is not a real date', () => {
    expect(() => generateDemoSchool({ today: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('generateDemoSchool: the school', () => {
  it('is a fictional primary on reserved domains', () => {
    expect(school.school).toMatchObject({
      name: 'Oakfield Primary School',
      laName: 'Northshire County Council',
      phase: 'primary',
    });
    expect(school.school.urn).toMatch(/^\d{6}$/);
    expect(school.tenant.domain).toBe('oakfieldprimary.example.org');
    expect(school.tenant.sharePointHostname).toBe('oakfieldprimary.sharepoint.com');
    expect(school.school.notionalSenBudget).toBeGreaterThanOrEqual(150_000);
    expect(school.school.notionalSenBudget).toBeLessThanOrEqual(190_000);
  });

  it('has about 420 pupils in 14 classes, two per year group, of 28 to 31', () => {
    expect(school.pupils.length).toBeGreaterThanOrEqual(405);
    expect(school.pupils.length).toBeLessThanOrEqual(434);
    expect(school.classes).toHaveLength(14);
    for (const year of Object.keys(YEAR_INDEX))
      expect(school.classes.filter((c) => c.yearGroup === year)).toHaveLength(2);
    for (const c of school.classes) {
      expect(c.pupilIds.length).toBeGreaterThanOrEqual(28);
      // Infant class size limit for Reception to Year 2.
      expect(c.pupilIds.length).toBeLessThanOrEqual(YEAR_INDEX[c.yearGroup] <= 2 ? 30 : 31);
      expect(c.displayName).toMatch(/^(Reception|Year [1-6]) [A-Z][a-z]+$/);
    }
  });

  it('puts every pupil in exactly one class, matching the pupil record', () => {
    const classOf = new Map<string, string>();
    for (const c of school.classes)
      for (const id of c.pupilIds) {
        expect(classOf.has(id)).toBe(false);
        classOf.set(id, c.groupId);
      }
    for (const p of school.pupils) {
      expect(classOf.get(p.id)).toBe(p.classGroupId);
      expect(school.classes.find((c) => c.groupId === p.classGroupId)?.yearGroup).toBe(p.yearGroup);
    }
  });

  it('has exactly the staff the issue asks for, with app roles', () => {
    const count = (role: string) => school.staff.filter((s) => s.role === role).length;
    expect(count('headteacher')).toBe(1);
    expect(count('senco')).toBe(1);
    expect(count('assistant-senco')).toBe(1);
    expect(count('teacher')).toBe(14);
    expect(count('teaching-assistant')).toBe(10);
    expect(count('office')).toBe(1);
    expect(school.staff.find((s) => s.role === 'headteacher')?.appRoles).toEqual(['Headteacher']);
    expect(school.staff.find((s) => s.role === 'senco')?.appRoles).toEqual(['Senco']);
    expect(school.staff.find((s) => s.role === 'assistant-senco')?.appRoles).toEqual(['SendTeam']);
    expect(
      school.staff
        .filter((s) => s.role === 'teacher' || s.role === 'teaching-assistant' || s.role === 'office')
        .every((s) => s.appRoles.length === 0),
    ).toBe(true);
  });

  it('gives TAs shorter days and one part-time teacher Monday to Wednesday', () => {
    const tas = school.staff.filter((s) => s.role === 'teaching-assistant');
    expect(
      tas.every(
        (s) => s.workingHours.startTime.startsWith('08:30') && s.workingHours.endTime.startsWith('15:30'),
      ),
    ).toBe(true);
    const partTime = school.staff.filter((s) => s.workingHours.daysOfWeek.length < 5);
    expect(partTime).toHaveLength(1);
    expect(partTime[0]?.workingHours.daysOfWeek).toEqual(['monday', 'tuesday', 'wednesday']);
    const teachers = school.staff.filter(
      (s) => s.role === 'teacher' && s.workingHours.daysOfWeek.length === 5,
    );
    expect(
      teachers.every(
        (s) => s.workingHours.startTime.startsWith('08:00') && s.workingHours.endTime.startsWith('16:30'),
      ),
    ).toBe(true);
  });

  it('gives every class a teacher and shares one class between the part-time teacher and the assistant SENCO', () => {
    const teacherIds = new Set(
      school.staff.filter((s) => s.role === 'teacher' || s.role === 'assistant-senco').map((s) => s.id),
    );
    for (const c of school.classes) {
      expect(c.teacherIds.length).toBeGreaterThanOrEqual(1);
      for (const id of c.teacherIds) expect(teacherIds.has(id)).toBe(true);
    }
    const shared = school.classes.filter((c) => c.teacherIds.length === 2);
    expect(shared).toHaveLength(1);
    const assistantSenco = school.staff.find((s) => s.role === 'assistant-senco');
    expect(shared[0]?.teacherIds).toContain(assistantSenco?.id);
    // Every teacher teaches a class.
    const teaching = new Set(school.classes.flatMap((c) => c.teacherIds));
    for (const t of school.staff.filter((s) => s.role === 'teacher')) expect(teaching.has(t.id)).toBe(true);
  });

  it('puts every TA in at least one class, some across two', () => {
    const tas = school.staff.filter((s) => s.role === 'teaching-assistant');
    const classesPerTa = tas.map(
      (ta) => school.classes.filter((c) => c.teachingAssistantIds.includes(ta.id)).length,
    );
    expect(classesPerTa.every((n) => n >= 1)).toBe(true);
    expect(classesPerTa.some((n) => n === 2)).toBe(true);
    const taIds = new Set(tas.map((ta) => ta.id));
    for (const c of school.classes) for (const id of c.teachingAssistantIds) expect(taIds.has(id)).toBe(true);
  });

  it('has a staff team with General and SEND channels in Teams id format', () => {
    expect(school.staffTeam.displayName).toBe('Oakfield Staff');
    expect(school.staffTeam.channels.map((c) => c.displayName)).toEqual(['General', 'SEND']);
    for (const channel of school.staffTeam.channels)
      expect(channel.id).toMatch(/^19:[0-9a-f]{32}@thread\.tacv2$/);
  });

  it('uses unique version-4 GUIDs for every object id', () => {
    const ids = [
      school.tenant.id,
      school.staffTeam.groupId,
      ...school.staff.map((s) => s.id),
      ...school.classes.map((c) => c.groupId),
      ...school.pupils.map((p) => p.id),
      ...school.professionals.map((p) => p.id),
      ...school.interventions.map((i) => i.id),
    ];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives staff and pupils unique sign-in names in the tenant', () => {
    const staffUpns = school.staff.map((s) => s.upn);
    const pupilUpns = school.pupils.map((p) => p.upn);
    expect(staffUpns.every((u) => /^[a-z0-9.-]+@oakfieldprimary\.example\.org$/.test(u))).toBe(true);
    expect(pupilUpns.every((u) => /^[a-z0-9.-]+@pupils\.oakfieldprimary\.example\.org$/.test(u))).toBe(true);
    expect(new Set([...staffUpns, ...pupilUpns]).size).toBe(staffUpns.length + pupilUpns.length);
  });
});

describe('generateDemoSchool: pupils', () => {
  it('has a valid, unique DfE UPN for every pupil', () => {
    // Known-good vector: B801200005001 (sum 93, 93 mod 23 = 1 → B); changing the letter breaks it.
    expect(isValidUpn('B801200005001')).toBe(true);
    expect(isValidUpn('A801200005001')).toBe(false);
    for (const p of school.pupils) expect(isValidUpn(p.dfeUpn), p.dfeUpn).toBe(true);
    expect(new Set(school.pupils.map((p) => p.dfeUpn)).size).toBe(school.pupils.length);
  });

  it.each(['2026-11-22', '2027-03-10', '2026-09-01', '2027-08-31'])(
    'gives dates of birth that fit the year group for the academic year of %s',
    (today) => {
      const s = today === TODAY ? school : generateDemoSchool({ today });
      const year = academicYearStartingYear(today);
      for (const p of s.pupils) {
        const n = YEAR_INDEX[p.yearGroup];
        // Year N in the year starting September Y: born 1 September (Y-5-N) to 31 August (Y-4-N).
        expect(
          p.dateOfBirth >= `${year - 5 - n}-09-01`,
          `${p.givenName} ${p.dateOfBirth} ${p.yearGroup}`,
        ).toBe(true);
        expect(
          p.dateOfBirth <= `${year - 4 - n}-08-31`,
          `${p.givenName} ${p.dateOfBirth} ${p.yearGroup}`,
        ).toBe(true);
      }
    },
  );

  it('includes names with apostrophes and diacritics', () => {
    const names = school.pupils.map((p) => `${p.givenName} ${p.surname}`);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => /[^\u0020-\u007e]/.test(n))).toBe(true);
  });

  it('has realistic flag rates and a few looked-after children, some with SEND', () => {
    const share = (pick: (p: DemoPupil) => boolean) =>
      school.pupils.filter(pick).length / school.pupils.length;
    expect(share((p) => p.flags.pupilPremium)).toBeGreaterThan(0.18);
    expect(share((p) => p.flags.pupilPremium)).toBeLessThan(0.34);
    expect(share((p) => p.flags.eal)).toBeGreaterThan(0.14);
    expect(share((p) => p.flags.eal)).toBeLessThan(0.27);
    const lookedAfter = school.pupils.filter((p) => p.flags.lookedAfter);
    expect(lookedAfter.length).toBeGreaterThanOrEqual(2);
    expect(lookedAfter.length).toBeLessThanOrEqual(4);
    expect(lookedAfter.some((p) => p.send)).toBe(true);
    expect(lookedAfter.every((p) => p.flags.pupilPremium)).toBe(true);
    for (const p of school.pupils.filter((x) => x.flags.eal))
      expect(p.flags.firstLanguage).not.toBe('English');
  });

  it('gives every pupil a contact with parental responsibility', () => {
    for (const p of school.pupils) expect(p.contacts.some((c) => c.hasParentalResponsibility)).toBe(true);
  });
});

describe('generateDemoSchool: the SEND register', () => {
  const onSupport = withStatus(school, 'K');
  const withPlan = withStatus(school, 'E');

  it('has about 60 pupils on SEN support and 18 with EHC plans', () => {
    expect(onSupport.length).toBeGreaterThanOrEqual(55);
    expect(onSupport.length).toBeLessThanOrEqual(65);
    expect(withPlan.length).toBeGreaterThanOrEqual(16);
    expect(withPlan.length).toBeLessThanOrEqual(20);
    // Nobody has a SEND record without being on the register.
    expect(school.pupils.filter((p) => p.send && currentStatus(p) === 'N')).toEqual([]);
  });

  it('has England-like need proportions: SLCN leads SEN support, ASD leads EHC plans', () => {
    const primaryCounts = (pupils: DemoPupil[]) => {
      const counts = new Map<string, number>();
      for (const p of pupils) {
        const code = p.send?.needs.find((n) => n.rank === 1)?.code ?? '?';
        counts.set(code, (counts.get(code) ?? 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1]);
    };
    expect(primaryCounts(onSupport)[0]?.[0]).toBe('SLCN');
    expect(primaryCounts(withPlan)[0]?.[0]).toBe('ASD');
    const ds = withPlan.filter((p) => p.send?.needs[0]?.code === 'DS').length;
    expect(ds).toBeGreaterThanOrEqual(1);
    expect(ds).toBeLessThanOrEqual(2);
  });

  it('never records NSA for a pupil with an EHC plan, and only as a primary need', () => {
    for (const p of withPlan) expect(p.send?.needs.some((n) => n.code === 'NSA')).toBe(false);
    for (const p of onSupport)
      expect(p.send?.needs.some((n) => n.code === 'NSA' && n.rank === 2)).toBe(false);
    expect(onSupport.some((p) => p.send?.needs[0]?.code === 'NSA')).toBe(true);
  });

  it('gives one primary need each, some pupils a different secondary need', () => {
    for (const p of [...onSupport, ...withPlan]) {
      const needs = p.send?.needs ?? [];
      expect(needs.filter((n) => n.rank === 1)).toHaveLength(1);
      expect(needs.filter((n) => n.rank === 2).length).toBeLessThanOrEqual(1);
      expect(new Set(needs.map((n) => n.code)).size).toBe(needs.length);
    }
    expect([...onSupport, ...withPlan].filter((p) => p.send?.needs.length === 2).length).toBeGreaterThan(10);
  });

  it('keeps status history in order, gap-free, with exactly one open status, last', () => {
    for (const p of school.pupils.filter((x) => x.send)) {
      const history = p.send?.statusHistory ?? [];
      expect(history.filter((h) => h.to === undefined)).toHaveLength(1);
      expect(history.at(-1)?.to).toBeUndefined();
      history.forEach((h, i) => {
        expect(h.from <= TODAY).toBe(true);
        if (h.to !== undefined) {
          expect(h.to >= h.from).toBe(true);
          const next = history[i + 1];
          expect(next && epochDay(next.from) - epochDay(h.to)).toBe(1);
          expect(next?.status).not.toBe(h.status);
        }
      });
    }
    expect(withPlan.some((p) => p.send?.statusHistory.map((h) => h.status).join('>') === 'N>K>E')).toBe(true);
  });

  it('gives SEN support pupils a plan and EHC plan pupils an EHC plan, not both', () => {
    for (const p of onSupport) {
      expect(p.send?.senSupportPlan).toBeDefined();
      expect(p.send?.ehcPlan).toBeUndefined();
    }
    for (const p of withPlan) {
      expect(p.send?.ehcPlan).toBeDefined();
      expect(p.send?.senSupportPlan).toBeUndefined();
    }
  });

  it('has one to three APDR reviews overdue and a few due within two weeks', () => {
    for (const p of onSupport) {
      const plan = p.send?.senSupportPlan;
      expect((plan?.startDate ?? '') <= TODAY).toBe(true);
      expect((plan?.startDate ?? '') < (plan?.nextReviewDate ?? '')).toBe(true);
      expect(plan?.outcomes.length).toBeGreaterThanOrEqual(2);
    }
    const days = onSupport.map(
      (p) => epochDay(p.send?.senSupportPlan?.nextReviewDate ?? '') - epochDay(TODAY),
    );
    expect(days.filter((d) => d < 0).length).toBeGreaterThanOrEqual(1);
    expect(days.filter((d) => d < 0).length).toBeLessThanOrEqual(3);
    expect(days.filter((d) => d >= 0 && d <= 14).length).toBeGreaterThanOrEqual(2);
    expect(days.filter((d) => d >= 0 && d <= 14).length).toBeLessThanOrEqual(6);
    expect(days.filter((d) => d > 14).length).toBeGreaterThan(onSupport.length / 2);
  });

  it('gives every SEN support plan a layer of support, mostly targeted, some targeted plus, few elsewhere', () => {
    const count = (layer: string) => onSupport.filter((p) => p.send?.senSupportPlan?.layer === layer).length;
    const total = onSupport.length;
    expect(count('universal') + count('targeted') + count('targeted-plus') + count('specialist')).toBe(total);
    expect(count('targeted')).toBeGreaterThan(total / 2);
    expect(count('targeted-plus')).toBeGreaterThan(total / 10);
    expect(count('targeted-plus')).toBeLessThan(count('targeted'));
    expect(count('universal') + count('specialist')).toBeLessThan(total / 5);
    // More intensive support where the need usually asks for it (autism, sensory, physical, or two needs).
    const intensive = (p: (typeof onSupport)[number]) =>
      p.send?.needs.length !== 1 ||
      ['ASD', 'SLD', 'PMLD', 'PD', 'HI', 'VI', 'MSI'].includes(p.send.needs[0]!.code);
    const share = (group: typeof onSupport) =>
      group.filter((p) => p.send?.senSupportPlan?.layer === 'targeted-plus').length /
      Math.max(1, group.length);
    expect(share(onSupport.filter(intensive))).toBeGreaterThan(share(onSupport.filter((p) => !intensive(p))));
  });

  it('records 0–3 parent meetings held so far this academic year', () => {
    for (const p of onSupport) {
      const meetings = p.send?.senSupportPlan?.parentMeetings ?? [];
      expect(meetings.length).toBeLessThanOrEqual(3);
      for (const m of meetings) {
        expect(m >= '2026-09-01' && m < TODAY).toBe(true);
      }
      expect([...meetings].sort()).toEqual(meetings);
    }
    expect(onSupport.some((p) => (p.send?.senSupportPlan?.parentMeetings.length ?? 0) === 0)).toBe(true);
    expect(onSupport.some((p) => (p.send?.senSupportPlan?.parentMeetings.length ?? 0) >= 2)).toBe(true);
  });

  it('writes passports with specific strategies and KS2 access arrangements for some', () => {
    for (const p of [...onSupport, ...withPlan]) {
      const passport = p.send?.passport;
      expect(passport?.aboutMe.length).toBeGreaterThan(20);
      expect(passport?.whatHelpsMe.length).toBeGreaterThanOrEqual(3);
      expect(passport?.strengths.length).toBeGreaterThanOrEqual(2);
      expect((passport?.lastReviewed ?? '') <= TODAY).toBe(true);
      expect((passport?.reviewDue ?? '') > (passport?.lastReviewed ?? '')).toBe(true);
      if (p.yearGroup !== 'Y6' && p.yearGroup !== 'Y4') expect(passport?.accessArrangements).toEqual([]);
    }
    expect(
      [...onSupport, ...withPlan].some(
        (p) => p.yearGroup === 'Y6' && (p.send?.passport.accessArrangements.length ?? 0) > 0,
      ),
    ).toBe(true);
  });

  it.each(['2026-11-22', '2027-05-14'])(
    'keeps EHC annual reviews in hand (%s): none past its anniversary, the next five months booked',
    (today) => {
      const s = today === TODAY ? school : generateDemoSchool({ today });
      const days = daysToAnnualReview(s, today);
      expect(days.filter((d) => d <= 0)).toEqual([]);
      const plans = withStatus(s, 'E').flatMap((p) => p.send?.ehcPlan ?? []);
      const booked = plans.filter((plan) => plan.nextReview);
      expect(booked.length).toBeGreaterThanOrEqual(4);
      expect(booked.length).toBeLessThanOrEqual(10);
      for (const plan of booked) {
        const next = plan.nextReview!;
        expect(next.meetingOn > today).toBe(true);
        // reg 20(3): invitations at least two weeks ahead; advice asked six weeks ahead.
        expect(epochDay(next.meetingOn) - epochDay(next.bookedOn)).toBeGreaterThanOrEqual(42);
        expect(next.bookedOn < today).toBe(true);
        expect(next.invitees.map((i) => i.role)).toEqual(
          expect.arrayContaining(['parent-or-young-person', 'head-teacher-or-provider', 'la-sen-officer']),
        );
        expect(next.event.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
      }
      // One late report to the LA: the home view has something real to show.
      const late = plans.filter((plan) => plan.lastReview && !plan.lastReview.reportSentOn);
      expect(late.length).toBeGreaterThanOrEqual(1);
      expect(late.length).toBeLessThanOrEqual(2);
    },
  );

  it('dates every EHC plan in the past, issued after early childhood, reviewed after issue', () => {
    for (const p of withPlan) {
      const plan = p.send?.ehcPlan;
      expect(plan).toBeDefined();
      if (!plan) continue;
      expect(plan.issueDate < TODAY).toBe(true);
      expect(epochDay(plan.issueDate) - epochDay(p.dateOfBirth)).toBeGreaterThan(2 * 365);
      if (plan.lastReviewMeeting) {
        expect(plan.lastReviewMeeting > plan.issueDate).toBe(true);
        expect(plan.lastReviewMeeting < TODAY).toBe(true);
      }
    }
  });

  it('has a live phase transfer for every Year 6 pupil with an EHC plan, and only them', () => {
    const year6 = withPlan.filter((p) => p.yearGroup === 'Y6');
    expect(year6.length).toBeGreaterThanOrEqual(1);
    for (const p of withPlan) {
      if (p.yearGroup === 'Y6')
        expect(p.send?.ehcPlan?.phaseTransfer).toEqual({ nextPhase: 'secondary', transferYear: 2027 });
      else expect(p.send?.ehcPlan?.phaseTransfer).toBeUndefined();
    }
  });

  it('names an LA SEN officer with an external address as each plan’s coordinator', () => {
    const officers = school.professionals.filter((p) => p.kind === 'la-sen-officer');
    for (const p of withPlan) {
      const plan = p.send?.ehcPlan;
      const officer = officers.find((o) => o.email === plan?.coordinator.email);
      expect(officer?.name).toBe(plan?.coordinator.name);
      expect(p.send?.professionalIds).toContain(officer?.id);
      expect(plan?.localAuthority).toMatch(/Council$/);
    }
  });
});

describe('generateDemoSchool: professionals and interventions', () => {
  it('has every kind of professional, all outside the tenant on reserved domains', () => {
    const kinds = new Set(school.professionals.map((p) => p.kind));
    for (const kind of [
      'educational-psychologist',
      'speech-and-language-therapist',
      'camhs',
      'social-worker',
      'la-sen-officer',
      'occupational-therapist',
      'school-nurse',
    ]) {
      expect(kinds.has(kind as never), kind).toBe(true);
    }
    for (const p of school.professionals) {
      expect(p.email).toMatch(/@[a-z0-9.-]+\.example\.(net|com)$/);
      expect(p.email.endsWith(school.tenant.domain)).toBe(false);
    }
    expect(new Set(school.professionals.map((p) => p.email)).size).toBe(school.professionals.length);
  });

  it('links pupils only to professionals that exist, and looked-after pupils with SEND to a social worker', () => {
    const byId = new Map(school.professionals.map((p) => [p.id, p]));
    for (const p of school.pupils)
      for (const id of p.send?.professionalIds ?? []) expect(byId.has(id)).toBe(true);
    for (const p of school.pupils.filter((x) => x.flags.lookedAfter && x.send)) {
      expect(p.send?.professionalIds.some((id) => byId.get(id)?.kind === 'social-worker')).toBe(true);
    }
    expect(
      school.pupils.some((p) =>
        p.send?.professionalIds.some((id) => byId.get(id)?.kind === 'speech-and-language-therapist'),
      ),
    ).toBe(true);
  });

  it('runs 10–14 interventions that reference real pupils and staff', () => {
    expect(school.interventions.length).toBeGreaterThanOrEqual(10);
    expect(school.interventions.length).toBeLessThanOrEqual(14);
    const pupilIds = new Set(school.pupils.map((p) => p.id));
    const staffIds = new Set(school.staff.map((s) => s.id));
    for (const i of school.interventions) {
      expect(i.participants.length).toBeGreaterThan(0);
      for (const part of i.participants) expect(pupilIds.has(part.pupilId)).toBe(true);
      expect(new Set(i.participants.map((part) => part.pupilId)).size).toBe(i.participants.length);
      expect(i.staffIds.length).toBeGreaterThan(0);
      for (const id of i.staffIds) expect(staffIds.has(id)).toBe(true);
    }
    const names = school.interventions.map((i) => i.name);
    for (const expected of [
      'Talk Boost',
      'Lego-based therapy',
      'ELSA sessions',
      'Zones of Regulation group',
      'Fine motor skills group',
      'Precision teaching (sight words)',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('is mostly TA-led at TA rates, with teacher-led sessions at teacher rates', () => {
    const staffById = new Map(school.staff.map((s) => [s.id, s]));
    for (const i of school.interventions) {
      const lead = staffById.get(i.staffIds[0] ?? '');
      if (lead?.role === 'teaching-assistant') {
        expect(i.costPerHour).toBeGreaterThanOrEqual(14);
        expect(i.costPerHour).toBeLessThanOrEqual(18);
      } else {
        expect(i.costPerHour).toBeGreaterThanOrEqual(35);
        expect(i.costPerHour).toBeLessThanOrEqual(45);
      }
    }
    const taLed = school.interventions.filter(
      (i) => staffById.get(i.staffIds[0] ?? '')?.role === 'teaching-assistant',
    );
    expect(taLed.length).toBeGreaterThan(school.interventions.length / 2);
  });

  it('dates interventions in this academic year; finished ones have exit scores, mostly improved', () => {
    const finished = school.interventions.filter((i) => i.endDate !== undefined && i.endDate < TODAY);
    expect(finished.length).toBeGreaterThanOrEqual(2);
    for (const i of school.interventions) {
      expect(i.startDate >= '2026-09-01' && i.startDate < TODAY).toBe(true);
      if (i.endDate) expect(i.endDate > i.startDate).toBe(true);
    }
    const changes = finished.flatMap((i) =>
      i.participants.map((p) => (p.exitScore ?? NaN) - (p.entryScore ?? NaN)),
    );
    expect(changes.every((c) => c >= 0)).toBe(true);
    expect(changes.filter((c) => c > 0).length).toBeGreaterThan(changes.length / 2);
    for (const i of school.interventions.filter((x) => !finished.includes(x))) {
      for (const p of i.participants) expect(p.exitScore).toBeUndefined();
    }
    const senPupils = new Set(school.pupils.filter((p) => p.send).map((p) => p.id));
    const allParticipants = school.interventions.flatMap((i) => i.participants.map((p) => p.pupilId));
    expect(allParticipants.filter((id) => senPupils.has(id)).length).toBeGreaterThan(
      allParticipants.length * 0.7,
    );
  });
});

describe('generateDemoSchool: any day of the year', () => {
  it.each(['2026-09-01', '2026-12-24', '2027-02-14', '2027-07-21', '2027-08-31'])(
    'keeps every recorded date on or before %s',
    (today) => {
      const s = generateDemoSchool({ seed: 3, today });
      for (const p of s.pupils) {
        const send = p.send;
        if (!send) continue;
        for (const h of send.statusHistory) expect(h.from <= today, `${p.givenName} ${h.from}`).toBe(true);
        for (const n of send.needs) expect(n.from <= today).toBe(true);
        expect(send.passport.lastReviewed <= today).toBe(true);
        for (const m of send.senSupportPlan?.parentMeetings ?? []) expect(m < today).toBe(true);
        if (send.ehcPlan) expect(send.ehcPlan.issueDate <= today).toBe(true);
      }
      for (const p of s.pupils) {
        const plan = p.send?.ehcPlan;
        if (!plan) continue;
        const last = plan.lastReview;
        for (const day of [
          last?.heldOn,
          last?.reportSentOn,
          last?.laDecision?.notifiedOn,
          last?.finalAmendedPlanIssuedOn,
        ])
          if (day) expect(day <= today).toBe(true);
        const next = plan.nextReview;
        if (!next) continue;
        expect(next.bookedOn < today && next.meetingOn > today).toBe(true);
        for (const a of next.advice) if (a.receivedOn) expect(a.receivedOn <= today).toBe(true);
        if (next.adviceCirculatedOn) expect(next.adviceCirculatedOn <= today).toBe(true);
      }
      const days = daysToAnnualReview(s, today);
      expect(days.filter((d) => d <= 0)).toEqual([]);
    },
  );
});
