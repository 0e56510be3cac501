// Danh sách CA tin cậy: the root certificates of the providers whose
// signatures this office accepts. Adding reads a .cer/.crt/.der/.pem picked
// here; removing asks first, since received signatures then stop verifying.
import { App, Button, Card, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../../shared/signing.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { fileToBase64 } from '../../components/files.ts';
import { displayName } from '../sign/distinguished-name.ts';
import { momentDate } from '../sign/moment-date.ts';
import { FilePicker } from './FilePicker.tsx';

/** ab12cd34… in groups of four, as fingerprints are read aloud over the phone. */
function fingerprintText(sha256: string): string {
  return `${sha256.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ')}…`;
}

export function TrustSection() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  // Whether a certificate has expired is judged when the list is read.
  const [list, setList] = useState<{ certificates: CertificateInfo[]; readAt: number } | null>(null);
  const certificates = list?.certificates ?? null;
  const [adding, setAdding] = useState<File | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  const load = useCallback(() => {
    call('trust.list', {})
      .then((view) => setList({ certificates: view.certificates, readAt: Date.now() }))
      .catch((caught: unknown) => {
        setList({ certificates: [], readAt: Date.now() });
        setError(asCoreError(caught));
      });
  }, []);
  useEffect(load, [load]);

  async function add(file: File | null) {
    if (!file) return;
    setAdding(file);
    setError(null);
    try {
      const { added } = await call('trust.add', { base64: await fileToBase64(file), filename: file.name });
      void message.success(
        t('trust.added', { count: added.length, names: added.map((entry) => displayName(entry.subject)).join(', ') }),
      );
      load();
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setAdding(null);
    }
  }

  async function remove(entry: CertificateInfo) {
    setError(null);
    try {
      await call('trust.remove', { sha256: entry.sha256 });
      void message.success(t('trust.removed', { name: displayName(entry.subject) }));
      load();
    } catch (caught) {
      setError(asCoreError(caught));
    }
  }

  return (
    <Card
      size="small"
      title={t('trust.title')}
      extra={
        <FilePicker
          testId="settings-trust-file"
          accept=".cer,.crt,.der,.pem"
          file={adding}
          onChange={(file) => void add(file)}
          label={t('trust.add')}
          disabled={adding !== null}
        />
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('trust.help')}</Typography.Text>
        {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
        <Table<CertificateInfo>
          size="small"
          rowKey="sha256"
          loading={certificates === null}
          dataSource={certificates ?? []}
          pagination={false}
          locale={{ emptyText: t('trust.none') }}
          onRow={(entry) =>
            ({ 'data-testid': 'trust-item', 'data-sha256': entry.sha256 }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              key: 'subject',
              title: t('trust.subject'),
              render: (_, entry) => (
                <>
                  <Typography.Text strong>{displayName(entry.subject)}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                      {entry.subject}
                    </Typography.Text>
                  </div>
                </>
              ),
            },
            {
              key: 'fingerprint',
              title: t('trust.fingerprint'),
              width: 190,
              render: (_, entry) => (
                <Typography.Text
                  copyable={{ text: entry.sha256 }}
                  style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
                >
                  {fingerprintText(entry.sha256)}
                </Typography.Text>
              ),
            },
            {
              key: 'validity',
              title: t('trust.validity'),
              width: 110,
              render: (_, entry) => (
                <>
                  <div>{t('trust.validFrom', { date: momentDate(entry.notBefore) })}</div>
                  <div>{t('trust.validTo', { date: momentDate(entry.notAfter) })}</div>
                  {list && Date.parse(entry.notAfter) < list.readAt && <Tag color="error">{t('trust.expired')}</Tag>}
                </>
              ),
            },
            {
              key: 'actions',
              title: '',
              width: 60,
              render: (_, entry) => (
                <Popconfirm
                  title={t('trust.confirmTitle')}
                  description={t('trust.confirm', { name: displayName(entry.subject) })}
                  okText={t('trust.remove')}
                  cancelText={t('cancel')}
                  okButtonProps={{ danger: true, 'data-testid': 'trust-remove-confirm' }}
                  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Popconfirm awaits a returned promise (OK spins, the confirm stays open until done); antd types it void
                  onConfirm={() => remove(entry)}
                >
                  <Button size="small" danger data-testid="trust-remove">
                    {t('trust.remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
