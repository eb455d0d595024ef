/**
 * Editing the provision map end to end, through the real Graph client against the stand-in's SharePoint:
 * the SENCO adds an intervention with three pupils and a TA; the TA records a week of sessions (one of them
 * twice, stored once) and so sees the pupils' passports; attendance and cost follow on the provision map; a
 * change from a stale version is a 409 with the intervention as now stored; referrals overdue show in the
 * due work.
 */
import { randomUUID } from 'node:crypto';
import { addDays, type CalendarDate } from '../src/domain/calendar-date.ts';
import { getAllPages } from '../src/graph/graph-requests.ts';
import {
  INTERVENTION_PUPILS_LIST,
  INTERVENTION_SESSIONS_LIST,
  INTERVENTIONS_LIST,
} from '../src/graph/interventions-list.ts';
import type { SharePointItem } from '../src/graph/list-fields.ts';
import { eq, itemsQueryString } from '../src/graph/odata.ts';
import { findListIds, findSiteId } from '../src/graph/site.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { OAKFIELD } from '../src/local365/seed/demo-school.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let senco: string;
let ta: { id: string; token: string; name: string };
let today: CalendarDate;
let pupilIds: string[];
/** Three more such pupils, in no intervention of the earlier tests (which put the TA on `pupilIds`). */
let sparePupilIds: string[];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
}

/** Items of a list holding `value` in `column`, read from SharePoint itself. */
async function stored(list: typeof INTERVENTIONS_LIST, column: string, value: string) {
  const connection = app.appGraph();
  const siteId = await findSiteId({
    connection,
    siteUrl: `https://${OAKFIELD.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
  const ids = await findListIds({ connection, siteId, lists: [list] });
  return getAllPages<SharePointItem>(
    connection,
    `/sites/${siteId}/lists/${ids[list.key]}/items${itemsQueryString({ filter: eq(column, value) })}`,
    'read items',
  );
}

const body = (overrides: Json = {}) => ({
  id: randomUUID(),
  name: 'Precision teaching: number bonds',
  areaOfNeed: 'cognition-and-learning',
  staff: [{ name: ta.name, role: 'Teaching assistant', userId: ta.id }],
  delivery: 'group',
  sessionsPerWeek: 5,
  minutesPerSession: 20,
  costPerHour: 18,
  startOn: addDays(today, -6),
  measure: { name: 'Number bonds to 20 in a minute', higherIsBetter: true },
  pupils: pupilIds.map((pupilId, i) => ({ pupilId, entryMeasure: 5 + i })),
  ...overrides,
});

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const school = app.local365.school;
  const health = (await (await fetch(`${app.baseUrl}/api/health`)).json()) as { time: string };
  today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(health.time),
  ) as CalendarDate;
  senco = await app.userToken(school.staff.find((s) => s.role === 'senco')!.upn);
  const records = app.running.records;
  // A TA, and three pupils they do not yet see: not in their classes, not assigned, in none of their interventions.
  const person = school.staff.find((s) => s.role === 'teaching-assistant')!;
  ta = { id: person.id, name: person.displayName, token: await app.userToken(person.upn) };
  const theirs = new Set([
    ...school.classes.filter((c) => c.teachingAssistantIds.includes(person.id)).flatMap((c) => c.pupilIds),
    ...records
      .taAssignments()
      .filter((a) => a.staffUserId === person.id)
      .map((a) => a.pupilId),
    ...records
      .interventions()
      .filter((v) => v.value.staff.some((s) => s.userId === person.id))
      .flatMap((v) => v.value.pupils.map((p) => p.pupilId)),
  ]);
  const unseen = records
    .pupils()
    .filter((p) => !theirs.has(p.id))
    .map((p) => p.id);
  pupilIds = unseen.slice(0, 3);
  sparePupilIds = unseen.slice(3, 6);
  expect(sparePupilIds).toHaveLength(3);
}, 240_000);

afterAll(async () => {
  await app?.stop();
});

describe('the SENCO adds an intervention with three pupils and a TA', () => {
  it('records a week of sessions; attendance and cost follow; a day recorded twice is stored once', async () => {
    // Before: the TA may not see the pupils (not in their classes, not assigned).
    expect((await call(ta.token, 'GET', `/api/pupils/${pupilIds[0]}`)).status).toBe(404);

    const created = await call(senco, 'POST', '/api/interventions', body());
    expect(created.status).toBe(201);
    const id = created.body.intervention.id as string;
    expect((created.body.intervention.pupils as Json[]).map((p) => p['pupilId'] as string)).toEqual(pupilIds);
    expect(await stored(INTERVENTION_PUPILS_LIST, 'InterventionId', id)).toHaveLength(3);

    // Named on the intervention, the TA now sees its pupils (from other classes too) as class staff do.
    const seen = await call(ta.token, 'GET', `/api/pupils/${pupilIds[0]}`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toMatch(/"contacts"|"senProvision"/);

    // A week: five days, the third pupil away on two of them; the TA leaves a note on one.
    const [a, b, c] = pupilIds as [string, string, string];
    for (let day = 0; day < 5; day++) {
      const absent = day === 1 || day === 3 ? [c] : [];
      const res = await call(ta.token, 'POST', `/api/interventions/${id}/sessions`, {
        date: addDays(today, -4 + day),
        attendedPupilIds: [a, b, c].filter((p) => !absent.includes(p)),
        absentPupilIds: absent,
        ...(day === 2 ? { note: 'Both boys keen; bonds to 10 secure' } : {}),
      });
      expect(res.status).toBe(201);
    }
    // The same day sent again (a second click): stored once, attendance not doubled.
    const again = await call(ta.token, 'POST', `/api/interventions/${id}/sessions`, {
      date: addDays(today, -4),
      attendedPupilIds: [a, b, c],
      absentPupilIds: [],
    });
    expect(again.status).toBe(201);
    expect(await stored(INTERVENTION_SESSIONS_LIST, 'InterventionId', id)).toHaveLength(5);

    const map = await call(senco, 'GET', '/api/interventions');
    const mine = (map.body.interventions as Json[]).find((i) => i.id === id)!;
    expect(
      (mine['pupils'] as Json[]).map((p) => [p['sessionsAttended'], p['sessionsOffered']] as unknown[]),
    ).toEqual([
      [5, 5],
      [5, 5],
      [3, 5],
    ]);
    // 5 × 20 minutes in the week it has run (1 week) at £18 an hour: £30; 13 places attended.
    expect(mine.costLine).toMatchObject({
      cost: 30,
      sessionsOffered: 15,
      sessionsAttended: 13,
      costPerSessionAttended: 2.31,
    });
    expect(mine.impact.attendancePercent).toBe(86.7);
    expect(mine.sessionNotes).toEqual([
      expect.objectContaining({ date: addDays(today, -2), note: 'Both boys keen; bonds to 10 secure' }),
    ]);
  }, 120_000);

  it('finds the TA by name, and assigning or removing them changes whose passports they may see', async () => {
    // An intervention run by name only: the TA does not see its pupils.
    const created = await call(
      senco,
      'POST',
      '/api/interventions',
      body({
        staff: [{ name: 'Visiting tutor', role: 'Tutor' }],
        pupils: sparePupilIds.map((pupilId) => ({ pupilId, entryMeasure: 5 })),
      }),
    );
    expect(created.status).toBe(201);
    const first = sparePupilIds[0]!;
    expect((await call(ta.token, 'GET', `/api/pupils/${first}/passport`)).status).toBe(404);

    // The SENCO finds the TA by the start of their family name; pupils are never among the answers.
    const family = ta.name.split(' ').at(-1)!;
    const found = await call(senco, 'GET', `/api/staff?search=${encodeURIComponent(family.slice(0, 3))}`);
    expect(found.status).toBe(200);
    const hit = (found.body.staff as Json[]).find((s) => s['userId'] === ta.id);
    expect(hit).toMatchObject({ name: ta.name });
    const pupils = app.local365.school.pupils;
    const pupilUserIds = new Set(pupils.map((p) => p.id));
    // A pupil's family name matches accounts of pupils in the directory: none of them is offered.
    const pupilSearch = await call(
      senco,
      'GET',
      `/api/staff?search=${encodeURIComponent(pupils[0]!.surname)}`,
    );
    expect(pupilSearch.status).toBe(200);
    for (const answer of [found, pupilSearch]) {
      expect((answer.body.staff as Json[]).some((s) => pupilUserIds.has(s['userId'] as string))).toBe(false);
    }
    expect((await call(ta.token, 'GET', `/api/staff?search=${family.slice(0, 3)}`)).status).toBe(403);
    // A quote in a name is sent to the directory as OData text, not as the end of it.
    const quoted = await call(senco, 'GET', `/api/staff?search=${encodeURIComponent("O'B")}`);
    expect(quoted.status).toBe(200);
    const tooShort = await call(senco, 'GET', '/api/staff?search=a');
    expect(tooShort.status).toBe(400);
    expect(JSON.stringify(tooShort.body)).toContain('type at least 2 letters of a name');

    // Assigned: the TA sees the intervention and its pupils' passports (pupils from other classes too).
    const details = (v: Json) => ({
      name: v['name'],
      areaOfNeed: v['areaOfNeed'],
      delivery: v['delivery'],
      sessionsPerWeek: v['sessionsPerWeek'],
      minutesPerSession: v['minutesPerSession'],
      costPerHour: v['costPerHour'],
      startOn: v['startOn'],
      measure: v['measure'],
    });
    const v1 = created.body.intervention as Json;
    const assigned = await call(senco, 'PUT', `/api/interventions/${v1['id']}`, {
      ...details(v1),
      staff: [...(v1['staff'] as Json[]), { name: hit!['name'], role: 'Teaching assistant', userId: ta.id }],
      expectedETag: v1['eTag'],
    });
    expect(assigned.status).toBe(200);
    expect((await call(ta.token, 'GET', `/api/pupils/${first}/passport`)).status).toBe(200);
    const theirMap = await call(ta.token, 'GET', '/api/interventions');
    expect((theirMap.body.interventions as Json[]).some((i) => i['id'] === v1['id'])).toBe(true);

    // Removed: what they saw through it is gone again.
    const v2 = assigned.body.intervention as Json;
    const removed = await call(senco, 'PUT', `/api/interventions/${v2['id']}`, {
      ...details(v2),
      staff: [{ name: 'Visiting tutor', role: 'Tutor' }],
      expectedETag: v2['eTag'],
    });
    expect(removed.status).toBe(200);
    expect((await call(ta.token, 'GET', `/api/pupils/${first}/passport`)).status).toBe(404);
  }, 60_000);

  it('sent again with the same id (a retry), stores the intervention and its pupils once', async () => {
    const first = body();
    expect((await call(senco, 'POST', '/api/interventions', first)).status).toBe(201);
    const second = await call(senco, 'POST', '/api/interventions', first);
    expect(second.status).toBe(201);
    expect(await stored(INTERVENTIONS_LIST, 'InterventionId', first.id)).toHaveLength(1);
    expect(await stored(INTERVENTION_PUPILS_LIST, 'InterventionId', first.id)).toHaveLength(3);
  }, 60_000);

  it('a change from a stale version is a 409 with the intervention as now stored', async () => {
    const created = (await call(senco, 'POST', '/api/interventions', body())).body.intervention as Json;
    const { id, eTag, pupils: _p, ...rest } = created;
    const details = {
      name: rest.name,
      areaOfNeed: rest.areaOfNeed,
      staff: rest.staff,
      delivery: rest.delivery,
      sessionsPerWeek: rest.sessionsPerWeek,
      minutesPerSession: rest.minutesPerSession,
      costPerHour: rest.costPerHour,
      startOn: rest.startOn,
      measure: rest.measure,
    };
    const first = await call(senco, 'PUT', `/api/interventions/${id}`, {
      ...details,
      sessionsPerWeek: 3,
      expectedETag: eTag,
    });
    expect(first.status).toBe(200);
    expect(first.body.intervention.sessionsPerWeek).toBe(3);
    const stale = await call(senco, 'PUT', `/api/interventions/${id}`, {
      ...details,
      name: 'Number sense',
      expectedETag: eTag,
    });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.body)).toContain('"sessionsPerWeek":3');
    expect(JSON.stringify(stale.body)).not.toContain('entryMeasure');
    // Ended with the version now stored: on the map with its end date.
    const ended = await call(senco, 'PUT', `/api/interventions/${id}`, {
      ...details,
      endOn: today,
      expectedETag: first.body.intervention.eTag,
    });
    expect(ended.status).toBe(200);
    expect(ended.body.intervention.endOn).toBe(today);
  }, 60_000);

  it('pupils join and leave; bad input is named in plain words', async () => {
    const created = (await call(senco, 'POST', '/api/interventions', body({ pupils: [] }))).body
      .intervention as Json;
    const joined = await call(senco, 'POST', `/api/interventions/${created.id}/pupils`, {
      pupilId: pupilIds[0],
    });
    expect(joined.status).toBe(201);
    const twice = await call(senco, 'POST', `/api/interventions/${created.id}/pupils`, {
      pupilId: pupilIds[0],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields).toEqual([
      { path: 'pupilId', message: 'This pupil is already in the intervention' },
    ]);
    const eTag = joined.body.intervention.pupilETags[pupilIds[0]!];
    const left = await call(senco, 'POST', `/api/interventions/${created.id}/pupils/${pupilIds[0]}/leave`, {
      expectedETag: eTag,
    });
    expect(left.status).toBe(200);
    expect(left.body.intervention.pupils[0].leftOn).toBe(today);

    const bad = await call(
      senco,
      'POST',
      '/api/interventions',
      body({ staff: [], costPerSession: 40, sessionsPerWeek: 0, pupils: [{ pupilId: 'nobody' }] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'staff', message: 'Staff: name at least one person who delivers it' },
        { path: 'sessionsPerWeek', message: 'Sessions per week must be more than 0' },
        {
          path: 'costPerHour',
          message: 'Cost: give either a cost per hour of staff time or a cost per session',
        },
      ]),
    );
  }, 60_000);
});

describe('referrals', () => {
  it('an overdue response is on the due work until a report is received', async () => {
    const pupilId = pupilIds[1]!;
    const professional = await call(senco, 'POST', '/api/professionals', {
      name: 'Dr Amara Okafor',
      profession: 'educational-psychologist',
      organisation: 'County Educational Psychology Service',
      email: 'amara.okafor@county.example',
      pupilId,
    });
    expect(professional.status).toBe(201);
    const professionalId = professional.body.professional.id as string;
    const linked = await call(senco, 'GET', `/api/pupils/${pupilId}/professionals`);
    expect((linked.body.professionals as Json[]).map((p) => p['id'] as string)).toContain(professionalId);

    const sent = await call(senco, 'POST', `/api/pupils/${pupilId}/referrals`, {
      service: 'educational-psychologist',
      professionalId,
      sentOn: addDays(today, -60),
      question: 'Assessment of working memory',
      responseDueOn: addDays(today, -1),
    });
    expect(sent.status).toBe(201);
    expect(sent.body.referral.overdue).toBe(true);
    const due = await call(senco, 'GET', '/api/due-work');
    const item = (due.body.items as Json[]).find((i) => i.kind === 'referral' && i.pupilId === pupilId);
    expect(item?.step).toMatchObject({
      status: 'overdue',
      label: 'Response to the referral to Educational psychologist',
    });

    const { id, eTag, overdue: _o, answeredOn: _a, pupilId: _p, ...referral } = sent.body.referral;
    const answered = await call(senco, 'PUT', `/api/pupils/${pupilId}/referrals/${id}`, {
      ...referral,
      reports: [{ receivedOn: today, title: 'Educational psychology report' }],
      expectedETag: eTag,
    });
    expect(answered.status).toBe(200);
    expect(answered.body.referral).toMatchObject({ overdue: false, answeredOn: today });
    const after = await call(senco, 'GET', '/api/due-work');
    expect((after.body.items as Json[]).some((i) => i.kind === 'referral' && i.pupilId === pupilId)).toBe(
      false,
    );
    const stale = await call(senco, 'PUT', `/api/pupils/${pupilId}/referrals/${id}`, {
      ...referral,
      expectedETag: eTag,
    });
    expect(stale.status).toBe(409);
  }, 60_000);
});
