import { Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  footer: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    color: tokens.colorNeutralForeground2,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** Local mode only: says the school is made up and where to see what the app wrote. */
export function DemoNotice() {
  const styles = useStyles();
  return (
    <footer className={styles.footer}>
      <Caption1>
        Demo school: SENCO Hub is running on a local stand-in for Microsoft 365 with made-up pupils.
        Everything it writes to SharePoint, Outlook and Teams is kept here:{' '}
        <Link href="/local365/">open the inspector</Link>.
      </Caption1>
    </footer>
  );
}
