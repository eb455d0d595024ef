import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { BROAD_AREAS_OF_NEED, BROAD_AREA_LABELS } from '../../../../domain/needs.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { longDate, money } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import type { DeliveredIntervention, FullIntervention } from '../../../../domain/provision-views.ts';
import { useInterventions } from '../api/get-interventions.ts';
import { useProvisionSummary } from '../../../api/provision-summary.ts';
import { BudgetControl } from './budget-control.tsx';
import { InterventionCard } from './intervention-card.tsx';
import { InterventionFormDialog } from './intervention-form-dialog.tsx';
import { ProvisionCosts } from '../../../components/provision-costs.tsx';
import { RecordSessionDialog } from './record-session-dialog.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  area: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  areaHead: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  cards: {
    display: 'grid',
    alignItems: 'start',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    '@media (min-width: 1100px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * The provision map. The SEND team: interventions by area of need with staff, sessions, costs, pupils,
 * measures and impact. The headteacher: costs and impact only. Staff who deliver interventions: theirs, to
 * record sessions.
 */
export function ProvisionPage() {
  const { me } = useApiSession();
  if (me.can.fullRecords) return <ProvisionMap />;
  if (me.can.aggregates) {
    return (
      <>
        <PageHeader
          title="Provision costs"
          subtitle="What the school’s SEN provision costs and what it achieves, with no pupil named."
        />
        <SectionCard title="Costs and impact">
          <ProvisionCosts />
        </SectionCard>
      </>
    );
  }
  return <MyInterventions />;
}

function ProvisionMap() {
  const styles = useStyles();
  const { me } = useApiSession();
  const query = useInterventions();
  const summary = useProvisionSummary();
  const [recorded, setRecorded] = useState<string | undefined>(undefined);
  return (
    <div className={styles.root}>
      <PageHeader
        title="Provision map"
        subtitle="Interventions by area of need: who runs them, what they cost and what difference they make."
        actions={<AddIntervention onSaved={setRecorded} />}
      />
      {recorded && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{recorded}</MessageBarBody>
        </MessageBar>
      )}
      <SectionCard
        title="Whole-school cost"
        actions={
          me.can.settings && summary.isSuccess ? (
            <BudgetControl budget={summary.data.notionalSenBudget ?? null} />
          ) : undefined
        }
      >
        <ProvisionCosts />
      </SectionCard>
      {query.isPending ? (
        <LoadingLines label="Loading the provision map" lines={8} />
      ) : query.isError ? (
        <QueryError error={query.error} what="The provision map" onRetry={() => query.refetch()} />
      ) : query.data.interventions.length === 0 ? (
        <EmptyState title="No interventions yet">
          Add the school’s interventions to build its provision map.
        </EmptyState>
      ) : (
        BROAD_AREAS_OF_NEED.map((area) => {
          const list = query.data.interventions.filter(
            (i): i is FullIntervention => i.access === 'full' && i.areaOfNeed === area,
          );
          if (list.length === 0) return null;
          const cost = list.reduce((sum, i) => sum + i.costLine.cost, 0);
          return (
            <section key={area} className={styles.area} aria-labelledby={`area-${area}`}>
              <Subtitle1 as="h2" id={`area-${area}`} className={styles.areaHead}>
                {BROAD_AREA_LABELS[area]}{' '}
                <Caption1 className={styles.muted}>
                  {list.length} {list.length === 1 ? 'intervention' : 'interventions'} · {money(cost)}
                </Caption1>
              </Subtitle1>
              <div className={styles.cards}>
                {list.map((i) => (
                  <InterventionCard key={i.id} intervention={i} onRecorded={setRecorded} />
                ))}
              </div>
            </section>
          );
        })
      )}
    </div>
  );
}

/** The button and the dialog it opens, together (as each card holds its own). */
function AddIntervention(props: { onSaved: (message: string) => void }) {
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Button appearance="primary" onClick={() => setAdding(true)}>
        Add an intervention
      </Button>
      {adding && <InterventionFormDialog open onClose={() => setAdding(false)} onSaved={props.onSaved} />}
    </>
  );
}

function MyInterventions() {
  const styles = useStyles();
  const { me } = useApiSession();
  const query = useInterventions();
  const [recording, setRecording] = useState<DeliveredIntervention | undefined>(undefined);
  const [recorded, setRecorded] = useState<string | undefined>(undefined);
  return (
    <div className={styles.root}>
      <PageHeader
        title="My interventions"
        subtitle="The interventions you run. Record each session as you go."
      />
      {recorded && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{recorded}</MessageBarBody>
        </MessageBar>
      )}
      {query.isPending ? (
        <LoadingLines label="Loading your interventions" lines={5} />
      ) : query.isError ? (
        <QueryError error={query.error} what="Your interventions" onRetry={() => query.refetch()} />
      ) : query.data.interventions.length === 0 ? (
        <EmptyState title="You do not run any interventions">
          Interventions the SENCO names you on will appear here, so you can record their sessions.
        </EmptyState>
      ) : (
        <div className={styles.cards}>
          {query.data.interventions.map((i) =>
            i.access === 'delivers' ? (
              <SectionCard
                key={i.id}
                title={i.name}
                headingLevel="h2"
                actions={
                  (i.endOn === null || i.endOn >= me.today) && i.pupils.length > 0 ? (
                    <Button appearance="primary" onClick={() => setRecording(i)}>
                      Record a session
                    </Button>
                  ) : undefined
                }
              >
                <Caption1 className={styles.muted}>
                  {BROAD_AREA_LABELS[i.areaOfNeed]} · {i.sessionsPerWeek} × {i.minutesPerSession} min a week ·{' '}
                  {longDate(i.startOn)} – {i.endOn ? longDate(i.endOn) : 'ongoing'}
                </Caption1>
                <Body1>
                  {i.pupils
                    .filter((p) => !p.leftOn)
                    .map((p) => p.displayName)
                    .join(', ') || 'No pupils'}
                </Body1>
              </SectionCard>
            ) : null,
          )}
        </div>
      )}
      {recording && (
        <RecordSessionDialog
          open
          interventionId={recording.id}
          interventionName={recording.name}
          pupils={recording.pupils.filter((p) => !p.leftOn)}
          onClose={() => setRecording(undefined)}
          onRecorded={setRecorded}
        />
      )}
    </div>
  );
}
