import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { SEN_NEEDS } from '../../../../domain/needs.ts';
import { useRouter } from '../../../app/router.tsx';
import { useApiSession } from '../../../api/api-context.tsx';
import type { FullPupilView, PupilFlags } from '../../../../domain/pupil-views.ts';
import { FLAG_LABELS } from '../../../api/pupil-labels.ts';
import { Facts } from '../../../components/facts.tsx';
import { longDate, yearGroupLabel } from '../../../components/format.ts';
import { SectionCard } from '../../../components/section-card.tsx';
import { PassportReaders } from '../../../components/passport/passport-readers.tsx';
import { PassportView } from '../../../components/passport/passport-view.tsx';
import { usePupilParts } from '../pupil-parts.tsx';
import { StatusHistory } from './status-history.tsx';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '@media (min-width: 1100px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

const needLabel = (code: keyof typeof SEN_NEEDS | null) =>
  code ? `${SEN_NEEDS[code].description} (${code})` : '—';

/** Summary, flags and contacts; the passport as staff read it; status and needs over time. */
export function PupilOverview(props: { pupil: FullPupilView }) {
  const { ExamAccessSection } = usePupilParts();
  const styles = useStyles();
  const { navigate } = useRouter();
  const { me } = useApiSession();
  const { pupil } = props;
  const flags = (Object.keys(FLAG_LABELS) as (keyof PupilFlags)[]).filter((f) => pupil.flags[f]);
  const legalName = `${pupil.legalForename} ${pupil.legalSurname}`;

  return (
    <div className={styles.grid}>
      <div className={styles.column}>
        <SectionCard title="Summary">
          <Facts
            items={[
              ['UPN', pupil.upn],
              ...(legalName !== pupil.displayName ? [['Legal name', legalName] as [string, string]] : []),
              ['Date of birth', longDate(pupil.dateOfBirth)],
              [
                'Year group',
                `${yearGroupLabel(pupil.yearGroup)}${pupil.yearGroupOffset !== 0 ? ` (taught out of cohort, ${pupil.yearGroupOffset > 0 ? '+' : ''}${pupil.yearGroupOffset})` : ''}`,
              ],
              ['Class', pupil.classes.map((c) => c.displayName).join(', ') || '—'],
              ['SEN status', pupil.senStatusLabel],
              ['Primary need', needLabel(pupil.primaryNeed)],
              ['Secondary need', needLabel(pupil.secondaryNeed)],
              ['Flags', flags.length > 0 ? flags.map((f) => FLAG_LABELS[f].long).join(', ') : 'None'],
              ...(pupil.flags.lookedAfter
                ? [['PEP last reviewed', longDate(pupil.pepReviewedOn)] as [string, string]]
                : []),
            ]}
          />
        </SectionCard>
        <SectionCard title="Contacts">
          {pupil.contacts.length === 0 ? (
            <Body1 className={styles.muted}>No contacts recorded. Add them in the school’s MIS.</Body1>
          ) : (
            <ul className={styles.list}>
              {[...pupil.contacts]
                .sort((a, b) => a.priority - b.priority)
                .map((c) => (
                  <li key={`${c.priority}-${c.name}`}>
                    <Text weight="semibold">{c.name}</Text>{' '}
                    <Caption1 className={styles.muted}>
                      {c.relationship}
                      {c.hasParentalResponsibility ? ', parental responsibility' : ''}
                    </Caption1>
                    <br />
                    <Caption1>
                      {[c.phone, c.email].filter(Boolean).join(' · ') || 'No phone or email'}
                    </Caption1>
                  </li>
                ))}
            </ul>
          )}
        </SectionCard>
        <SectionCard title="Status and needs history">
          <StatusHistory pupilId={pupil.id} />
        </SectionCard>
      </div>
      <div className={styles.column}>
        <SectionCard
          title="Passport"
          actions={
            <Button appearance="primary" onClick={() => navigate({ name: 'passport', pupilId: pupil.id })}>
              {pupil.passport ? 'Edit passport' : 'Write passport'}
            </Button>
          }
        >
          {pupil.passport ? (
            <>
              {pupil.passport.reviewDueOn < me.today && (
                <MessageBar intent="warning">
                  <MessageBarBody>
                    The passport was due for review on {longDate(pupil.passport.reviewDueOn)}. Check it with{' '}
                    {pupil.displayName}, then mark it reviewed.
                  </MessageBarBody>
                </MessageBar>
              )}
              <PassportView passport={pupil.passport} headingLevel="h3" />
              <PassportReaders version={pupil.passport.version} acknowledgements={pupil.acknowledgements} />
            </>
          ) : (
            <Body1 className={styles.muted}>
              No passport yet. Class staff see the passport in their class view: write one so they know what
              helps {pupil.displayName}.
            </Body1>
          )}
        </SectionCard>
        <SectionCard title="Exam access arrangements">
          <ExamAccessSection pupilId={pupil.id} />
        </SectionCard>
      </div>
    </div>
  );
}
