/**
 * npm run reminders -- --from 2026-12-07 --days 14
 * Runs the reminder scheduler over simulated days on the local stand-in's data: each day just after the posting
 * time, it posts what is due into the staff channel (through the bot, to the stand-in's Bot Connector) and prints
 * what was posted. Posts are recorded in the Reminder Log, so each is posted once: a second run over the same
 * days posts nothing new. They show on the inspector page (npm start, then /local365/). Stop `npm start` first.
 */
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { isCalendarDate } from '../src/domain/calendar-date.ts';
import { parseConfig } from '../src/server/config.ts';
import {
  describeDay,
  londonInstant,
  prepareDemoReminders,
  simulatedClock,
  simulateReminderDays,
} from '../src/server/local/reminder-simulation.ts';
import { startServer } from '../src/server/main.ts';

const { values } = parseArgs({
  options: { from: { type: 'string' }, days: { type: 'string', default: '14' } },
});
const from = values.from;
const days = Number(values.days);
if (!from || !isCalendarDate(from)) {
  console.error(
    '--from: give the first day as YYYY-MM-DD, e.g. npm run reminders -- --from 2026-12-07 --days 14',
  );
  process.exit(1);
}
if (!Number.isInteger(days) || days < 1 || days > 400) {
  console.error('--days: a whole number of days from 1 to 400');
  process.exit(1);
}
/** A free port for this run's own server (the usual one may be taken). */
const port = await new Promise<number>((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  });
});
const config = parseConfig({
  ...process.env,
  PORT: String(port),
  PUBLIC_URL: '',
  REMINDERS_INTERVAL_MINUTES: '0',
});
if (config.mode !== 'local') {
  console.error(
    'npm run reminders is for the local stand-in; unset the tenant settings (TENANT_ID, CLIENT_ID, …).',
  );
  process.exit(1);
}
const usual = Number(process.env['PORT'] ?? 3978);
if (
  await fetch(`http://localhost:${usual}/api/health`).then(
    (r) => r.ok,
    () => false,
  )
) {
  console.error(`SENCO Hub is running on port ${usual}: stop it first (it uses the same local data).`);
  process.exit(1);
}

const clock = simulatedClock(londonInstant(from, 6 * 60));
console.log('Starting SENCO Hub on the local data…');
const running = await startServer(config, { now: clock.now });
try {
  await running.ready;
  const baseUrl = `http://localhost:${running.port}`;
  const prepared = await prepareDemoReminders({
    local365: running.local365!,
    records: running.records,
    botEndpoint: `${baseUrl}/api/messages`,
    tenantId: config.tenantId,
    clientId: config.clientId,
    installed: () => running.bot.conversations(),
  });
  for (const line of prepared) console.log(line);
  const channel = running.records.settings().value.reminders.channel!;
  console.log(
    `Reminders go to ${channel.teamName ?? 'the team'} › ${channel.channelName ?? channel.channelId}.\n`,
  );
  const scheduler = running.reminders()!;
  const simulated = await simulateReminderDays({
    scheduler,
    clock,
    records: running.records,
    from: from,
    days,
    onDay: (day) => console.log(describeDay(day).join('\n')),
  });
  const posted = simulated.reduce((n, d) => n + d.report.posted.length, 0);
  const failed = simulated.reduce((n, d) => n + d.report.failed.length, 0);
  console.log(
    `\n${posted} posted${failed ? `, ${failed} failed (they are tried again on the next run)` : ''}.`,
  );
  console.log('See them on the inspector page: npm start, then http://localhost:3978/local365/');
} finally {
  await running.close();
}
