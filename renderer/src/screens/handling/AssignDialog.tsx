// Giao xử lý: exactly one official handles the letter and answers for it
// (xử lý chính), others help (phối hợp) or are kept informed (để biết), by a
// deadline; the leader's ý kiến chỉ đạo goes with it.
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandlingView } from '../../../../shared/handling.ts';
import { call } from '../../api/client.ts';
import { DeadlineField, deadlineDefaults, deadlineInput, type DeadlineValues } from './DeadlineField.tsx';
import { HandlingDialog, type StepDialogProps } from './HandlingDialog.tsx';
import { PersonSelect } from './PersonSelect.tsx';
import { usePeople } from '../people/use-people.ts';

interface Values extends DeadlineValues {
  main: string;
  with?: string[];
  inform?: string[];
  note?: string;
}

export function AssignDialog({
  handling,
  documentId,
  onDone,
  onClose,
}: StepDialogProps & {
  handling: HandlingView;
}) {
  const { t } = useTranslation('handling');
  const [form] = Form.useForm<Values>();
  const { people } = usePeople(false);
  const main = Form.useWatch('main', form);
  const helping = Form.useWatch('with', form) ?? [];
  const informed = Form.useWatch('inform', form) ?? [];
  // A new assignment starts from the current one (a re-assignment changes one thing at a time).
  const current: Partial<Values> = {
    ...deadlineDefaults,
    ...(handling.mainHandler ? { main: handling.mainHandler.id } : {}),
    with: handling.with.map((person) => person.id),
    inform: handling.inform.map((person) => person.id),
  };

  return (
    <HandlingDialog<Values>
      testId="handling-dialog-assign"
      title={t('dialog.title.assign')}
      okText={t('action.assign')}
      form={form}
      fields={['main', 'with', 'inform', 'dueOn', 'dueInWorkingDays', 'note']}
      initialValues={current}
      width={600}
      onClose={onClose}
      onSend={async (values) => {
        await call('handling.assign', {
          id: documentId,
          main: values.main,
          with: values.with ?? [],
          inform: values.inform ?? [],
          ...deadlineInput(values),
          note: values.note ?? '',
        });
        onDone();
      }}
    >
      {people?.length === 0 && <Alert type="warning" showIcon title={t('dialog.noPeople')} />}
      <Form.Item
        name="main"
        label={t('dialog.main')}
        extra={t('dialog.mainHelp')}
        rules={[{ required: true, message: t('dialog.mainRequired') }]}
      >
        <PersonSelect
          people={people}
          exclude={[...helping, ...informed]}
          placeholder={t('dialog.pickPerson')}
          testId="handling-main"
        />
      </Form.Item>
      <Form.Item name="with" label={t('dialog.with')}>
        <PersonSelect
          people={people}
          multiple
          exclude={[...(main ? [main] : []), ...informed]}
          placeholder={t('dialog.pickPeople')}
          testId="handling-with"
        />
      </Form.Item>
      <Form.Item name="inform" label={t('dialog.inform')}>
        <PersonSelect
          people={people}
          multiple
          exclude={[...(main ? [main] : []), ...helping]}
          placeholder={t('dialog.pickPeople')}
          testId="handling-inform"
        />
      </Form.Item>
      <DeadlineField label={t('dialog.deadline')} />
      <Form.Item name="note" label={t('dialog.direction')}>
        <Input.TextArea data-testid="handling-note" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </HandlingDialog>
  );
}
