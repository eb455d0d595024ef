import {
  Body1,
  Button,
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { PassportContent } from '../../../../domain/passport.schema.ts';
import { dateTime } from '../../../components/format.ts';
import type { PassportConflict } from '../api/save-passport.ts';
import {
  comparePassportEdits,
  contentOf,
  mergePassportEdits,
  PASSPORT_FIELD_LABELS,
  type PassportField,
} from '../passport-merge.ts';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorStatusWarningBorderActive}`,
  },
  conflict: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  sides: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalM,
    '@media (min-width: 640px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  side: {
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    whiteSpace: 'pre-line',
    overflowWrap: 'anywhere',
    minWidth: 0,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

const show = (content: PassportContent, field: PassportField): string => {
  const value = content[field];
  if (Array.isArray(value)) return value.length > 0 ? value.map((v) => `• ${v}`).join('\n') : '(empty)';
  return typeof value === 'string' && value.trim() !== '' ? value : '(empty)';
};

/**
 * Someone saved this passport after you opened it: who and when, what they changed, and a choice for each
 * part you both changed. Nothing is saved until you say so, and nothing of theirs is silently lost.
 */
export function MergePanel(props: {
  conflict: PassportConflict;
  base: PassportContent;
  mine: PassportContent;
  saving: boolean;
  onSaveMerged: (merged: PassportContent) => void;
  onUseTheirs: () => void;
}) {
  const styles = useStyles();
  const theirs = contentOf(props.conflict.current?.value);
  const comparison = comparePassportEdits({ base: props.base, mine: props.mine, theirs });
  const [choices, setChoices] = useState<Partial<Record<PassportField, 'mine' | 'theirs'>>>({});
  // The passport names the person who saved it; SharePoint's "modified by" may be the app itself.
  const who = props.conflict.current?.value.updatedBy ?? props.conflict.changedBy ?? 'Someone';
  const when = props.conflict.changedAt ? `on ${dateTime(props.conflict.changedAt)}` : 'just now';
  const label = (f: PassportField) => PASSPORT_FIELD_LABELS[f];
  const titleRef = useRef<HTMLDivElement>(null);
  // The panel appears where the Save button was pressed, often far below its top: bring its heading into
  // view and put focus on it, so sighted, keyboard and screen-reader users all start reading it there.
  useEffect(() => {
    const title = titleRef.current;
    if (!title) return;
    title.scrollIntoView?.({ block: 'center' });
    title.focus({ preventScroll: true });
  }, [props.conflict]);

  return (
    <Card className={styles.card} role="region" aria-labelledby="merge-title">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id="merge-title" ref={titleRef} tabIndex={-1}>
            Changed by {who} {when} — review and merge
          </MessageBarTitle>
          {who} saved version {props.conflict.current?.value.version ?? 'a newer version'} while you were
          editing. Your changes are not saved yet.
        </MessageBarBody>
      </MessageBar>

      {comparison.theirs.length > 0 && (
        <Body1>Their changes to {comparison.theirs.map(label).join(', ')} will be kept.</Body1>
      )}
      {comparison.mine.length > 0 && (
        <Body1>Your changes to {comparison.mine.map(label).join(', ')} will be kept.</Body1>
      )}
      {comparison.conflicts.length === 0 ? (
        <Body1>You changed different parts, so both sets of changes can be kept.</Body1>
      ) : (
        comparison.conflicts.map((field) => (
          <div className={styles.conflict} key={field}>
            <Subtitle2 as="h3">{label(field)}: you both changed this</Subtitle2>
            <div className={styles.sides}>
              <div>
                <Caption1>Yours</Caption1>
                <Body1 as="p" className={styles.side}>
                  {show(props.mine, field)}
                </Body1>
              </div>
              <div>
                <Caption1>{who}’s</Caption1>
                <Body1 as="p" className={styles.side}>
                  {show(theirs, field)}
                </Body1>
              </div>
            </div>
            <RadioGroup
              layout="horizontal"
              aria-label={`Which ${label(field).toLocaleLowerCase('en-GB')} to keep`}
              value={choices[field] ?? 'mine'}
              onChange={(_e, data) => setChoices((c) => ({ ...c, [field]: data.value as 'mine' | 'theirs' }))}
            >
              <Radio value="mine" label="Keep mine" />
              <Radio value="theirs" label={`Keep ${who}’s`} />
            </RadioGroup>
          </div>
        ))
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={props.saving || !props.conflict.current}
          onClick={() =>
            props.onSaveMerged(mergePassportEdits({ mine: props.mine, theirs, comparison, choices }))
          }
        >
          Save merged version
        </Button>
        <Button disabled={props.saving} onClick={props.onUseTheirs}>
          Discard mine, use theirs
        </Button>
      </div>
    </Card>
  );
}
