import { Body1, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PassportContent } from '../../../../domain/passport.schema.ts';
import { yearGroupLabel } from '../../../components/format.ts';

const useStyles = makeStyles({
  frame: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    maxWidth: '420px',
    minWidth: 0,
  },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  caption: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  label: { fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  item: { overflowWrap: 'anywhere' },
  action: {
    alignSelf: 'stretch',
    textAlign: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/**
 * How the passport will look when shared as a card in a Teams chat: the pupil, what helps them and their
 * access arrangements, with a link back to the full passport. Live: it follows the editor as you type.
 * (An approximation of the Adaptive Card, drawn with the tab's own components.)
 */
export function ChatCardPreview(props: {
  pupilName: string;
  yearGroup: string | null;
  content: PassportContent;
  version: number;
}) {
  const styles = useStyles();
  const helps = props.content.whatHelpsMe.filter((s) => s.trim() !== '');
  const access = props.content.accessArrangements.filter((s) => s.trim() !== '');
  return (
    <figure className={styles.frame} aria-label="Preview of the chat card">
      <figcaption className={styles.caption}>How the card will look in a Teams chat</figcaption>
      <div className={styles.card}>
        <div>
          <Text as="p" block className={styles.heading}>
            Pupil passport: {props.pupilName}
          </Text>
          <Caption1 className={styles.muted}>
            {yearGroupLabel(props.yearGroup)} · version {props.version}
          </Caption1>
        </div>
        <div>
          <Body1 as="p" block className={styles.label}>
            What helps me
          </Body1>
          {helps.length > 0 ? (
            <ul className={styles.list}>
              {helps.slice(0, 6).map((s, i) => (
                <li key={i} className={styles.item}>
                  <Body1>{s}</Body1>
                </li>
              ))}
            </ul>
          ) : (
            <Caption1 className={styles.muted}>
              Add what helps this pupil: it is the heart of the card.
            </Caption1>
          )}
          {helps.length > 6 && (
            <Caption1 className={styles.muted}>and {helps.length - 6} more in SENCO Hub</Caption1>
          )}
        </div>
        {access.length > 0 && (
          <div>
            <Body1 as="p" block className={styles.label}>
              Access arrangements
            </Body1>
            <Body1 className={styles.item}>{access.join(' · ')}</Body1>
          </div>
        )}
        <span className={styles.action} aria-hidden="true">
          Open passport
        </span>
      </div>
    </figure>
  );
}
