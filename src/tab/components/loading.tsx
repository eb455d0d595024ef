import { Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'grid', gridTemplateColumns: '1fr', gap: tokens.spacingVerticalXS },
  short: { width: '40%' },
});

/** A placeholder shaped like the content, with a name so screen readers hear that something is loading. */
export function LoadingLines(props: { label: string; lines?: number }) {
  const styles = useStyles();
  return (
    <Skeleton aria-label={props.label} aria-busy="true" className={styles.stack}>
      {Array.from({ length: props.lines ?? 3 }, (_, i) => (
        <div className={styles.row} key={i}>
          <SkeletonItem size={16} className={i % 3 === 2 ? styles.short : undefined} />
        </div>
      ))}
    </Skeleton>
  );
}
