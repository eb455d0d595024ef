import { Field, Input } from '@fluentui/react-components';
import { SectionCard } from '../../../components/section-card.tsx';
import { useSettingsStyles } from './settings-styles.ts';

/** How long a passport lasts before review, and the school's notional SEN budget. */
export function PassportsBudgetSection(props: {
  value: { passportReviewMonths: string; notionalSenBudget: string };
  onChange: (patch: Partial<{ passportReviewMonths: string; notionalSenBudget: string }>) => void;
  errors: { passportReviewMonths: string | undefined; notionalSenBudget: string | undefined };
}) {
  const styles = useSettingsStyles();
  return (
    <SectionCard title="Passports and budget">
      <div className={styles.fields}>
        <Field
          className={styles.narrow}
          label="Passport review interval (months)"
          hint="How long until a saved or reviewed passport is due review: 1 to 12."
          validationMessage={props.errors.passportReviewMonths}
        >
          <Input
            inputMode="numeric"
            value={props.value.passportReviewMonths}
            onChange={(_e, d) => props.onChange({ passportReviewMonths: d.value })}
          />
        </Field>
        <Field
          className={styles.narrow}
          label="Notional SEN budget (£)"
          hint="This financial year’s, from the local authority. Leave empty if not known."
          validationMessage={props.errors.notionalSenBudget}
        >
          <Input
            inputMode="decimal"
            contentBefore="£"
            value={props.value.notionalSenBudget}
            onChange={(_e, d) => props.onChange({ notionalSenBudget: d.value })}
          />
        </Field>
      </div>
    </SectionCard>
  );
}
