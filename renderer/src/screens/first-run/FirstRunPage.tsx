// The first start on a PC: which office this is. The mã định danh and the name
// go on every register and every document sent from here.
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { showFieldErrors } from '../../components/form-errors.ts';

interface InitValues {
  agencyCode: string;
  name: string;
  abbreviation: string;
  defaultUnit: string;
}

const fields = ['agencyCode', 'name', 'abbreviation', 'defaultUnit'];

export function FirstRunPage({ onDone }: { onDone: (office: OfficeView) => void }) {
  const { t } = useTranslation('first-run');
  const [form] = Form.useForm<InitValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const submit = async (values: InitValues) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('office.init', values));
    } catch (failure) {
      const coreError = asCoreError(failure);
      showFieldErrors(form, coreError, fields);
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
        <Form<InitValues>
          form={form}
          layout="vertical"
          initialValues={{ abbreviation: 'UBND', defaultUnit: 'VP' }}
          onFinish={(values) => void submit(values)}
          requiredMark={false}
        >
          <Form.Item
            name="agencyCode"
            label={t('agencyCode')}
            extra={t('agencyCodeHint')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input data-testid="init-agency-code" placeholder="000.00.31.H56" autoFocus autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('name')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input data-testid="init-name" placeholder={t('namePlaceholder')} autoComplete="off" />
          </Form.Item>
          <div className="form-row">
            <Form.Item
              name="abbreviation"
              label={t('abbreviation')}
              extra={t('abbreviationHint')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="defaultUnit"
              label={t('defaultUnit')}
              extra={t('defaultUnitHint')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </div>
          <ErrorNotice error={error} />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="init-submit" block>
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
