// The office's own details as the first run asks them and Settings corrects
// them: the mã định danh in the form of Decision 20/2020/QĐ-TTg, the name as
// the seal writes it, and the abbreviations a ký hiệu is made of. Checked on
// each field as the clerk leaves it; core checks again and names any field it
// refuses (shown under the field by showFieldErrors).
import { Form, Input, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { OFFICE_AGENCY_CODE } from '../../../shared/domain.ts';

export interface OfficeValues {
  agencyCode: string;
  name: string;
  abbreviation: string;
  defaultUnit: string;
}

export const officeFields = ['agencyCode', 'name', 'abbreviation', 'defaultUnit'] as const;

// Upper case as the province's list writes it: "h56" typed is H56.
const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

export function OfficeFields({ testIdPrefix, autoFocus = false }: { testIdPrefix: string; autoFocus?: boolean }) {
  const { t } = useTranslation('common');
  const required: FormRule = { required: true, whitespace: true, message: t('office.required') };
  const agencyCode: FormRule = {
    validator: (_rule, value: unknown) =>
      typeof value !== 'string' || value.trim() === '' || OFFICE_AGENCY_CODE.test(value.trim())
        ? Promise.resolve()
        : Promise.reject(new Error(t('office.agencyCodeFormat'))),
  };
  return (
    <>
      <Form.Item
        name="agencyCode"
        label={t('office.agencyCode')}
        extra={t('office.agencyCodeHint')}
        rules={[required, agencyCode]}
        normalize={upper}
        validateTrigger="onBlur"
      >
        <Input
          data-testid={`${testIdPrefix}-agency-code`}
          placeholder="000.00.31.H56"
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
        />
      </Form.Item>
      <Form.Item name="name" label={t('office.name')} rules={[required]} validateTrigger="onBlur">
        <Input data-testid={`${testIdPrefix}-name`} placeholder={t('office.namePlaceholder')} autoComplete="off" />
      </Form.Item>
      <div className="form-row">
        <Form.Item
          name="abbreviation"
          label={t('office.abbreviation')}
          extra={t('office.abbreviationHint')}
          rules={[required]}
          normalize={upper}
          validateTrigger="onBlur"
        >
          <Input data-testid={`${testIdPrefix}-abbreviation`} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="defaultUnit"
          label={t('office.defaultUnit')}
          extra={t('office.defaultUnitHint')}
          rules={[required]}
          normalize={upper}
          validateTrigger="onBlur"
        >
          <Input data-testid={`${testIdPrefix}-default-unit`} autoComplete="off" />
        </Form.Item>
      </div>
    </>
  );
}
