// The steps that take words only: ý kiến chỉ đạo, nhận, đang xử lý, trả lại
// (with the reason), đồng ý or không đồng ý gia hạn, duyệt, and trả lại a
// draft with the leader's comments.
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandlingView } from '../../../../shared/handling.ts';
import { call } from '../../api/client.ts';
import { formatDate } from '../../components/dates.ts';
import { HandlingDialog, type StepDialogProps } from './HandlingDialog.tsx';

export type NoteAction =
  'direct' | 'receive' | 'progress' | 'grantExtension' | 'refuseExtension' | 'return' | 'draftApprove' | 'draftReturn';

type Field = 'note' | 'reason' | 'comments';

/** Which field each step writes, in core's name for it, and whether it may be left empty. */
const noteFields: Record<NoteAction, { field: Field; required: boolean }> = {
  direct: { field: 'note', required: true },
  receive: { field: 'note', required: false },
  progress: { field: 'note', required: false },
  grantExtension: { field: 'note', required: false },
  refuseExtension: { field: 'note', required: false },
  return: { field: 'reason', required: true },
  draftApprove: { field: 'note', required: false },
  draftReturn: { field: 'comments', required: true },
};

function send(action: NoteAction, id: string, text: string): Promise<unknown> {
  switch (action) {
    case 'direct':
      return call('handling.direct', { id, note: text });
    case 'receive':
      return call('handling.receive', { id, note: text });
    case 'progress':
      return call('handling.progress', { id, note: text });
    case 'grantExtension':
      return call('handling.decideExtension', { id, grant: true, note: text });
    case 'refuseExtension':
      return call('handling.decideExtension', { id, grant: false, note: text });
    case 'return':
      return call('handling.return', { id, reason: text });
    case 'draftApprove':
      return call('drafts.approve', { id, note: text });
    case 'draftReturn':
      return call('drafts.return', { id, comments: text });
  }
}

export function NoteDialog({
  action,
  handling,
  documentId,
  onDone,
  onClose,
}: StepDialogProps & {
  action: NoteAction;
  handling: HandlingView;
}) {
  const { t } = useTranslation('handling');
  const [form] = Form.useForm<Record<Field, string>>();
  const { field, required } = noteFields[action];
  const label =
    action === 'direct'
      ? t('dialog.direction')
      : field === 'reason'
        ? t('dialog.reason')
        : field === 'comments'
          ? t('dialog.comments')
          : t('dialog.note');
  const requiredMessage =
    action === 'direct'
      ? t('dialog.directionRequired')
      : field === 'comments'
        ? t('dialog.commentsRequired')
        : t('dialog.reasonRequired');
  const asked = handling.extensionAsked;

  return (
    <HandlingDialog<Record<Field, string>>
      testId={`handling-dialog-${action}`}
      title={t(`dialog.title.${action}`)}
      okText={t(`action.${action}`)}
      danger={action === 'return' || action === 'draftReturn' || action === 'refuseExtension'}
      form={form}
      fields={[field]}
      onClose={onClose}
      onSend={async (values) => {
        await send(action, documentId, (values[field] ?? '').trim());
        onDone();
      }}
    >
      {asked && (action === 'grantExtension' || action === 'refuseExtension') && (
        <Alert
          className="handling-dialog-context"
          type="info"
          showIcon
          title={t('dialog.askedDeadline', { name: asked.by.name, dueOn: formatDate(asked.dueOn) })}
          description={asked.reason ? t('extensionReason', { reason: asked.reason }) : undefined}
        />
      )}
      <Form.Item
        name={field}
        label={label}
        rules={required ? [{ required: true, whitespace: true, message: requiredMessage }] : []}
      >
        <Input.TextArea
          data-testid="handling-note"
          autoFocus
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={field === 'comments' ? 4000 : 2000}
        />
      </Form.Item>
    </HandlingDialog>
  );
}
