// What narrows a register: năm, loại, độ khẩn, a date range, only overdue.
// Every change makes a new query, so the table starts again from the top.
import { Button, Checkbox, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { urgencies, type Urgency } from '../../../../shared/domain.ts';
import type { RegisterView } from '../../app/router.ts';
import { DocumentTypeSelect } from '../../components/DocumentTypeSelect.tsx';
import { DateFilterInput } from './DateFilterInput.tsx';
import { isUnfiltered, noFilters, type RegisterFilterValues } from './query.ts';

const FIRST_YEAR = 2015;

export function RegisterFilters({
  view,
  value,
  onChange,
}: {
  view: RegisterView;
  value: RegisterFilterValues;
  onChange: (value: RegisterFilterValues) => void;
}) {
  const { t } = useTranslation('registers');
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 2 }, (_, i) => thisYear + 1 - i);

  return (
    <div className="register-filters">
      <Select<number>
        className="filter-year"
        size="small"
        allowClear
        placeholder={t('filters.allYears')}
        value={value.year}
        onChange={(year) => onChange({ ...value, year })}
        options={years.map((year) => ({ value: year, label: t('filters.year', { year }) }))}
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
        options={urgencies.map((urgency) => ({ value: urgency, label: t(`common:urgency.${urgency}`) }))}
      />
      <span className="filter-range">
        <DateFilterInput
          value={value.from}
          placeholder={t('filters.from')}
          onCommit={(from) => onChange({ ...value, from })}
        />
        <span className="muted">–</span>
        <DateFilterInput value={value.to} placeholder={t('filters.to')} onCommit={(to) => onChange({ ...value, to })} />
      </span>
      {view !== 'drafts' && (
        <Checkbox checked={value.overdue} onChange={(event) => onChange({ ...value, overdue: event.target.checked })}>
          {t('filters.overdueOnly')}
        </Checkbox>
      )}
      <Button size="small" type="link" disabled={isUnfiltered(value)} onClick={() => onChange(noFilters)}>
        {t('filters.clear')}
      </Button>
    </div>
  );
}
