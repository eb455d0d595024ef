import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { formatCalendarDate } from '../../../../domain/calendar-date.ts';
import {
  SEN_SUPPORT_PLAN_WORDING as W,
  supportLayerLabel,
} from '../../../../domain/sen-support-plan-wording.ts';
import type { SenSupportPlan } from '../../../../domain/sen-support-plan.schema.ts';

/**
 * The plan as parents read it: the current cycle, every heading from the one wording module, dates in words,
 * black on white whatever the Teams theme. "Print or save as PDF" opens the browser's print dialog; the print
 * stylesheet shows this and nothing else of the app.
 */

const PRINT_CSS = `
@media print {
  @page { margin: 15mm; }
  body * { visibility: hidden !important; }
  .senco-printable, .senco-printable * { visibility: visible !important; }
  .senco-printable { position: absolute; inset: 0 auto auto 0; width: 100%; box-shadow: none !important; }
  .senco-printable, .senco-printable * { color: #000 !important; background: #fff !important; border-color: #777 !important; }
  .senco-no-print { display: none !important; }
  .senco-printable section { break-inside: avoid; }
}`;

const useStyles = makeStyles({
  paper: {
    backgroundColor: '#ffffff',
    color: '#1a1a1a',
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '52rem',
    boxShadow: tokens.shadow8,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyBase,
    lineHeight: 1.5,
    overflowWrap: 'anywhere',
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    marginBottom: tokens.spacingVerticalM,
  },
  h1: { fontSize: '1.6rem', margin: `0 0 ${tokens.spacingVerticalS}` },
  h2: {
    fontSize: '1.15rem',
    margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}`,
    borderBottom: '1px solid #777',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `0 ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  text: { whiteSpace: 'pre-line', margin: 0 },
  table: {
    // On a phone each outcome is a block, each cell labelled: four columns do not fit 375 px.
    '@media (max-width: 600px)': {
      '& thead': { display: 'none' },
      '& tr, & td': { display: 'block' },
      '& tr': { borderTop: '2px solid #777', paddingBottom: '4px' },
      '& td': { border: 'none' },
      '& td:empty': { display: 'none' },
      '& td::before': { content: 'attr(data-label)', display: 'block', fontWeight: 600 },
    },
    width: '100%',
    borderCollapse: 'collapse',
    '& th, & td': { border: '1px solid #777', padding: '4px 6px', textAlign: 'left', verticalAlign: 'top' },
  },
  muted: { color: '#444' },
});

export function PrintablePlan(props: { plan: SenSupportPlan; pupilName: string; onBack: () => void }) {
  const styles = useStyles();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const cycle = props.plan.cycles.at(-1);
  if (!cycle) return null;
  const meetings = props.plan.cycles.flatMap((c) => c.parentMeetings);
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <div className={`${styles.bar} senco-no-print`}>
        <Button appearance="primary" onClick={() => window.print()}>
          Print or save as PDF
        </Button>
        <Button onClick={props.onBack}>Back to the plan</Button>
      </div>
      <article className={`${styles.paper} senco-printable`} aria-labelledby="printable-plan-title">
        <h1 id="printable-plan-title" ref={headingRef} tabIndex={-1} className={styles.h1}>
          {W.title}: {props.pupilName}
        </h1>
        <dl className={styles.facts}>
          <dt>{W.sections.layer.heading}</dt>
          <dd>{supportLayerLabel(props.plan.layer)}</dd>
          <dt>{W.startedOn}</dt>
          <dd>{formatCalendarDate(cycle.startedOn)}</dd>
          <dt>{W.reviewOn}</dt>
          <dd>{formatCalendarDate(cycle.reviewOn)}</dd>
        </dl>
        <section>
          <h2 className={styles.h2}>{W.sections.pupilViews.heading}</h2>
          <p className={styles.text}>{cycle.pupilViews ?? 'Not recorded.'}</p>
        </section>
        <section>
          <h2 className={styles.h2}>{W.sections.parentViews.heading}</h2>
          <p className={styles.text}>{cycle.parentViews ?? 'Not recorded.'}</p>
        </section>
        <section>
          <h2 className={styles.h2}>{W.sections.assessment.heading}</h2>
          <p className={styles.text}>{cycle.assessment}</p>
        </section>
        <section>
          <h2 className={styles.h2}>{W.sections.outcomes.heading}</h2>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col">{W.outcome.measure}</th>
                <th scope="col">{W.outcome.provision}</th>
                <th scope="col">{W.outcome.progressNotes}</th>
              </tr>
            </thead>
            <tbody>
              {cycle.outcomes.map((o, i) => (
                <tr key={i}>
                  <td data-label="Outcome" className={styles.text}>
                    {o.description}
                  </td>
                  <td data-label={W.outcome.measure} className={styles.text}>
                    {o.measure ?? ''}
                  </td>
                  <td data-label={W.outcome.provision} className={styles.text}>
                    {(o.provision ?? []).join('\n')}
                  </td>
                  <td data-label={W.outcome.progressNotes} className={styles.text}>
                    {[o.achieved ? W.progress[o.achieved] : '', o.progressNotes ?? '']
                      .filter(Boolean)
                      .join(': ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2 className={styles.h2}>{W.sections.parentMeetings.heading}</h2>
          <p className={styles.muted}>{W.sections.parentMeetings.hint}</p>
          {meetings.length === 0 ? (
            <p>None recorded yet.</p>
          ) : (
            <ul>
              {meetings.map((m, i) => (
                <li key={i}>
                  {formatCalendarDate(m.on)}
                  {m.attendees.length > 0 ? ` (${m.attendees.join(', ')})` : ''}
                  {m.agreed ? `: ${m.agreed}` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      </article>
    </div>
  );
}
