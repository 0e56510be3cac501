// The document types of Decree 30 Appendix III, searchable by name or
// abbreviation with or without diacritics ("quyet dinh", "QĐ", "qd").
import { Select } from 'antd';
import { useMemo } from 'react';
import { documentTypes, type DocumentType } from '../../../shared/domain.ts';
import { foldVietnamese } from '../../../shared/fold.ts';

interface TypeOption {
  value: string;
  label: string;
  search: string;
}

function optionOf(type: DocumentType): TypeOption {
  const label = type.abbreviation ? `${type.name} (${type.abbreviation})` : type.name;
  return { value: type.key, label, search: foldVietnamese(`${type.key} ${type.abbreviation ?? ''} ${type.name}`) };
}

const options = documentTypes.map(optionOf);

export interface DocumentTypeSelectProps {
  /** Set by Form.Item: the label points at the field, and the form knows which field has focus. */
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  testId?: string;
  placeholder?: string;
  allowClear?: boolean;
  className?: string;
  size?: 'small' | 'middle';
}

export function DocumentTypeSelect({
  id,
  value,
  onChange,
  testId,
  placeholder,
  allowClear,
  className,
  size,
}: DocumentTypeSelectProps) {
  const showSearch = useMemo(
    () => ({
      filterOption: (input: string, option?: TypeOption) =>
        option ? option.search.includes(foldVietnamese(input.trim())) : false,
    }),
    [],
  );
  return (
    <Select<string, TypeOption>
      id={id}
      data-testid={testId}
      className={className}
      size={size}
      value={value}
      onChange={onChange}
      options={options}
      showSearch={showSearch}
      placeholder={placeholder}
      allowClear={allowClear}
      popupMatchSelectWidth={false}
    />
  );
}
