/**
 * The messaging extension end to end: Teams-shaped invoke activities posted to /api/messages on the whole app
 * in local mode, for every kind of person. What each finds must be exactly what the API lets them open; the
 * card that goes into a chat carries nothing of the passport; each person's own view (the card's refresh)
 * shows the passport only to the SEND team and the pupil's own teachers and TAs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOW_PASSPORT_VERB } from '../src/cards/passport-cards.ts';
import { schemaErrors } from '../src/cards/testing/card-checks.ts';
import { passportPage, tabWebUrl } from '../src/cards/tab-links.ts';
import type { Pupil } from '../src/domain/pupil.schema.ts';
import type { DemoStaff } from '../src/local365/seed/demo-school.types.ts';
import { SENCO_HUB_APP_ROLES } from '../src/local365/identity/graph-permissions.ts';
import { APP_ROLE_IDS } from '../src/server/access/caller.ts';
import { parsePage } from '../src/tab/app/route.ts';
import { copyDemoSchool, startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
type Person = { id: string; name: string };
const people = {} as Record<
  'senco' | 'sendTeam' | 'headteacher' | 'teacher' | 'otherTeacher' | 'ta' | 'office' | 'pupil' | 'guest',
  Person
>;
let pupil: Pupil;
let otherClassPupil: Pupil;
const CHAT = '19:meeting-chat-1@thread.v2';

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  const school = app.local365.school;
  const records = app.running.records;
  const staff = (role: DemoStaff['role']) => school.staff.filter((s) => s.role === role);
  const withPassport = records
    .taAssignments()
    .find((a) => records.passport(a.pupilId) && records.pupil(a.pupilId));
  if (!withPassport) throw new Error('The demo school has no TA-supported pupil with a passport');
  pupil = records.pupil(withPassport.pupilId)!;
  const cls = school.classes.find((c) =>
    c.pupilIds.some((id) => school.pupils.find((p) => p.id === id)?.dfeUpn === pupil.upn),
  )!;
  const teachers = staff('teacher').filter((s) => s.appRoles.length === 0);
  const teacher = teachers.find((t) => cls.teacherIds.includes(t.id))!;
  const otherClass = school.classes.find(
    (c) => !c.teacherIds.includes(teacher.id) && c.teacherIds.some((t) => teachers.some((x) => x.id === t)),
  )!;
  const otherTeacher = teachers.find((t) => otherClass.teacherIds.includes(t.id))!;
  otherClassPupil = records
    .pupils()
    .find(
      (p) =>
        otherClass.pupilIds.some((id) => school.pupils.find((x) => x.id === id)?.dfeUpn === p.upn) &&
        records.passport(p.id),
    )!;
  const ta = school.staff.find((s) => s.id === withPassport.staffUserId)!;
  const as = (s: { id: string; displayName: string }) => ({ id: s.id, name: s.displayName });
  Object.assign(people, {
    senco: as(staff('senco')[0]!),
    sendTeam: as(staff('assistant-senco')[0]!),
    headteacher: as(staff('headteacher')[0]!),
    teacher: as(teacher),
    otherTeacher: as(otherTeacher),
    ta: as(ta),
    office: as(staff('office')[0]!),
    pupil: { id: school.pupils[0]!.id, name: 'A pupil' },
    guest: { id: randomUUID(), name: 'A guest' },
  });
  // The group chat the card is shared in: the SENCO, the teacher, the office manager and a pupil.
  app.local365.connector.setMembers(
    CHAT,
    [people.senco, people.teacher, people.office, people.pupil].map((p) => ({
      id: `29:${p.id}`,
      aadObjectId: p.id,
      name: p.name,
    })),
  );
});
afterAll(async () => {
  await app?.stop();
});

function activity(person: Person, name: string, value: unknown, overrides: Record<string, unknown> = {}) {
  return {
    type: 'invoke',
    name,
    value,
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: app.local365.connector.serviceUrl(),
    from: { id: `29:${person.id}`, aadObjectId: person.id, name: person.name },
    recipient: { id: '28:senco-hub-bot', name: 'SENCO Hub' },
    conversation: { id: CHAT, conversationType: 'groupChat', tenantId: app.config.tenantId },
    channelData: { tenant: { id: app.config.tenantId } },
    ...overrides,
  };
}

type Card = {
  body: unknown[];
  actions?: { type: string; title: string; url?: string }[];
  refresh?: { action: Record<string, unknown>; userIds?: string[] };
};
type Attachment = {
  contentType: string;
  content: Card;
  preview: { content: { title: string; subtitle: string; tap: { value: { pupilId: string } } } };
};
type Answer = {
  composeExtension: { type: 'result'; attachments: Attachment[] } | { type: 'message'; text: string };
  statusCode?: number;
  value?: Card;
};

const attachmentsOf = (answer: Answer) =>
  answer.composeExtension.type === 'result' ? answer.composeExtension.attachments : [];
const idsOf = (answer: Answer) => attachmentsOf(answer).map((a) => a.preview.content.tap.value.pupilId);

async function invoke(body: unknown): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Answer };
}

const query = (
  person: Person,
  q: string | undefined,
  options: { skip?: number; initialRun?: boolean } = {},
) =>
  invoke(
    activity(person, 'composeExtension/query', {
      commandId: 'findPupil',
      parameters: options.initialRun ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'q', value: q }],
      queryOptions: { skip: options.skip ?? 0, count: 25 },
    }),
  );

/** Every pupil initialRun lists for a person, page by page. */
async function everyoneListed(person: Person): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let skip = 0; ; skip += 25) {
    const { status, json } = await query(person, undefined, { skip, initialRun: true });
    expect(status).toBe(200);
    if (json.composeExtension.type === 'message') break;
    for (const id of idsOf(json)) ids.add(id);
    if (attachmentsOf(json).length < 25) break;
  }
  return ids;
}

/** The pupils the API lets a person open (GET /api/pupils/{id} answers 200). */
async function apiVisible(upn: string): Promise<Set<string>> {
  const token = await app.userToken(upn);
  const visible = new Set<string>();
  for (const p of app.running.records.pupils()) {
    const res = await fetch(`${app.baseUrl}/api/pupils/${p.id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.status === 200) visible.add(p.id);
    else expect([403, 404]).toContain(res.status);
  }
  return visible;
}

const upnOf = (person: Person) =>
  app.local365.school.staff.find((s) => s.id === person.id)?.upn ??
  app.local365.school.pupils.find((p) => p.id === person.id)?.upn;

describe('search (composeExtension/query)', () => {
  it('lists exactly the pupils each person may open in the API', async () => {
    for (const who of ['senco', 'sendTeam', 'headteacher', 'teacher', 'ta', 'office', 'pupil'] as const) {
      const listed = await everyoneListed(people[who]);
      const visible = await apiVisible(upnOf(people[who])!);
      expect([...listed].sort(), who).toEqual([...visible].sort());
      if (who === 'teacher' || who === 'ta') expect(listed.has(pupil.id), who).toBe(true);
      if (who === 'teacher') expect(listed.size).toBeLessThan(app.running.records.pupils().length);
    }
  }, 120_000);

  it('the SEND team finds the register; the head, office, pupils and guests find none', async () => {
    expect((await everyoneListed(people.senco)).size).toBe(app.running.records.pupils().length);
    for (const who of ['headteacher', 'office'] as const) {
      const { json } = await query(people[who], undefined, { initialRun: true });
      expect(json.composeExtension).toEqual({ type: 'message', text: 'No pupils found.' });
    }
    for (const who of ['pupil', 'guest'] as const) {
      const { json } = await query(people[who], 'a', {});
      expect(json.composeExtension).toEqual({ type: 'message', text: 'SENCO Hub is for school staff.' });
    }
  });

  it('a teacher finds their pupil by name, not another class’s; the preview has name, year and class only', async () => {
    const { json } = await query(people.teacher, pupil.legalSurname);
    const found = attachmentsOf(json).find((a) => a.preview.content.tap.value.pupilId === pupil.id)!;
    expect(found).toBeDefined();
    expect(Object.keys(found.preview.content).sort()).toEqual(['subtitle', 'tap', 'title']);
    // The year once: 'Year 4 Hornbeam', never 'Year 4 · Year 4 Hornbeam'.
    expect(found.preview.content.subtitle).toMatch(/^(Reception|Year \d)\b/);
    expect(found.preview.content.subtitle).not.toMatch(/^(Reception|Year \d) · (Reception|Year \d)/);
    const other = await query(
      people.teacher,
      `${otherClassPupil.legalForename} ${otherClassPupil.legalSurname}`,
    );
    expect(idsOf(other.json)).not.toContain(otherClassPupil.id);
  });

  it('quotes, OData, 5,000 characters or only spaces give results or "No pupils found", never an error', async () => {
    const hostile = [
      `${pupil.legalSurname}'`,
      `"${pupil.legalSurname}"`,
      "fields/Surname eq 'x' or 1 eq 1",
      "') or startswith(fields/UPN,'",
      '$filter=*&$top=999',
      'x'.repeat(5000),
      '     ',
      '',
      '\u202E\u0000',
    ];
    for (const q of hostile) {
      const { status, json } = await query(people.senco, q);
      expect(status, q.slice(0, 20)).toBe(200);
      expect(['result', 'message']).toContain(json.composeExtension.type);
    }
    const quoted = await query(people.senco, `"${pupil.legalSurname}"`);
    expect(idsOf(quoted.json)).toContain(pupil.id);
    const odata = await query(people.senco, "fields/Surname eq 'x' or 1 eq 1");
    expect(odata.json.composeExtension).toEqual({ type: 'message', text: 'No pupils found.' });
    const blank = await query(people.teacher, '     ');
    expect(blank.json.composeExtension.type).toBe('result');
    const bad = await invoke(
      activity(people.senco, 'composeExtension/query', {
        commandId: 'findPupil',
        parameters: 'nonsense',
        queryOptions: { skip: -5, count: 1e9 },
      }),
    );
    expect(bad.status).toBe(200);
  });
});

describe('the shared card (selectItem, queryLink)', () => {
  function expectNothingOfThePassport(card: unknown) {
    const text = JSON.stringify(card);
    const record = app.running.records;
    const passport = record.passport(pupil.id)!.value;
    for (const item of [
      passport.aboutMe,
      ...passport.whatHelpsMe,
      ...passport.strengths,
      ...passport.whatIFindHard,
      ...passport.accessArrangements,
      passport.communication ?? '',
    ]) {
      if (item.trim().length > 3) expect(text).not.toContain(item);
    }
    for (const need of pupil.needs) expect(text).not.toMatch(new RegExp(`\\b${need.code}\\b`));
    expect(text).not.toContain(pupil.upn);
    expect(text).not.toContain(pupil.dateOfBirth);
    expect(text).not.toContain(pupil.legalSurname);
    expect(text).toContain(
      `${pupil.preferredForename ?? pupil.legalForename} ${pupil.legalSurname[0]!.toUpperCase()}.`,
    );
    expect(schemaErrors(card)).toEqual([]);
  }

  it('the chosen result is the card with first name and initial only, refreshing for the chat’s members', async () => {
    const { status, json } = await invoke(
      activity(people.teacher, 'composeExtension/selectItem', { pupilId: pupil.id }),
    );
    expect(status).toBe(200);
    const card = attachmentsOf(json)[0]!.content;
    expectNothingOfThePassport(card);
    expect(card.refresh!.userIds!.sort()).toEqual(
      [people.senco, people.teacher, people.office, people.pupil].map((p) => `8:orgid:${p.id}`).sort(),
    );
    expect(card.refresh!.action).toMatchObject({
      type: 'Action.Execute',
      verb: SHOW_PASSPORT_VERB,
      data: { pupilId: pupil.id },
    });
    const open = card.actions!.find((a) => a.type === 'Action.OpenUrl')!;
    const context = JSON.parse(new URL(open.url!).searchParams.get('context')!) as { subEntityId: string };
    expect(parsePage(context.subEntityId)).toEqual({ name: 'passport', pupilId: pupil.id });
  });

  it('every search result carries the same safe card; a chat the bot is not in gets "Show passport" instead', async () => {
    const { json } = await invoke(
      activity(
        people.teacher,
        'composeExtension/query',
        { commandId: 'findPupil', parameters: [{ name: 'q', value: pupil.legalSurname }] },
        {
          conversation: {
            id: '19:not-installed@thread.v2',
            conversationType: 'groupChat',
            tenantId: app.config.tenantId,
          },
        },
      ),
    );
    const card = attachmentsOf(json).find((a) => a.preview.content.tap.value.pupilId === pupil.id)!.content;
    expectNothingOfThePassport(card);
    expect(card.refresh).not.toHaveProperty('userIds');
    expect(card.actions!.map((a) => a.title)).toEqual(['Show passport', 'Open in SENCO Hub']);
  });

  it('a link to a pupil in the tab unfurls into the same card, for someone who may see them', async () => {
    const url = tabWebUrl(app.config.publicUrl, passportPage(pupil.id));
    const { json } = await invoke(activity(people.ta, 'composeExtension/queryLink', { url }));
    expectNothingOfThePassport(attachmentsOf(json)[0]!.content);
    const refused = await invoke(activity(people.otherTeacher, 'composeExtension/queryLink', { url }));
    expect(refused.json.composeExtension).toEqual({ type: 'message', text: 'No pupils found.' });
    const elsewhere = await invoke(
      activity(people.senco, 'composeExtension/queryLink', {
        url: 'https://elsewhere.example/?page=pupil/x',
      }),
    );
    expect(elsewhere.json.composeExtension.type).toBe('message');
  });

  it('a chosen pupil the person may not see gives no card', async () => {
    for (const who of ['otherTeacher', 'headteacher', 'office', 'pupil', 'guest'] as const) {
      const { status, json } = await invoke(
        activity(people[who], 'composeExtension/selectItem', { pupilId: pupil.id }),
      );
      expect(status).toBe(200);
      expect(json.composeExtension.type, who).toBe('message');
    }
  });
});

describe('each person’s own view (adaptiveCard/action refresh)', () => {
  const refresh = (person: Person, pupilId = pupil.id) =>
    invoke(
      activity(person, 'adaptiveCard/action', {
        action: { type: 'Action.Execute', verb: SHOW_PASSPORT_VERB, data: { pupilId } },
        trigger: 'automatic',
      }),
    );

  it('shows the passport to the SEND team and the pupil’s teacher and TA; nobody else', async () => {
    const aboutMe = app.running.records.passport(pupil.id)!.value.aboutMe;
    for (const who of ['senco', 'sendTeam', 'teacher', 'ta'] as const) {
      const { status, json } = await refresh(people[who]);
      expect(status).toBe(200);
      expect(json.statusCode).toBe(200);
      expect(JSON.stringify(json.value), who).toContain(
        JSON.stringify(aboutMe.trim().slice(0, 40)).slice(1, -1),
      );
      expect(schemaErrors(json.value)).toEqual([]);
    }
    for (const who of ['headteacher', 'otherTeacher', 'office', 'pupil', 'guest'] as const) {
      const { json } = await refresh(people[who]);
      expect(json.statusCode).toBe(200);
      const text = JSON.stringify(json.value);
      expect(text, who).toContain('You don’t have access to this passport.');
      expect(text).not.toContain(aboutMe.trim().slice(0, 20));
    }
  });

  it('nothing is ever posted to or updated in the chat: each view goes back to its asker only', async () => {
    await refresh(people.senco);
    await refresh(people.office);
    // An invoke answer replaces the card for the person who asked; only a message update would change it
    // for everyone, and the bot never sends one.
    expect(app.local365.connector.listActivities({ conversationId: CHAT })).toEqual([]);
  });

  it('each passport shown is audited as a read; refusals show nothing', async () => {
    await app.running.audit.flush();
    const before = app.running.records.auditLog({ pupilId: pupil.id, limit: 1000 }).length;
    await refresh(people.teacher);
    await app.running.audit.flush();
    const entries = app.running.records.auditLog({ pupilId: pupil.id, limit: 1000 });
    expect(entries.length).toBe(before + 1);
    expect(
      entries.find((e) => e.actor.userId === people.teacher.id && e.detail === 'Teams card'),
    ).toMatchObject({
      action: 'read',
      resource: 'passport',
    });
  });

  it('an unknown pupil or verb is answered, not failed', async () => {
    const unknown = await refresh(people.senco, 'no-such-pupil');
    expect(JSON.stringify(unknown.json.value)).toContain('You don’t have access to this passport.');
    const verb = await invoke(
      activity(people.senco, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'other' } }),
    );
    expect(verb.json.statusCode).toBe(400);
  });

  it('passport text a person typed is shown as typed, never as links or formatting', async () => {
    const token = await app.userToken(upnOf(people.senco)!);
    const current = app.running.records.passport(otherClassPupil.id)!;
    // Direction overrides never get this far: the API refuses them (request hygiene); cards strip them too.
    const hostile = '[open me](https://evil.example) **loud** <b>bold</b> reversed';
    const res = await fetch(`${app.baseUrl}/api/pupils/${otherClassPupil.id}/passport`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'If-Match': current.eTag,
      },
      body: JSON.stringify({
        ...current.value,
        id: undefined,
        pupilId: undefined,
        version: undefined,
        reviewedOn: undefined,
        reviewDueOn: undefined,
        updatedBy: undefined,
        aboutMe: hostile,
        whatHelpsMe: [hostile],
      }),
    });
    expect(res.status).toBe(200);
    const { json } = await refresh(people.senco, otherClassPupil.id);
    const blocks: { text: string }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const element = node as { type?: unknown; text?: unknown };
        if (element.type === 'TextBlock') blocks.push({ text: String(element.text) });
        Object.values(node).forEach(walk);
      }
    };
    walk(json.value!.body);
    expect(JSON.stringify(json.value)).toContain(
      '[open me](https://evil.example) **loud** <b>bold</b> reversed',
    );
    for (const block of blocks) expect(block.text).not.toContain('evil.example');
  });
});

describe('who is asking', () => {
  it('the app reads app roles by the ids the app registration gives them', () => {
    expect([...APP_ROLE_IDS].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...SENCO_HUB_APP_ROLES].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});

describe('another tenant', () => {
  it('is refused for every invoke, whichever tenant field names it', async () => {
    const other = randomUUID();
    const variants = [
      {
        conversation: { id: CHAT, conversationType: 'groupChat', tenantId: other },
        channelData: { tenant: { id: other } },
      },
      { channelData: { tenant: { id: other } } },
      { conversation: { id: CHAT, conversationType: 'groupChat' }, channelData: {} },
    ];
    for (const overrides of variants) {
      for (const [name, value] of [
        [
          'composeExtension/query',
          { commandId: 'findPupil', parameters: [{ name: 'initialRun', value: 'true' }] },
        ],
        ['composeExtension/selectItem', { pupilId: pupil.id }],
        [
          'adaptiveCard/action',
          { action: { type: 'Action.Execute', verb: SHOW_PASSPORT_VERB, data: { pupilId: pupil.id } } },
        ],
      ] as const) {
        const { status, json } = await invoke(activity(people.senco, name, value, overrides));
        expect(status, name).toBe(403);
        expect(JSON.stringify(json ?? {})).not.toContain(pupil.legalForename);
      }
    }
  });

  it('an install from another tenant is not stored', async () => {
    const other = randomUUID();
    await invoke({
      ...activity(people.senco, '', undefined, {
        conversation: { id: '19:foreign@thread.tacv2', conversationType: 'channel', tenantId: other },
        channelData: { tenant: { id: other } },
      }),
      type: 'installationUpdate',
      action: 'add',
      name: undefined,
    });
    expect((await app.running.bot.conversations()).map((c) => c.conversationId)).not.toContain(
      '19:foreign@thread.tacv2',
    );
  });
});

describe('conversations the bot is installed in', () => {
  it('are kept in SharePoint: stored once however often the install is reported, and read back after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sencohub-restart-'));
    const db = join(dir, 'local365.sqlite');
    const install = (a: TestApp, serviceUrl: string) =>
      fetch(`${a.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'installationUpdate',
          action: 'add',
          id: `act-${randomUUID()}`,
          channelId: 'msteams',
          serviceUrl,
          from: { id: '29:x', aadObjectId: people.senco.id },
          recipient: { id: '28:senco-hub-bot' },
          conversation: {
            id: '19:staff-send@thread.tacv2',
            conversationType: 'channel',
            tenantId: a.config.tenantId,
          },
          channelData: {
            tenant: { id: a.config.tenantId },
            team: { id: '19:general@thread.tacv2', aadGroupId: a.local365.school.staffTeam.groupId },
          },
        }),
      });
    try {
      // The run's seeded demo school, so the first start does not seed and load it all again.
      await copyDemoSchool(db);
      const first = await startTestApp({ LOCAL365_DB: db });
      await first.running.ready;
      await install(first, 'http://localhost:9/connector/old/');
      await install(first, 'http://localhost:9/connector/new/');
      await first.stop();
      const second = await startTestApp({ LOCAL365_DB: db });
      try {
        await second.running.ready;
        const stored = (await second.running.bot.conversations()).filter(
          (c) => c.conversationId === '19:staff-send@thread.tacv2',
        );
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({
          serviceUrl: 'http://localhost:9/connector/new/',
          conversationType: 'channel',
          teamId: second.local365.school.staffTeam.groupId,
        });
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
