import { changesLine, createProblemLog } from './outlook-check-log.ts';

const NO_TOKEN = { kind: 'no-token', message: 'No sign-in since SENCO Hub started.' } as const;
const BUSY = { kind: 'busy', message: 'Outlook was busy.' } as const;

function logged() {
  const lines: string[] = [];
  const log = createProblemLog({
    warn: (line) => lines.push(`warn ${line}`),
    info: (line) => lines.push(`info ${line}`),
  });
  return { lines, log };
}

it('says once that a calendar cannot be read, however many runs find it so', () => {
  const { lines, log } = logged();
  for (let run = 0; run < 5; run++) log.note('senco', NO_TOKEN);
  expect(lines).toEqual([
    'warn Outlook check: the calendar of organiser senco could not be read (no-token): no delegated token is held ' +
      'for them (they have not opened SENCO Hub since the server started, or Microsoft 365 asks them to sign in ' +
      'again); it is read again when they next open SENCO Hub.',
  ]);
});

it('speaks of the organiser to whoever reads the log, never to them as "you"', () => {
  const { lines, log } = logged();
  const kinds = ['no-token', 'consent', 'busy', 'failed'] as const;
  kinds.forEach((kind, i) =>
    log.note(`organiser-${i}`, { kind, message: 'Your Outlook could not be read by you.' }),
  );
  expect(lines).toHaveLength(4);
  for (const line of lines) {
    expect(line).not.toMatch(/\byou(r)?\b/i);
    expect(line).toMatch(/could not be read \((no-token|consent|busy|failed)\): \S.+\.$/);
  }
});

it('counts the meetings brought into line in words that agree with the number', () => {
  expect(changesLine(0)).toBeUndefined();
  expect(changesLine(1)).toBe(
    'Outlook check: 1 meeting moved or cancelled in Outlook was brought into line.',
  );
  expect(changesLine(3)).toBe(
    'Outlook check: 3 meetings moved or cancelled in Outlook were brought into line.',
  );
});

it('says again when the reason changes, once when it is read again, and nothing while all is well', () => {
  const { lines, log } = logged();
  log.note('senco', undefined);
  log.note('senco', NO_TOKEN);
  log.note('senco', BUSY);
  log.note('senco', BUSY);
  log.note('senco', undefined);
  log.note('senco', undefined);
  log.note('senco', NO_TOKEN);
  expect(
    lines.map((l) => l.split(':')[0] + (/could not be read (\([^)]+\))/.exec(l)?.[1] ?? ' read again')),
  ).toEqual([
    'warn Outlook check(no-token)',
    'warn Outlook check(busy)',
    'info Outlook check read again',
    'warn Outlook check(no-token)',
  ]);
});

it('keeps each organiser apart', () => {
  const { lines, log } = logged();
  log.note('senco', NO_TOKEN);
  log.note('assistant', NO_TOKEN);
  log.note('senco', NO_TOKEN);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('assistant');
});
