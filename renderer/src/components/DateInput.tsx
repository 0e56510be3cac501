// A date typed as text: dd/mm/yyyy or yyyy-mm-dd. Typing is faster than a
// calendar for a clerk copying dates off paper; the value is shown back as
// dd/mm/yyyy once the field loses focus.
import { Input, type FormRule } from 'antd';
import { formatDate, parseDateInput } from './dates.ts';

export interface DateInputProps {
  value?: string;
  onChange?: (value: string) => void;
  testId?: string;
  placeholder?: string;
}

export function DateInput({ value, onChange, testId, placeholder = 'dd/mm/yyyy' }: DateInputProps) {
  return (
    <Input
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

/** A form rule that accepts an empty field or a real date. */
export function dateRule(message: string): FormRule {
  return {
    validator: (_rule, value: unknown) =>
      typeof value !== 'string' || value.trim() === '' || parseDateInput(value)
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

/** A form's date text as core wants it: yyyy-mm-dd, or undefined when empty. */
export function dateValue(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  return parseDateInput(text) ?? undefined;
}
