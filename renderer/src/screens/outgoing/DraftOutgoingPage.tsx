// Soạn văn bản đi: the draft's metadata and, when it is ready, its PDF. The
// number (số, ký hiệu) comes later, when the draft is issued.
import { App, Button, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerInput, OfficeView } from '../../../../shared/api.ts';
import type { Secrecy, Urgency } from '../../../../shared/domain.ts';
import { errorMessages } from '../../../../shared/errors.ts';
import { asCoreError, call, CoreError } from '../../api/client.ts';
import { navigate, openDocument } from '../../app/router.ts';
import { useDateRules } from '../../components/date-rules.ts';
import { DateInput, dateValue } from '../../components/DateInput.tsx';
import { DocumentTypeSelect } from '../../components/DocumentTypeSelect.tsx';
import { DropZone } from '../../components/DropZone.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { fileToBase64, isPdfFile } from '../../components/files.ts';
import { showFieldErrors } from '../../components/form-errors.ts';
import { OcrProgress } from '../../components/OcrProgress.tsx';
import { SecrecySelect, UrgencySelect } from '../../components/StampSelects.tsx';
import { useOcrWait } from '../../components/use-ocr-wait.ts';
import { RecipientPicker, toRecipients, type PickedRecipient } from './RecipientPicker.tsx';

interface DraftValues {
  type: string;
  subject: string;
  recipients: PickedRecipient[];
  urgency: Urgency;
  secrecy: Secrecy;
  signerName?: string;
  signerTitle?: string;
  draftingUnit?: string;
  dueOn?: string;
  copies?: number | null;
  archiveUnit?: string;
  notes?: string;
}

const formFields = [
  'type',
  'subject',
  'recipients',
  'urgency',
  'secrecy',
  'signerName',
  'signerTitle',
  'draftingUnit',
  'dueOn',
  'copies',
  'archiveUnit',
  'notes',
];

export function DraftOutgoingPage({ office }: { office: OfficeView }) {
  const { t } = useTranslation(['outgoing', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<DraftValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<CoreError | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [busy, setBusy] = useState(false);
  const ocr = useOcrWait();

  const onFile = (picked: File | null) => {
    setFileError(null);
    if (picked && !isPdfFile(picked)) {
      setFile(null);
      setFileError(new CoreError({ code: 'PDF_NOT_PDF', message: errorMessages.PDF_NOT_PDF }));
      return;
    }
    setFile(picked);
  };

  const submit = async (values: DraftValues) => {
    setBusy(true);
    setError(null);
    try {
      const input: HandlerInput<'outgoing.draft'> = {
        type: values.type,
        subject: values.subject,
        recipients: toRecipients(values.recipients ?? []),
        urgency: values.urgency,
        secrecy: values.secrecy,
        signerName: values.signerName,
        signerTitle: values.signerTitle,
        draftingUnit: values.draftingUnit,
        dueOn: dateValue(values.dueOn),
        copies: values.copies ?? undefined,
        archiveUnit: values.archiveUnit,
        notes: values.notes,
      };
      if (file) input.file = { base64: await fileToBase64(file), filename: file.name };
      // A scanned draft is read by OCR before it is saved; Dừng saves it at once and leaves its text for later.
      const { value: document } = await ocr.follow(() => call('outgoing.draft', input));
      message.success(t('saved'));
      openDocument(document.id);
    } catch (failure) {
      const coreError = asCoreError(failure);
      showFieldErrors(form, coreError, formFields);
      setError(coreError);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('required') };
  // A draft has no ngày văn bản or ngày đến yet: its hạn is checked once issued.
  const dates = useDateRules(null);
  return (
    <div className="form-page">
      <div className="page-toolbar">
        <Typography.Title level={4} className="page-title">
          {t('title')}
        </Typography.Title>
      </div>
      <div className="form-page-body">
        <aside className="form-page-side">
          <DropZone testId="draft-dropzone" file={file} onFile={onFile} hint={t('dropHint')} />
          <ErrorNotice error={fileError} onClose={() => setFileError(null)} />
          <Typography.Paragraph type="secondary" className="prefill-note">
            {t('numberLater')}
          </Typography.Paragraph>
        </aside>
        <Form<DraftValues>
          form={form}
          className="form-page-main"
          layout="vertical"
          initialValues={{ urgency: 'thuong', secrecy: 'thuong', recipients: [], draftingUnit: office.defaultUnit }}
          onFinish={(values) => void submit(values)}
        >
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="type" label={t('fields.type')} rules={[{ required: true, message: t('required') }]}>
                <DocumentTypeSelect testId="field-type" placeholder={t('fields.typePlaceholder')} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="subject" label={t('fields.subject')} rules={[required]}>
                <Input.TextArea data-testid="field-subject" autoSize={{ minRows: 2, maxRows: 5 }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="recipients" label={t('fields.recipients')} extra={t('recipients.hint')}>
            <RecipientPicker />
          </Form.Item>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="urgency" label={t('fields.urgency')}>
                <UrgencySelect testId="field-urgency" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="secrecy" label={t('fields.secrecy')}>
                <SecrecySelect testId="field-secrecy" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="draftingUnit" label={t('fields.draftingUnit')} extra={t('fields.draftingUnitHint')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="dueOn" label={t('fields.dueOn')} rules={[dates.date]}>
                <DateInput testId="field-dueOn" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="signerName" label={t('fields.signerName')}>
                <Input data-testid="field-signerName" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="signerTitle" label={t('fields.signerTitle')}>
                <Input
                  data-testid="field-signerTitle"
                  placeholder={t('fields.signerTitlePlaceholder')}
                  autoComplete="off"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="copies" label={t('fields.copies')}>
                <InputNumber min={1} max={10000} precision={0} className="full-width" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="archiveUnit" label={t('fields.archiveUnit')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="notes" label={t('fields.notes')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Col>
          </Row>
          {busy && <OcrProgress wait={ocr} stopHint={t('stopOcr')} />}
          <ErrorNotice error={error} onClose={() => setError(null)} />
          <div className="form-actions">
            <Button type="primary" htmlType="submit" loading={busy} data-testid="draft-submit">
              {t('submit')}
            </Button>
            <Button onClick={() => navigate({ name: 'drafts' })}>{t('common:cancel')}</Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
