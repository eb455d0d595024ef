import { Card, Divider, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorBoundary } from '../../../app/error-boundary.tsx';
import { EXAM_ARRANGEMENT_LABELS } from '../../../api/pupil-labels.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { yearAndClasses, yearGroupLabel } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { usePupil } from '../../../api/pupil.ts';
import { isFullPassportAnswer, usePassport } from '../../../api/passport.ts';
import { AcknowledgeButton } from '../../../components/passport/acknowledge-button.tsx';
import { PassportEditor } from './passport-editor.tsx';
import { PassportReaders } from '../../../components/passport/passport-readers.tsx';
import { PassportVersions } from './passport-versions.tsx';
import { PassportView } from '../../../components/passport/passport-view.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  card: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  below: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    '@media (min-width: 960px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
});

/** A pupil's passport: the editor for the SEND team, the passport to read (and confirm) for class staff. */
export function PassportPage(props: { pupilId: string }) {
  const styles = useStyles();
  const pupil = usePupil(props.pupilId);
  const passport = usePassport(props.pupilId);
  const name = pupil.data?.displayName ?? 'Pupil';
  const back = { to: { name: 'pupil' as const, pupilId: props.pupilId }, label: `Back to ${name}` };

  if (pupil.isError || passport.isError) {
    return (
      <>
        <PageHeader title="Passport" back={{ to: { name: 'home' }, label: 'Back' }} />
        <QueryError
          error={pupil.error ?? passport.error}
          what="This passport"
          onRetry={() => Promise.all([pupil.refetch(), passport.refetch()])}
        />
      </>
    );
  }
  if (pupil.isPending || passport.isPending) {
    return (
      <>
        <PageHeader title="Passport" />
        <LoadingLines label="Loading the passport" lines={8} />
      </>
    );
  }

  const answer = passport.data;
  const subtitle =
    pupil.data.classes.length > 0
      ? yearAndClasses(pupil.data.yearGroup, pupil.data.classes)
      : `${yearGroupLabel(pupil.data.yearGroup)} · No class`;

  if (isFullPassportAnswer(answer)) {
    return (
      <div className={styles.root}>
        <PageHeader title={`${name}: passport`} subtitle={subtitle} back={back} />
        <ErrorBoundary region="The passport editor">
          <PassportEditor
            key={props.pupilId}
            pupilId={props.pupilId}
            pupilName={name}
            yearGroup={pupil.data.yearGroup}
            answer={answer}
          />
        </ErrorBoundary>
        <Divider />
        <div className={styles.below}>
          {answer.passport && (
            <PassportReaders version={answer.passport.version} acknowledgements={answer.acknowledgements} />
          )}
          <ErrorBoundary region="Versions">
            <PassportVersions pupilId={props.pupilId} />
          </ErrorBoundary>
        </div>
      </div>
    );
  }

  const exam =
    pupil.data.access === 'class'
      ? pupil.data.examAccessArrangements.map((a) => `${EXAM_ARRANGEMENT_LABELS[a.arrangement]} (exams)`)
      : [];
  return (
    <div className={styles.root}>
      <PageHeader
        title={`${name}: passport`}
        subtitle={subtitle}
        back={{ to: { name: 'my-pupils' }, label: 'Back to my pupils' }}
      />
      {answer.passport ? (
        <Card className={styles.card}>
          <PassportView passport={answer.passport} headingLevel="h2" extraAccess={exam} />
          <AcknowledgeButton
            pupilId={props.pupilId}
            pupilName={name}
            passportVersion={answer.passport.version}
            mine={answer.myAcknowledgement}
          />
        </Card>
      ) : (
        <EmptyState title="No passport yet">
          The SENCO has not written {name}’s passport yet. Ask them what helps {name} in class.
        </EmptyState>
      )}
    </div>
  );
}
