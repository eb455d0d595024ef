/** What other features use of needs assessments: the section with its requests, clocks and forms. */
export { NeedsAssessmentSection } from './needs-assessment-section.tsx';
