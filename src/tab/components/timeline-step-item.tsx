import { Body1, Caption1, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { daysBetween, type CalendarDate } from '../../domain/calendar-date.ts';
import type { RuleBasis } from '../../domain/statutory-rules.ts';
import type { TimelineStep } from '../../domain/timeline-step.ts';
import { RouteLink } from '../app/route-link.tsx';
import type { Route } from '../app/route.ts';
import { longDate, relativeDays } from './format.ts';
import { StepStatusBadge } from './status-badge.tsx';

const useStyles = makeStyles({
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  overdue: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  dueSoon: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  done: { borderLeftColor: tokens.colorStatusSuccessBorderActive },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  label: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  nonWorking: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
});

const NOT_LAW: Partial<Record<RuleBasis, string>> = {
  'statutory-guidance': 'statutory guidance',
  'case-law': 'case law',
  'official-guidance': 'guidance, not law',
  'local-practice': 'local practice, not law',
  derived: 'worked out from the rules',
};

const OWNER: Record<TimelineStep['owner'], string> = {
  school: 'School',
  'local-authority': 'Local authority',
  family: 'Family',
};

/**
 * One statutory date: what, by when, its status, the rule behind it with its citation, and any warnings.
 * `compact` (home's list) gives the citation without the rule's wording, which the pupil's timeline shows.
 */
export function TimelineStepItem(props: {
  step: TimelineStep;
  today: CalendarDate;
  pupil?: { name: string; to: Route };
  compact?: boolean;
}) {
  const styles = useStyles();
  const { step } = props;
  const days = daysBetween(props.today, step.due);
  const basis = NOT_LAW[step.rule.basis];
  return (
    <div
      className={mergeClasses(
        styles.item,
        step.status === 'overdue' && styles.overdue,
        step.status === 'due-soon' && styles.dueSoon,
        step.status === 'done' && styles.done,
      )}
    >
      <div className={styles.head}>
        <StepStatusBadge status={step.status} />
        {props.pupil && (
          <Text weight="semibold">
            <RouteLink to={props.pupil.to}>{props.pupil.name}</RouteLink>:
          </Text>
        )}
        <Text weight="semibold" className={styles.label}>
          {step.label}
        </Text>
      </div>
      <Body1>
        {step.status === 'done'
          ? `Done${step.completedOn ? ` on ${longDate(step.completedOn)}` : ''} (due ${longDate(step.due)})`
          : step.booked
            ? `Meeting ${relativeDays(daysBetween(props.today, step.booked.on))} · must be held by ${longDate(step.booked.latestAllowed)}`
            : `Due ${longDate(step.due)} (${relativeDays(days)})`}
        {step.status !== 'done' && step.nonWorkingDay ? (
          <>
            {' · '}
            <span className={styles.nonWorking}>{step.nonWorkingDay.text}</span>
          </>
        ) : null}
        {step.provisional ? ' · provisional until the meeting is booked' : ''}
        {` · ${OWNER[step.owner]}`}
      </Body1>
      <Caption1 className={styles.muted}>
        {props.compact ? '' : `${step.rule.summary} `}
        <cite>{step.rule.citation}</cite>
        {basis ? ` (${basis})` : ''}
      </Caption1>
      {step.warnings.map((w) => (
        <Caption1 key={w} className={styles.warning}>
          <span aria-hidden="true">⚠ </span>
          Warning: {w}
        </Caption1>
      ))}
    </div>
  );
}
