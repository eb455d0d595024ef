import { createContext, useContext, type ComponentType, type ReactNode } from 'react';
import type { BookableKind } from '../../../contract/bookings.ts';
import type { Profession } from '../../../domain/professional.schema.ts';

/**
 * What a pupil's record shows from other features: their passport, SEN support plan, exam access
 * arrangements, needs assessment requests, referrals and meeting bookings. This feature does not import
 * those (features stand alone); the app hands them in (src/tab/app/pupil-page.tsx), as React composes.
 */
export type PupilParts = {
  /** All class staff see of a pupil. */
  PassportPage: ComponentType<{ pupilId: string }>;
  SenSupportSection: ComponentType<{ pupilId: string; pupilName: string }>;
  ExamAccessSection: ComponentType<{ pupilId: string }>;
  NeedsAssessmentSection: ComponentType<{ pupilId: string }>;
  ReferralsSection: ComponentType<{ pupilId: string }>;
  AddProfessionalDialog: ComponentType<{
    pupilId: string;
    professionLabels: Record<Profession, string>;
    onClose: () => void;
    onDone: (message: string) => void;
  }>;
  BookMeetingButton: ComponentType<{
    pupilId: string;
    kind: BookableKind;
    label?: string;
    hideButton?: boolean;
  }>;
  OutlookChanges: ComponentType<{ pupilId: string; enabled: boolean }>;
};

const PupilPartsContext = createContext<PupilParts | null>(null);

export function PupilPartsProvider(props: { parts: PupilParts; children: ReactNode }) {
  return <PupilPartsContext.Provider value={props.parts}>{props.children}</PupilPartsContext.Provider>;
}

export function usePupilParts(): PupilParts {
  const parts = useContext(PupilPartsContext);
  if (!parts)
    throw new Error('A pupil’s record needs its parts from the app: wrap it in PupilPartsProvider.');
  return parts;
}
