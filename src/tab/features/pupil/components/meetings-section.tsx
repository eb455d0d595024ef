import { Badge, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { MeetingKind } from '../../../../domain/meeting.schema.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { longDate, plural } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { usePupilMeetings, type PupilMeeting } from '../api/get-pupil-meetings.ts';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  upcoming: { borderLeftColor: tokens.colorBrandStroke1 },
  heading: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  'annual-review': 'Annual review meeting',
  'interim-review': 'Interim review meeting',
  'phase-transfer-review': 'Phase transfer review meeting',
  'sen-support-review': 'SEN support review',
  'parent-meeting': 'Parent meeting',
  'multi-agency': 'Multi-agency meeting',
  other: 'Meeting',
};

function when(m: PupilMeeting): string {
  const time = m.startsAt
    ? `${m.startsAt}${m.durationMinutes ? ` for ${m.durationMinutes} minutes` : ''}`
    : '';
  return [time, m.location].filter(Boolean).join(' · ');
}

/** Meetings about the pupil (reviews, parent and multi-agency meetings), newest first, with who attends. */
export function MeetingsSection(props: { pupilId: string }) {
  const styles = useStyles();
  const meetings = usePupilMeetings(props.pupilId);
  if (meetings.isPending) return <LoadingLines label="Loading meetings" lines={4} />;
  if (meetings.isError) {
    return <QueryError error={meetings.error} what="Meetings" onRetry={() => meetings.refetch()} />;
  }
  if (meetings.data.meetings.length === 0) {
    return (
      <EmptyState title="No meetings recorded">
        Annual review, parent and multi-agency meetings about this pupil appear here once they are booked,
        with the date, time, place and who is invited.
      </EmptyState>
    );
  }
  return (
    <ul className={styles.list} aria-label="Meetings, newest first">
      {meetings.data.meetings.map((m) => (
        <li key={m.id} className={`${styles.item} ${m.upcoming ? styles.upcoming : ''}`}>
          <span className={styles.heading}>
            <Text weight="semibold">
              {longDate(m.on)}: {MEETING_KIND_LABELS[m.kind]}
            </Text>
            {m.upcoming && (
              <Badge appearance="tint" color="brand" shape="rounded">
                Upcoming
              </Badge>
            )}
          </span>
          {when(m) && <Caption1 className={styles.muted}>{when(m)}</Caption1>}
          <Caption1>
            {m.attendees.length === 0
              ? 'No attendees recorded'
              : `${plural(m.attendees.length, 'attendee')}: ${m.attendees
                  .map((a) => (a.role ? `${a.name} (${a.role})` : a.name))
                  .join(', ')}`}
          </Caption1>
        </li>
      ))}
    </ul>
  );
}
