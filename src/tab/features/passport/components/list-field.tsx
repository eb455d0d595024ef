import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useRef } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  legend: {
    padding: 0,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', minWidth: 0 },
  field: { flexGrow: 1, minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
  add: { alignSelf: 'flex-start' },
});

/**
 * A list of short statements ("what helps me"): one text box each, a Remove button on each, and Add. The
 * caller offers undo for a removal.
 */
export function ListField(props: {
  label: string;
  hint?: string;
  items: string[];
  onChange: (items: string[]) => void;
  onRemove: (index: number, removed: string) => void;
  error?: string | undefined;
  maxItems?: number;
}) {
  const styles = useStyles();
  const id = useId();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const max = props.maxItems ?? 30;
  const update = (index: number, value: string) =>
    props.onChange(props.items.map((item, i) => (i === index ? value : item)));
  const add = () => {
    props.onChange([...props.items, '']);
    // Focus the new, empty box once it exists.
    requestAnimationFrame(() => inputs.current[props.items.length]?.focus());
  };
  return (
    <fieldset className={styles.root} aria-describedby={props.hint ? `${id}-hint` : undefined}>
      <legend className={styles.legend}>{props.label}</legend>
      {props.hint && (
        <span id={`${id}-hint`} className={styles.hint}>
          {props.hint}
        </span>
      )}
      {props.items.map((item, index) => (
        <div className={styles.row} key={index}>
          <Field
            className={styles.field}
            validationState={props.error && item.trim() === '' ? 'error' : 'none'}
            validationMessage={
              props.error && item.trim() === '' ? 'Write something, or remove this line' : undefined
            }
          >
            <Input
              id={`${id}-${index}`}
              className={styles.input}
              value={item}
              aria-label={`${props.label}, line ${index + 1} of ${props.items.length}`}
              maxLength={500}
              ref={(el) => {
                inputs.current[index] = el;
              }}
              onChange={(_e, data) => update(index, data.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (props.items.length < max) add();
                }
              }}
            />
          </Field>
          <Button
            appearance="subtle"
            aria-label={`Remove line ${index + 1} from ${props.label}${item.trim() ? `: ${item.trim()}` : ''}`}
            onClick={() => props.onRemove(index, item)}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button
        className={styles.add}
        size="small"
        onClick={add}
        disabled={props.items.length >= max}
        aria-label={`Add a line to ${props.label}`}
      >
        + Add a line
      </Button>
    </fieldset>
  );
}
