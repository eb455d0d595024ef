import type { CalendarDate } from './calendar-date.ts';

/**
 * The rules SENCO Hub computes with, each as a named constant with its citation (legislation.gov.uk, the
 * SEND Code of Practice, DfE guidance); where a figure is local practice, guidance or uncertain, the rule's
 * `basis` and summary say so.
 */

/** How binding a rule is. Only 'statute' and 'regulations' are law; the others are labelled as such in the UI. */
export type RuleBasis =
  | 'statute'
  | 'regulations'
  | 'statutory-guidance'
  | 'case-law'
  | 'official-guidance'
  | 'local-practice'
  | 'derived';

export type Rule = {
  /** Stable kebab-case id. */
  readonly id: string;
  /** One sentence in UK English a SENCO can act on. */
  readonly summary: string;
  /** 'SEND Regulations 2014, reg 20(3)' etc. */
  readonly citation: string;
  /** Where the rule was read (a public page), when it is not the legislation itself. */
  readonly source?: string;
  readonly basis: RuleBasis;
};

// ---------------------------------------------------------------------------------------------
// EHC plan annual review
// ---------------------------------------------------------------------------------------------

/** Children and Families Act 2014, s 44(1); SEND Code of Practice 2015, para 9.166. */
export const ANNUAL_REVIEW_PERIOD_MONTHS = 12;
/** SEND Regulations 2014, reg 20(3): at least two weeks' notice of the meeting date. */
export const REVIEW_NOTICE_DAYS = 14;
/** SEND Regulations 2014, reg 20(4): advice circulated at least two weeks before the meeting. */
export const REVIEW_ADVICE_CIRCULATION_DAYS = 14;
/** SEND Regulations 2014, reg 20(7): report within two weeks of the meeting. */
export const REVIEW_REPORT_DAYS = 14;
/** SEND Regulations 2014, reg 20(10): LA decision within four weeks of the meeting. */
export const REVIEW_LA_DECISION_WEEKS = 4;
/** SEND Regulations 2014, reg 22(3): final amended plan within 8 weeks of sending the proposed amendments. */
export const AMENDED_PLAN_WEEKS_AFTER_PROPOSAL = 8;
/** R (L, M and P) v Devon CC [2022] EWHC 493 (Admin): 4 + 8 = at most 12 weeks after the meeting. */
export const AMENDED_PLAN_MAX_WEEKS_AFTER_MEETING = 12;
/** SEND Regulations 2014, reg 20(6): preparing for adulthood from Year 9. */
export const PREPARING_FOR_ADULTHOOD_FROM_YEAR = 9;
/** SEND Code of Practice 2015, para 9.178: under-5s "should consider" reviews every 3 to 6 months. */
export const UNDER_FIVE_REVIEW_MONTHS_MIN = 3;
export const UNDER_FIVE_REVIEW_MONTHS_MAX = 6;
/** SEND Code of Practice 2015, para 9.178 applies to a child under this age. */
export const UNDER_FIVE_AGE = 5;

// ---------------------------------------------------------------------------------------------
// Phase transfer (SEND Regulations 2014, reg 18)
// ---------------------------------------------------------------------------------------------

/** reg 18(1)(b): amended "before 15 February" in the calendar year of transfer (month, day). */
export const PHASE_TRANSFER_DEADLINE = { month: 2, day: 15 } as const;
/** reg 18(1)(a): secondary school to post-16 institution, "before 31 March". */
export const POST_16_TRANSFER_DEADLINE = { month: 3, day: 31 } as const;
/** reg 18(2): post-16 to post-16 at another time, at least 5 months before the transfer. */
export const POST_16_TO_POST_16_MONTHS_BEFORE = 5;
/** Tees Law back-planning (derived): meeting 4 weeks decision + 8 weeks amendment before the deadline. */
export const PHASE_TRANSFER_MEETING_WEEKS_BEFORE_DEADLINE = 12;
/** Transfers happen at the start of the academic year (1 September). */
export const TRANSFER_DAY = { month: 9, day: 1 } as const;

// ---------------------------------------------------------------------------------------------
// EHC needs assessment (the 20-week clock)
// ---------------------------------------------------------------------------------------------

/** SEND Regulations 2014, reg 5(1) (and reg 4(1)): decision whether to assess within 6 weeks of the request. */
export const EHCNA_DECISION_WEEKS = 6;
/** SEND Regulations 2014, reg 8: advice within 6 weeks of being asked. */
export const EHCNA_ADVICE_WEEKS = 6;
/** SEND Regulations 2014, reg 10(1): decision not to issue a plan within 16 weeks of the request. */
export const EHCNA_NOT_TO_ISSUE_WEEKS = 16;
/** SEND Regulations 2014, reg 13(1)(a): at least 15 days, beginning with the day the draft was served. */
export const DRAFT_PLAN_REPRESENTATION_DAYS = 15;
/** SEND Code of Practice 2015, para 9.83 (as quoted by LAs): school responds to consultation within 15 calendar days. */
export const SCHOOL_CONSULTATION_RESPONSE_DAYS = 15;
/** SEND Regulations 2014, reg 13(2): final plan within 20 weeks of the request. */
export const EHCNA_FINAL_PLAN_WEEKS = 20;
/** Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008, r 20(1): 2 months after the decision notice, or 1 month after the mediation certificate. */
export const APPEAL_MONTHS_AFTER_DECISION = 2;
export const APPEAL_MONTHS_AFTER_MEDIATION_CERTIFICATE = 1;

// ---------------------------------------------------------------------------------------------
// Re-assessment (CFA 2014 s 44; SEND Regulations 2014, regs 24-27)
// ---------------------------------------------------------------------------------------------

/** SEND Regulations 2014, reg 25(1) (as summarised by Kent and Dorset SENDIASS): decision within 15 days. */
export const REASSESSMENT_DECISION_DAYS = 15;
/** SEND Regulations 2014, reg 27(2): final plan within 14 weeks of the decision to re-assess. */
export const REASSESSMENT_FINAL_PLAN_WEEKS = 14;
/** SEND Regulations 2014, reg 24: LA may refuse if it assessed within the previous 6 months. */
export const REASSESSMENT_REFUSAL_WINDOW_MONTHS = 6;

// ---------------------------------------------------------------------------------------------
// SEN support, records, census, funding
// ---------------------------------------------------------------------------------------------

/** SEND Code of Practice 2015, para 6.65 (p. 104): meet parents at least three times a year. */
export const SEN_SUPPORT_PARENT_MEETINGS_PER_YEAR = 3;
/** Education (Pupil Information) (England) Regulations 2005, reg 9(3B): record transfer within 15 school days. */
export const RECORD_TRANSFER_SCHOOL_DAYS = 15;
/** Notional SEN budget operational guide 2024-25: school meets additional support costs up to £6,000 a pupil. */
export const HIGH_NEEDS_THRESHOLD_PER_PUPIL_GBP = 6000;
/** DS (Down syndrome) became selectable from the spring (January) 2025 census, held on 16 January 2025. */
export const DOWN_SYNDROME_CODE_FIRST_CENSUS = '2025-01-16' as CalendarDate;
/** Looked-after children aged 3 to 18 must have a Personal Education Plan. */
export const PEP_AGE_RANGE = { from: 3, to: 18 } as const;

// ---------------------------------------------------------------------------------------------
// Rules with citations
// ---------------------------------------------------------------------------------------------

const SEND_REGS_REG_20 =
  'http://www.legislation.gov.uk/uksi/2014/1530/regulation/20/data.xht?view=snippet&wrap=true';
const SEND_REGS_REG_18 =
  'https://legislation.gov.uk/uksi/2014/1530/part/2/crossheading/reviews-and-reassessments';

export const RULES = {
  annualReviewDue: {
    id: 'annual-review-due',
    summary:
      'Review the EHC plan within the 12 months starting with the date it was issued or last reviewed, so by the day before the anniversary; the LA’s decision must land inside those 12 months.',
    citation: 'Children and Families Act 2014, s 44(1); SEND Code of Practice 2015, para 9.166',
    source: 'https://www.staffordshireconnects.info/kb5/staffordshire/directory/advice.page?id=FdU7Ug_VVjs',
    basis: 'statute',
  },
  annualReviewLatestMeeting: {
    id: 'annual-review-latest-meeting',
    summary:
      'Hold the review meeting at least 4 weeks before the review is due, so the LA’s 4-week decision (reg 20(10)) still falls inside the 12 months. Local practice derived from the regulations, not itself a legal deadline.',
    citation: 'SEND Regulations 2014, reg 20(10); Hounslow annual review guidance (local practice)',
    source: 'https://fsd.hounslow.gov.uk/SynergyWeb/local_offer/AnnualReview.aspx',
    basis: 'local-practice',
  },
  annualReviewNotice: {
    id: 'annual-review-notice',
    summary: 'Give at least two weeks’ notice of the date of the review meeting.',
    citation: 'SEND Regulations 2014, reg 20(3)',
    source: SEND_REGS_REG_20,
    basis: 'regulations',
  },
  annualReviewAdviceRequest: {
    id: 'annual-review-advice-request',
    summary:
      'Ask everyone invited for advice and information early enough to circulate it two weeks before the meeting. How early is the school’s choice (a setting), not a legal deadline.',
    citation: 'SEND Regulations 2014, reg 20(4) (lead time is local practice)',
    source: SEND_REGS_REG_20,
    basis: 'local-practice',
  },
  annualReviewAdviceCirculation: {
    id: 'annual-review-advice-circulation',
    summary:
      'Circulate the advice and information to everyone invited at least two weeks before the meeting.',
    citation: 'SEND Regulations 2014, reg 20(4); SEND Code of Practice 2015, para 9.176',
    source: SEND_REGS_REG_20,
    basis: 'regulations',
  },
  preparingForAdulthood: {
    id: 'preparing-for-adulthood',
    summary:
      'From Year 9 the review must consider the provision needed to prepare for adulthood and independent living.',
    citation: 'SEND Regulations 2014, reg 20(6)',
    source: 'https://sendadvicesurrey.org.uk/annual-reviews/annual-review-preparation-for-adulthood-review/',
    basis: 'regulations',
  },
  annualReviewReport: {
    id: 'annual-review-report',
    summary:
      'Send the review report (recommended amendments and any disagreement) to the LA and everyone invited within two weeks of the meeting.',
    citation: 'SEND Regulations 2014, reg 20(7)-(8)',
    source: 'https://norfolk.gov.uk/article/40710/After-the-annual-review',
    basis: 'regulations',
  },
  annualReviewLaDecision: {
    id: 'annual-review-la-decision',
    summary:
      'The LA must decide to keep, amend or cease the plan and notify the family and the school within four weeks of the meeting.',
    citation: 'SEND Regulations 2014, reg 20(10)',
    source:
      'https://send.essex.gov.uk/help-learning/step-by-step/steps-annual-review-process/what-happens-next',
    basis: 'regulations',
  },
  amendedPlan: {
    id: 'amended-plan',
    summary:
      'When amending, the LA sends its proposed amendments with the 4-week decision and issues the final amended plan within 8 weeks of that: at most 12 weeks after the meeting.',
    citation: 'SEND Regulations 2014, reg 22(3); R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)',
    source: 'https://www.ipsea.org.uk/r-l-m-and-p-v-devon-county-council-2022-ewhc-493-admin',
    basis: 'case-law',
  },
  underFiveReview: {
    id: 'under-five-review',
    summary:
      'For a child under 5 the LA should consider reviewing the plan every 3 to 6 months, in addition to the annual review and without its invitation and advice rules. Guidance (“should consider”); the interval is a school setting.',
    citation: 'SEND Code of Practice 2015, para 9.178',
    source:
      'https://www.walthamforest.gov.uk/schools-education-and-learning/local-offer-special-educational-needs-and-disability-send/education-health-and-care-plans-ehcp/ehc-plans-annual-reviews',
    basis: 'statutory-guidance',
  },
  lookedAfterReview: {
    id: 'looked-after-review',
    summary:
      'For a looked-after child, the review should if possible coincide with a care plan review, in particular the Personal Education Plan.',
    citation: 'SEND Code of Practice 2015, para 9.169',
    source: 'https://www.staffordshireconnects.info/kb5/staffordshire/directory/advice.page?id=FdU7Ug_VVjs',
    basis: 'statutory-guidance',
  },
  phaseTransfer: {
    id: 'phase-transfer',
    summary:
      'Within 12 months of a transfer between phases the LA must review the plan and, where necessary, amend it to name the next school before 15 February in the calendar year of transfer.',
    citation: 'SEND Regulations 2014, reg 18(1)(b)',
    source: SEND_REGS_REG_18,
    basis: 'regulations',
  },
  phaseTransferPost16: {
    id: 'phase-transfer-post-16',
    summary:
      'For a move from secondary school to a post-16 institution the LA must review and, where necessary, amend the plan before 31 March in the calendar year of transfer.',
    citation: 'SEND Regulations 2014, reg 18(1)(a)',
    source: SEND_REGS_REG_18,
    basis: 'regulations',
  },
  phaseTransferPost16ToPost16: {
    id: 'phase-transfer-post-16-to-post-16',
    summary:
      'For a move between post-16 institutions at another time of year, the plan must be reviewed and amended at least five months before the transfer.',
    citation: 'SEND Regulations 2014, reg 18(2)',
    source: SEND_REGS_REG_18,
    basis: 'regulations',
  },
  phaseTransferMeeting: {
    id: 'phase-transfer-meeting',
    summary:
      'Hold the phase-transfer review meeting at least 12 weeks before the deadline so the LA’s 4-week decision and 8-week amendment still land in time (about 22 November for a 15 February deadline). Back-planning, not a legal deadline.',
    citation: 'SEND Regulations 2014, regs 18, 20(10) and 22(3) (back-planning by Tees Law)',
    source: 'https://teeslaw.com/insights/deadline-phase-transfer-heath-and-care-plan-ehcp',
    basis: 'derived',
  },
  ehcnaDecision: {
    id: 'ehcna-decision',
    summary:
      'The LA must tell the family whether it will carry out an EHC needs assessment within 6 weeks of receiving the request.',
    citation: 'SEND Regulations 2014, reg 5(1)',
    source: 'https://legislation.gov.uk/uksi/2014/1530/regulation/5/data.htm',
    basis: 'regulations',
  },
  ehcnaAdvice: {
    id: 'ehcna-advice',
    summary:
      'Anyone asked for advice for the assessment (the school included) must give it within 6 weeks of the request.',
    citation: 'SEND Regulations 2014, reg 8',
    source: 'https://edyourself.org/send-regulations/',
    basis: 'regulations',
  },
  ehcnaNotToIssue: {
    id: 'ehcna-not-to-issue',
    summary:
      'If, after assessing, the LA decides not to issue a plan it must say so within 16 weeks of the request.',
    citation: 'SEND Regulations 2014, reg 10(1)',
    source: 'http://www.legislation.gov.uk/uksi/2014/1530/regulation/10/made/data.xht?view=snippet&wrap=true',
    basis: 'regulations',
  },
  draftPlanRepresentations: {
    id: 'draft-plan-representations',
    summary:
      'The family has at least 15 days, beginning with the day the draft plan is served, to comment, ask for a school and ask for a meeting.',
    citation: 'SEND Regulations 2014, reg 13(1)(a)',
    source: 'http://www.legislation.gov.uk/uksi/2014/1530/regulation/13/made/data.xht?view=snippet&wrap=true',
    basis: 'regulations',
  },
  schoolConsultation: {
    id: 'school-consultation',
    summary:
      'A school the LA consults about naming it should respond within 15 calendar days. Counting from the day after receipt is practice, not law.',
    citation: 'Children and Families Act 2014, s 40(3); SEND Code of Practice 2015, para 9.83',
    source: 'https://torbayfamilyhub.org.uk/topic/the-local-authoritys-duty-to-consult',
    basis: 'statutory-guidance',
  },
  ehcnaFinalPlan: {
    id: 'ehcna-final-plan',
    summary:
      'The final EHC plan must be issued within 20 weeks of the request, unless an exception applies (school closed 4+ weeks, exceptional personal circumstances, family away 4+ weeks).',
    citation: 'SEND Regulations 2014, reg 13(2) and (3); reg 10(4)',
    source: 'http://www.legislation.gov.uk/uksi/2014/1530/regulation/13/made/data.xht?view=snippet&wrap=true',
    basis: 'regulations',
  },
  appealWindow: {
    id: 'appeal-window',
    summary:
      'An appeal to the SEND Tribunal must arrive within 2 months of the decision notice or 1 month of the mediation certificate, whichever is later. A period ending from 25 December to 1 January, or in August, runs to the first working day after; one ending on another non-working day runs to the next working day.',
    citation:
      'Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules 2008, r 20(1) and r 12(2)-(3)',
    source: 'https://www.legislation.gov.uk/uksi/2008/2699/rule/12',
    basis: 'regulations',
  },
  reassessmentDecision: {
    id: 'reassessment-decision',
    summary: 'The LA must say whether it will re-assess within 15 calendar days of the request.',
    citation: 'SEND Regulations 2014, reg 25(1) (as summarised by Kent and Dorset SENDIASS)',
    source: 'https://www.dorsetsendiass.co.uk/re-assessment/',
    basis: 'regulations',
  },
  reassessmentRefusal: {
    id: 'reassessment-refusal',
    summary:
      'The LA may refuse a re-assessment if it carried out an EHC needs assessment in the previous 6 months.',
    citation: 'SEND Regulations 2014, reg 24',
    source: 'https://www.staffordshireconnects.info/kb5/staffordshire/directory/advice.page?id=Uzzu8FoKhLM',
    basis: 'regulations',
  },
  reassessmentFinalPlan: {
    id: 'reassessment-final-plan',
    summary:
      'After deciding to re-assess, the LA must issue the amended or replacement plan within 14 weeks, with the same closure and absence exceptions as a new assessment.',
    citation: 'SEND Regulations 2014, reg 27(2)-(3)',
    source: 'http://www.legislation.gov.uk/uksi/2014/1530/regulation/27/made?view=plain',
    basis: 'regulations',
  },
  senSupportReviewDate: {
    id: 'sen-support-review-date',
    summary:
      'At the Plan stage agree with parents the support, its expected impact and a clear date for review.',
    citation: 'SEND Code of Practice 2015, para 6.48',
    source: 'http://enfieldsendias.org.uk/education/asses-plan-do-review/',
    basis: 'statutory-guidance',
  },
  senSupportParentMeetings: {
    id: 'sen-support-parent-meetings',
    summary:
      'Meet the parents of a pupil on SEN support at least three times a year to set and review outcomes.',
    citation: 'SEND Code of Practice 2015, para 6.65 (p. 104)',
    source:
      'https://schoolleaders.thekeysupport.com/pupils-and-parents/sen/specific/sen-support-termly-review-meetings-with-parents/?marker=sub-sub-topic',
    basis: 'statutory-guidance',
  },
  passportReview: {
    id: 'passport-review',
    summary:
      'Review the pupil passport with the pupil and parents and share it with staff; how often is the school’s choice (a setting), alongside the three-a-year SEN support reviews.',
    citation: 'Local practice (school setting); SEND Code of Practice 2015, para 6.65 for parent reviews',
    source: 'https://www.provisionmap.co.uk/senco-year-part-4-passports/',
    basis: 'local-practice',
  },
  recordTransfer: {
    id: 'record-transfer',
    summary:
      'Send the common transfer file and educational record (the SEN file with it) to the new school within 15 school days.',
    citation: 'Education (Pupil Information) (England) Regulations 2005, reg 9(3B)',
    source: 'https://www.legislation.gov.uk/uksi/2005/1437/regulation/9',
    basis: 'regulations',
  },
  upn: {
    id: 'upn',
    summary:
      'A UPN is 13 characters with a check letter first; temporary UPNs (ending in a letter) should be replaced by the permanent one.',
    citation:
      'DfE Unique Pupil Numbers guidance; UK Government Data Standards Catalogue, Unique Pupil Number v2.0',
    source: 'http://www.govtalk.gov.uk/gdsc/html/noframes/UniquePupilNumber-2-0-Release.htm',
    basis: 'official-guidance',
  },
  censusAutumn: {
    id: 'census-autumn',
    summary: 'The autumn school census day is the first Thursday in October.',
    citation: 'DfE school census guidance (as summarised by Devon SEN census guidance)',
    source:
      'https://www.devon.gov.uk/support-schools-settings/send/send-strategic-support/devon-sen-census-guidance',
    basis: 'official-guidance',
  },
  censusSpring: {
    id: 'census-spring',
    summary: 'The spring school census day is the third Thursday in January; check SEN data before it.',
    citation: 'DfE school census guidance (as summarised by Devon SEN census guidance)',
    source:
      'https://www.devon.gov.uk/support-schools-settings/send/send-strategic-support/devon-sen-census-guidance',
    basis: 'official-guidance',
  },
  censusSummer: {
    id: 'census-summer',
    summary: 'The summer school census day is the third Thursday in May.',
    citation: 'DfE school census guidance (as summarised by Devon SEN census guidance)',
    source:
      'https://www.devon.gov.uk/support-schools-settings/send/send-strategic-support/devon-sen-census-guidance',
    basis: 'official-guidance',
  },
  censusOneProvision: {
    id: 'census-one-provision',
    summary: 'Only one SEN provision (N, K or E) may be open at a time; E + K + N make up the whole roll.',
    citation: 'DfE school census SEN provision rules (as stated by ScholarPack and Norfolk guidance)',
    source:
      'https://support.scholarpack.com/hc/en-gb/articles/200285001-Recording-SEN-and-SEN-History-on-the-Student-Support-Tab-',
    basis: 'official-guidance',
  },
  censusPrimaryNeed: {
    id: 'census-primary-need',
    summary: 'A pupil on SEN support (K) or with an EHC plan (E) must have a primary need (rank 1).',
    citation: 'DfE school census SEN type rules (as stated by ScholarPack)',
    source:
      'https://support.scholarpack.com/hc/en-gb/articles/200285001-Recording-SEN-and-SEN-History-on-the-Student-Support-Tab-',
    basis: 'official-guidance',
  },
  censusNsa: {
    id: 'census-nsa',
    summary:
      'NSA (SEN support but no specialist assessment of type of need) is only for pupils on SEN support (K), not for EHC plans.',
    citation: 'DfE school census SEN type codes (NSA added 2015)',
    source:
      'https://hfleducation.org/blog/school-census-why-its-important-sencos-spring-clean-their-sen-data',
    basis: 'official-guidance',
  },
  censusDownSyndrome: {
    id: 'census-down-syndrome',
    summary: 'DS (Down syndrome) is a type of need selectable from the January 2025 census onwards.',
    citation: 'DfE school census 2024-25 (DS added as a 14th type of need)',
    source:
      'https://www.learningdisabilitytoday.co.uk/news/downs-syndrome-to-be-included-in-the-school-census/',
    basis: 'official-guidance',
  },
  highNeedsThreshold: {
    id: 'high-needs-threshold',
    summary:
      'Schools meet the cost of additional SEN support up to £6,000 a pupil from the notional SEN budget; above that the LA pays top-up from the high-needs block.',
    citation: 'The notional SEN budget for mainstream schools: operational guide 2024 to 2025',
    source:
      'http://www.gov.uk/government/publications/pre-16-schools-funding-local-authority-guidance-for-2024-to-2025/the-notional-sen-budget-for-mainstream-schools-operational-guide-2024-to-2025',
    basis: 'official-guidance',
  },
  personalEducationPlan: {
    id: 'personal-education-plan',
    summary:
      'Every looked-after child aged 3 to 18 must have a Personal Education Plan, which should link to the EHC plan or SEN support plan.',
    citation:
      'Statutory guidance on promoting the education of looked-after children (as summarised by Leeds)',
    source: 'https://leeds.gov.uk/one-minute-guides/personal-education-plans-and-the-pupil-premium-plus',
    basis: 'statutory-guidance',
  },
  jcqRegulationsYear: {
    id: 'jcq-regulations-year',
    summary:
      'JCQ access arrangements regulations run 1 September to 31 August; check each arrangement against the current edition.',
    citation: 'JCQ, Adjustments for candidates with disabilities and learning difficulties (2025-26)',
    source:
      'https://www.jcq.org.uk/knowledge-hub/adjustments-for-candidates-with-disabilities-and-learning-difficulties',
    basis: 'official-guidance',
  },
  jcqNormalWayOfWorking: {
    id: 'jcq-normal-way-of-working',
    summary: 'An access arrangement must reflect the candidate’s normal way of working in class.',
    citation: 'JCQ, Adjustments for candidates with disabilities and learning difficulties',
    source: 'https://www.structural-learning.com/post/jcq-access-arrangements-teachers-guide',
    basis: 'official-guidance',
  },
  jcqForm8ExtraTime: {
    id: 'jcq-form-8-extra-time',
    summary:
      '25% extra time by Form 8 needs two below-average standardised scores (84 or less), or one of 84 or less and one of 85-89, in speed of working, and an assessment no earlier than Year 9. Secondary source: check the current JCQ edition.',
    citation:
      'JCQ, Adjustments for candidates with disabilities and learning difficulties, Form 8 (secondary source)',
    source: 'https://www.remarkableminds.app/answers/how-do-we-evidence-the-need-for-extra-time-in-exams',
    basis: 'official-guidance',
  },
} as const satisfies Record<string, Rule>;

export type RuleKey = keyof typeof RULES;
