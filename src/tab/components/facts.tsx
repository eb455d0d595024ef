import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '@media (min-width: 600px)': { gridTemplateColumns: 'minmax(120px, max-content) minmax(0, 1fr)' },
  },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase300 },
  value: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    overflowWrap: 'anywhere',
    marginBottom: tokens.spacingVerticalXS,
    '@media (min-width: 600px)': { marginBottom: 0 },
  },
});

/** Label–value pairs (a description list): stacked on a phone, side by side when there is room. */
export function Facts(props: { items: [label: string, value: ReactNode][] }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {props.items.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt className={styles.term}>{label}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
