import { loadDirectory } from '../directory/load-directory.ts';
import {
  buildTestSchool,
  createTestContext,
  graphCall,
  ids,
  staffMember,
  userCaller,
} from '../directory/test-support.ts';
import { registerCalendarRoutes } from './calendar-routes.ts';

/**
 * calendarView delta as strict as Graph's (https://learn.microsoft.com/en-us/graph/api/event-delta): a window
 * first, pages by Prefer: odata.maxpagesize, opaque links bound to the mailbox, then only what changed, with
 * deleted and cancelled events as @removed.
 */

function setup() {
  const { ctx } = createTestContext('2026-11-23T09:00:00Z');
  const school = buildTestSchool();
  loadDirectory(ctx, school);
  registerCalendarRoutes(ctx);
  return {
    ctx,
    senco: userCaller(staffMember(school, ids.senco)),
    teacher: userCaller(staffMember(school, ids.willowTeacher)),
  };
}
type S = ReturnType<typeof setup>;
type Entry = { id: string; subject?: string; '@removed'?: { reason: string } };
type Page = { value: Entry[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };

const WINDOW = '/me/calendarView/delta?startDateTime=2026-12-01T00:00:00Z&endDateTime=2027-01-01T00:00:00Z';
const london = (dateTime: string) => ({ dateTime, timeZone: 'Europe/London' });
const local = (s: S, link: string) => link.slice(s.ctx.graphBaseUrl().length);

async function makeEvent(s: S, subject: string, day: string): Promise<string> {
  const res = await graphCall(s.ctx, s.senco, 'POST', '/me/events', {
    body: { subject, start: london(`${day}T10:00:00`), end: london(`${day}T11:00:00`) },
  });
  expect(res.status).toBe(201);
  return String(res.json['id']);
}

/** Every page from `path`, with the page sizes seen. */
async function follow(s: S, path: string, caller = s.senco, pageSize = 2) {
  const entries: Entry[] = [];
  const sizes: number[] = [];
  let next: string | undefined = path;
  for (;;) {
    const res = await graphCall(s.ctx, caller, 'GET', next, {
      headers: { Prefer: `odata.maxpagesize=${pageSize}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers?.['Preference-Applied']).toBe(`odata.maxpagesize=${pageSize}`);
    const page = res.json as unknown as Page;
    entries.push(...page.value);
    sizes.push(page.value.length);
    if (page['@odata.deltaLink']) return { entries, sizes, deltaLink: local(s, page['@odata.deltaLink']) };
    expect(page['@odata.nextLink']).toBeDefined();
    next = local(s, page['@odata.nextLink']!);
  }
}

it('pages through the events in the window, then answers only what changed, deletions as @removed', async () => {
  const s = setup();
  const kept = await makeEvent(s, 'Kept', '2026-12-02');
  const moved = await makeEvent(s, 'Moved', '2026-12-03');
  const deleted = await makeEvent(s, 'Deleted', '2026-12-04');
  const cancelled = await makeEvent(s, 'Cancelled', '2026-12-05');
  await makeEvent(s, 'Outside the window', '2027-02-01');

  const first = await follow(s, WINDOW);
  expect(first.entries.map((e) => e.subject)).toEqual(['Kept', 'Moved', 'Deleted', 'Cancelled']);
  expect(first.sizes).toEqual([2, 2]);

  // Nothing changed: nothing to say.
  const quiet = await follow(s, first.deltaLink);
  expect(quiet.entries).toEqual([]);

  await graphCall(s.ctx, s.senco, 'PATCH', `/me/events/${moved}`, {
    body: { start: london('2026-12-10T14:00:00'), end: london('2026-12-10T15:00:00') },
  });
  expect((await graphCall(s.ctx, s.senco, 'DELETE', `/me/events/${deleted}`)).status).toBe(204);
  await graphCall(s.ctx, s.senco, 'POST', `/me/events/${cancelled}/cancel`, { body: { comment: 'No' } });
  const added = await makeEvent(s, 'Added', '2026-12-11');

  const changes = await follow(s, quiet.deltaLink);
  expect(changes.entries.filter((e) => !e['@removed']).map((e) => e.id)).toEqual([moved, added]);
  expect(changes.entries.filter((e) => e['@removed']).map((e) => [e.id, e['@removed']])).toEqual([
    [deleted, { reason: 'deleted' }],
    [cancelled, { reason: 'deleted' }],
  ]);
  expect(changes.entries.map((e) => e.id)).not.toContain(kept);
});

it('an event moved out of the window is removed from it', async () => {
  const s = setup();
  const id = await makeEvent(s, 'Leaving', '2026-12-02');
  const first = await follow(s, WINDOW);
  await graphCall(s.ctx, s.senco, 'PATCH', `/me/events/${id}`, {
    body: { start: london('2027-03-01T10:00:00'), end: london('2027-03-01T11:00:00') },
  });
  expect((await follow(s, first.deltaLink)).entries).toEqual([
    { '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } },
  ]);
});

it('refuses what Graph refuses: no window, unsupported options, and links altered or from another mailbox', async () => {
  const s = setup();
  await makeEvent(s, 'One', '2026-12-02');
  const noWindow = await graphCall(s.ctx, s.senco, 'GET', '/me/calendarView/delta');
  expect(noWindow.status).toBe(400);
  expect(JSON.stringify(noWindow.json)).toContain('startDateTime');
  const select = await graphCall(s.ctx, s.senco, 'GET', `${WINDOW}&$select=subject`);
  expect(select.status).toBe(400);
  expect(JSON.stringify(select.json)).toContain('$select');

  const { deltaLink } = await follow(s, WINDOW);
  const token = new URL(`https://x${deltaLink}`).searchParams.get('$deltatoken')!;
  const [body, sig] = token.split('.');
  const altered = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), p: 0 }),
  ).toString('base64url');
  const tampered = await graphCall(
    s.ctx,
    s.senco,
    'GET',
    `/me/calendarView/delta?$deltatoken=${encodeURIComponent(`${altered}.${sig}`)}`,
  );
  expect(tampered.status).toBe(410);
  expect((await graphCall(s.ctx, s.teacher, 'GET', deltaLink)).status).toBe(410);
  const extra = await graphCall(s.ctx, s.senco, 'GET', `${deltaLink}&startDateTime=2026-12-01T00:00:00Z`);
  expect(extra.status).toBe(400);
});
