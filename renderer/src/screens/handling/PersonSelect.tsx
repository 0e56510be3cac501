// Picks officials of the agency by name (typed without diacritics too): one
// for a leader or the main handler, several for phối hợp and để biết.
import { Select } from 'antd';
import type { PersonRole, PersonView } from '../../../../shared/handling.ts';
import { foldVietnamese } from '../../../../shared/fold.ts';
import { personLabel } from './person-label.ts';

interface PersonOption {
  value: string;
  label: string;
  /** The label folded (no diacritics, đ→d), what typed words are matched against. */
  search: string;
}

const showSearch = {
  filterOption: (input: string, option?: PersonOption) =>
    option ? option.search.includes(foldVietnamese(input.trim())) : false,
};

export function PersonSelect({
  id,
  value,
  onChange,
  people,
  roles,
  exclude = [],
  multiple = false,
  placeholder,
  testId,
}: {
  /** Set by Form.Item. */
  id?: string;
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  people: PersonView[] | null;
  /** Only officials of these roles; every role when absent. */
  roles?: readonly PersonRole[];
  /** Officials picked elsewhere in the same dialog. */
  exclude?: readonly string[];
  multiple?: boolean;
  placeholder: string;
  testId: string;
}) {
  const options = (people ?? [])
    .filter((person) => person.active && (!roles || roles.includes(person.role)) && !exclude.includes(person.id))
    .map((person): PersonOption => {
      const label = personLabel(person);
      return { value: person.id, label, search: foldVietnamese(label) };
    });
  return (
    <Select<string | string[], PersonOption>
      id={id}
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={people === null}
      placeholder={placeholder}
      allowClear={multiple}
      showSearch={showSearch}
    />
  );
}
