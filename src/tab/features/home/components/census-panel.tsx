import { Badge, Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { daysBetween } from '../../../../domain/calendar-date.ts';
import { RouteLink } from '../../../app/route-link.tsx';
import { useApiSession } from '../../../api/api-context.tsx';
import { longDate, plural, relativeDays } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useCensusCheck } from '../api/get-census-check.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  issue: { overflowWrap: 'anywhere' },
});

const TERM = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' } as const;
const PREVIEW = 6;

/** The next census day and the data problems to fix before it, errors first. */
export function CensusPanel() {
  const styles = useStyles();
  const { me } = useApiSession();
  const census = useCensusCheck();
  const [all, setAll] = useState(false);
  if (census.isPending) return <LoadingLines label="Checking the census data" lines={4} />;
  if (census.isError)
    return <QueryError error={census.error} what="The census check" onRetry={() => census.refetch()} />;
  const c = census.data;
  const issues = [...c.issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  const shown = all ? issues : issues.slice(0, PREVIEW);
  return (
    <div className={styles.root}>
      <Body1>
        {TERM[c.censusDay.term]} census day is <strong>{longDate(c.censusDay.date)}</strong> (
        {relativeDays(daysBetween(me.today, c.censusDay.date))}).
      </Body1>
      <div className={styles.counts}>
        <Badge appearance="tint" color={c.errorCount > 0 ? 'danger' : 'success'} shape="rounded">
          {plural(c.errorCount, 'error')}
        </Badge>
        <Badge appearance="tint" color={c.warningCount > 0 ? 'warning' : 'success'} shape="rounded">
          {plural(c.warningCount, 'warning')}
        </Badge>
        <Caption1 className={styles.muted}>{plural(c.pupilsChecked, 'pupil')} checked</Caption1>
      </div>
      {issues.length === 0 ? (
        <Body1>No problems found: the SEN data is ready for the census.</Body1>
      ) : (
        <ul className={styles.list}>
          {shown.map((issue, i) => (
            <li key={`${issue.pupilId}-${issue.code}-${i}`} className={styles.issue}>
              <Body1>
                <strong>{issue.severity === 'error' ? 'Error' : 'Warning'}:</strong>{' '}
                <RouteLink to={{ name: 'pupil', pupilId: issue.pupilId }}>{issue.pupilName}</RouteLink>:{' '}
                {issue.message}
              </Body1>
              <br />
              <Caption1 className={styles.muted}>{issue.rule.citation}</Caption1>
            </li>
          ))}
        </ul>
      )}
      {issues.length > PREVIEW && (
        <Button appearance="subtle" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${issues.length} problems`}
        </Button>
      )}
    </div>
  );
}
