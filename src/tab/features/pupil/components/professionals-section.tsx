import { Button, Caption1, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { Profession } from '../../../../domain/professional.schema.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { usePupilParts } from '../pupil-parts.tsx';
import { usePupilProfessionals } from '../api/get-pupil-professionals.ts';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalM,
    '@media (min-width: 800px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground2 },
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

export const PROFESSION_LABELS: Record<Profession, string> = {
  'educational-psychologist': 'Educational psychologist',
  'speech-and-language-therapist': 'Speech and language therapist',
  'occupational-therapist': 'Occupational therapist',
  physiotherapist: 'Physiotherapist',
  paediatrician: 'Paediatrician',
  camhs: 'CAMHS',
  'school-nurse': 'School nurse',
  'social-worker': 'Social worker',
  'specialist-teacher': 'Specialist teacher',
  'sensory-support-teacher': 'Sensory support teacher',
  'virtual-school': 'Virtual school',
  'la-sen-officer': 'LA SEN officer',
  other: 'Other professional',
  'early-help': 'Early help',
};

/** Professionals outside the school involved with the pupil and how to reach them; referrals to services. */
export function ProfessionalsSection(props: { pupilId: string }) {
  const { AddProfessionalDialog, ReferralsSection } = usePupilParts();
  const styles = useStyles();
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const statusRef = useRef<HTMLParagraphElement>(null);
  return (
    <div className={styles.root}>
      <p ref={statusRef} tabIndex={-1} role="status" className={styles.muted}>
        {message}
      </p>
      <ProfessionalsList pupilId={props.pupilId} />
      <div>
        <Button onClick={() => setAdding(true)}>Add a professional</Button>
      </div>
      {adding && (
        <AddProfessionalDialog
          pupilId={props.pupilId}
          professionLabels={PROFESSION_LABELS}
          onClose={() => setAdding(false)}
          onDone={(text) => {
            setAdding(false);
            setMessage(text);
            setTimeout(() => statusRef.current?.focus(), 0);
          }}
        />
      )}
      <ReferralsSection pupilId={props.pupilId} />
    </div>
  );
}

function ProfessionalsList(props: { pupilId: string }) {
  const styles = useStyles();
  const query = usePupilProfessionals(props.pupilId);
  if (query.isPending) return <LoadingLines label="Loading professionals" lines={4} />;
  if (query.isError)
    return <QueryError error={query.error} what="Professionals" onRetry={() => query.refetch()} />;
  if (query.data.professionals.length === 0) {
    return (
      <EmptyState title="No professionals involved">
        Professionals who give advice for this pupil (an educational psychologist, a therapist) appear here
        once they are added.
      </EmptyState>
    );
  }
  return (
    <ul className={styles.list} aria-label="Professionals involved">
      {query.data.professionals.map((p) => (
        <li key={p.id} className={styles.item}>
          <Text weight="semibold">{p.name}</Text>
          <Caption1>
            {PROFESSION_LABELS[p.profession]}, {p.organisation}
          </Caption1>
          {p.email && <Link href={`mailto:${p.email}`}>{p.email}</Link>}
          {p.phone && <Caption1>{p.phone}</Caption1>}
          {p.notes && <Caption1 className={styles.muted}>{p.notes}</Caption1>}
        </li>
      ))}
    </ul>
  );
}
