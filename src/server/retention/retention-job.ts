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
  /** Runs now and then every `intervalMs` (0: never on its own). */
  start(intervalMs: number): void;
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
    const roll = await deps.roll();
    // An empty roll is a roster not read (School Data Sync not set up, or failing), not a school with no
    // pupils: every pupil would look as if they had left.
    if (roll.length === 0) return { deleted: [], held: 0, skipped: 'empty-roll' };
    await deps.refresh();
    const settings = deps.records.settings().value.retention;
    const review = retentionReview({
      pupils: deps.records.pupils(),
      rollUpns: new Set(roll.map((p) => p.upn.toUpperCase())),
      settings,
      today: deps.today(),
      withinDays: 0,
    });
    const deleted: RetentionDeletionReport[] = [];
    if (review.due.length > 0) {
      const deletion = await deps.deletion();
      for (const due of review.due) {
        deleted.push(
          await deletion.erase({
            pupilId: due.pupilId,
            reason: `the school’s retention period (date of birth + ${settings.years} years) is over and the pupil is no longer on roll`,
            at: deps.now(),
          }),
        );
      }
      await deps.refresh();
    }
    return { deleted, held: review.held.length };
  }

  const job: RetentionJob = {
    run() {
      running ??= runOnce().finally(() => (running = undefined));
      return running;
    },
    start(intervalMs) {
      const tick = () =>
        job.run().then(
          (report) => deps.onReport?.(report),
          (error: unknown) => deps.onError?.(error),
        );
      void tick();
      if (intervalMs > 0) {
        timer = setInterval(() => void tick(), intervalMs);
        timer.unref();
      }
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
  return job;
}
