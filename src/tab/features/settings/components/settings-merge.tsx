import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { forwardRef } from 'react';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';
import { WEEKDAY_NAMES } from '../../../../domain/school-calendar.ts';
import { dateTime, longDate, money } from '../../../components/format.ts';
import { conflictOf } from '../../../api/error-answers.ts';
import type { StoredVersion } from '../../../../contract/errors.ts';

/**
 * A save refused because someone saved the settings since they were opened (409): their values beside yours,
 * only where they differ, to keep yours (saved over theirs) or take theirs (into the form). Nothing typed is
 * lost until the SENCO chooses.
 */

export type SettingsConflict = { current: StoredVersion<DomainSettings> };

/** The stored settings from a 409 answer, if the error is one. */
export function settingsConflictOf(error: unknown): SettingsConflict | undefined {
  const current = conflictOf<DomainSettings>(error)?.current;
  return current ? { current } : undefined;
}

type Row = { label: string; theirs: string; yours: string };

function termsText(s: DomainSettings): string {
  if (s.termDates.length === 0) return 'None recorded';
  return s.termDates
    .map((t) => `${t.name ? `${t.name}: ` : ''}${longDate(t.from)} to ${longDate(t.to)}`)
    .join('; ');
}

function channelText(s: DomainSettings): string {
  const c = s.reminders.channel;
  return c ? `${c.teamName ?? 'Team'} › ${c.channelName ?? 'channel'}` : 'None chosen';
}

/** The settings the two versions disagree on, in the screen's words. */
export function settingsDifferences(theirs: DomainSettings, yours: DomainSettings): Row[] {
  const rows: [string, (s: DomainSettings) => string][] = [
    ['School name', (s) => s.school.name ?? 'Not entered'],
    ['Passport review interval', (s) => `${s.passportReviewMonths} months`],
    [
      'Notional SEN budget',
      (s) => (s.notionalSenBudget === undefined ? 'Not known' : money(s.notionalSenBudget)),
    ],
    ['Term dates', termsText],
    ['Channel for reminders', channelText],
    ['Weekly digest day', (s) => WEEKDAY_NAMES[s.reminders.digestWeekday - 1] ?? ''],
    ['Posting time', (s) => s.reminders.postTime],
  ];
  return rows
    .map(([label, text]) => ({ label, theirs: text(theirs), yours: text(yours) }))
    .filter((r) => r.theirs !== r.yours);
}

const useStyles = makeStyles({
  table: { marginTop: tokens.spacingVerticalS, tableLayout: 'auto' },
  label: { fontWeight: tokens.fontWeightSemibold },
});

export const SettingsMerge = forwardRef<
  HTMLDivElement,
  {
    conflict: SettingsConflict;
    yours: DomainSettings;
    pending: boolean;
    onKeepMine: () => void;
    onUseTheirs: () => void;
  }
>(function SettingsMerge(props, ref) {
  const styles = useStyles();
  const { current } = props.conflict;
  const rows = settingsDifferences(current.value, props.yours);
  return (
    <MessageBar intent="warning" layout="multiline" ref={ref} tabIndex={-1} aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>
          Changed by {current.modifiedBy ?? 'someone else'}
          {current.modifiedAt ? ` on ${dateTime(current.modifiedAt)}` : ''} while you were editing
        </MessageBarTitle>
        Your changes are still in the form and were not saved.{' '}
        {rows.length === 0 ? 'Their settings are the same as yours.' : 'Where the two differ:'}
        {rows.length > 0 && (
          <Table size="small" className={styles.table} aria-label="Their settings and yours">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Setting</TableHeaderCell>
                <TableHeaderCell>Theirs (saved)</TableHeaderCell>
                <TableHeaderCell>Yours (not saved)</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.label}>
                  <TableCell className={styles.label}>{r.label}</TableCell>
                  <TableCell>{r.theirs}</TableCell>
                  <TableCell>{r.yours}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" disabled={props.pending} onClick={props.onKeepMine}>
          Keep mine
        </Button>
        <Button disabled={props.pending} onClick={props.onUseTheirs}>
          Use theirs
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
});
