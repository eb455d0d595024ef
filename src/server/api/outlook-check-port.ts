import type { OutlookStatusAnswer } from '../../contract/bookings.ts';
import type { Actor } from '../../graph/send-records.ts';

/** What the API needs of the periodic Outlook check (src/server/bookings/outlook-check.ts). */
export type OutlookCheckPort = {
  /** How current SENCO Hub is with the meetings `userId` booked. */
  status(userId: string): OutlookStatusAnswer;
  /** Checks the caller's meetings now, with a token exchanged on behalf of them from `assertion`. */
  checkNow(by: Actor, assertion: string): Promise<void>;
};
