// Gia hạn: the main handler asks for a later deadline with the reason; a
// leader sets it at once (and says why, for the history).
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandlingView } from '../../../../shared/handling.ts';
import { call } from '../../api/client.ts';
import { formatDate } from '../../components/dates.ts';
import { DeadlineField, deadlineDefaults, deadlineInput, type DeadlineValues } from './DeadlineField.tsx';
import { HandlingDialog, type StepDialogProps } from './HandlingDialog.tsx';

interface Values extends DeadlineValues {
  reason: string;
}

export function ExtendDialog({
  action,
  handling,
  documentId,
  onDone,
  onClose,
}: StepDialogProps & {
  action: 'askExtension' | 'setExtension';
  handling: HandlingView;
}) {
  const { t } = useTranslation('handling');
  const [form] = Form.useForm<Values>();
  return (
    <HandlingDialog<Values>
      testId={`handling-dialog-${action}`}
      title={t(`dialog.title.${action}`)}
      okText={t(`action.${action}`)}
      form={form}
      fields={['dueOn', 'dueInWorkingDays', 'reason']}
      initialValues={deadlineDefaults}
      onClose={onClose}
      onSend={async (values) => {
        await call('handling.extend', { id: documentId, ...deadlineInput(values), reason: values.reason.trim() });
        onDone();
      }}
    >
      {handling.dueOn && (
        <Typography.Paragraph type="secondary" data-testid="handling-current-deadline">
          {t('dialog.currentDeadline', { dueOn: formatDate(handling.dueOn) })}
        </Typography.Paragraph>
      )}
      <DeadlineField label={t('dialog.newDeadline')} />
      <Form.Item
        name="reason"
        label={t('dialog.reason')}
        rules={[{ required: true, whitespace: true, message: t('dialog.reasonRequired') }]}
      >
        <Input.TextArea data-testid="handling-note" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </HandlingDialog>
  );
}
