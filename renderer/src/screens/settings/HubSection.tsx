// Máy chủ tỉnh và đăng ký: enrolling this PC with the provincial hub (its
// address and the one-time code the province gives), and the enrollment now.
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '../../../../shared/dates.ts';
import type { SyncConnectView, SyncStatusView } from '../../../../shared/sync.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { formatDate } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

export function HubSection({ status, onConnected }: { status: SyncStatusView | null; onConnected: () => void }) {
  const { t } = useTranslation('settings');
  const [url, setUrl] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [connecting, setConnecting] = useState(false);
  const [connected, setConnected] = useState<SyncConnectView | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  // Until the user types, the field shows the hub this PC is enrolled with.
  const shownUrl = url ?? status?.hubUrl ?? '';

  async function connect() {
    setConnecting(true);
    setError(null);
    setConnected(null);
    try {
      setConnected(await call('sync.connect', { url: shownUrl.trim(), code: code.trim() }));
      // The code is single-use: keeping it in the field only invites a second, failing try.
      setCode('');
      onConnected();
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setConnecting(false);
    }
  }

  return (
    <Card size="small" title={t('hub.title')}>
      <Flex vertical gap={8}>
        {status && (
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'state',
                label: t('hub.state'),
                children: status.connected ? (
                  <Tag color="success">{t('hub.connected')}</Tag>
                ) : (
                  <Tag>{t('hub.notConnected')}</Tag>
                ),
              },
              ...(status.connected
                ? [
                    { key: 'url', label: t('hub.url'), children: status.hubUrl },
                    { key: 'agency', label: t('hub.agency'), children: status.agencyCode },
                    { key: 'device', label: t('hub.device'), children: status.deviceId },
                    {
                      key: 'register',
                      label: t('hub.register'),
                      children: t(status.holdsRegister ? 'hub.holdsRegister' : 'hub.notHoldsRegister'),
                    },
                    {
                      key: 'expires',
                      label: t('hub.expires'),
                      children: status.expiresAt ? formatDate(localDate(new Date(status.expiresAt))) : '—',
                    },
                  ]
                : []),
            ]}
          />
        )}
        <Form layout="vertical" size="small" component="div">
          <Form.Item label={t('hub.url')} style={{ marginBottom: 6 }}>
            <Input
              data-testid="settings-hub-url"
              value={shownUrl}
              onChange={(event) => setUrl(event.target.value)}
              placeholder="https://vanthu.tinh.gov.vn"
              spellCheck={false}
            />
          </Form.Item>
          <Form.Item label={t('hub.code')} extra={t('hub.codeHelp')} style={{ marginBottom: 6 }}>
            <Input
              data-testid="settings-enroll-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
            />
          </Form.Item>
          <Button
            type="primary"
            size="small"
            data-testid="settings-connect"
            loading={connecting}
            disabled={shownUrl.trim() === '' || code.trim().length < 8}
            onClick={() => void connect()}
          >
            {t(status?.connected ? 'hub.reconnect' : 'hub.connect')}
          </Button>
        </Form>
        {connected && (
          <Alert
            type="success"
            showIcon
            data-testid="settings-connected"
            title={t('hub.done', { agency: connected.agency.name, code: connected.agency.code })}
            description={
              <>
                <div>{t(connected.holdsRegister ? 'hub.holdsRegister' : 'hub.notHoldsRegister')}</div>
                <div>{t('hub.directory', { count: connected.agencies })}</div>
              </>
            }
          />
        )}
        {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      </Flex>
    </Card>
  );
}
