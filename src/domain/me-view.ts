import type { CalendarDate } from './calendar-date.ts';
import type { PupilSummary } from './pupil-views.ts';

/**
 * GET /api/me as the server sends it (src/server/api/me-routes.ts) and the tab reads it. Types only: JSON
 * shapes.
 */

/** What each role may do, from the server's access policy. */
export type Capabilities = {
  /** Whole pupil records, the register with names, and editing them: the SENCO and the SEND team. */
  fullRecords: boolean;
  /** The register's numbers and provision costs, with no individual pupil in them: also the headteacher. */
  aggregates: boolean;
  /** The school's settings for the statutory rules: the SENCO only. */
  settings: boolean;
  /** Who read and changed which record: the SENCO only. */
  auditLog: boolean;
};

export type Me = {
  id: string;
  upn: string;
  displayName: string;
  roles: readonly string[];
  tenantId: string;
  can: Capabilities;
  /** Classes the caller teaches. */
  classes: { id: string; displayName: string; role: string }[];
  /** 'all' for the SEND team (the register lists them); 'own' for class staff, with `pupils`. */
  pupilScope: 'all' | 'own';
  pupils: PupilSummary[];
  /** The school's date today (Europe/London). */
  today: CalendarDate;
};
