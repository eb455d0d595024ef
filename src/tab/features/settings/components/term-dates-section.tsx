import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { SectionCard } from '../../../components/section-card.tsx';
import { VisuallyHidden } from '../../../components/visually-hidden.tsx';
import { useSettingsStyles } from './settings-styles.ts';

const useStyles = makeStyles({
  term: {
    border: 'none',
    padding: 0,
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
    '@media (min-width: 700px)': { gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr) auto' },
  },
});

type Term = { name: string; from: string; to: string };

/** The school's terms, which decide the school days reminders are posted on. Checked when saved. */
export function TermDatesSection(props: {
  terms: Term[];
  onChange: (terms: Term[]) => void;
  /** The message for a term's field, if it was refused. */
  error: (index: number, part: keyof Term) => string | undefined;
}) {
  const styles = useStyles();
  const shared = useSettingsStyles();
  const { terms, onChange } = props;
  const change = (i: number, patch: Partial<Term>) =>
    onChange(terms.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <SectionCard title="Term dates">
      <Text as="p">
        Reminders are posted on school days only: weekdays in a term, bank holidays excepted. With no terms
        recorded, every weekday but bank holidays counts.
      </Text>
      {terms.map((term, i) => (
        <fieldset key={i} className={styles.term}>
          <legend>
            <VisuallyHidden>Term {i + 1}</VisuallyHidden>
          </legend>
          <Field label={`Term ${i + 1} name`} validationMessage={props.error(i, 'name')}>
            <Input
              value={term.name}
              placeholder="Autumn 1"
              onChange={(_e, d) => change(i, { name: d.value })}
            />
          </Field>
          <Field label="First day" validationMessage={props.error(i, 'from')}>
            <Input type="date" value={term.from} onChange={(_e, d) => change(i, { from: d.value })} />
          </Field>
          <Field label="Last day" validationMessage={props.error(i, 'to')}>
            <Input type="date" value={term.to} onChange={(_e, d) => change(i, { to: d.value })} />
          </Field>
          <Button
            aria-label={`Remove term ${i + 1}${term.name ? ` (${term.name})` : ''}`}
            onClick={() => onChange(terms.filter((_t, j) => j !== i))}
          >
            Remove
          </Button>
        </fieldset>
      ))}
      <div className={shared.actions}>
        <Button onClick={() => onChange([...terms, { name: '', from: '', to: '' }])}>Add a term</Button>
      </div>
    </SectionCard>
  );
}
