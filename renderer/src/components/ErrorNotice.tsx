// How every error from core is shown: its message in the UI's language (it
// already says what to do), each refused field, the code for a support call.
// Never a stack trace.
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoreError } from '../api/client.ts';
import { useErrorText } from './error-text.ts';

export function ErrorNotice({
  error,
  onClose,
  fieldsShown = false,
}: {
  error: CoreError | null;
  onClose?: () => void;
  /** The form already shows each refused field's message under it: not listed again here. */
  fieldsShown?: boolean;
}) {
  const { t } = useTranslation('common');
  const errorText = useErrorText();
  if (!error) return null;
  const fields = error.value.fields && !fieldsShown ? Object.entries(error.value.fields) : [];
  return (
    <Alert
      data-testid="error-notice"
      data-code={error.code}
      type="error"
      showIcon
      closable={onClose === undefined ? false : { onClose }}
      title={errorText(error.value)}
      description={
        <>
          {fields.length > 0 && (
            <ul>
              {fields.map(([field, message]) => (
                <li key={field}>
                  {t(`fields.${field}`, { defaultValue: field })}: {message}
                </li>
              ))}
            </ul>
          )}
          <Typography.Text type="secondary">{t('errorCode', { code: error.code })}</Typography.Text>
        </>
      }
    />
  );
}
