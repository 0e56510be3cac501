// Độ khẩn and độ mật as form selects, in the current language.
import { Select, type SelectProps } from 'antd';
import type { Secrecy, Urgency } from '../../../shared/domain.ts';
import { useSecrecyOptions, useUrgencyOptions } from './options.ts';

type StampSelectProps<T> = Omit<SelectProps<T>, 'options'> & { testId?: string };

export function UrgencySelect({ testId, ...props }: StampSelectProps<Urgency>) {
  return <Select<Urgency> data-testid={testId} options={useUrgencyOptions()} {...props} />;
}

export function SecrecySelect({ testId, ...props }: StampSelectProps<Secrecy>) {
  return <Select<Secrecy> data-testid={testId} options={useSecrecyOptions()} {...props} />;
}
