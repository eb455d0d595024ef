import { addDays, formatCalendarDate, type CalendarDate } from '../../domain/calendar-date.ts';
import { minutesOfTime } from '../../domain/school-calendar.ts';
import { addBotToTeam, manifestResourceSpecificPermissions } from '../../local365/connector/team-install.ts';
import type { Local365 } from '../../local365/local365.ts';
import type { SendRecords } from '../../graph/send-records.ts';
import { londonTime } from '../reminders/london-time.ts';
import type { ReminderScheduler, RunReport } from '../reminders/reminder-scheduler.ts';

/**
 * Reminders over simulated days on the local stand-in (npm run reminders, and tests): the scheduler runs once a
 * day just after the posting time, on a clock the caller moves, and each day's posts are reported.
 */

/** The instant a London wall-clock time on `date` happens (GMT in winter, BST in summer). */
export function londonInstant(date: CalendarDate, minutes: number): Date {
  const guess = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // England is UTC or UTC+1: try both offsets and keep the one that reads back as the wanted wall time.
  for (const offsetMinutes of [0, 60]) {
    const instant = new Date(guess - offsetMinutes * 60_000);
    const back = londonTime(instant);
    if (back.date === date && back.minutes === minutes) return instant;
  }
  return new Date(guess);
}

export type SimulatedClock = { now: () => Date; set(instant: Date): void };

export function simulatedClock(start: Date): SimulatedClock {
  let current = start;
  return {
    now: () => current,
    set(instant) {
      current = instant;
    },
  };
}

/**
 * The demo school's staff team SEND channel as the reminders channel (if none is chosen yet), and the bot
 * added to that team (if it is not there yet), as the SENCO would do in Teams and in Settings.
 */
export async function prepareDemoReminders(options: {
  local365: Local365;
  records: SendRecords;
  botEndpoint: string;
  tenantId: string;
  /** The app's client id: the team owner grants its manifest's resource-specific permissions as they add it. */
  clientId: string;
  installed: () => Promise<{ teamId: string | undefined; gone?: unknown }[]>;
}): Promise<string[]> {
  const { local365, records } = options;
  const done: string[] = [];
  const team = local365.school.staffTeam;
  const senco = local365.school.staff.find((s) => s.appRoles.includes('Senco'))!;
  if (!(await options.installed()).some((c) => c.teamId === team.groupId && !c.gone)) {
    await addBotToTeam({
      botEndpoint: options.botEndpoint,
      connector: local365.connector,
      tenantId: options.tenantId,
      team,
      installedBy: { id: senco.id, displayName: senco.displayName },
      clientId: options.clientId,
    });
    done.push(`Added the SENCO Hub bot to ${team.displayName}.`);
  } else {
    local365.connector.installInTeam(
      team.groupId,
      team.channels.map((c) => c.id),
      { clientId: options.clientId, resourceSpecific: manifestResourceSpecificPermissions() },
    );
  }
  const current = records.settings();
  if (!current.value.reminders.channel) {
    const channel = team.channels.find((c) => c.displayName === 'SEND') ?? team.channels[0]!;
    await records.saveSettings({
      settings: {
        ...current.value,
        reminders: {
          ...current.value.reminders,
          channel: {
            teamId: team.groupId,
            teamName: team.displayName,
            channelId: channel.id,
            channelName: channel.displayName,
          },
        },
      },
      expectedETag: current.eTag,
      by: { userId: senco.id, upn: senco.upn, name: senco.displayName },
    });
    done.push(`Chose ${team.displayName} › ${channel.displayName} for reminders.`);
  }
  return done;
}

export type SimulatedDay = { date: CalendarDate; report: RunReport };

/** Runs the scheduler once on each of `days` days from `from`, a minute after the posting time. */
export async function simulateReminderDays(options: {
  scheduler: ReminderScheduler;
  clock: SimulatedClock;
  records: SendRecords;
  from: CalendarDate;
  days: number;
  onDay?: (day: SimulatedDay) => void;
}): Promise<SimulatedDay[]> {
  const out: SimulatedDay[] = [];
  for (let i = 0; i < options.days; i += 1) {
    const date = addDays(options.from, i);
    const postAt = minutesOfTime(options.records.settings().value.reminders.postTime);
    options.clock.set(londonInstant(date, postAt + 1));
    const report = await options.scheduler.runOnce();
    const day = { date, report };
    out.push(day);
    options.onDay?.(day);
  }
  return out;
}

/** One day's report as lines for a person. */
export function describeDay(day: SimulatedDay): string[] {
  const head = formatCalendarDate(day.date);
  const { report } = day;
  const why: Record<NonNullable<RunReport['skipped']>, string> = {
    'not-ready': 'the records are not loaded yet',
    'no-channel': 'no reminders channel is chosen',
    'not-a-school-day': 'not a school day',
    'before-posting-time': 'before the posting time',
    'bot-not-installed': 'the bot is not in the team',
    'channel-deleted': 'the reminders channel was deleted',
  };
  const lines = [`${head}${report.skipped ? ` — nothing new: ${why[report.skipped]}` : ''}`];
  for (const p of report.posted) lines.push(`  posted  ${p.summary}`);
  for (const f of report.failed) lines.push(`  FAILED  ${f.key}: ${f.error}`);
  if (report.alreadySent.length) lines.push(`  (${report.alreadySent.length} due but posted before)`);
  if (report.heldElsewhere.length)
    lines.push(`  (${report.heldElsewhere.length} being posted by another server)`);
  if (
    !report.skipped &&
    [report.posted, report.failed, report.alreadySent, report.heldElsewhere].every((l) => !l.length)
  )
    lines.push('  nothing due');
  return lines;
}
