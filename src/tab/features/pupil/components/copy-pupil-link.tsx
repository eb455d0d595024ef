import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { pageOf } from '../../../app/route.ts';
import { useTabHost } from '../../../host/tab-host-context.tsx';

/** Long enough to read; afterwards a stale "Link copied" beside the button would only mislead. */
const LINK_COPIED_SHOWN_MS = 6_000;

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  said: { color: tokens.colorNeutralForeground2 },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * "Copy link to this pupil": Teams' own share inside Teams, else the tab's address on the clipboard. The link
 * names the pupil by id only, and its label is the page's, so no name travels in the address.
 */
export function CopyPupilLink(props: { pupilId: string }) {
  const styles = useStyles();
  const host = useTabHost();
  const [said, setSaid] = useState<{ text: string; failed: boolean }>({ text: '', failed: false });
  useEffect(() => {
    if (!said.text || said.failed) return;
    const timer = setTimeout(() => setSaid({ text: '', failed: false }), LINK_COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [said]);
  const share = async () => {
    // Emptied first, so a second copy is announced again.
    setSaid({ text: '', failed: false });
    try {
      const outcome = await host.shareLink({
        page: pageOf({ name: 'pupil', pupilId: props.pupilId }),
        label: 'Pupil record',
      });
      // Inside Teams, Teams' share dialog says what happened.
      if (outcome === 'copied') setSaid({ text: 'Link copied', failed: false });
    } catch {
      setSaid({
        text: 'The link was not copied: this browser did not allow it. Copy the address from the address bar instead.',
        failed: true,
      });
    }
  };
  return (
    <div className={styles.root}>
      <Button onClick={() => void share()}>Copy link to this pupil</Button>
      <Text role="status" className={said.failed ? styles.failed : styles.said}>
        {said.text}
      </Text>
    </div>
  );
}
