// Nâng cao → the token drivers named by their file: for a vendor whose driver
// vanthu does not find by itself. One full path a line; what each loads to is
// listed in the token section above.
import { App, Button, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

// The same rule as core's: a driver path means nothing unless it is absolute.
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export function TokenDriverPaths({
  settings,
  onSaved,
}: {
  settings: SettingsView | null;
  onSaved: (view: SettingsView) => void;
}) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const saved = settings?.modules.join('\n');
  const [text, setText] = useState(saved ?? '');
  const [error, setError] = useState<CoreError | null>(null);
  const [saving, setSaving] = useState(false);

  // The settings as read, then as saved, replace what the field holds.
  const [shown, setShown] = useState(saved);
  if (saved !== shown) {
    setShown(saved);
    if (saved !== undefined) setText(saved);
  }

  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const relative = lines.filter((line) => !ABSOLUTE_PATH.test(line));

  async function save() {
    setSaving(true);
    setError(null);
    try {
      onSaved(await call('settings.update', { modules: lines }));
      void message.success(t('modules.saved'));
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{t('advanced.drivers')}</Typography.Text>
      <Typography.Text type="secondary">{t('advanced.driversHelp')}</Typography.Text>
      <Input.TextArea
        data-testid="settings-modules"
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoSize={{ minRows: 2, maxRows: 8 }}
        placeholder={t('modules.placeholder')}
        spellCheck={false}
        className="monospace"
        status={relative.length > 0 ? 'error' : undefined}
      />
      {relative.length > 0 && (
        <Typography.Text type="danger">{t('modules.notAbsolute', { line: relative[0] })}</Typography.Text>
      )}
      <Flex justify="flex-end">
        <Button
          type="primary"
          size="small"
          data-testid="settings-modules-save"
          loading={saving}
          disabled={relative.length > 0 || settings === null}
          onClick={() => void save()}
        >
          {t('save')}
        </Button>
      </Flex>
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
    </Flex>
  );
}
