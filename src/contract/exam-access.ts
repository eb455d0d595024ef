import type { z } from 'zod';
import { expectedETagField } from './version-tag.ts';
import type { AccessArrangementIssue } from '../domain/exam-access.ts';
import { examAccessArrangementSchema, type ExamAccessArrangement } from '../domain/exam-access.schema.ts';

/**
 * Exam access arrangements between the tab and the server: GET and POST /api/pupils/{id}/access-arrangements,
 * PUT …/access-arrangements/{arrangementId}. One record per arrangement; the passport, the class view and the
 * pupil page all show it from there.
 */

export const saveAccessArrangementBody = examAccessArrangementSchema
  .omit({ id: true, pupilId: true })
  .extend({
    expectedETag: expectedETagField,
  })
  .strict();
export type SaveAccessArrangementBody = z.input<typeof saveAccessArrangementBody>;

export type AccessArrangementRecord = {
  arrangement: ExamAccessArrangement;
  eTag: string;
  modifiedAt: string;
  modifiedBy: string | null;
  /** What to check before exams (src/domain/exam-access.ts). */
  issues: AccessArrangementIssue[];
};

export type AccessArrangementsAnswer = {
  pupilId: string;
  arrangements: AccessArrangementRecord[];
  /**
   * Items of the passport's "access arrangements" that name an exam arrangement with no record: kept on the
   * passport as written (they describe the normal way of working in class) and offered for recording.
   */
  unrecordedOnPassport: string[];
};
