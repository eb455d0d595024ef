import { Caption1, Card, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { BROAD_AREA_LABELS } from '../../../../domain/needs.ts';
import type { PupilSummary } from '../../../../domain/pupil-views.ts';
import { RouteLink } from '../../../app/route-link.tsx';
import { useApiSession } from '../../../api/api-context.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { yearAndClasses } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { SenStatusBadge } from '../../../components/status-badge.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    '@media (min-width: 720px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
  },
  card: {
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  classes: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
});

/** Outside a class team: the classes a member of staff teaches and the pupils with SEND they support. */
export function MyPupilsPage() {
  const styles = useStyles();
  const { me } = useApiSession();
  const myClassIds = new Set(me.classes.map((c) => c.id));
  const inMyClasses = me.pupils.filter((p) => p.classes.some((c) => myClassIds.has(c.id)));
  const elsewhere = me.pupils.filter((p) => !p.classes.some((c) => myClassIds.has(c.id)));
  return (
    <div className={styles.root}>
      <PageHeader
        title="My pupils"
        subtitle="Pupils with SEND in your classes, and the pupils the SENCO has asked you to support. Open one to read their passport."
      />
      {me.classes.length > 0 && (
        <section className={styles.section} aria-labelledby="my-classes">
          <Subtitle2 as="h2" id="my-classes">
            My classes
          </Subtitle2>
          <ul className={styles.classes}>
            {me.classes.map((c) => (
              <li key={c.id}>
                <RouteLink to={{ name: 'class', groupId: c.id }}>{c.displayName}</RouteLink>
              </li>
            ))}
          </ul>
        </section>
      )}
      {me.pupils.length === 0 ? (
        <section className={styles.section} aria-labelledby="my-pupils-list">
          <Subtitle2 as="h2" id="my-pupils-list">
            Pupils with SEND
          </Subtitle2>
          <EmptyState title="No pupils with SEND to show">
            SENCO Hub shows you the pupils with SEND in the classes you teach, and the pupils the SENCO has
            asked you to support. If that should include someone, ask the SENCO.
          </EmptyState>
        </section>
      ) : (
        <>
          {inMyClasses.length > 0 && (
            <PupilSection id="my-pupils-list" title="Pupils with SEND in your classes" pupils={inMyClasses} />
          )}
          {elsewhere.length > 0 && (
            <PupilSection
              id="my-supported-pupils"
              title={inMyClasses.length > 0 ? 'Other pupils you support' : 'Pupils with SEND you support'}
              description="In an intervention you run, or assigned to you by the SENCO."
              pupils={elsewhere}
            />
          )}
        </>
      )}
    </div>
  );
}

function PupilSection(props: { id: string; title: string; description?: string; pupils: PupilSummary[] }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={props.id}>
      <Subtitle2 as="h2" id={props.id}>
        {props.title}
      </Subtitle2>
      {props.description && <Caption1 className={styles.muted}>{props.description}</Caption1>}
      <ul className={styles.list}>
        {props.pupils.map((p) => (
          <li key={p.id}>
            <Card className={styles.card}>
              <RouteLink to={{ name: 'passport', pupilId: p.id }}>
                <Text weight="semibold">{p.displayName}</Text>
              </RouteLink>
              <div className={styles.row}>
                <SenStatusBadge status={p.senStatus} />
                <Caption1 className={styles.muted}>
                  {yearAndClasses(p.yearGroup, p.classes)}
                  {p.primaryAreaOfNeed ? ` · ${BROAD_AREA_LABELS[p.primaryAreaOfNeed]}` : ''}
                </Caption1>
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
