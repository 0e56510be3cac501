// A day from a government notice that came after this release: a day off
// (an extra Tết day) or a Saturday worked in exchange. Core's message goes on
// the field it names; what was typed stays.
import { Button, Flex, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { parseDateInput } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { allFieldsShown, showFieldErrors } from '../../components/form-errors.ts';

const FIELDS = ['day', 'kind', 'note', 'source'];

interface Values {
  day: string;
  kind: 'off' | 'work';
  note: string;
  source?: string;
}

export function CalendarDayForm({ onAdded }: { onAdded: (day: string) => void }) {
  const { t } = useTranslation('settings');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const add = async (values: Values) => {
    const day = parseDateInput(values.day);
    if (!day) {
      form.setFields([{ name: 'day', errors: [t('calendar.dayInvalid')] }]);
      return;
    }
    setBusy(true);
    try {
      await call('calendar.adjust', {
        day,
        kind: values.kind,
        note: values.note,
        ...(values.source ? { source: values.source } : {}),
      });
      setError(null);
      form.resetFields(['day', 'note']);
      onAdded(day);
    } catch (caught) {
      const failure = asCoreError(caught);
      if (!allFieldsShown(failure, FIELDS) || !showFieldErrors(form, failure, FIELDS)) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="inline"
      size="small"
      initialValues={{ kind: 'off' }}
      onFinish={(values) => void add(values)}
      data-testid="calendar-form"
    >
      <Flex wrap gap={8} align="start">
        <Form.Item
          name="day"
          label={t('calendar.day')}
          rules={[{ required: true, message: t('calendar.dayRequired') }]}
        >
          <DateInput testId="calendar-day" />
        </Form.Item>
        <Form.Item name="kind">
          <Radio.Group
            options={[
              { value: 'off', label: t('calendar.kind.off') },
              { value: 'work', label: t('calendar.kind.work') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('calendar.note')}
          rules={[{ required: true, message: t('calendar.noteRequired') }]}
        >
          <Input data-testid="calendar-note" placeholder={t('calendar.notePlaceholder')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="source" label={t('calendar.source')}>
          <Input placeholder={t('calendar.sourcePlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={busy} data-testid="calendar-add">
          {t('calendar.add')}
        </Button>
      </Flex>
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
    </Form>
  );
}
