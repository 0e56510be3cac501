// The office could not be read at start: what went wrong, and a way to try
// again. Loaded only then: Ant Design's Result brings its illustrations along.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoreError } from '../api/client.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';

export default function StartFailed({ error, onRetry }: { error: CoreError; onRetry: () => void }) {
  const { t } = useTranslation(['app', 'common']);
  return (
    <div className="app-center">
      <Result
        status="error"
        title={t('startFailed')}
        extra={
          <>
            <ErrorNotice error={error} />
            <Button type="primary" onClick={onRetry} className="app-center-retry">
              {t('common:retry')}
            </Button>
          </>
        }
      />
    </div>
  );
}
