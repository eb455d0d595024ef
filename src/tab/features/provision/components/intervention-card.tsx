import { Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { InterventionPupil } from '../../../../domain/intervention.schema.ts';
import { RouteLink } from '../../../app/route-link.tsx';
import { useApiSession } from '../../../api/api-context.tsx';
import { Facts } from '../../../components/facts.tsx';
import { longDate, money, percent } from '../../../components/format.ts';
import { SectionCard } from '../../../components/section-card.tsx';
import type { FullIntervention } from '../../../../domain/provision-views.ts';
import { InterventionFormDialog } from './intervention-form-dialog.tsx';
import { MeasuresDialog } from './measures-dialog.tsx';
import { RecordSessionDialog } from './record-session-dialog.tsx';

const useStyles = makeStyles({
  meta: { color: tokens.colorNeutralForeground2 },
  pupils: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  pupil: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  improved: { color: tokens.colorPaletteGreenForeground1 },
  notes: { '& > summary': { cursor: 'pointer', paddingBlock: tokens.spacingVerticalXS } },
  noteList: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  note: { display: 'flex', flexDirection: 'column' },
  noteText: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-line' },
  worse: { color: tokens.colorPaletteRedForeground1 },
});

const change = (p: InterventionPupil, higherIsBetter: boolean) => {
  if (p.entryMeasure === undefined || p.exitMeasure === undefined) return undefined;
  const raw = Math.round((p.exitMeasure - p.entryMeasure) * 100) / 100;
  return { raw, better: higherIsBetter ? raw > 0 : raw < 0 };
};

/** One intervention on the provision map: who runs it, what it costs, its impact and its pupils. */
export function InterventionCard(props: {
  intervention: FullIntervention;
  onRecorded: (message: string) => void;
}) {
  const styles = useStyles();
  const i = props.intervention;
  const [editing, setEditing] = useState<InterventionPupil | undefined>(undefined);
  const [session, setSession] = useState(false);
  const [changing, setChanging] = useState(false);
  // The dialog is taken off the page when it closes, so it cannot hand the keyboard back itself.
  const changeRef = useRef<HTMLButtonElement>(null);
  const higherIsBetter = i.measure?.higherIsBetter !== false;
  const { me } = useApiSession();
  const ended = i.endOn !== undefined && i.endOn < me.today;
  return (
    <SectionCard
      title={i.name}
      headingLevel="h3"
      actions={
        <>
          <Button ref={changeRef} onClick={() => setChanging(true)} aria-label={`Change ${i.name}`}>
            Change
          </Button>
          {i.pupils.length > 0 && !ended && (
            <Button onClick={() => setSession(true)}>Record a session</Button>
          )}
        </>
      }
    >
      {changing && (
        <InterventionFormDialog
          intervention={i}
          open
          onClose={() => {
            setChanging(false);
            requestAnimationFrame(() => changeRef.current?.focus());
          }}
          onSaved={props.onRecorded}
        />
      )}
      <Caption1 className={styles.meta}>
        {i.delivery === 'group' ? 'Group' : 'One to one'} · {i.sessionsPerWeek} × {i.minutesPerSession} min a
        week · {longDate(i.startOn)} – {i.endOn ? longDate(i.endOn) : 'ongoing'}
        {i.staff.length > 0 ? ` · ${i.staff.map((s) => `${s.name} (${s.role})`).join(', ')}` : ''}
      </Caption1>
      <Facts
        items={[
          ['Cost so far', `${money(i.costLine.cost)} (${i.costLine.hours} hours)`],
          ['Cost per pupil', money(i.costLine.costPerPupil)],
          [
            'Improved',
            i.impact.measured === 0
              ? 'No exit measures yet'
              : `${i.impact.improved} of ${i.impact.measured} measured (${percent(i.impact.improvedPercent)})`,
          ],
          ['Cost per pupil improved', money(i.impact.costPerPupilImproved)],
          ['Attendance', percent(i.impact.attendancePercent)],
        ]}
      />
      {i.pupils.length === 0 ? (
        <Body1 className={styles.meta}>No pupils in this intervention.</Body1>
      ) : (
        <ul className={styles.pupils} aria-label={`Pupils in ${i.name}`}>
          {i.pupils.map((p) => {
            const name = i.pupilNames[p.pupilId] ?? 'Pupil';
            const c = change(p, higherIsBetter);
            return (
              <li key={p.pupilId} className={styles.pupil}>
                <div className={styles.who}>
                  <RouteLink to={{ name: 'pupil', pupilId: p.pupilId, section: 'interventions' }}>
                    {name}
                  </RouteLink>
                  <Caption1>
                    {i.measure?.name ?? 'Measure'}: {p.entryMeasure ?? '—'} → {p.exitMeasure ?? '—'}
                    {c && (
                      <span className={c.better ? styles.improved : styles.worse}>
                        {' '}
                        ({c.raw > 0 ? '+' : ''}
                        {c.raw}, {c.better ? 'improved' : 'not improved'})
                      </span>
                    )}
                    {p.sessionsOffered
                      ? ` · attended ${p.sessionsAttended ?? 0} of ${p.sessionsOffered}`
                      : ''}
                    {p.leftOn ? ` · left ${longDate(p.leftOn)}` : ''}
                  </Caption1>
                </div>
                <Button size="small" onClick={() => setEditing(p)} aria-label={`Record measures for ${name}`}>
                  Record measures
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {i.sessionNotes && i.sessionNotes.length > 0 && (
        <details className={styles.notes}>
          <summary>Notes from sessions ({i.sessionNotes.length})</summary>
          <ul className={styles.noteList} aria-label={`Notes from sessions of ${i.name}`}>
            {i.sessionNotes.map((n, index) => (
              <li key={`${n.date}-${index}`} className={styles.note}>
                <Caption1 className={styles.meta}>
                  {longDate(n.date)}
                  {n.sessionNumber ? ` (session ${n.sessionNumber})` : ''}
                  {n.recordedBy ? `, ${n.recordedBy}` : ''}
                </Caption1>
                <Body1 as="p" className={styles.noteText}>
                  {n.note}
                </Body1>
              </li>
            ))}
          </ul>
        </details>
      )}
      {editing && (
        <MeasuresDialog
          open
          intervention={i}
          pupil={editing}
          pupilName={i.pupilNames[editing.pupilId] ?? 'Pupil'}
          onClose={() => setEditing(undefined)}
        />
      )}
      {session && (
        <RecordSessionDialog
          open
          interventionId={i.id}
          interventionName={i.name}
          pupils={i.pupils
            .filter((p) => !p.leftOn)
            .map((p) => ({ pupilId: p.pupilId, displayName: i.pupilNames[p.pupilId] ?? 'Pupil' }))}
          onClose={() => setSession(false)}
          onRecorded={props.onRecorded}
        />
      )}
    </SectionCard>
  );
}
