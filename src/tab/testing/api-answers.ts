/**
 * MSW handlers for the tab's tests, typed by the contract: `apiAnswers.get('*\/api/pupils/pupil-1', …)` only
 * type-checks when the resolver answers the shape GET /api/pupils/{id} has in src/contract (or an error body).
 * A change to an answer's shape breaks every fixture that no longer matches, at type-check, rather than
 * leaving tests that pass against answers the server no longer sends. A path with no answer type here is a
 * type error too: add its route below.
 */
import { http, type DefaultBodyType, type HttpResponseResolver, type PathParams } from 'msw';
import type { AuditLogAnswer } from '../../contract/audit.ts';
import type {
  BookingCheckAnswer,
  BookingProposal,
  FreeTimesAnswer,
  MeetingAnswer,
  OutlookCheckAnswer,
  OutlookStatusAnswer,
} from '../../contract/bookings.ts';
import type { DueWorkAnswer } from '../../contract/due-work.ts';
import type { EhcPlanAnswer, ReviewAnswer } from '../../contract/ehc-plans.ts';
import type { AccessArrangementRecord, AccessArrangementsAnswer } from '../../contract/exam-access.ts';
import type {
  InterventionsAnswer,
  MeasuresSavedAnswer,
  ProvisionSummaryAnswer,
  SessionRecordedAnswer,
} from '../../contract/interventions.ts';
import type { MeAnswer } from '../../contract/me.ts';
import type { NeedsAssessmentSavedAnswer, NeedsAssessmentsAnswer } from '../../contract/needs-assessments.ts';
import type {
  AcknowledgementAnswer,
  PassportAnswer,
  PassportHistoryAnswer,
  SavedPassportAnswer,
} from '../../contract/passports.ts';
import type {
  AllProfessionalsAnswer,
  ProfessionalAnswer,
  ProfessionalsAnswer,
  ReferralAnswer,
  ReferralsAnswer,
} from '../../contract/professionals.ts';
import type { InterventionAnswer } from '../../contract/provision.ts';
import type {
  ClassPupilsAnswer,
  PupilAnswer,
  PupilInterventionsAnswer,
  PupilMeetingsAnswer,
  SenHistoryAnswer,
} from '../../contract/pupils.ts';
import type { RetentionAnswer } from '../../contract/retention.ts';
import type { CensusCheckAnswer, RegisterPage, RegisterSummaryAnswer } from '../../contract/register.ts';
import type { SenSupportPlanAnswer } from '../../contract/sen-support-plans.ts';
import type {
  RemindersChannelAnswer,
  RemindersStatusAnswer,
  RolesAnswer,
  SettingsAnswer,
} from '../../contract/settings.ts';
import type { StaffSearchAnswer } from '../../contract/staff.ts';
import type { SubjectAccessExport } from '../../contract/subject-access.ts';
import type { TabSettingsAnswer } from '../../contract/tab-settings.ts';
import type { ErrorAnswer } from '../../contract/errors.ts';

/** What the server answers when it refuses, as src/contract/errors.ts types it (fixtures: ./error-answers.ts). */
export type { ErrorAnswer };

/** Answers with no body (204), or a body that is not JSON (a proxy's error page). */
type NoBody = null | undefined | string;

type Pupil = `${string}/api/pupils/${string}`;

/** GET paths, most specific first: the first pattern a path matches gives its answer. */
export type GetAnswer<P extends string> = P extends `${Pupil}/passport/history`
  ? PassportHistoryAnswer
  : P extends `${Pupil}/ehc-plan`
    ? EhcPlanAnswer
    : P extends `${Pupil}/history`
      ? SenHistoryAnswer
      : P extends `${Pupil}/meetings`
        ? PupilMeetingsAnswer
        : P extends `${Pupil}/interventions`
          ? PupilInterventionsAnswer
          : P extends `${Pupil}/professionals`
            ? ProfessionalsAnswer
            : P extends `${Pupil}/referrals`
              ? ReferralsAnswer
              : P extends `${Pupil}/passport/history`
                ? PassportHistoryAnswer
                : P extends `${Pupil}/passport`
                  ? PassportAnswer
                  : P extends `${Pupil}/bookings/proposal`
                    ? BookingProposal
                    : P extends `${Pupil}/access-arrangements`
                      ? AccessArrangementsAnswer
                      : P extends `${Pupil}/needs-assessments`
                        ? NeedsAssessmentsAnswer
                        : P extends `${Pupil}/sen-support-plan`
                          ? SenSupportPlanAnswer
                          : P extends `${Pupil}/subject-access-export`
                            ? SubjectAccessExport
                            : P extends `${Pupil}/${string}`
                              ? never
                              : P extends Pupil
                                ? PupilAnswer
                                : P extends `${string}/api/pupils`
                                  ? RegisterPage
                                  : P extends `${string}/api/classes/${string}/pupils`
                                    ? ClassPupilsAnswer
                                    : P extends `${string}/api/me`
                                      ? MeAnswer
                                      : P extends `${string}/api/audit`
                                        ? AuditLogAnswer
                                        : P extends `${string}/api/due-work`
                                          ? DueWorkAnswer
                                          : P extends `${string}/api/register/summary`
                                            ? RegisterSummaryAnswer
                                            : P extends `${string}/api/register/census-check`
                                              ? CensusCheckAnswer
                                              : P extends `${string}/api/interventions`
                                                ? InterventionsAnswer
                                                : P extends `${string}/api/provision/summary`
                                                  ? ProvisionSummaryAnswer
                                                  : P extends `${string}/api/professionals`
                                                    ? AllProfessionalsAnswer
                                                    : P extends `${string}/api/settings/reminders-channel`
                                                      ? RemindersChannelAnswer
                                                      : P extends `${string}/api/settings/roles`
                                                        ? RolesAnswer
                                                        : P extends `${string}/api/settings`
                                                          ? SettingsAnswer
                                                          : P extends `${string}/api/reminders/status`
                                                            ? RemindersStatusAnswer
                                                            : P extends `${string}/api/tab-settings`
                                                              ? TabSettingsAnswer
                                                              : P extends `${string}/api/staff`
                                                                ? StaffSearchAnswer
                                                                : P extends `${string}/api/bookings/outlook-status`
                                                                  ? OutlookStatusAnswer
                                                                  : P extends `${string}/api/retention`
                                                                    ? RetentionAnswer
                                                                    : never;

/** POST and PUT paths, most specific first. */
export type WriteAnswer<P extends string> = P extends `${Pupil}/passport/acknowledgements`
  ? AcknowledgementAnswer
  : P extends `${Pupil}/passport/review` | `${Pupil}/passport`
    ? SavedPassportAnswer
    : P extends `${Pupil}/sen-status` | `${Pupil}/needs`
      ? SenHistoryAnswer
      : P extends `${Pupil}/ehc-plan/reviews` | `${Pupil}/ehc-plan/reviews/${string}`
        ? ReviewAnswer
        : P extends `${Pupil}/ehc-plan` | `${Pupil}/ehc-plan/${string}`
          ? EhcPlanAnswer
          : P extends `${Pupil}/bookings/check`
            ? BookingCheckAnswer
            : P extends `${Pupil}/bookings/free-times`
              ? FreeTimesAnswer
              : P extends `${Pupil}/bookings/outlook-check`
                ? OutlookCheckAnswer
                : P extends `${Pupil}/bookings` | `${Pupil}/bookings/${string}`
                  ? MeetingAnswer
                  : P extends `${Pupil}/referrals` | `${Pupil}/referrals/${string}`
                    ? ReferralAnswer
                    : P extends `${Pupil}/professionals`
                      ? ProfessionalsAnswer
                      : P extends `${Pupil}/access-arrangements` | `${Pupil}/access-arrangements/${string}`
                        ? AccessArrangementRecord
                        : P extends `${Pupil}/needs-assessments` | `${Pupil}/needs-assessments/${string}`
                          ? NeedsAssessmentSavedAnswer
                          : P extends `${Pupil}/sen-support-plan` | `${Pupil}/sen-support-plan/${string}`
                            ? SenSupportPlanAnswer
                            : P extends `${string}/api/interventions/${string}/sessions`
                              ? SessionRecordedAnswer
                              : P extends `${string}/api/interventions/${string}/measures`
                                ? MeasuresSavedAnswer
                                : P extends
                                      `${string}/api/interventions` | `${string}/api/interventions/${string}`
                                  ? InterventionAnswer
                                  : P extends `${string}/api/professionals`
                                    ? ProfessionalAnswer
                                    : P extends `${string}/api/settings`
                                      ? SettingsAnswer
                                      : P extends `${string}/api/register/exports`
                                        ? null
                                        : P extends `${string}/api/bookings/outlook-check`
                                          ? OutlookStatusAnswer
                                          : P extends `${string}/api/retention/holds/${string}`
                                            ? RetentionAnswer
                                            : never;

type Resolver<Answer> = HttpResponseResolver<
  PathParams,
  DefaultBodyType,
  Extract<Answer | ErrorAnswer | NoBody, DefaultBodyType>
>;

/** `http.get` and friends, each answer checked against the contract. */
export const apiAnswers = {
  get: <P extends string>(path: P, resolver: Resolver<GetAnswer<P>>) => http.get(path, resolver),
  post: <P extends string>(path: P, resolver: Resolver<WriteAnswer<P>>) => http.post(path, resolver),
  put: <P extends string>(path: P, resolver: Resolver<WriteAnswer<P>>) => http.put(path, resolver),
};
