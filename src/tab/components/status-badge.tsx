import { Badge } from '@fluentui/react-components';
import type { SenProvisionCode } from '../../domain/sen-status.ts';
import type { StepStatus } from '../../domain/timeline-step.ts';

const STEP: Record<StepStatus, { label: string; color: 'danger' | 'warning' | 'informative' | 'success' }> = {
  overdue: { label: 'Overdue', color: 'danger' },
  'due-soon': { label: 'Due soon', color: 'warning' },
  upcoming: { label: 'Upcoming', color: 'informative' },
  done: { label: 'Done', color: 'success' },
};

/** A deadline's state, in words (colour is never the only signal). */
export function StepStatusBadge(props: { status: StepStatus }) {
  const { label, color } = STEP[props.status];
  return (
    <Badge appearance={props.status === 'upcoming' ? 'outline' : 'tint'} color={color} shape="rounded">
      {label}
    </Badge>
  );
}

export const SEN_STATUS_SHORT: Record<SenProvisionCode, string> = {
  E: 'EHC plan',
  K: 'SEN support',
  N: 'No SEN',
};

export function SenStatusBadge(props: { status: SenProvisionCode }) {
  return (
    <Badge
      appearance={props.status === 'E' ? 'filled' : 'tint'}
      color={props.status === 'E' ? 'brand' : props.status === 'K' ? 'informative' : 'subtle'}
      shape="rounded"
    >
      {SEN_STATUS_SHORT[props.status]}
    </Badge>
  );
}
