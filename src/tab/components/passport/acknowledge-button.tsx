import { Button, Caption1, Spinner, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../describe-error.ts';
import { dateTime } from '../format.ts';
import { VisuallyHidden } from '../visually-hidden.tsx';
import type { MyAcknowledgement } from '../../../domain/pupil-views.ts';
import { useAcknowledgePassport } from '../../api/acknowledge-passport.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  done: { ...typographyStyles.body1, color: tokens.colorPaletteGreenForeground1 },
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
  const doneRef = useRef<HTMLDivElement>(null);
  const [pressed, setPressed] = useState(false);
  // The button gives way to the confirmation: focus follows it there rather than falling to the page.
  useEffect(() => {
    if (pressed && done) doneRef.current?.focus();
  }, [pressed, done]);
  const failure = acknowledge.error ? describeError(acknowledge.error, 'Your confirmation') : undefined;
  return (
    <div className={styles.root}>
      {done ? (
        <div className={styles.done} role="status" ref={doneRef} tabIndex={-1}>
          <span aria-hidden="true">✓ </span>
          You read this version{props.mine ? ` on ${dateTime(props.mine.at)}` : ''}
        </div>
      ) : (
        <Button
          appearance="primary"
          disabled={acknowledge.isPending}
          icon={acknowledge.isPending ? <Spinner size="tiny" /> : undefined}
          onClick={() => {
            setPressed(true);
            acknowledge.mutate({ pupilId: props.pupilId, passportVersion: props.passportVersion });
          }}
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
