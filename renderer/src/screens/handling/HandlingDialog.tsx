// The frame of every handling dialog: a form, core's refusal in its own words
// (under the field it names, or above the buttons), and what was typed kept
// when core refuses. Enter sends (Ctrl+Enter in a multi-line note), Esc
// closes, Tab stays inside.
import { Form, Modal, type FormInstance } from 'antd';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asCoreError, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FocusTrap } from '../../components/FocusTrap.tsx';
import { allFieldsShown, showFieldErrors } from '../../components/form-errors.ts';

/** What every step's dialog is given by the handling section. */
export interface StepDialogProps {
  documentId: string;
  /** The step was taken: the section reloads the document. */
  onDone: () => void;
  onClose: () => void;
}

export function HandlingDialog<Values extends object>({
  testId,
  title,
  okText,
  form,
  fields,
  initialValues,
  onSend,
  onClose,
  danger = false,
  width = 520,
  children,
}: {
  /** The dialog's testid; its buttons are `<testId>-ok` and `<testId>-cancel`. */
  testId: string;
  title: string;
  okText: string;
  form: FormInstance<Values>;
  /** The form's fields by the names core uses, so a refusal lands under its field. */
  fields: readonly string[];
  initialValues?: Partial<Values>;
  /** Calls core; throws what core refused. */
  onSend: (values: Values) => Promise<void>;
  onClose: () => void;
  danger?: boolean;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation('handling');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const send = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSend(values);
    } catch (failure) {
      const coreError = asCoreError(failure);
      showFieldErrors(form, coreError, fields);
      setError(coreError);
    } finally {
      setBusy(false);
    }
  };

  // Enter in a one-line field sends, as the OK button would; not while a list is open.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || busy) return;
    const target = event.target as HTMLElement;
    if (target instanceof HTMLTextAreaElement && !(event.ctrlKey || event.metaKey)) return;
    if (target.getAttribute('aria-expanded') === 'true') return;
    if (target instanceof HTMLButtonElement || target.getAttribute('role') === 'button') return;
    event.preventDefault();
    void send();
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('dialog.cancel')}
      confirmLoading={busy}
      onOk={() => void send()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': `${testId}-ok`, danger }}
      cancelButtonProps={{ 'data-testid': `${testId}-cancel` }}
      width={width}
      destroyOnHidden
      modalRender={(node) => <FocusTrap testId={testId}>{node}</FocusTrap>}
    >
      <div onKeyDown={onKeyDown}>
        <Form<Values>
          form={form}
          layout="vertical"
          className="handling-form"
          initialValues={initialValues}
          validateTrigger={['onChange', 'onBlur']}
        >
          {children}
        </Form>
        <ErrorNotice
          error={error}
          onClose={() => setError(null)}
          fieldsShown={error !== null && allFieldsShown(error, fields)}
        />
      </div>
    </Modal>
  );
}
