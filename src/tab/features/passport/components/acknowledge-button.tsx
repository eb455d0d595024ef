import { Body1, Button, Caption1, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { describeError } from '../../../components/describe-error.ts';
import { dateTime } from '../../../components/format.ts';
import { VisuallyHidden } from '../../../components/visually-hidden.tsx';
import type { MyAcknowledgement } from '../../../../domain/pupil-views.ts';
import { useAcknowledgePassport } from '../api/acknowledge-passport.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  done: { color: tokens.colorPaletteGreenForeground1 },
  error: { color: tokens.colorPaletteRedForeground1, flexBasis: '100%' },
});

/** "I've read this" for the current passport version; the SENCO sees who has. */
export function AcknowledgeButton(props: {
  pupilId: string;
  pupilName: string;
  passportVersion: number;
  mine: MyAcknowledgement | null;
}) {
  const styles = useStyles();
  const acknowledge = useAcknowledgePassport();
  const done = props.mine?.passportVersion === props.passportVersion;
  const failure = acknowledge.error ? describeError(acknowledge.error, 'Your confirmation') : undefined;
  return (
    <div className={styles.root}>
      {done ? (
        <Body1 className={styles.done} role="status">
          <span aria-hidden="true">✓ </span>
          You read this version{props.mine ? ` on ${dateTime(props.mine.at)}` : ''}
        </Body1>
      ) : (
        <Button
          appearance="primary"
          disabled={acknowledge.isPending}
          icon={acknowledge.isPending ? <Spinner size="tiny" /> : undefined}
          onClick={() =>
            acknowledge.mutate({ pupilId: props.pupilId, passportVersion: props.passportVersion })
          }
        >
          I’ve read this <VisuallyHidden>– {props.pupilName}’s passport</VisuallyHidden>
        </Button>
      )}
      {failure && (
        <Caption1 className={styles.error} role="alert">
          Not recorded: {failure.detail}
        </Caption1>
      )}
    </div>
  );
}
