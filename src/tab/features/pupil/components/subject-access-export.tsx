import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { SubjectAccessExport } from '../../../../contract/subject-access.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { describeError } from '../../../components/describe-error.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  said: { color: tokens.colorNeutralForeground2 },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/** Saves `content` as a file in the browser's downloads (Teams' desktop client too). */
function saveFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "Subject access export": everything SENCO Hub holds about the pupil (UK GDPR Art 15), as a printable
 * document or as a data file, made by the server (which audits it) and saved as a file.
 */
export function SubjectAccessExportButton(props: { pupilId: string }) {
  const styles = useStyles();
  const { api, me } = useApiSession();
  const [state, setState] = useState<{ text: string; failed: boolean; busy: boolean }>({
    text: '',
    failed: false,
    busy: false,
  });
  const base = `/api/pupils/${encodeURIComponent(props.pupilId)}/subject-access-export`;
  const fileName = `subject-access-export-${me.today}`;

  const run = async (format: 'html' | 'json') => {
    setState({ text: 'Preparing the export…', failed: false, busy: true });
    try {
      if (format === 'html') {
        saveFile(
          `${fileName}.html`,
          await api.get<string>(`${base}?format=html`, { as: 'text' }),
          'text/html',
        );
      } else {
        const data = await api.get<SubjectAccessExport>(base);
        saveFile(`${fileName}.json`, JSON.stringify(data, null, 2), 'application/json');
      }
      setState({
        text:
          format === 'html'
            ? 'Saved the printable copy to your downloads. Open it to read or print.'
            : 'Saved the data file to your downloads.',
        failed: false,
        busy: false,
      });
    } catch (err) {
      const { title, detail } = describeError(err, 'The export');
      setState({ text: `${title}. ${detail}`, failed: true, busy: false });
    }
  };

  return (
    <div className={styles.root}>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button disabled={state.busy}>Subject access export</Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem onClick={() => void run('html')}>Printable copy (web page)</MenuItem>
            <MenuItem onClick={() => void run('json')}>Data file (JSON)</MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      <Text role="status" className={state.failed ? styles.failed : styles.said}>
        {state.text}
      </Text>
    </div>
  );
}
