import type { ExamArrangement } from '../../domain/exam-access.schema.ts';
import type { PupilFlags } from '../../domain/pupil-views.ts';

/** How the tab words a pupil's flags and exam access arrangements (the shapes are in src/domain/pupil-views.ts). */

export const FLAG_LABELS: Record<keyof PupilFlags, { short: string; long: string }> = {
  lookedAfter: { short: 'LAC', long: 'Looked after' },
  pupilPremium: { short: 'PP', long: 'Pupil premium' },
  freeSchoolMeals: { short: 'FSM', long: 'Free school meals' },
  eal: { short: 'EAL', long: 'English as an additional language' },
  topUpFunding: { short: 'Top-up', long: 'High-needs top-up funding' },
};

export const EXAM_ARRANGEMENT_LABELS: Record<ExamArrangement, string> = {
  'extra-time-25': '25% extra time',
  'extra-time-up-to-50': 'Up to 50% extra time',
  'supervised-rest-breaks': 'Supervised rest breaks',
  reader: 'Reader',
  'computer-reader': 'Computer reader',
  scribe: 'Scribe',
  'speech-recognition': 'Speech recognition',
  'word-processor': 'Word processor',
  'separate-room': 'Separate room',
  prompter: 'Prompter',
  'modified-paper': 'Modified paper',
  other: 'Other arrangement',
};
