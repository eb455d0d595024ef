import type { Capabilities, Me } from '../domain/me-view.ts';

/**
 * GET /api/me → MeAnswer: the caller, their roles, what they may do, the classes they teach and the pupils
 * they may see. The tab reads it as it is: no fallback for another shape.
 */
export type MeAnswer = Me;
export type { Capabilities };
