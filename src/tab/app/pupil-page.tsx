import type { ComponentProps, ReactNode } from 'react';
import { BookMeetingButton, OutlookChanges } from '../features/booking/index.ts';
import { ExamAccessSection } from '../features/exam-access/components/exam-access-section.tsx';
import { NeedsAssessmentSection } from '../features/needs-assessment/index.ts';
import { PassportPage } from '../features/passport/components/passport-page.tsx';
import { PupilPage as PupilRecord } from '../features/pupil/components/pupil-page.tsx';
import { PupilPartsProvider, type PupilParts } from '../features/pupil/pupil-parts.tsx';
import { AddProfessionalDialog } from '../features/referrals/components/referral-dialogs.tsx';
import { ReferralsSection } from '../features/referrals/components/referrals-section.tsx';
import { SenSupportSection } from '../features/sen-support/components/sen-support-section.tsx';

/** The features a pupil's record is made of: composed here, so no feature imports another. */
export const pupilParts: PupilParts = {
  PassportPage,
  SenSupportSection,
  ExamAccessSection,
  NeedsAssessmentSection,
  ReferralsSection,
  AddProfessionalDialog,
  BookMeetingButton,
  OutlookChanges,
};

/** A pupil's record with every part in it (loaded on first use, see pages.ts). */
export function PupilPage(props: ComponentProps<typeof PupilRecord>) {
  return (
    <PupilPartsProvider parts={pupilParts}>
      <PupilRecord {...props} />
    </PupilPartsProvider>
  );
}

/** Any part of a pupil's record, with the parts it shows from other features. */
export function WithPupilParts(props: { children: ReactNode }) {
  return <PupilPartsProvider parts={pupilParts}>{props.children}</PupilPartsProvider>;
}
