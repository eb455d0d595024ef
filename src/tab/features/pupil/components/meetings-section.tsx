import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { FullPupilView } from '../../../api/pupil-views.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { longDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { ehcPlanQuery } from '../api/get-ehc-plan.ts';
import { senSupportPlanQuery } from '../api/get-sen-support-plan.ts';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

type MeetingLine = { on: CalendarDate; title: string; detail: string; upcoming: boolean };

/**
 * The pupil's meetings: EHC plan review meetings and SEN support parent meetings and reviews, newest first.
 * (Gathered from the plans: the API has no meetings list of its own yet.)
 */
export function MeetingsSection(props: { pupil: FullPupilView }) {
  const styles = useStyles();
  const { api, me } = useApiSession();
  const ehc = useQuery({ ...ehcPlanQuery(api, props.pupil.id), enabled: props.pupil.hasEhcPlan });
  const support = useQuery({
    ...senSupportPlanQuery(api, props.pupil.id),
    enabled: props.pupil.hasSenSupportPlan,
  });

  if ((props.pupil.hasEhcPlan && ehc.isPending) || (props.pupil.hasSenSupportPlan && support.isPending)) {
    return <LoadingLines label="Loading meetings" lines={4} />;
  }
  const failed = ehc.error ?? support.error;
  if (failed) {
    return (
      <QueryError
        error={failed}
        what="Meetings"
        onRetry={() => Promise.all([ehc.refetch(), support.refetch()])}
      />
    );
  }

  const lines: MeetingLine[] = [];
  const today = me.today;
  for (const review of ehc.data?.plan?.reviews ?? []) {
    const on = review.heldOn ?? review.meetingOn;
    if (!on) continue;
    const kind =
      review.kind === 'annual'
        ? 'Annual review'
        : review.kind === 'interim'
          ? 'Interim review'
          : review.kind === 'phase-transfer'
            ? 'Phase-transfer review'
            : 'Review';
    lines.push({
      on,
      title: `${kind} meeting`,
      detail: `${review.invitees.length} invited${review.heldOn ? ', held' : ''}`,
      upcoming: on >= today && !review.heldOn,
    });
  }
  if (support.data?.plan) {
    for (const cycle of support.data.plan.cycles) {
      for (const m of cycle.parentMeetings) {
        lines.push({
          on: m.on,
          title: 'Parent meeting (SEN support)',
          detail: m.attendees.length > 0 ? `With ${m.attendees.join(', ')}` : '',
          upcoming: m.on >= today,
        });
      }
      if (!cycle.reviewedOn) {
        lines.push({
          on: cycle.reviewOn,
          title: 'SEN support review',
          detail: 'Planned review date',
          upcoming: true,
        });
      }
    }
  }
  lines.sort((a, b) => b.on.localeCompare(a.on));

  if (lines.length === 0) {
    return (
      <EmptyState title="No meetings recorded">
        Review meetings and parent meetings appear here once they are booked in the pupil’s plan.
      </EmptyState>
    );
  }
  return (
    <ul className={styles.list} aria-label="Meetings, newest first">
      {lines.map((m, i) => (
        <li key={`${m.on}-${i}`} className={styles.item}>
          <Text weight="semibold">
            {longDate(m.on)}: {m.title}
          </Text>
          <Caption1 className={styles.muted}>
            {m.upcoming ? 'Upcoming' : 'Past'}
            {m.detail ? ` · ${m.detail}` : ''}
          </Caption1>
        </li>
      ))}
    </ul>
  );
}
