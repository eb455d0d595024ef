import { parseCalendarDate } from '../../domain/calendar-date.ts';
import { DEFAULT_DOMAIN_SETTINGS } from '../../domain/domain-settings.ts';
import { passportReviewDueOn } from '../../domain/passport.ts';
import type { Intervention } from '../../domain/intervention.schema.ts';
import { interventionImpact } from '../../domain/provision-analytics.ts';
import { provisionOn } from '../../domain/sen-status.ts';
import type { GraphConnection } from '../../graph/graph-client.ts';
import { importWrites } from '../../graph/import-records.ts';
import { createSendRecords } from '../../graph/send-records-replica.ts';
import { SENCO_HUB_SCHEMA } from '../../graph/site-schema.ts';
import { findSiteId } from '../../graph/site.ts';
import { localAppConnection } from '../../graph/testing/local-connection.ts';
import { SENCO_HUB_SITE_PATH } from '../../local365/local365.ts';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import {
  DEMO_IMPORTED_BY,
  demoSendRecords,
  loadDemoRecords,
  meetingHeldBy,
  type DemoLoadProgress,
} from './demo-records.ts';

/** The server loads the demo school into the stand-in's SENCO Hub site as it starts (local mode). */

let app: TestApp;
let graph: GraphConnection;
let siteId: string;

beforeAll(async () => {
  // Fresh, not the run's seeded copy: this file tests the loading a first start does.
  app = await startTestApp({}, { fresh: true });
  await app.running.ready;
  graph = localAppConnection({
    baseUrl: app.baseUrl,
    graphRoot: app.config.graphRoot,
    clientId: app.config.clientId,
  });
  siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}${SENCO_HUB_SITE_PATH}`,
  });
});

afterAll(async () => {
  await app?.stop();
});

describe('demo school records', () => {
  it('maps every register pupil to valid domain records', () => {
    const school = app.local365.school;
    const records = demoSendRecords(school);
    const onRegister = school.pupils.filter((p) => p.send);
    const today = parseCalendarDate(school.generatedFor);
    expect(records.passports).toHaveLength(onRegister.length);
    expect(records.ehcPlans.length + records.senSupportPlans.length).toBe(onRegister.length);
    // Each SEN support plan carries its layer of support, as the plan written in the app does.
    expect(records.senSupportPlans.filter((p) => p.layer === undefined)).toEqual([]);
    const e = records.pupils.filter((p) => provisionOn(p.senProvision, today) === 'E');
    expect(e).toHaveLength(records.ehcPlans.length);
    // Pupils off the register are held only when they take part in an intervention.
    const inInterventions = new Set(
      school.interventions.flatMap((i) => i.participants.map((p) => p.pupilId)),
    );
    expect(records.pupils.every((p) => p.senProvision.length > 0 || inInterventions.has(p.id))).toBe(true);
    // Class teams' TAs support the class's SEND pupils; interventions name who delivers them.
    expect(records.taAssignments.length).toBeGreaterThan(0);
    expect(records.interventions.every((i) => i.staff.every((s) => s.userId))).toBe(true);
    expect(records.pupils.every((p) => p.classIds.length === 1)).toBe(true);
    expect(records.ehcPlans.some((p) => p.reviews[0]?.laDecision)).toBe(true);
  });

  it('dates every passport’s next review by the same rule and setting as a saved one', () => {
    const records = demoSendRecords(app.local365.school);
    expect(records.passports.length).toBeGreaterThan(0);
    for (const p of records.passports)
      expect(p.reviewDueOn).toBe(passportReviewDueOn(p.reviewedOn, DEFAULT_DOMAIN_SETTINGS));
  });

  it('gives every pupil in an intervention the sessions offered as well as attended, so attendance shows', () => {
    const records = demoSendRecords(app.local365.school);
    const places = records.interventions.flatMap((i) => i.pupils);
    expect(places.length).toBeGreaterThan(0);
    for (const p of places) {
      expect(p.sessionsOffered).toBeTypeOf('number');
      expect(p.sessionsAttended).toBeLessThanOrEqual(p.sessionsOffered!);
    }
    const today = parseCalendarDate(app.local365.school.generatedFor);
    const running = records.interventions.filter((i) => i.pupils.some((p) => p.sessionsOffered! > 0));
    expect(running.length).toBeGreaterThan(records.interventions.length / 2);
    for (const i of running) expect(interventionImpact(i, today).attendancePercent).toBeTypeOf('number');
  });

  it('books each upcoming annual review meeting on a weekday, by the date the rules say it must be held', () => {
    const records = demoSendRecords(app.local365.school);
    const today = parseCalendarDate(app.local365.school.generatedFor);
    const upcoming = records.meetings.filter(
      (m) => (m.kind === 'annual-review' || m.kind === 'phase-transfer-review') && m.on > today,
    );
    // How many fall after today depends on the day the school is seeded for; some always do.
    expect(upcoming.length).toBeGreaterThan(0);
    for (const meeting of upcoming) {
      const pupilId = meeting.pupilIds[0]!;
      const plan = records.ehcPlans.find((p) => p.pupilId === pupilId)!;
      const pupil = records.pupils.find((p) => p.id === pupilId)!;
      const heldBy = meetingHeldBy(plan, pupil, today)!;
      expect(meeting.on <= heldBy, `${pupilId}: meeting on ${meeting.on}, must be held by ${heldBy}`).toBe(
        true,
      );
      expect(new Date(`${meeting.on}T12:00:00Z`).getUTCDay() % 6, `${meeting.on} is a weekend day`).not.toBe(
        0,
      );
    }
  });

  it('has every booked review in the SENCO’s Outlook calendar: a Teams meeting in Europe/London inviting its invitees', async () => {
    const school = app.local365.school;
    const records = demoSendRecords(school);
    const senco = school.staff.find((s) => s.role === 'senco')!;
    const outlook = app.userGraph(senco.upn).client;
    const booked = records.ehcPlans.flatMap((plan) =>
      plan.reviews.filter((r) => r.id.endsWith('-review-next')).map((review) => ({ plan, review })),
    );
    expect(booked.length).toBeGreaterThanOrEqual(3);
    for (const { plan, review } of booked) {
      const meeting = records.meetings.find((m) => m.reviewId === review.id)!;
      expect(meeting.on).toBe(review.meetingOn);
      const eventId = records.meetingEventIds.get(meeting.id)!;
      const event = (await outlook
        .api(`/me/events/${eventId}`)
        .header('Prefer', 'outlook.timezone="Europe/London"')
        .get()) as {
        isOnlineMeeting: boolean;
        onlineMeetingProvider: string;
        onlineMeeting: { joinUrl: string } | null;
        start: { dateTime: string; timeZone: string };
        attendees: { emailAddress: { address: string } }[];
        subject: string;
      };
      expect(event.isOnlineMeeting).toBe(true);
      expect(event.onlineMeetingProvider).toBe('teamsForBusiness');
      expect(event.onlineMeeting?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
      expect(event.start.timeZone).toBe('Europe/London');
      expect(event.start.dateTime.startsWith(`${meeting.on}T${meeting.startsAt}`)).toBe(true);
      expect(event.attendees.map((a) => a.emailAddress.address).sort()).toEqual(
        review.invitees.map((i) => i.email).sort(),
      );
      // Calendars are widely visible: initials and the kind of review, no name or need.
      expect(event.subject).toMatch(/^[A-Z]{2} (annual|phase transfer) review$/);
      expect(plan.pupilId).toBe(meeting.pupilIds[0]);
    }
  });

  it('was loaded as the server started, through provisioning and $batch import; loading again changes nothing', async () => {
    const progress: DemoLoadProgress[] = [];
    const again = await loadDemoRecords({
      connection: graph,
      siteId,
      school: app.local365.school,
      onProgress: (p) => progress.push(p),
    });
    const writes = importWrites(demoSendRecords(app.local365.school)).length;
    expect(writes).toBeGreaterThan(500);
    expect(again.provision).toMatchObject({ previousVersion: SENCO_HUB_SCHEMA.version, changes: [] });
    expect(again.imported).toMatchObject({ created: 0, skipped: writes });
    expect(progress).toContainEqual({
      stage: 'provision',
      kind: 'checked',
      lists: SENCO_HUB_SCHEMA.lists.length,
      changesNeeded: 0,
    });
    expect(progress.at(-1)).toMatchObject({ stage: 'import', done: writes, total: writes, failed: 0 });
  });

  it('reads back through the replica as the same domain records', async () => {
    const records = demoSendRecords(app.local365.school);
    const replica = createSendRecords({ connection: graph, siteId, pollIntervalMs: 60_000 });
    await replica.start();
    try {
      expect(replica.pupils()).toHaveLength(records.pupils.length);
      for (const pupil of records.pupils) expect(replica.pupil(pupil.id)).toEqual(pupil);
      for (const p of records.passports) expect(replica.passport(p.pupilId)?.value).toEqual(p);
      // Until someone edits them, the records say they came from the import, not "SharePoint App".
      expect(replica.passport(records.passports[0]!.pupilId)?.modifiedBy).toBe(DEMO_IMPORTED_BY);
      expect(replica.ehcPlan(records.ehcPlans[0]!.pupilId)?.modifiedBy).toBe(DEMO_IMPORTED_BY);
      for (const p of records.ehcPlans) expect(replica.ehcPlan(p.pupilId)?.value).toEqual(p);
      for (const p of records.senSupportPlans) expect(replica.senSupportPlan(p.pupilId)?.value).toEqual(p);
      // Items come back in the order SharePoint created them, which concurrent batches may interleave.
      const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
      const normalised = (list: readonly Intervention[]) =>
        [...list]
          .map((i) => ({ ...i, pupils: [...i.pupils].sort((a, b) => a.pupilId.localeCompare(b.pupilId)) }))
          .sort(byId);
      expect(normalised(replica.interventions().map((i) => i.value))).toEqual(
        normalised(records.interventions),
      );
      expect([...replica.professionals()].sort(byId)).toEqual([...records.professionals].sort(byId));
      expect(replica.taAssignments()).toHaveLength(records.taAssignments.length);
      expect(replica.taAssignments()).toEqual(expect.arrayContaining([...records.taAssignments]));
      const link = records.pupilProfessionals[0]!;
      expect(replica.professionalsFor(link.pupilId).map((p) => p.id)).toContain(link.professionalId);
    } finally {
      await replica.stop();
    }
  });
});
