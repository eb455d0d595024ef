/** What other features use of booking: the button with its dialog, and the notice of changes made in Outlook. */
export { BookMeetingButton } from './components/book-meeting-button.tsx';
export { OutlookChanges } from './components/outlook-changes.tsx';
export { OutlookStatus } from './components/outlook-status.tsx';
