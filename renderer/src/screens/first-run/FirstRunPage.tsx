// The first start on a PC: which office this is. The mã định danh and the name
// go on every register and every document sent from here.
import { Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { showFieldErrors } from '../../components/form-errors.ts';
import { OfficeFields, officeFields, type OfficeValues } from '../../components/OfficeFields.tsx';

export function FirstRunPage({ onDone }: { onDone: (office: OfficeView) => void }) {
  const { t } = useTranslation('first-run');
  const [form] = Form.useForm<OfficeValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const submit = async (values: OfficeValues) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('office.init', values));
    } catch (failure) {
      const coreError = asCoreError(failure);
      showFieldErrors(form, coreError, officeFields);
      setError(coreError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="first-run">
      <Card className="first-run-card">
        <Typography.Title level={3}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        <Form<OfficeValues>
          form={form}
          layout="vertical"
          initialValues={{ abbreviation: 'UBND', defaultUnit: 'VP' }}
          onFinish={(values) => void submit(values)}
          requiredMark={false}
        >
          <OfficeFields testIdPrefix="init" autoFocus />
          <ErrorNotice error={error} />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="init-submit" block>
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
