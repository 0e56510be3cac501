// Sửa thông tin: every field of the register entry the clerk typed, and what
// is filled in as the work goes. A correction of a document already in a
// register asks why: the reason goes into the history with the old and new
// values. Dates are checked on their fields; core's refusals land there too.
// Enter saves (Ctrl+Enter in a multi-line field), Esc closes.
import { Form, Input, Modal } from 'antd';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FocusTrap } from '../../components/FocusTrap.tsx';
import { allFieldsShown, showFieldErrors } from '../../components/form-errors.ts';
import type { IssuerSuggestion } from '../../components/IssuerInput.tsx';
import { changesOf, correctsRegister, valuesOf, type EditValues } from './edit-values.ts';
import { EditFields, shownFields, type EditKind } from './EditFields.tsx';

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
  const { t } = useTranslation(['document', 'common']);
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const [confirmAsked, setConfirmAsked] = useState(false);
  // The issuer name the code in the form belongs to: the document's, or one picked from the list.
  const codeOwner = useRef(document.issuerName);
  const kind: EditKind =
    document.direction === 'incoming' ? 'incoming' : document.state === 'draft' ? 'draft' : 'issued';
  const shown = shownFields(kind);
  const formFields = [...shown, 'reason'];
  // A draft is in no register yet: nothing to justify.
  const asksReason = kind !== 'draft';

  const close = () => {
    codeOwner.current = document.issuerName;
    setError(null);
    setConfirmAsked(false);
    onClose();
  };

  const save = async () => {
    let values: EditValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = changesOf(document, values, shown);
    if (Object.keys(input).length === 1) {
      close();
      return;
    }
    if (asksReason && values.reason.trim()) input.reason = values.reason.trim();
    if (values.confirmFutureIssuedOn === true) input.confirmFutureIssuedOn = true;
    setBusy(true);
    setError(null);
    try {
      await call('documents.update', input);
      setConfirmAsked(false);
      onSaved();
    } catch (failure) {
      const coreError = asCoreError(failure);
      if (coreError.code === 'ISSUED_ON_FUTURE_UNCONFIRMED') setConfirmAsked(true);
      showFieldErrors(form, coreError, formFields);
      setError(coreError);
    } finally {
      setBusy(false);
    }
  };

  // Enter in a one-line field saves, as the OK button would; not while a list (type, issuer, nơi nhận) is open.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    const multiline = target instanceof HTMLTextAreaElement;
    if (multiline && !(event.ctrlKey || event.metaKey)) return;
    if (target.getAttribute('aria-expanded') === 'true') return;
    event.preventDefault();
    void save();
  };

  return (
    <Modal
      open={open}
      title={t('edit.title')}
      okText={t('edit.save')}
      cancelText={t('common:cancel')}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={close}
      okButtonProps={{ 'data-testid': 'edit-save' }}
      width={760}
      style={{ top: 24 }}
      // A fresh form, filled from the document as it is now, at every opening.
      destroyOnHidden
      modalRender={(node) => <FocusTrap testId="edit-dialog">{node}</FocusTrap>}
    >
      <div onKeyDown={onKeyDown}>
        <Form<EditValues>
          form={form}
          className="edit-form"
          layout="vertical"
          initialValues={valuesOf(document)}
          preserve={false}
          validateTrigger={['onChange', 'onBlur']}
          onValuesChange={(changed: Partial<EditValues>) => {
            // A name typed by hand is no longer the agency whose code the form held.
            if ('issuerName' in changed && changed.issuerName !== codeOwner.current) {
              form.setFieldValue('issuerCode', '');
            }
            if ('issuedOn' in changed) {
              form.setFieldValue('confirmFutureIssuedOn', false);
              setConfirmAsked(false);
            }
          }}
        >
          <EditFields
            kind={kind}
            confirmAsked={confirmAsked}
            onPickIssuer={(issuer: IssuerSuggestion) => {
              codeOwner.current = issuer.name;
              form.setFieldsValue({ issuerName: issuer.name, issuerCode: issuer.code ?? '' });
            }}
          />
          {asksReason && (
            <Form.Item
              name="reason"
              label={t('edit.reason')}
              extra={t('edit.reasonHelp')}
              className="edit-reason"
              rules={[
                ({ getFieldsValue }) => ({
                  validator: (_rule, value: unknown) =>
                    (typeof value === 'string' && value.trim() !== '') ||
                    !correctsRegister(changesOf(document, getFieldsValue() as Partial<EditValues>, shown))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('edit.reasonRequired'))),
                }),
              ]}
            >
              <Input.TextArea data-testid="edit-reason" autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
            </Form.Item>
          )}
        </Form>
        <ErrorNotice
          error={error}
          onClose={() => setError(null)}
          fieldsShown={error !== null && allFieldsShown(error, formFields)}
        />
      </div>
    </Modal>
  );
}
