// What narrows a register: words, năm, loại, độ khẩn, a date range, only
// overdue, and the handling (state, main handler, due by).
// Every change makes a new query, so the table starts again from the top.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select } from 'antd';
import { memo, useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Urgency } from '../../../../shared/domain.ts';
import { call } from '../../api/client.ts';
import type { RegisterView } from '../../app/router.ts';
import { DocumentTypeSelect } from '../../components/DocumentTypeSelect.tsx';
import { useUrgencyOptions } from '../../components/options.ts';
import { DateFilterInput } from './DateFilterInput.tsx';
import { RegisterHandlingFilters } from './RegisterHandlingFilters.tsx';
import { currentYear, defaultFilters, isDefault, type RegisterFilterValues } from './query.ts';

// Typing pauses this long before the table asks again: one query per word, not per letter.
const QUERY_DELAY_MS = 300;
const ALL_YEARS = 'all';

// Memoized: the register page redraws each time a page of rows arrives, the filters need not.
export const RegisterFilters = memo(function RegisterFilters({
  view,
  value,
  onChange,
}: {
  view: RegisterView;
  value: RegisterFilterValues;
  onChange: (value: RegisterFilterValues) => void;
}) {
  const { t } = useTranslation('registers');
  const years = useRegisterYears(view, value.year);

  return (
    <div className="register-filters">
      <QueryInput value={value.query ?? ''} onCommit={(query) => onChange({ ...value, query })} />
      <Select<number | typeof ALL_YEARS>
        className="filter-year"
        size="small"
        data-testid="register-year"
        value={value.year ?? ALL_YEARS}
        onChange={(year) => onChange({ ...value, year: year === ALL_YEARS ? undefined : year })}
        options={[
          ...years.map((year) => ({ value: year, label: t('filters.year', { year }) })),
          { value: ALL_YEARS, label: t('filters.allYears') },
        ]}
      />
      <DocumentTypeSelect
        className="filter-type"
        size="small"
        allowClear
        placeholder={t('filters.allTypes')}
        value={value.type}
        onChange={(type) => onChange({ ...value, type })}
      />
      <Select<Urgency>
        className="filter-urgency"
        size="small"
        allowClear
        placeholder={t('filters.allUrgencies')}
        value={value.urgency}
        onChange={(urgency) => onChange({ ...value, urgency })}
        options={useUrgencyOptions()}
      />
      <span className="filter-range" title={t('filters.rangeHelp')}>
        <DateFilterInput
          value={value.from}
          placeholder={t('filters.from')}
          onCommit={(from) => onChange({ ...value, from })}
        />
        <span className="muted">–</span>
        <DateFilterInput value={value.to} placeholder={t('filters.to')} onCommit={(to) => onChange({ ...value, to })} />
      </span>
      {view !== 'drafts' && (
        <Checkbox
          data-testid="register-overdue"
          checked={value.overdue}
          onChange={(event) => onChange({ ...value, overdue: event.target.checked })}
        >
          {t('filters.overdueOnly')}
        </Checkbox>
      )}
      {view !== 'outgoing' && <RegisterHandlingFilters view={view} value={value} onChange={onChange} />}
      {!isDefault(view, value) && (
        <Button
          size="small"
          type="link"
          data-testid="register-clear-filters"
          onClick={() => onChange(defaultFilters(view))}
        >
          {t('filters.clear')}
        </Button>
      )}
    </div>
  );
});

/**
 * The years the view holds documents in, newest first, with this year (a new
 * year's register starts empty) and the year shown (from a link) always there.
 */
function useRegisterYears(view: RegisterView, shown: number | undefined): number[] {
  const [held, setHeld] = useState<number[]>([]);
  useEffect(() => {
    let stopped = false;
    call('documents.years', { view })
      .then((answer) => {
        if (!stopped) setHeld(answer.years);
      })
      // Without the list the filter still offers this year and every year.
      .catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, [view]);
  const years = new Set([currentYear(), ...held, ...(shown === undefined ? [] : [shown])]);
  return [...years].sort((a, b) => b - a);
}

/** The register's search box: applied when typing pauses, at once on Enter or when emptied. */
function QueryInput({ value, onCommit }: { value: string; onCommit: (query: string | undefined) => void }) {
  const { t } = useTranslation('registers');
  const [text, setText] = useState(value);
  // The filters cleared elsewhere (Xóa bộ lọc) empty the box too.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }

  const commit = useEffectEvent((query: string) => onCommit(query || undefined));
  useEffect(() => {
    const query = text.trim();
    if (query === value.trim()) return;
    const timer = window.setTimeout(() => commit(query), query ? QUERY_DELAY_MS : 0);
    return () => window.clearTimeout(timer);
  }, [text, value]);

  return (
    <Input
      className="filter-query"
      size="small"
      data-testid="register-query"
      allowClear
      prefix={<SearchOutlined className="muted" />}
      placeholder={t('filters.query')}
      value={text}
      autoComplete="off"
      onChange={(event) => setText(event.target.value)}
      onPressEnter={() => onCommit(text.trim() || undefined)}
    />
  );
}
