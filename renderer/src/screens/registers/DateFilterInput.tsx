// A date bound of the register filter, typed as dd/mm/yyyy (or yyyy-mm-dd).
// It applies on Enter or when the field is left, not at every keystroke: each
// new filter starts the table again from the top.
import { Input } from 'antd';
import { useState } from 'react';
import { formatDate, parseDateInput } from '../../components/dates.ts';

export function DateFilterInput({
  value,
  onCommit,
  placeholder,
  testId,
  title,
  className = 'filter-date',
}: {
  value?: string;
  onCommit: (value: string | undefined) => void;
  placeholder: string;
  testId?: string;
  title?: string;
  className?: string;
}) {
  const [text, setText] = useState(formatDate(value));
  // A new bound (committed here, or the filters cleared) replaces what was typed, written as dd/mm/yyyy.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(formatDate(value));
  }

  const trimmed = text.trim();
  const parsed = trimmed ? parseDateInput(trimmed) : null;
  const commit = () => {
    if (!trimmed) {
      if (value !== undefined) onCommit(undefined);
    } else if (parsed && parsed !== value) {
      onCommit(parsed);
    }
  };

  return (
    <Input
      className={className}
      data-testid={testId}
      title={title}
      size="small"
      inputMode="numeric"
      autoComplete="off"
      placeholder={placeholder}
      status={trimmed && !parsed ? 'error' : undefined}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}
