import { Button, Dropdown, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { SEN_NEED_CODES, SEN_NEEDS, type SenNeedCode } from '../../../../domain/needs.ts';
import type { PupilFlag } from '../../../../domain/register-analytics.ts';
import type { SenProvisionCode } from '../../../../domain/sen-status.ts';
import type { YearGroup } from '../../../../domain/year-group.ts';
import { FLAG_LABELS } from '../../../api/pupil-labels.ts';
import { yearGroupLabel } from '../../../components/format.ts';
import { SEN_STATUS_SHORT } from '../../../components/status-badge.tsx';
import type { RegisterFilters } from '../api/get-register.ts';
import { activeFilterCount } from '../saved-views.ts';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  field: { minWidth: 0, maxWidth: '100%' },
  dropdown: { minWidth: '150px', maxWidth: '100%' },
  wideDropdown: { minWidth: '200px', maxWidth: '100%' },
});

const STATUSES: SenProvisionCode[] = ['K', 'E', 'N'];
const FLAGS: PupilFlag[] = ['lookedAfter', 'pupilPremium', 'freeSchoolMeals', 'eal', 'topUpFunding'];

const summarise = (labels: string[], none: string) =>
  labels.length === 0 ? none : labels.length <= 2 ? labels.join(', ') : `${labels.length} selected`;

/**
 * The register's filters by year, class, status, need and flags: Fluent's Dropdown (with its popup positioning),
 * loaded once the register's rows are shown (register-filters.tsx). Every control has a visible label.
 */
export function RegisterFilterMenus(props: {
  filters: RegisterFilters;
  onSearch: (q: string) => void;
  onChange: (filters: RegisterFilters) => void;
  years: YearGroup[];
  classes: { id: string; displayName: string }[] | undefined;
}) {
  const styles = useStyles();
  const { filters, onChange, years } = props;
  const set = <K extends keyof RegisterFilters>(key: K, value: RegisterFilters[K]) =>
    onChange({ ...filters, [key]: value });
  const className = props.classes?.find((c) => c.id === filters.classId)?.displayName;
  return (
    <div className={styles.row}>
      <Field label="Year group" className={styles.field}>
        <Dropdown
          multiselect
          className={styles.dropdown}
          value={summarise(filters.year.map(yearGroupLabel), 'All years')}
          selectedOptions={filters.year}
          onOptionSelect={(_e, data) => set('year', data.selectedOptions as YearGroup[])}
        >
          {years.map((y) => (
            <Option key={y} value={y}>
              {yearGroupLabel(y)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Class" className={styles.field}>
        <Dropdown
          className={styles.dropdown}
          value={className ?? 'All classes'}
          selectedOptions={[filters.classId ?? '']}
          onOptionSelect={(_e, data) => set('classId', data.optionValue ? data.optionValue : undefined)}
        >
          <Option value="">All classes</Option>
          {(props.classes ?? []).map((c) => (
            <Option key={c.id} value={c.id}>
              {c.displayName}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="SEN status" className={styles.field}>
        <Dropdown
          multiselect
          className={styles.dropdown}
          value={summarise(
            filters.status.map((s) => SEN_STATUS_SHORT[s]),
            'On the register',
          )}
          selectedOptions={filters.status}
          onOptionSelect={(_e, data) => set('status', data.selectedOptions as SenProvisionCode[])}
        >
          {STATUSES.map((s) => (
            <Option key={s} value={s}>
              {SEN_STATUS_SHORT[s]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Need" className={styles.field}>
        <Dropdown
          multiselect
          className={styles.wideDropdown}
          value={summarise(filters.need, 'Any need')}
          selectedOptions={filters.need}
          onOptionSelect={(_e, data) => set('need', data.selectedOptions as SenNeedCode[])}
        >
          {SEN_NEED_CODES.map((code) => (
            <Option key={code} value={code} text={`${code}: ${SEN_NEEDS[code].description}`}>
              {`${code}: ${SEN_NEEDS[code].description}`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Flags (all must match)" className={styles.field}>
        <Dropdown
          multiselect
          className={styles.dropdown}
          value={summarise(
            filters.flag.map((f) => FLAG_LABELS[f].short),
            'Any',
          )}
          selectedOptions={filters.flag}
          onOptionSelect={(_e, data) => set('flag', data.selectedOptions as PupilFlag[])}
        >
          {FLAGS.map((f) => (
            <Option key={f} value={f} text={FLAG_LABELS[f].long}>
              {`${FLAG_LABELS[f].long} (${FLAG_LABELS[f].short})`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {activeFilterCount(filters) > 0 && (
        <Button
          appearance="subtle"
          onClick={() => {
            props.onSearch('');
            onChange({ ...filters, q: '', year: [], classId: undefined, status: [], need: [], flag: [] });
          }}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
