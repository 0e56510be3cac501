// The code the clerk hands an official for their own PC: the code itself (to
// copy or read out), until when it works, and the steps on that PC —
// `Kết nối` in Cài đặt with the hub's address and this code.
import { Button, Flex, Modal, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FocusTrap } from '../../components/FocusTrap.tsx';
import { formatDateTime } from '../../components/dates.ts';
import type { EnrollCodeRequest } from './use-enroll-code.ts';

export function EnrollCodeDialog({
  request,
  onRetry,
  onClose,
}: {
  request: EnrollCodeRequest;
  onRetry: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['people', 'common']);
  const { person, code, error } = request;
  const waiting = !code && !error;
  return (
    <Modal
      open
      title={t('enrollCode.title', { name: person.name })}
      onCancel={onClose}
      destroyOnHidden
      width={520}
      modalRender={(node) => <FocusTrap testId="enroll-code-dialog">{node}</FocusTrap>}
      footer={
        <Flex justify="end" gap={8}>
          {error && (
            <Button onClick={onRetry} data-testid="enroll-code-retry">
              {t('enrollCode.retry')}
            </Button>
          )}
          <Button type="primary" onClick={onClose} data-testid="enroll-code-close">
            {t('enrollCode.close')}
          </Button>
        </Flex>
      }
    >
      {waiting && (
        <Flex vertical align="center" gap={8} style={{ padding: 16 }}>
          <Spin />
          <Typography.Text type="secondary">{t('enrollCode.asking')}</Typography.Text>
        </Flex>
      )}
      <ErrorNotice error={error} />
      {code && (
        <Flex vertical gap={8}>
          <Typography.Text
            copyable={{ text: code.code }}
            className="enroll-code"
            data-testid="enroll-code"
            data-code={code.code}
          >
            {code.code}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="enroll-code-expires">
            {t('enrollCode.expires', { at: formatDateTime(code.expiresAt) })}
          </Typography.Text>
          <Typography.Text strong>{t('enrollCode.howTitle', { name: person.name })}</Typography.Text>
          <ol className="enroll-code-steps">
            <li>{t('enrollCode.stepOpen')}</li>
            <li>
              {t('enrollCode.stepConnect')}{' '}
              <Typography.Text copyable={{ text: code.hubUrl }} code data-testid="enroll-code-hub">
                {code.hubUrl}
              </Typography.Text>
            </li>
            <li>{t('enrollCode.stepDone', { name: person.name })}</li>
          </ol>
          <Typography.Text type="secondary">{t('enrollCode.secret')}</Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
