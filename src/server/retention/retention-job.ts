import type { CalendarDate } from '../../domain/calendar-date.ts';
import { retentionReview } from '../../domain/retention.ts';
import type { RollPupil } from '../../domain/roll.ts';
import type { RetentionDeletion, RetentionDeletionReport } from '../../graph/retention-deletion.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';

/**
 * The retention check: every pupil off the roll whose retention period is over and who has no legal hold has
 * every SEND record deleted (src/graph/retention-deletion.ts), one pupil at a time. Runs on a schedule and when
 * the SENCO asks; one run at a time.
 */

export type RetentionRunReport = {
  deleted: RetentionDeletionReport[];
  /** Pupils kept by a legal hold although their period is over. */
  held: number;
  /** Why nothing was checked, if so. */
  skipped?: 'empty-roll';
};

export type RetentionJob = {
  run(): Promise<RetentionRunReport>;
  /**
   * Runs every `intervalMs` (0: never on its own), the first time `firstAfterMs` after the start (default
   * 5 minutes: a server restarted often still checks, without adding to the load of its start).
   */
  start(intervalMs: number, firstAfterMs?: number): void;
  stop(): Promise<void>;
};

export function createRetentionJob(deps: {
  records: Pick<SendRecordsReader, 'pupils' | 'settings'>;
  roll: () => Promise<readonly RollPupil[]>;
  deletion: () => Promise<Pick<RetentionDeletion, 'erase'>>;
  today: () => CalendarDate;
  now: () => Date;
  /**
   * Brings the records the API serves up to date: before deciding (a deletion cannot be undone, so it is
   * decided on what SharePoint holds now, holds placed a moment ago included) and after deleting.
   */
  refresh: () => Promise<void>;
  onReport?: (report: RetentionRunReport) => void;
  onError?: (error: unknown) => void;
}): RetentionJob {
  let running: Promise<RetentionRunReport> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function runOnce(): Promise<RetentionRunReport> {
    const review = (rollUpns: ReadonlySet<string>) =>
      retentionReview({
        pupils: deps.records.pupils(),
        rollUpns,
        settings: deps.records.settings().value.retention,
        today: deps.today(),
        withinDays: 0,
      });
    // A deletion cannot be undone: it is decided on what SharePoint holds now.
    await deps.refresh();
    // Nobody's period is over, whoever is on the roll: nothing more to read, nothing to do (the usual day).
    const candidates = review(new Set());
    if (candidates.due.length === 0 && candidates.held.length === 0) return { deleted: [], held: 0 };
    const roll = await deps.roll();
    // An empty roll is a roster not read (School Data Sync not set up, or failing), not a school with no
    // pupils: every pupil would look as if they had left.
    if (roll.length === 0) return { deleted: [], held: 0, skipped: 'empty-roll' };
    const { due, held } = review(new Set(roll.map((p) => p.upn.toUpperCase())));
    const years = deps.records.settings().value.retention.years;
    const deleted: RetentionDeletionReport[] = [];
    if (due.length > 0) {
      const deletion = await deps.deletion();
      for (const pupil of due) {
        deleted.push(
          await deletion.erase({
            pupilId: pupil.pupilId,
            reason: `the school’s retention period (date of birth + ${years} years) is over and the pupil is no longer on roll`,
            at: deps.now(),
          }),
        );
      }
      await deps.refresh();
    }
    return { deleted, held: held.length };
  }

  const job: RetentionJob = {
    run() {
      running ??= runOnce().finally(() => (running = undefined));
      return running;
    },
    start(intervalMs, firstAfterMs = 5 * 60_000) {
      if (intervalMs <= 0) return;
      const tick = () =>
        job.run().then(
          (report) => deps.onReport?.(report),
          (error: unknown) => deps.onError?.(error),
        );
      timer = setTimeout(() => {
        void tick();
        timer = setInterval(() => void tick(), intervalMs);
        timer.unref();
      }, firstAfterMs);
      timer.unref();
    },
    async stop() {
      // A timeout and an interval are cleared alike.
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
  return job;
}
