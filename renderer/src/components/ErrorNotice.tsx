// How every error from core is shown: the Vietnamese message (it already says
// what to do), the code for a support call, and the log detail folded away.
// Never a stack trace.
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoreError } from '../api/client.ts';

export function ErrorNotice({ error, onClose }: { error: CoreError | null; onClose?: () => void }) {
  const { t } = useTranslation('common');
  if (!error) return null;
  const fields = error.value.fields ? Object.entries(error.value.fields) : [];
  return (
    <Alert
      data-testid="error-notice"
      data-code={error.code}
      type="error"
      showIcon
      closable={onClose === undefined ? false : { onClose }}
      title={error.value.message}
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
