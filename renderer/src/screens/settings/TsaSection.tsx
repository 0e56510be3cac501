// Dấu thời gian: the timestamp server that makes signatures B-T (the signing
// time vouched for by a third party); empty means B-B, the signer's clock only.
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

export function TsaSection({
  settings,
  onSaved,
}: {
  settings: SettingsView | null;
  onSaved: (view: SettingsView) => void;
}) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const [text, setText] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const shown = text ?? settings?.tsaUrl ?? '';

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const view = await call('settings.update', { tsaUrl: shown.trim() === '' ? null : shown.trim() });
      onSaved(view);
      setText(null);
      void message.success(t(view.tsaUrl ? 'tsa.saved' : 'tsa.cleared'));
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={t('tsa.title')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('tsa.help')}</Typography.Text>
        <Flex gap={8}>
          <Input
            data-testid="settings-tsa-url"
            size="small"
            value={shown}
            onChange={(event) => setText(event.target.value)}
            placeholder="http://tsa.example.vn/tsa"
            spellCheck={false}
            onPressEnter={() => void save()}
          />
          <Button
            type="primary"
            size="small"
            data-testid="settings-tsa-save"
            loading={saving}
            disabled={settings === null}
            onClick={() => void save()}
          >
            {t('save')}
          </Button>
        </Flex>
        {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      </Flex>
    </Card>
  );
}
