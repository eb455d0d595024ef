import {
  Button,
  Combobox,
  Field,
  Option,
  Text,
  makeStyles,
  tokens,
  type ComboboxProps,
} from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { useDebouncedValue } from '../../../components/use-debounced-value.ts';
import { VisuallyHidden } from '../../../components/visually-hidden.tsx';
import { useStaffSearch } from '../api/search-staff.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column' },
  // The name wraps beside its Remove button rather than pushing the button onto a line of its own.
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  combobox: { minWidth: 0, maxWidth: '100%' },
  name: { flexGrow: 1, minWidth: 0 },
  remove: { flexShrink: 0 },
});

export type AssignedTa = { userId: string; name: string; role: string };

/**
 * "Find a TA": staff found by name from the school's directory through our server, picked with the ARIA
 * combobox pattern Fluent's Combobox follows (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): type, arrow
 * down the list, Enter to add. A TA added here records the intervention's sessions and sees its pupils'
 * passports while it runs; removing them takes that away.
 */
export function TaPicker(props: {
  assigned: readonly AssignedTa[];
  onAssign: (ta: AssignedTa) => void;
  onRemove: (userId: string) => void;
}) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const typed = useDebouncedValue(text, 250);
  const search = useStaffSearch(typed);
  const inputRef = useRef<HTMLInputElement>(null);
  const statusId = useId();
  const taken = new Set(props.assigned.map((a) => a.userId));
  const found = (search.data?.staff ?? []).filter((s) => !taken.has(s.userId));
  const status =
    typed.trim().length < 2
      ? 'Type at least 2 letters of their name.'
      : search.isFetching && !search.data
        ? 'Searching…'
        : search.isError
          ? 'The staff list could not be read. Try again in a moment.'
          : found.length === 0
            ? `No one on the staff list has a name starting “${typed.trim()}”.`
            : `${found.length} ${found.length === 1 ? 'person' : 'people'} found: arrow keys to choose, Enter to add.`;

  const onSelect: ComboboxProps['onOptionSelect'] = (_e, data) => {
    const chosen = found.find((s) => s.userId === data.optionValue);
    if (!chosen) return;
    props.onAssign({
      userId: chosen.userId,
      name: chosen.name,
      role: chosen.jobTitle ?? 'Teaching assistant',
    });
    setText('');
  };

  return (
    <div className={styles.root}>
      <Field
        label="Find a TA"
        hint="Staff named here record its sessions and see its pupils’ passports while it runs."
        validationState={search.isError ? 'error' : 'none'}
      >
        <Combobox
          ref={inputRef}
          className={styles.combobox}
          freeform
          value={text}
          selectedOptions={[]}
          placeholder="Start typing a name"
          aria-describedby={statusId}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
          onOptionSelect={onSelect}
        >
          {found.map((s) => (
            <Option key={s.userId} value={s.userId} text={s.name}>
              {s.jobTitle ? `${s.name} (${s.jobTitle})` : s.name}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Text size={200} id={statusId} aria-live="polite">
        {status}
      </Text>
      {props.assigned.length > 0 && (
        <ul className={styles.list} aria-label="TAs who deliver it">
          {props.assigned.map((a) => (
            <li key={a.userId} className={styles.item}>
              <Text className={styles.name}>
                {a.name}
                <VisuallyHidden>, </VisuallyHidden>
                <Text size={200}> {a.role}</Text>
              </Text>
              <Button
                className={styles.remove}
                size="small"
                aria-label={`Remove ${a.name}`}
                onClick={() => {
                  props.onRemove(a.userId);
                  requestAnimationFrame(() => inputRef.current?.focus());
                }}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
