// Trình lãnh đạo (an incoming letter, for direction) and trình duyệt (a draft,
// for approval): which leader, and a note.
import { Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { HandlingDialog, type StepDialogProps } from './HandlingDialog.tsx';
import { PersonSelect } from './PersonSelect.tsx';
import { usePeople } from '../people/use-people.ts';

interface Values {
  to: string;
  note?: string;
}

const leaders = ['leader'] as const;

export function LeaderDialog({
  action,
  documentId,
  onDone,
  onClose,
}: StepDialogProps & {
  action: 'submit' | 'draftSubmit';
}) {
  const { t } = useTranslation('handling');
  const [form] = Form.useForm<Values>();
  const { people } = usePeople(false);
  // The commune's only leader needs no picking.
  const onlyLeader = people?.filter((person) => person.role === 'leader');
  const single = onlyLeader?.length === 1 ? onlyLeader[0]!.id : null;
  useEffect(() => {
    if (single && !form.getFieldValue('to')) form.setFieldValue('to', single);
  }, [single, form]);

  return (
    <HandlingDialog<Values>
      testId={`handling-dialog-${action}`}
      title={t(`dialog.title.${action}`)}
      okText={t(`action.${action}`)}
      form={form}
      fields={['to', 'note']}
      onClose={onClose}
      onSend={async (values) => {
        const input = { id: documentId, to: values.to, note: values.note ?? '' };
        await (action === 'submit' ? call('handling.submit', input) : call('drafts.submit', input));
        onDone();
      }}
    >
      <Form.Item name="to" label={t('dialog.leader')} rules={[{ required: true, message: t('dialog.leaderRequired') }]}>
        <PersonSelect people={people} roles={leaders} placeholder={t('dialog.pickLeader')} testId="handling-leader" />
      </Form.Item>
      <Form.Item name="note" label={t('dialog.note')}>
        <Input.TextArea data-testid="handling-note" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </HandlingDialog>
  );
}
