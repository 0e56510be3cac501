// Dự thảo lần tiếp: the drafter's new PDF after the leader's comments. The
// earlier version stays in the document's history.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { DropZone } from '../../components/DropZone.tsx';
import { fileToBase64, isPdfFile } from '../../components/files.ts';
import { HandlingDialog, type StepDialogProps } from './HandlingDialog.tsx';

interface Values {
  file: File | null;
  note?: string;
}

/** The drop zone as a form control: the form holds the picked File. */
function FileField({ value, onChange }: { value?: File | null; onChange?: (file: File | null) => void }) {
  const { t } = useTranslation('handling');
  return (
    <DropZone
      testId="handling-revise-dropzone"
      file={value ?? null}
      onFile={(file) => onChange?.(file)}
      hint={t('dialog.dropHint')}
    />
  );
}

export function ReviseDialog({ documentId, onDone, onClose }: StepDialogProps) {
  const { t } = useTranslation('handling');
  const [form] = Form.useForm<Values>();
  return (
    <HandlingDialog<Values>
      testId="handling-dialog-draftRevise"
      title={t('dialog.title.draftRevise')}
      okText={t('action.draftRevise')}
      form={form}
      fields={['file', 'note']}
      initialValues={{ file: null }}
      onClose={onClose}
      onSend={async (values) => {
        const file = values.file!;
        await call('drafts.revise', {
          id: documentId,
          file: { base64: await fileToBase64(file), filename: file.name },
          note: values.note ?? '',
        });
        onDone();
      }}
    >
      <Form.Item
        name="file"
        label={t('dialog.newFile')}
        rules={[
          {
            validator: (_rule, value: unknown) =>
              !(value instanceof File)
                ? Promise.reject(new Error(t('dialog.fileRequired')))
                : isPdfFile(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('dialog.notPdf'))),
          },
        ]}
      >
        <FileField />
      </Form.Item>
      <Form.Item name="note" label={t('dialog.note')}>
        <Input.TextArea data-testid="handling-note" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </HandlingDialog>
  );
}
