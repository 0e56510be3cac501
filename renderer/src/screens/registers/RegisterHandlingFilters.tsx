// The register narrowed by its handling: where the documents stand, who
// handles them (xử lý chính), and those not yet completed that fall due by a day.
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldVietnamese } from '../../../../shared/fold.ts';
import type { HandlingState, PersonView } from '../../../../shared/handling.ts';
import { call } from '../../api/client.ts';
import { DateFilterInput } from './DateFilterInput.tsx';
import { viewHandlingStates } from './handling-states.ts';
import type { RegisterFilterValues } from './query.ts';

/** The agency's officials, for the main-handler filter; without them the filter offers nobody. */
function useOfficials(): PersonView[] {
  const [people, setPeople] = useState<PersonView[]>([]);
  useEffect(() => {
    let stopped = false;
    call('people.list', { includeInactive: true })
      .then((answer) => {
        if (!stopped) setPeople(answer.people);
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, []);
  return people;
}

export function RegisterHandlingFilters({
  view,
  value,
  onChange,
}: {
  view: 'incoming' | 'drafts';
  value: RegisterFilterValues;
  onChange: (value: RegisterFilterValues) => void;
}) {
  const { t } = useTranslation('registers');
  const incoming = view === 'incoming';
  return (
    <>
      <Select<HandlingState>
        className="filter-handling-state"
        size="small"
        allowClear
        data-testid="register-handling-state"
        placeholder={t('filters.allHandlingStates')}
        value={value.handlingState}
        onChange={(handlingState) => onChange({ ...value, handlingState })}
        options={viewHandlingStates[view].map((state) => ({ value: state, label: t(`handlingStates.${state}`) }))}
        popupMatchSelectWidth={false}
      />
      {incoming && <HandlerFilter value={value} onChange={onChange} />}
      {incoming && (
        <DateFilterInput
          testId="register-due-by"
          className="filter-date filter-due-by"
          value={value.dueBy}
          placeholder={t('filters.dueBy')}
          title={t('filters.dueByHelp')}
          onCommit={(dueBy) => onChange({ ...value, dueBy })}
        />
      )}
    </>
  );
}

interface HandlerOption {
  value: string;
  label: string;
  /** The name folded (no diacritics, đ→d): "binh" finds Bình. */
  search: string;
}

const handlerSearch = {
  filterOption: (input: string, option?: HandlerOption) =>
    option ? option.search.includes(foldVietnamese(input.trim())) : false,
};

function HandlerFilter({
  value,
  onChange,
}: {
  value: RegisterFilterValues;
  onChange: (value: RegisterFilterValues) => void;
}) {
  const { t } = useTranslation('registers');
  const people = useOfficials();
  return (
    <Select<string, HandlerOption>
      className="filter-handler"
      size="small"
      allowClear
      showSearch={handlerSearch}
      data-testid="register-main-handler"
      placeholder={t('filters.allHandlers')}
      value={value.mainHandler}
      onChange={(mainHandler) => onChange({ ...value, mainHandler })}
      options={people
        .filter((person) => person.role !== 'clerk' || person.id === value.mainHandler)
        .map((person): HandlerOption => ({
          value: person.id,
          label: person.name,
          search: foldVietnamese(person.name),
        }))}
      popupMatchSelectWidth={false}
    />
  );
}
