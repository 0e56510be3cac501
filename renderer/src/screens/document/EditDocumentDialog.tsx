// Sửa thông tin: the fields documents.update allows. Only what changed is
// sent, so the history shows exactly what was edited.
import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView, HandlerInput } from '../../../../shared/api.ts';
import type { Urgency } from '../../../../shared/domain.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { DateInput, dateRule, dateValue } from '../../components/DateInput.tsx';
import { formatDate } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { showFieldErrors } from '../../components/form-errors.ts';
import { urgencyOptions } from '../../components/options.ts';

// Only the fields of the document's direction are on the form (and in what it returns).
interface EditValues {
  subject: string;
  urgency: Urgency;
  dueOn: string;
  completedOn: string;
  recipientUnit?: string;
  handedOn?: string;
  handedReceipt?: string;
  signerName?: string;
  signerTitle?: string;
  archiveUnit?: string;
  copies?: number | null;
  notes: string;
}

const dateFields = ['dueOn', 'completedOn', 'handedOn'] as const;
const textFields = ['recipientUnit', 'handedReceipt', 'signerName', 'signerTitle', 'archiveUnit', 'notes'] as const;

function valuesOf(document: DocumentView): EditValues {
  return {
    subject: document.subject,
    urgency: document.urgency,
    dueOn: formatDate(document.dueOn),
    completedOn: formatDate(document.completedOn),
    recipientUnit: document.recipientUnit ?? '',
    handedOn: formatDate(document.handedOn),
    handedReceipt: document.handedReceipt ?? '',
    signerName: document.signerName ?? '',
    signerTitle: document.signerTitle ?? '',
    archiveUnit: document.archiveUnit ?? '',
    copies: document.copies,
    notes: document.notes ?? '',
  };
}

/** The update input: the fields whose value differs from the document's. */
function changesOf(document: DocumentView, values: EditValues): HandlerInput<'documents.update'> {
  const input: HandlerInput<'documents.update'> = { id: document.id };
  if (values.subject.trim() !== document.subject) input.subject = values.subject;
  if (values.urgency !== document.urgency) input.urgency = values.urgency;
  for (const field of dateFields) {
    if (values[field] === undefined) continue;
    const next = dateValue(values[field]) ?? null;
    if (next !== document[field]) input[field] = next;
  }
  for (const field of textFields) {
    const next = values[field]?.trim();
    if (next !== undefined && next !== (document[field] ?? '')) input[field] = next;
  }
  if (values.copies !== undefined && values.copies !== null && values.copies !== document.copies)
    input.copies = values.copies;
  return input;
}

export function EditDocumentDialog({
  document,
  open,
  onClose,
  onSaved,
}: {
  document: DocumentView;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('document');
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const incoming = document.direction === 'incoming';
  const dateRules = [dateRule(t('edit.invalidDate'))];

  const save = async () => {
    let values: EditValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = changesOf(document, values);
    if (Object.keys(input).length === 1) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('documents.update', input);
      onSaved();
    } catch (failure) {
      const coreError = asCoreError(failure);
      showFieldErrors(form, coreError, Object.keys(valuesOf(document)));
      setError(coreError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('edit.title')}
      okText={t('edit.save')}
      cancelText={t('common:cancel')}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      width={720}
      // A fresh form, filled from the document as it is now, at every opening.
      destroyOnHidden
    >
      <Form<EditValues> form={form} layout="vertical" initialValues={valuesOf(document)} preserve={false}>
        <Form.Item
          name="subject"
          label={t('meta.subject')}
          rules={[{ required: true, whitespace: true, message: t('edit.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="urgency" label={t('meta.urgency')}>
              <Select options={urgencyOptions(t)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dueOn" label={t('meta.dueOn')} rules={dateRules}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="completedOn" label={t('meta.completedOn')} rules={dateRules}>
              <DateInput />
            </Form.Item>
          </Col>
        </Row>
        {incoming ? (
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item name="recipientUnit" label={t('meta.recipientUnit')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="handedOn" label={t('meta.handedOn')} rules={dateRules}>
                <DateInput />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="handedReceipt" label={t('meta.handedReceipt')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="signerName" label={t('meta.signerName')}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="signerTitle" label={t('meta.signerTitle')}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={16}>
                <Form.Item name="archiveUnit" label={t('meta.archiveUnit')}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="copies" label={t('meta.copies')}>
                  <InputNumber min={1} max={10000} precision={0} className="full-width" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Form.Item name="notes" label={t('meta.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
      <ErrorNotice error={error} onClose={() => setError(null)} />
    </Modal>
  );
}
