/**
 * The query-key roots more than one feature meets. Each feature owns its keys in a key factory
 * (`features/<area>/api/keys.ts`, TanStack Query's query key factory pattern:
 * https://tanstack.com/query/latest/docs/framework/react/community/lukemorales-query-key-factory) built on
 * these roots, and a write whose effect shows in another feature invalidates a root here rather than
 * importing that feature. A root belongs here only when two features need it; everything else stays with
 * its feature.
 *
 * Invalidating a root marks every query under it stale (TanStack matches keys by prefix:
 * https://tanstack.com/query/latest/docs/framework/react/guides/query-invalidation).
 */
export const sharedKeys = {
  /** Every pupil: meetings checked against Outlook may have moved for any of them. */
  allPupils: ['pupils'] as const,
  /**
   * Everything about one pupil: their record, passport, plans, history, meetings. Shared because a change
   * made in one pupil feature (a passport saved, a meeting booked) alters what the pupil's other tabs show.
   */
  pupil: (pupilId: string) => ['pupils', pupilId] as const,
  /**
   * The pupil's record (GET /api/pupils/{id}): its SEN status, passport state and acknowledgement are read
   * on the pupil page, and changed by the passport, SEN support plan, exam access and SEN status writes.
   */
  pupilRecord: (pupilId: string) => ['pupils', pupilId, 'record'] as const,
  /**
   * The pupil's passport (GET …/passport): read by the passport feature, the pupil page and the class view's
   * "I've read this"; written by the passport feature.
   */
  passport: (pupilId: string) => ['pupils', pupilId, 'passport'] as const,
  /**
   * The pupil's EHC plan (GET …/ehc-plan): read by the pupil feature; meetings moved in Outlook (booking
   * feature) change its timeline.
   */
  ehcPlan: (pupilId: string) => ['pupils', pupilId, 'ehc-plan'] as const,
  /**
   * The professionals involved with a pupil (GET …/professionals): listed by the pupil feature, added from
   * the referrals feature.
   */
  professionals: (pupilId: string) => ['pupils', pupilId, 'professionals'] as const,
  /**
   * The register: its pages, its numbers and the census check. Shared because an SEN status change, a
   * passport saved or reviewed, or an EHC plan recorded changes its rows; the home view reads its numbers.
   */
  register: ['register'] as const,
  /** Class lists: each pupil's SEN status and passport state, changed by the pupil and passport features. */
  classes: ['classes'] as const,
  /** The home view's due work: every dated duty (reviews, passports, referrals, bookings) feeds it. */
  dueWork: ['due-work'] as const,
  /** The provision map and its numbers: the provision feature writes, the home view reads the summary. */
  provision: ['provision'] as const,
  /**
   * The school's settings (GET /api/settings): written on the settings screen, and by the provision map's
   * notional budget, which reads the same answer.
   */
  schoolSettings: ['settings', 'school'] as const,
  /** Everything the settings screen reads, under which the school's settings sit. */
  settings: ['settings'] as const,
};
