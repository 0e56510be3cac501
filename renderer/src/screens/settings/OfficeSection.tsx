// Thông tin cơ quan: the office's details as the first run set them, to
// correct a typo in the name or the ký hiệu's abbreviations. What is drafted
// and numbered from now on takes the new details; core refuses a new mã định
// danh while this PC is connected to the provincial hub under the old one.
import { App, Button, Card, Flex, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerInput, OfficeView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { showFieldErrors } from '../../components/form-errors.ts';
import { OfficeFields, officeFields, type OfficeValues } from '../../components/OfficeFields.tsx';

export function OfficeSection({ office, onSaved }: { office: OfficeView; onSaved: (office: OfficeView) => void }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const [form] = Form.useForm<OfficeValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  async function save(values: OfficeValues) {
    // Only what changed: the history says exactly what was corrected.
    const changes: HandlerInput<'office.update'> = {};
    for (const field of officeFields) {
      if (values[field].trim() !== office[field]) changes[field] = values[field].trim();
    }
    if (Object.keys(changes).length === 0) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await call('office.update', changes);
      form.setFieldsValue(saved);
      onSaved(saved);
      void message.success(t('office.saved'));
    } catch (caught) {
      const coreError = asCoreError(caught);
      showFieldErrors(form, coreError, officeFields);
      setError(coreError);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={t('office.title')}>
      <Form<OfficeValues>
        form={form}
        layout="vertical"
        size="small"
        initialValues={office}
        requiredMark={false}
        onFinish={(values) => void save(values)}
      >
        <OfficeFields testIdPrefix="office" />
        <Flex vertical gap={8}>
          {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
          <Flex justify="flex-end">
            <Button type="primary" size="small" htmlType="submit" loading={saving} data-testid="office-save">
              {t('save')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Card>
  );
}
