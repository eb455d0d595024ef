import { Body1, Button, Caption1, Card, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { BROAD_AREA_LABELS } from '../../../../domain/needs.ts';
import { RouteLink } from '../../../app/route-link.tsx';
import type { ClassPupilView } from '../../../../domain/pupil-views.ts';
import { EXAM_ARRANGEMENT_LABELS } from '../../../api/pupil-labels.ts';
import { longDate, yearGroupLabel } from '../../../components/format.ts';
import { SenStatusBadge } from '../../../components/status-badge.tsx';
import { AcknowledgeButton } from '../../../components/passport/acknowledge-button.tsx';
import { PassportSection } from '../../../components/passport/passport-sections.tsx';
import { PASSPORT_FIELD_LABELS } from '../../../components/passport/passport-labels.ts';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  name: { overflowWrap: 'anywhere', margin: 0 },
  tags: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  more: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  disclosure: { alignSelf: 'flex-start' },
});

/** One pupil in the class view: what helps them and their access arrangements first, the rest on request. */
export function ClassPupilCard(props: { pupil: ClassPupilView; canOpenRecord: boolean }) {
  const styles = useStyles();
  const { pupil } = props;
  const [open, setOpen] = useState(false);
  const moreId = useId();
  const headingId = useId();
  const passport = pupil.passport;
  const exam = pupil.examAccessArrangements.map((a) => `${EXAM_ARRANGEMENT_LABELS[a.arrangement]} (exams)`);
  const access = [...(passport?.accessArrangements ?? []), ...exam];

  return (
    <Card className={styles.card} role="article" aria-labelledby={headingId}>
      <div className={styles.head}>
        <Subtitle1 as="h2" id={headingId} className={styles.name}>
          {pupil.displayName}
        </Subtitle1>
        <div className={styles.tags}>
          <SenStatusBadge status={pupil.senStatus} />
          <Caption1 className={styles.muted}>
            {yearGroupLabel(pupil.yearGroup)}
            {pupil.primaryAreaOfNeed && pupil.primaryAreaOfNeed !== 'uncategorised'
              ? ` · ${BROAD_AREA_LABELS[pupil.primaryAreaOfNeed]}`
              : ''}
          </Caption1>
        </div>
      </div>

      {passport ? (
        <>
          <PassportSection title={PASSPORT_FIELD_LABELS.whatHelpsMe} items={passport.whatHelpsMe} />
          <PassportSection
            title={PASSPORT_FIELD_LABELS.accessArrangements}
            items={access}
            empty="None recorded."
          />
          <Button
            appearance="transparent"
            className={styles.disclosure}
            aria-expanded={open}
            aria-controls={moreId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? `Show less about ${pupil.displayName}` : `More about ${pupil.displayName}`}
          </Button>
          <div id={moreId} hidden={!open}>
            {open && (
              <div className={styles.more}>
                <PassportSection title={PASSPORT_FIELD_LABELS.aboutMe} text={passport.aboutMe} />
                <PassportSection title={PASSPORT_FIELD_LABELS.strengths} items={passport.strengths} />
                <PassportSection title={PASSPORT_FIELD_LABELS.whatIFindHard} items={passport.whatIFindHard} />
                {passport.communication && (
                  <PassportSection
                    title={PASSPORT_FIELD_LABELS.communication}
                    text={passport.communication}
                  />
                )}
              </div>
            )}
          </div>
          <div className={styles.footer}>
            <Caption1 className={styles.muted}>
              Passport version {passport.version}, reviewed {longDate(passport.reviewedOn)}
            </Caption1>
            <AcknowledgeButton
              pupilId={pupil.id}
              pupilName={pupil.displayName}
              passportVersion={passport.version}
              mine={pupil.myAcknowledgement}
            />
          </div>
        </>
      ) : (
        <>
          {access.length > 0 && (
            <PassportSection title={PASSPORT_FIELD_LABELS.accessArrangements} items={access} />
          )}
          <Body1 className={styles.muted}>
            No passport yet. Ask the SENCO what helps {pupil.displayName} in class.
          </Body1>
        </>
      )}
      {props.canOpenRecord && (
        <RouteLink to={{ name: 'pupil', pupilId: pupil.id }}>Open {pupil.displayName}’s record</RouteLink>
      )}
    </Card>
  );
}
