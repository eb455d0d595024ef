import { Button, Field, Input, Select } from '@fluentui/react-components';
import type { InviteeRole } from '../../../../domain/review.schema.ts';
import { useFormStyles } from '../../../components/form-styles.ts';

export type AdviceRow = {
  from: string;
  role: InviteeRole;
  requestedOn: string;
  receivedOn: string;
  professionalId: string | undefined;
};

export const INVITEE_ROLE_LABELS: Record<InviteeRole, string> = {
  'parent-or-young-person': 'Parent or young person',
  pupil: 'Pupil',
  'head-teacher-or-provider': 'Head teacher or provider',
  'la-sen-officer': 'LA SEN officer',
  'health-professional': 'Health professional',
  'social-care-officer': 'Social care officer',
  senco: 'SENCO',
  'class-teacher': 'Class teacher',
  'designated-teacher': 'Designated teacher',
  'virtual-school': 'Virtual school',
  'educational-psychologist': 'Educational psychologist',
  'other-professional': 'Other professional',
  other: 'Other',
};

/** Advice asked of each professional for the review (reg 20(3)), when it was asked for and when it came. */
export function AdviceRequestsEditor(props: {
  rows: AdviceRow[];
  roles: readonly InviteeRole[];
  today: string;
  errors: Record<string, string>;
  idOf: (path: string) => string;
  onChange: (rows: AdviceRow[]) => void;
}) {
  const styles = useFormStyles();
  const { rows, errors, idOf } = props;
  const update = (i: number, patch: Partial<AdviceRow>) =>
    props.onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className={styles.fieldset}>
      <legend>Advice requested</legend>
      {rows.length === 0 && <span>No advice requested yet.</span>}
      {rows.map((row, i) => (
        <div key={i} className={styles.fieldset} role="group" aria-label={`Advice ${i + 1}`}>
          <div className={styles.row}>
            <Field
              label={`Advice ${i + 1} from`}
              required
              validationMessage={errors[`adviceRequests.${i}.from`]}
            >
              <Input
                id={idOf(`adviceRequests.${i}.from`)}
                value={row.from}
                onChange={(_e, d) => update(i, { from: d.value })}
              />
            </Field>
            <Field label="Role" validationMessage={errors[`adviceRequests.${i}.role`]}>
              <Select
                className={styles.select}
                id={idOf(`adviceRequests.${i}.role`)}
                value={row.role}
                onChange={(_e, d) => update(i, { role: d.value as InviteeRole })}
              >
                {props.roles.map((r) => (
                  <option key={r} value={r}>
                    {INVITEE_ROLE_LABELS[r]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className={styles.row}>
            <Field
              label="Requested on"
              required
              validationMessage={errors[`adviceRequests.${i}.requestedOn`]}
            >
              <Input
                id={idOf(`adviceRequests.${i}.requestedOn`)}
                type="date"
                max={props.today}
                value={row.requestedOn}
                onChange={(_e, d) => update(i, { requestedOn: d.value })}
              />
            </Field>
            <Field label="Received on" validationMessage={errors[`adviceRequests.${i}.receivedOn`]}>
              <Input
                id={idOf(`adviceRequests.${i}.receivedOn`)}
                type="date"
                max={props.today}
                value={row.receivedOn}
                onChange={(_e, d) => update(i, { receivedOn: d.value })}
              />
            </Field>
          </div>
          <div>
            <Button
              onClick={() => {
                props.onChange(rows.filter((_r, j) => j !== i));
                requestAnimationFrame(() => document.getElementById('trail-add-advice')?.focus());
              }}
            >
              Remove advice {i + 1}
            </Button>
          </div>
        </div>
      ))}
      <div>
        <Button
          id="trail-add-advice"
          onClick={() => {
            props.onChange([
              ...rows,
              {
                from: '',
                role: 'educational-psychologist',
                requestedOn: props.today,
                receivedOn: '',
                professionalId: undefined,
              },
            ]);
            requestAnimationFrame(() =>
              document.getElementById(idOf(`adviceRequests.${rows.length}.from`))?.focus(),
            );
          }}
        >
          Add advice request
        </Button>
      </div>
    </fieldset>
  );
}
