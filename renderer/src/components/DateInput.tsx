// A date typed as text: dd/mm/yyyy or yyyy-mm-dd. Typing is faster than a
// calendar for a clerk copying dates off paper; the value is shown back as
// dd/mm/yyyy once the field loses focus.
import { Input } from 'antd';
import { formatDate, parseDateInput } from './dates.ts';

export interface DateInputProps {
  /** Set by Form.Item: the label points at the field, and the form knows which field has focus. */
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  testId?: string;
  placeholder?: string;
}

export function DateInput({ id, value, onChange, testId, placeholder = 'dd/mm/yyyy' }: DateInputProps) {
  return (
    <Input
      id={id}
      data-testid={testId}
      value={value}
      placeholder={placeholder}
      inputMode="numeric"
      autoComplete="off"
      onChange={(event) => onChange?.(event.target.value)}
      onBlur={() => {
        const parsed = value ? parseDateInput(value) : null;
        if (parsed) onChange?.(formatDate(parsed));
      }}
    />
  );
}

/** A form's date text as core wants it: yyyy-mm-dd, or undefined when empty. */
export function dateValue(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  return parseDateInput(text) ?? undefined;
}
