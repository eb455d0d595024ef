import { Body1, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { PassportAcknowledgement } from '../../../domain/passport.schema.ts';
import { dateTime } from '../format.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** Who has confirmed reading the current version (the SENCO's view of "I've read this"). */
export function PassportReaders(props: { version: number; acknowledgements: PassportAcknowledgement[] }) {
  const styles = useStyles();
  const readers = props.acknowledgements
    .filter((a) => a.passportVersion === props.version)
    .sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className={styles.root} aria-labelledby="readers-title">
      <Subtitle2 as="h2" id="readers-title">
        Read by staff (version {props.version})
      </Subtitle2>
      {readers.length === 0 ? (
        <Body1 className={styles.muted}>
          Nobody has confirmed reading this version yet. Class teachers and TAs see an “I’ve read this” button
          on the pupil in their class view.
        </Body1>
      ) : (
        <ul className={styles.list}>
          {readers.map((a) => (
            <li key={`${a.userId}-${a.at}`}>
              <Body1>{a.name}</Body1> <Caption1 className={styles.muted}>on {dateTime(a.at)}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
