import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { StaffPassport } from '../../../domain/pupil-views.ts';
import { longDate } from '../format.ts';
import { PASSPORT_FIELD_LABELS } from './passport-labels.ts';
import { PassportSection } from './passport-sections.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** A passport to read: what helps first, then the rest of the one-page profile. */
export function PassportView(props: {
  passport: StaffPassport;
  headingLevel?: 'h2' | 'h3' | 'h4';
  extraAccess?: string[];
}) {
  const styles = useStyles();
  const p = props.passport;
  const level = props.headingLevel ?? 'h3';
  const access = [...p.accessArrangements, ...(props.extraAccess ?? [])];
  return (
    <div className={styles.root}>
      <PassportSection title={PASSPORT_FIELD_LABELS.whatHelpsMe} items={p.whatHelpsMe} headingLevel={level} />
      <PassportSection
        title={PASSPORT_FIELD_LABELS.accessArrangements}
        items={access}
        empty="None recorded."
        headingLevel={level}
      />
      <PassportSection title={PASSPORT_FIELD_LABELS.aboutMe} text={p.aboutMe} headingLevel={level} />
      <PassportSection title={PASSPORT_FIELD_LABELS.strengths} items={p.strengths} headingLevel={level} />
      <PassportSection
        title={PASSPORT_FIELD_LABELS.whatIFindHard}
        items={p.whatIFindHard}
        headingLevel={level}
      />
      {p.communication && (
        <PassportSection
          title={PASSPORT_FIELD_LABELS.communication}
          text={p.communication}
          headingLevel={level}
        />
      )}
      <Caption1 className={styles.muted}>
        Version {p.version}, reviewed {longDate(p.reviewedOn)}. Next review due {longDate(p.reviewDueOn)}.
      </Caption1>
    </div>
  );
}
