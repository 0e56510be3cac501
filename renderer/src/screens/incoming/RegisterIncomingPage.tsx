// Vào sổ văn bản đến: drop the PDF, let its own text (or OCR of a scan) fill
// the form (never over what the clerk already typed), check each filled field
// against the letter shown beside the form, check for a document already in
// the register, correct, register, and land on the new entry.
import { App, Button, Form, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerInput, PrefillView } from '../../../../shared/api.ts';
import type { Secrecy, Urgency } from '../../../../shared/domain.ts';
import { errorMessages } from '../../../../shared/errors.ts';
import { asCoreError, call, CoreError } from '../../api/client.ts';
import { navigate, openDocument } from '../../app/router.ts';
import { dateValue } from '../../components/DateInput.tsx';
import { formatDate, today } from '../../components/dates.ts';
import { DropZone } from '../../components/DropZone.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { fileToBase64, isPdfFile } from '../../components/files.ts';
import { allFieldsShown, showFieldErrors } from '../../components/form-errors.ts';
import type { IssuerSuggestion } from '../../components/IssuerInput.tsx';
import { OcrProgress } from '../../components/OcrProgress.tsx';
import { documentTypeKey } from '../../components/options.ts';
import { useOcrWait } from '../../components/use-ocr-wait.ts';
import { usePrefillCheck } from '../../components/use-prefill-check.ts';
import { PdfFileViewer } from '../document/PdfViewer.tsx';
import { DuplicateWarning } from './DuplicateWarning.tsx';
import { IncomingFields } from './IncomingFields.tsx';
import { PrefillNote } from './PrefillNote.tsx';

interface IncomingValues {
  issuerName: string;
  issuerCode?: string;
  notation: string;
  issuedOn: string;
  confirmFutureIssuedOn?: boolean;
  type: string;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  arrivedOn: string;
  dueOn?: string;
  recipientUnit?: string;
  notes?: string;
  pageCount?: number | null;
}

const formFields = [
  'issuerName',
  'issuerCode',
  'notation',
  'issuedOn',
  'type',
  'subject',
  'urgency',
  'secrecy',
  'arrivedOn',
  'dueOn',
  'recipientUnit',
  'notes',
  'pageCount',
];

interface PickedFile {
  file: File;
  base64: Promise<string>;
}

export function RegisterIncomingPage() {
  const { t } = useTranslation(['incoming', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<IncomingValues>();
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [prefill, setPrefill] = useState<PrefillView | null>(null);
  const [reading, setReading] = useState(false);
  // The clerk stopped the OCR of this file: nothing was read because they chose so.
  const [readingStopped, setReadingStopped] = useState(false);
  const ocr = useOcrWait();
  const check = usePrefillCheck();
  const [fileError, setFileError] = useState<CoreError | null>(null);
  const [duplicateRefusal, setDuplicateRefusal] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<CoreError | null>(null);
  // Core (whose today may already be tomorrow's) asked to confirm the ngày văn bản.
  const [confirmAsked, setConfirmAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  // The last file dropped: a slower answer for an earlier file is dropped.
  const latestFile = useRef<File | null>(null);
  // The issuer name the code in the form belongs to (read from the PDF, or picked from the list).
  const codeOwner = useRef<string | null>(null);

  const applyPrefill = (found: PrefillView) => {
    const type = found.type ? documentTypeKey(found.type) : undefined;
    const candidates: Partial<IncomingValues> = {
      notation: found.notation ?? undefined,
      issuedOn: found.issuedOn ? formatDate(found.issuedOn) : undefined,
      issuerName: found.issuerName ?? undefined,
      type,
      subject: found.subject ?? undefined,
      pageCount: found.pageCount > 0 ? found.pageCount : undefined,
    };
    // A field the clerk has not typed in holds what the previous PDF said, or
    // nothing: it takes what this PDF says, or goes empty, so a second file
    // never keeps the first one's number, issuer or subject.
    const fill: Partial<IncomingValues> = {};
    for (const [name, value] of Object.entries(candidates) as [
      keyof IncomingValues,
      IncomingValues[keyof IncomingValues],
    ][]) {
      if (!form.isFieldTouched(name)) Object.assign(fill, { [name]: value });
    }
    // The code belongs to the issuer read from the PDF: only with that name.
    if (!form.isFieldTouched('issuerName')) {
      fill.issuerCode = found.issuerCode ?? undefined;
      codeOwner.current = found.issuerName;
    }
    if ('issuedOn' in fill) fill.confirmFutureIssuedOn = false;
    form.setFieldsValue(fill);
    check.filled(Object.entries(fill).flatMap(([name, value]) => (value ? [name] : [])));
    // A date read from the letter is checked against the rules at once (a future date is asked about).
    if (fill.issuedOn) void form.validateFields(['issuedOn', 'arrivedOn']).catch(() => undefined);
  };

  const onFile = async (file: File | null) => {
    latestFile.current = file;
    setPrefill(null);
    setReadingStopped(false);
    setFileError(null);
    setDuplicateRefusal(null);
    // The OCR of the file before is of no use now; stopped before this file's
    // reading starts, so that the stop cannot reach this one's OCR.
    if (reading) await ocr.stop();
    if (latestFile.current !== file) return;
    if (!file) {
      setPicked(null);
      check.filled([]);
      return;
    }
    if (!isPdfFile(file)) {
      setPicked(null);
      setFileError(new CoreError({ code: 'PDF_NOT_PDF', message: errorMessages.PDF_NOT_PDF }));
      return;
    }
    const base64 = fileToBase64(file);
    setPicked({ file, base64 });
    setReading(true);
    try {
      const { value: found, stopped } = await ocr.follow(async () =>
        call('incoming.prefill', { file: { base64: await base64, filename: file.name } }),
      );
      if (latestFile.current !== file) return;
      setPrefill(found);
      setReadingStopped(stopped);
      applyPrefill(found);
    } catch (error) {
      if (latestFile.current === file) setFileError(asCoreError(error));
    } finally {
      if (latestFile.current === file) setReading(false);
    }
  };

  const pickIssuer = (issuer: IssuerSuggestion) => {
    codeOwner.current = issuer.name;
    form.setFieldsValue({ issuerName: issuer.name, issuerCode: issuer.code ?? undefined });
    check.changed(['issuerName']);
  };

  const submit = async (allowDuplicate: boolean) => {
    let values: IncomingValues;
    try {
      // Every rule, the ones kept for saving too (a future ngày văn bản not confirmed).
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setSubmitError(null);
    try {
      const input: HandlerInput<'incoming.register'> = {
        issuerName: values.issuerName,
        // An erased code is '' in the form; core takes a missing code, never an empty one.
        issuerCode: values.issuerCode === '' ? undefined : values.issuerCode,
        notation: values.notation,
        issuedOn: dateValue(values.issuedOn) ?? values.issuedOn,
        confirmFutureIssuedOn: values.confirmFutureIssuedOn === true,
        type: values.type,
        subject: values.subject,
        urgency: values.urgency,
        secrecy: values.secrecy,
        arrivedOn: dateValue(values.arrivedOn),
        dueOn: dateValue(values.dueOn),
        recipientUnit: values.recipientUnit,
        notes: values.notes,
        pageCount: values.pageCount ?? undefined,
        allowDuplicate,
      };
      if (picked) input.file = { base64: await picked.base64, filename: picked.file.name };
      // A scan is read by OCR before it is registered; Dừng registers it at once and leaves its text for later.
      const { value: document } = await ocr.follow(() => call('incoming.register', input));
      message.success(t('registered', { number: document.registerNumber, year: document.registerYear }));
      openDocument(document.id);
    } catch (error) {
      const coreError = asCoreError(error);
      if (coreError.code === 'DOCUMENT_DUPLICATE') {
        setDuplicateRefusal(coreError.value.message);
      } else {
        if (coreError.code === 'ISSUED_ON_FUTURE_UNCONFIRMED') setConfirmAsked(true);
        showFieldErrors(form, coreError, formFields);
        setSubmitError(coreError);
      }
    } finally {
      setBusy(false);
    }
  };

  const duplicates = prefill?.duplicates ?? [];
  const issuerCode = Form.useWatch('issuerCode', form);
  // Tên cơ quan chủ quản is shown, never put in the issuer field: the author is the agency under it.
  const issuerNotes = [
    prefill?.parentName ? t('fields.parentName', { name: prefill.parentName }) : null,
    issuerCode ? t('fields.issuerCode', { code: issuerCode }) : null,
  ].filter((note) => note !== null);
  const showPreview = picked !== null && fileError === null;

  return (
    <div className="form-page incoming-page">
      <div className="page-toolbar">
        <Typography.Title level={4} className="page-title">
          {t('title')}
        </Typography.Title>
      </div>
      <div className={showPreview ? 'form-page-body form-page-body-preview' : 'form-page-body'}>
        <aside className="form-page-side">
          <DropZone
            testId="incoming-dropzone"
            file={picked?.file ?? null}
            onFile={(file) => void onFile(file)}
            hint={t('dropHint')}
            busy={reading}
          />
          {reading && <OcrProgress wait={ocr} stopHint={t('ocr.stopReading')} />}
          {prefill && <PrefillNote prefill={prefill} stopped={readingStopped} unchecked={check.unchecked.size} />}
          <ErrorNotice error={fileError} onClose={() => setFileError(null)} />
          {(duplicates.length > 0 || duplicateRefusal) && (
            <DuplicateWarning
              duplicates={duplicates}
              message={duplicateRefusal}
              busy={busy}
              onRegisterAnyway={() => void submit(true)}
            />
          )}
          {showPreview && (
            <div className="incoming-preview" data-testid="incoming-preview">
              <PdfFileViewer
                key={picked.file.name + picked.file.lastModified}
                file={picked.file}
                bytes={picked.base64}
              />
            </div>
          )}
        </aside>
        <Form<IncomingValues>
          form={form}
          className="form-page-main"
          layout="vertical"
          validateTrigger={['onChange', 'onBlur']}
          initialValues={{ urgency: 'thuong', secrecy: 'thuong', arrivedOn: formatDate(today()) }}
          onFinish={() => void submit(false)}
          onValuesChange={(changed: Partial<IncomingValues>) => {
            check.changed(Object.keys(changed));
            // A name typed by hand no longer matches the code read from the PDF or picked.
            if ('issuerName' in changed && changed.issuerName !== codeOwner.current) {
              form.setFieldValue('issuerCode', undefined);
            }
            // A changed date is confirmed again, if it is still in the future.
            if ('issuedOn' in changed) {
              form.setFieldValue('confirmFutureIssuedOn', false);
              setConfirmAsked(false);
            }
          }}
        >
          <div onFocus={check.onFocus}>
            <IncomingFields
              prefilled={check.className}
              issuerNotes={issuerNotes}
              onPickIssuer={pickIssuer}
              confirmAsked={confirmAsked}
            />
          </div>
          {busy && !reading && <OcrProgress wait={ocr} stopHint={t('ocr.stopRegistering')} />}
          <ErrorNotice
            error={submitError}
            onClose={() => setSubmitError(null)}
            fieldsShown={submitError !== null && allFieldsShown(submitError, formFields)}
          />
          <div className="form-actions">
            <Button type="primary" htmlType="submit" loading={busy} data-testid="incoming-submit">
              {t('submit')}
            </Button>
            <Button onClick={() => navigate({ name: 'incoming' })}>{t('common:cancel')}</Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
