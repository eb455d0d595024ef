import { Body1, Button, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { addDays } from '../../../../domain/calendar-date.ts';
import type { Route } from '../../../app/route.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { TimelineStepItem } from '../../../components/timeline-step-item.tsx';
import type { DueKind, DueWorkItem } from '../../../../domain/due-work-views.ts';
import { useHomeParts } from '../home-parts.tsx';
import { useDueWork } from '../api/get-due-work.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  more: { alignSelf: 'flex-start' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** Where an item of due work is dealt with. */
export function routeForDueWork(item: Pick<DueWorkItem, 'pupilId' | 'kind'>): Route {
  const sections: Record<DueKind, Route> = {
    'ehc-review': { name: 'pupil', pupilId: item.pupilId, section: 'ehc-plan' },
    invitations: { name: 'pupil', pupilId: item.pupilId, section: 'ehc-plan' },
    advice: { name: 'pupil', pupilId: item.pupilId, section: 'ehc-plan' },
    report: { name: 'pupil', pupilId: item.pupilId, section: 'ehc-plan' },
    'la-decision': { name: 'pupil', pupilId: item.pupilId, section: 'ehc-plan' },
    'phase-transfer': { name: 'pupil', pupilId: item.pupilId, section: 'ehc-plan' },
    'needs-assessment': { name: 'pupil', pupilId: item.pupilId, section: 'ehc-plan' },
    'sen-support-review': { name: 'pupil', pupilId: item.pupilId, section: 'sen-support' },
    passport: { name: 'passport', pupilId: item.pupilId },
    referral: { name: 'pupil', pupilId: item.pupilId, section: 'professionals' },
    other: { name: 'pupil', pupilId: item.pupilId },
  };
  return sections[item.kind];
}

export type DueGroups = {
  overdue: DueWorkItem[];
  thisWeek: DueWorkItem[];
  reviewsToBook: DueWorkItem[];
  senSupportReviews: DueWorkItem[];
  passports: DueWorkItem[];
  later: DueWorkItem[];
};

/**
 * The Monday order: overdue steps; what is due this week; EHC annual reviews to book; SEN support
 * reviews coming up (met with the pupil and parents, not booked here); passports due review; everything
 * else in the next six weeks. The API sends them most urgent first.
 */
export function groupDueWork(items: readonly DueWorkItem[], today: DueWorkItem['step']['due']): DueGroups {
  const weekEnd = addDays(today, 7);
  const groups: DueGroups = {
    overdue: [],
    thisWeek: [],
    reviewsToBook: [],
    senSupportReviews: [],
    passports: [],
    later: [],
  };
  for (const item of items) {
    if (item.step.status === 'done') continue;
    if (item.step.status === 'overdue') groups.overdue.push(item);
    else if (item.step.due <= weekEnd || (item.step.booked && item.step.booked.on <= weekEnd))
      groups.thisWeek.push(item);
    // A review already booked is not one to book: it is listed with its date among the other deadlines.
    else if (item.step.booked) groups.later.push(item);
    else if (item.kind === 'ehc-review') groups.reviewsToBook.push(item);
    else if (item.kind === 'sen-support-review') groups.senSupportReviews.push(item);
    else if (item.kind === 'passport') groups.passports.push(item);
    else groups.later.push(item);
  }
  return groups;
}

const PREVIEW = 6;

/** The SENCO's Monday list. */
export function DueWorkPanel() {
  const styles = useStyles();
  const { BookMeetingButton } = useHomeParts();
  const { me } = useApiSession();
  const due = useDueWork();
  if (due.isPending) return <LoadingLines label="Loading what is due" lines={6} />;
  if (due.isError) return <QueryError error={due.error} what="What is due" onRetry={() => due.refetch()} />;

  const g = groupDueWork(due.data.items, me.today);
  if (Object.values(g).every((list: DueWorkItem[]) => list.length === 0)) {
    return (
      <EmptyState title="Nothing is overdue or due in the next six weeks">
        Reviews, passports and statutory deadlines will appear here as they come up.
      </EmptyState>
    );
  }
  return (
    <div className={styles.root}>
      <Group title="Overdue" items={g.overdue} empty="Nothing is overdue." />
      <Group title="Due this week" items={g.thisWeek} empty="Nothing else is due this week." />
      <Group
        title="Annual reviews to book"
        items={g.reviewsToBook}
        empty="No EHC plan annual reviews to book in the next six weeks."
        action={(item) => (
          <BookMeetingButton
            pupilId={item.pupilId}
            kind="annual-review"
            label={`Book ${item.pupilName}’s review`}
          />
        )}
      />
      <Group
        title="SEN support reviews coming up"
        items={g.senSupportReviews}
        empty="No SEN support reviews due in the next six weeks."
      />
      <Group
        title="Passports due review"
        items={g.passports}
        empty="No passports due review in the next six weeks."
      />
      <Group
        title="Other deadlines in the next six weeks"
        items={g.later}
        empty="Nothing else in the next six weeks."
      />
    </div>
  );
}

function Group(props: {
  title: string;
  items: DueWorkItem[];
  empty: string;
  /** Something to do about an item, beside it (booking a review). */
  action?: (item: DueWorkItem) => ReactNode;
}) {
  const styles = useStyles();
  const { me } = useApiSession();
  const [all, setAll] = useState(false);
  const shown = all ? props.items : props.items.slice(0, PREVIEW);
  return (
    <section className={styles.group} aria-label={`${props.title}: ${props.items.length}`}>
      <Subtitle2 as="h3">
        {props.title} ({props.items.length})
      </Subtitle2>
      {props.items.length === 0 ? (
        <Body1 className={styles.muted}>{props.empty}</Body1>
      ) : (
        <ul className={styles.list}>
          {shown.map((item) => (
            <li key={`${item.pupilId}-${item.step.id}-${item.step.due}`}>
              <TimelineStepItem
                step={item.step}
                today={me.today}
                pupil={{ name: item.pupilName, to: routeForDueWork(item) }}
                compact
              />
              {props.action?.(item)}
            </li>
          ))}
        </ul>
      )}
      {props.items.length > PREVIEW && (
        <Button
          className={styles.more}
          appearance="secondary"
          size="small"
          onClick={() => setAll((a) => !a)}
          aria-expanded={all}
        >
          {all ? 'Show fewer' : `Show all ${props.items.length}`}
        </Button>
      )}
    </section>
  );
}
