// Ảnh chữ ký và con dấu: what a signature shows on the page (Decree 30): the
// signer's handwritten signature for a personal signature, the agency's seal
// at its real size for the organization's. PNG with a transparent background.
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatDateTime } from '../../components/dates.ts';
import { fileToBase64 } from '../../components/files.ts';
import { FilePicker } from './FilePicker.tsx';

type Image = SettingsView['images'][number];

const isPng = (file: File) => file.type === 'image/png' || /\.png$/i.test(file.name);

export function SignatureImagesSection({
  settings,
  onSaved,
}: {
  settings: SettingsView | null;
  onSaved: (view: SettingsView) => void;
}) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const [signature, setSignature] = useState<File | null>(null);
  const [signerName, setSignerName] = useState('');
  const [seal, setSeal] = useState<File | null>(null);
  const [sealSize, setSealSize] = useState<number | null>(36);
  const [saving, setSaving] = useState<'signature' | 'seal' | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  async function save(kind: 'signature' | 'seal') {
    const file = kind === 'signature' ? signature : seal;
    if (!file) return;
    setSaving(kind);
    setError(null);
    try {
      const base64 = await fileToBase64(file);
      const view = await call(
        'settings.signatureImage',
        kind === 'signature'
          ? { base64, filename: file.name, kind, signerName: signerName.trim() }
          : { base64, filename: file.name, kind, sizeMm: sealSize ?? 36 },
      );
      onSaved(view);
      void message.success(t(kind === 'signature' ? 'images.signatureSaved' : 'images.sealSaved'));
      if (kind === 'signature') setSignature(null);
      else setSeal(null);
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setSaving(null);
    }
  }

  const notPng = (file: File | null) => file !== null && !isPng(file);

  return (
    <Card size="small" title={t('images.title')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('images.help')}</Typography.Text>
        <Row gutter={[16, 8]}>
          <Col xs={24} lg={12}>
            <Form layout="vertical" size="small" component="div">
              <Typography.Text strong>{t('images.signature')}</Typography.Text>
              <Form.Item label={t('images.signerName')} style={{ marginBottom: 6 }}>
                <Input
                  data-testid="settings-signer-name"
                  value={signerName}
                  onChange={(event) => setSignerName(event.target.value)}
                  placeholder={t('images.signerNamePlaceholder')}
                  maxLength={100}
                />
              </Form.Item>
              <Form.Item
                label={t('images.file')}
                style={{ marginBottom: 6 }}
                validateStatus={notPng(signature) ? 'error' : undefined}
                help={notPng(signature) ? t('images.notPng') : undefined}
              >
                <FilePicker
                  testId="settings-signature-file"
                  accept="image/png,.png"
                  file={signature}
                  onChange={setSignature}
                  label={t('images.choosePng')}
                />
              </Form.Item>
              <Button
                type="primary"
                size="small"
                data-testid="settings-signature-save"
                loading={saving === 'signature'}
                disabled={!signature || notPng(signature) || signerName.trim() === '' || saving !== null}
                onClick={() => void save('signature')}
              >
                {t('images.saveSignature')}
              </Button>
            </Form>
          </Col>
          <Col xs={24} lg={12}>
            <Form layout="vertical" size="small" component="div">
              <Typography.Text strong>{t('images.seal')}</Typography.Text>
              <Form.Item label={t('images.sealSize')} style={{ marginBottom: 6 }}>
                <InputNumber
                  data-testid="settings-seal-size"
                  value={sealSize}
                  onChange={setSealSize}
                  min={10}
                  max={80}
                  step={1}
                  suffix="mm"
                  style={{ width: 120 }}
                />
              </Form.Item>
              <Form.Item
                label={t('images.file')}
                style={{ marginBottom: 6 }}
                validateStatus={notPng(seal) ? 'error' : undefined}
                help={notPng(seal) ? t('images.notPng') : undefined}
              >
                <FilePicker
                  testId="settings-seal-file"
                  accept="image/png,.png"
                  file={seal}
                  onChange={setSeal}
                  label={t('images.choosePng')}
                />
              </Form.Item>
              <Button
                type="primary"
                size="small"
                data-testid="settings-seal-save"
                loading={saving === 'seal'}
                disabled={!seal || notPng(seal) || sealSize === null || saving !== null}
                onClick={() => void save('seal')}
              >
                {t('images.saveSeal')}
              </Button>
            </Form>
          </Col>
        </Row>
        {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
        <Table<Image>
          size="small"
          rowKey={(image) => `${image.kind}:${image.owner}`}
          loading={settings === null}
          dataSource={settings?.images ?? []}
          pagination={false}
          locale={{ emptyText: t('images.none') }}
          columns={[
            {
              key: 'kind',
              title: t('images.kind'),
              width: 90,
              render: (_, image) => t(image.kind === 'seal' ? 'images.seal' : 'images.signature'),
            },
            {
              key: 'owner',
              title: t('images.owner'),
              render: (_, image) => ownerName(image.owner, t('images.agency')),
            },
            {
              key: 'size',
              title: t('images.size'),
              width: 140,
              render: (_, image) =>
                t(image.sizeMm ? 'images.sizeWithMm' : 'images.sizePx', {
                  width: image.widthPx,
                  height: image.heightPx,
                  mm: image.sizeMm,
                }),
            },
            {
              key: 'updated',
              title: t('images.updated'),
              width: 130,
              render: (_, image) => formatDateTime(image.updatedAt),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

/** Core keys a signature by the signer's name folded to plain letters ("user:nguyen van an"), the seal by "agency". */
function ownerName(owner: string, agency: string): string {
  if (owner === 'agency') return agency;
  return owner.replace(/^user:/, '').replace(/(^|\s)\p{L}/gu, (letter) => letter.toUpperCase());
}
