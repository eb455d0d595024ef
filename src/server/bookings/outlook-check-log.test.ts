import { createProblemLog } from './outlook-check-log.ts';

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
    'warn Outlook check: the calendar of senco could not be read (no-token): No sign-in since SENCO Hub started.',
  ]);
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
  expect(lines.map((l) => l.split(':')[0] + (/\((.+)\)/.exec(l)?.[0] ?? ' read again'))).toEqual([
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
