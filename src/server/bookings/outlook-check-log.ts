import type { OutlookCheckProblem } from '../../contract/bookings.ts';

/**
 * What the Outlook check tells the server's log about each organiser: a line when their calendar stops being
 * readable (and why), and one when it is read again — not the same warning at every run. After a restart no
 * token is held until the person opens SENCO Hub, which would otherwise repeat every few minutes for days.
 */
export type ProblemLog = {
  /** The outcome of one organiser's check: their problem, or undefined when their calendar was read. */
  note(organiserUserId: string, problem: OutlookCheckProblem | undefined): void;
};

/**
 * Why, for whoever reads the server's log (an IT admin, not the organiser): the problem's own message speaks to
 * the organiser in the tab ("no sign-in from you"), so the log says it of them instead. Organisers are named by
 * their Entra object id only, as everywhere in the log.
 */
const FOR_THE_LOG: Record<OutlookCheckProblem['kind'], string> = {
  'no-token':
    'no delegated token is held for them (they have not opened SENCO Hub since the server started, or Microsoft 365 ' +
    'asks them to sign in again); it is read again when they next open SENCO Hub',
  consent: 'the delegated Calendars permissions are not granted to SENCO Hub (docs/deploy.md, step 2)',
  busy: 'Microsoft 365 was busy; it is tried again at the next check',
  failed: 'Microsoft Graph refused or failed the request; it is tried again at the next check',
};

/** The line after a check that found meetings moved or cancelled in Outlook; none when it found none. */
export function changesLine(changed: number): string | undefined {
  if (changed === 0) return undefined;
  return changed === 1
    ? 'Outlook check: 1 meeting moved or cancelled in Outlook was brought into line.'
    : `Outlook check: ${changed} meetings moved or cancelled in Outlook were brought into line.`;
}

export function createProblemLog(log: { warn(line: string): void; info(line: string): void }): ProblemLog {
  const last = new Map<string, OutlookCheckProblem['kind']>();
  return {
    note(userId, problem) {
      const before = last.get(userId);
      if (problem?.kind === before) return;
      if (problem) {
        last.set(userId, problem.kind);
        log.warn(
          `Outlook check: the calendar of organiser ${userId} could not be read (${problem.kind}): ${FOR_THE_LOG[problem.kind]}.`,
        );
      } else {
        last.delete(userId);
        log.info(`Outlook check: the calendar of organiser ${userId} is read again.`);
      }
    },
  };
}
