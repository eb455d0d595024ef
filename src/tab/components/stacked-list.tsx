import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  divided: {
    '& > li': {
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      paddingTop: tokens.spacingVerticalXS,
    },
  },
});

/**
 * Entries one under another without bullets, named for a screen reader (which announces the list and how many
 * entries it has): the register's bars by need, the provision map's interventions on a phone. Each child is an
 * `<li>`; `divided` rules a line above each entry, for entries of several lines.
 */
export function StackedList(props: { label: string; divided?: boolean; children: ReactNode }) {
  const styles = useStyles();
  return (
    <ul className={mergeClasses(styles.list, props.divided && styles.divided)} aria-label={props.label}>
      {props.children}
    </ul>
  );
}
