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

export function createProblemLog(log: { warn(line: string): void; info(line: string): void }): ProblemLog {
  const last = new Map<string, OutlookCheckProblem['kind']>();
  return {
    note(userId, problem) {
      const before = last.get(userId);
      if (problem?.kind === before) return;
      if (problem) {
        last.set(userId, problem.kind);
        log.warn(
          `Outlook check: the calendar of ${userId} could not be read (${problem.kind}): ${problem.message}`,
        );
      } else {
        last.delete(userId);
        log.info(`Outlook check: the calendar of ${userId} is read again.`);
      }
    },
  };
}
