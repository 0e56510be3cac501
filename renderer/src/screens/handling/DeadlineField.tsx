// Hạn xử lý as a date or as "trong N ngày làm việc": a leader writes either,
// and core counts the working days on the agency's calendar (weekends,
// holidays, the year's swapped days).
import { Form, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateInput, dateValue } from '../../components/DateInput.tsx';

export interface DeadlineValues {
  deadlineKind: 'date' | 'days';
  dueOn?: string;
  dueInWorkingDays?: number | null;
}

export const deadlineDefaults: DeadlineValues = { deadlineKind: 'days' };

/** The deadline as core takes it: exactly one of dueOn and dueInWorkingDays. */
export function deadlineInput(values: DeadlineValues): { dueOn: string } | { dueInWorkingDays: number } {
  if (values.deadlineKind === 'date') return { dueOn: dateValue(values.dueOn) ?? '' };
  return { dueInWorkingDays: values.dueInWorkingDays ?? 0 };
}

export function DeadlineField({ label }: { label: string }) {
  const { t } = useTranslation('handling');
  const kind = Form.useWatch<DeadlineValues['deadlineKind'] | undefined>('deadlineKind');
  return (
    <Form.Item label={label} required className="handling-deadline">
      <Space wrap size={8}>
        <Form.Item name="deadlineKind" noStyle>
          <Radio.Group
            data-testid="handling-deadline-kind"
            optionType="button"
            size="small"
            options={[
              { value: 'days', label: t('dialog.byWorkingDays') },
              { value: 'date', label: t('dialog.byDate') },
            ]}
          />
        </Form.Item>
        {kind === 'date' ? (
          <Form.Item
            name="dueOn"
            noStyle
            rules={[
              {
                validator: (_rule, value: unknown) =>
                  dateValue(value) ? Promise.resolve() : Promise.reject(new Error(t('dialog.dateRequired'))),
              },
            ]}
          >
            <DateInput testId="handling-due-on" />
          </Form.Item>
        ) : (
          <Space size={4}>
            <Form.Item
              name="dueInWorkingDays"
              noStyle
              rules={[{ required: true, type: 'integer', min: 1, max: 365, message: t('dialog.daysRequired') }]}
            >
              <InputNumber<number> data-testid="handling-due-days" min={1} max={365} precision={0} />
            </Form.Item>
            <span>{t('dialog.workingDays')}</span>
          </Space>
        )}
      </Space>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldError }) => {
          const errors = [...getFieldError('dueOn'), ...getFieldError('dueInWorkingDays')];
          return errors.length > 0 ? <div className="ant-form-item-explain-error">{errors.join(' ')}</div> : null;
        }}
      </Form.Item>
    </Form.Item>
  );
}
