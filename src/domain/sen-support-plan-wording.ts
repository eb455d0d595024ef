import type { OutcomeProgress, SupportLayer } from './sen-support-plan.schema.ts';

/**
 * Every heading and label a SEN support plan is written, shown and printed with: the one place to change
 * when the revised SEND Code of Practice standardises the Individual Support Plan the Schools White Paper
 * (February 2026) proposes. Stored plans hold keys (a layer, a progress value), never these words, so a new
 * wording applies to every plan at once. The tab's form, page and print view read only from here.
 */

export type PlanSectionKey =
  | 'layer'
  | 'assessment'
  | 'pupilViews'
  | 'parentViews'
  | 'outcomes'
  | 'provision'
  | 'review'
  | 'parentMeetings';

export type PlanWording = {
  /** The plan's name, as parents read it at the top of the printed plan. */
  readonly title: string;
  readonly sections: Readonly<Record<PlanSectionKey, { heading: string; hint: string }>>;
  readonly layers: Readonly<Record<SupportLayer, { label: string; description: string }>>;
  readonly progress: Readonly<Record<OutcomeProgress, string>>;
  readonly layerNotRecorded: string;
  readonly outcome: { readonly measure: string; readonly provision: string; readonly progressNotes: string };
  readonly meeting: {
    readonly on: string;
    readonly attendees: string;
    readonly agreed: string;
    readonly notes: string;
  };
  readonly reviewOn: string;
  readonly reviewedOn: string;
  readonly startedOn: string;
};

export const SEN_SUPPORT_PLAN_WORDING: PlanWording = {
  title: 'SEN support plan',
  sections: {
    layer: {
      heading: 'Layer of support',
      hint: 'Universal, targeted, targeted plus or specialist, as proposed for Individual Support Plans.',
    },
    assessment: {
      heading: 'Assess: what we know',
      hint: 'What the assessments, the teachers, the pupil and the parents tell us about the pupil’s needs.',
    },
    pupilViews: { heading: 'What the pupil says', hint: 'In the pupil’s own words where possible.' },
    parentViews: { heading: 'What the parents say', hint: 'What the parents want for their child.' },
    outcomes: {
      heading: 'Plan: outcomes',
      hint: 'Specific, measurable, achievable, relevant and time-bound: what the pupil will be able to do by the review.',
    },
    provision: { heading: 'Do: the support for each outcome', hint: 'Who does what, how often.' },
    review: {
      heading: 'Review: progress against each outcome',
      hint: 'Agreed with the pupil and the parents at the review.',
    },
    parentMeetings: {
      heading: 'Meetings with the parents',
      hint: 'Schools should meet parents at least three times each year (SEND Code of Practice 2015, para 6.65).',
    },
  },
  layers: {
    universal: { label: 'Universal', description: 'Support every pupil gets in good teaching.' },
    targeted: {
      label: 'Targeted',
      description: 'Extra support in school, such as a small-group intervention.',
    },
    'targeted-plus': {
      label: 'Targeted plus',
      description: 'More intensive support in school, with advice from specialists.',
    },
    specialist: { label: 'Specialist', description: 'Specialist support or provision.' },
  },
  progress: { 'not-yet': 'Not yet', partly: 'Partly achieved', achieved: 'Achieved' },
  layerNotRecorded: 'Not yet recorded',
  outcome: {
    measure: 'How we will know',
    provision: 'Support for this outcome',
    progressNotes: 'Progress',
  },
  meeting: { on: 'Date', attendees: 'Who attended', agreed: 'What was agreed', notes: 'Notes' },
  reviewOn: 'Review date',
  reviewedOn: 'Reviewed on',
  startedOn: 'Plan started',
};

export function supportLayerLabel(layer: SupportLayer | undefined): string {
  return layer ? SEN_SUPPORT_PLAN_WORDING.layers[layer].label : SEN_SUPPORT_PLAN_WORDING.layerNotRecorded;
}
