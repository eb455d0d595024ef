import { Body1, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  text: { whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
  item: { overflowWrap: 'anywhere' },
  none: { color: tokens.colorNeutralForeground3 },
});

/**
 * One part of a passport: a heading and either a list or a paragraph. Text is shown exactly as typed
 * (React escapes it), so "<img src=x>" or "[click](http://x)" in a passport is just text.
 */
export function PassportSection(props: {
  title: string;
  items?: readonly string[];
  text?: string | null;
  empty?: string;
  headingLevel?: 'h2' | 'h3' | 'h4';
  extra?: ReactNode;
}) {
  const styles = useStyles();
  const items = props.items?.filter((i) => i.trim() !== '') ?? [];
  const hasText = props.text !== undefined && props.text !== null && props.text.trim() !== '';
  return (
    <section className={styles.section}>
      <Subtitle2 as={props.headingLevel ?? 'h3'}>{props.title}</Subtitle2>
      {props.items !== undefined &&
        (items.length > 0 ? (
          <ul className={styles.list}>
            {items.map((item, i) => (
              <li key={i} className={styles.item}>
                <Body1>{item}</Body1>
              </li>
            ))}
          </ul>
        ) : (
          <Caption1 className={styles.none}>{props.empty ?? 'Nothing recorded yet.'}</Caption1>
        ))}
      {props.text !== undefined &&
        (hasText ? (
          <Body1 className={styles.text}>{props.text}</Body1>
        ) : (
          <Caption1 className={styles.none}>{props.empty ?? 'Nothing recorded yet.'}</Caption1>
        ))}
      {props.extra}
    </section>
  );
}
