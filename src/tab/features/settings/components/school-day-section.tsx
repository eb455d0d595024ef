import { Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { SectionCard } from '../../../components/section-card.tsx';

const useStyles = makeStyles({
  fields: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  narrow: { width: '12rem', maxWidth: '100%' },
});

/**
 * School hours: when booking looks for free times, and what it warns a meeting leaves ("outside school
 * hours"). Times in 15-minute steps, the end after the start (the settings schema checks both).
 */
export function SchoolDaySection(props: {
  value: { starts: string; ends: string };
  onChange: (value: { starts: string; ends: string }) => void;
  errors: { starts?: string | undefined; ends?: string | undefined };
}) {
  const styles = useStyles();
  return (
    <SectionCard title="School hours">
      <Text as="p">
        Meetings are booked inside these hours: free times are looked for between them, and a meeting that
        starts earlier or ends later is warned about before it is booked.
      </Text>
      <div className={styles.fields}>
        <Field
          className={styles.narrow}
          label="School day starts"
          hint="In 15-minute steps, e.g. 08:30."
          validationMessage={props.errors.starts}
        >
          <Input
            type="time"
            step={900}
            value={props.value.starts}
            onChange={(_e, d) => props.onChange({ ...props.value, starts: d.value })}
          />
        </Field>
        <Field
          className={styles.narrow}
          label="School day ends"
          hint="After the start, e.g. 16:00."
          validationMessage={props.errors.ends}
        >
          <Input
            type="time"
            step={900}
            value={props.value.ends}
            onChange={(_e, d) => props.onChange({ ...props.value, ends: d.value })}
          />
        </Field>
      </div>
    </SectionCard>
  );
}
