// Thiết bị ký số: the PKCS#11 driver files of the office's tokens, one path a
// line, and whether each one (with the built-in list) loads on this PC.
import { App, Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/api.ts';
import type { ModuleReportView } from '../../../../shared/signing.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

// The same rule as core's: a driver path means nothing unless it is absolute.
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export function TokenModulesSection({
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
  const [report, setReport] = useState<ModuleReportView[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [saving, setSaving] = useState(false);

  // The settings as read, then as saved, replace what the field holds.
  const [shown, setShown] = useState(saved);
  if (saved !== shown) {
    setShown(saved);
    if (saved !== undefined) setText(saved);
  }

  const loadReport = useCallback(() => {
    call('tokens.modules', { modules: [] })
      .then((view) => setReport(view.modules))
      .catch((caught: unknown) => {
        setReport([]);
        setError(asCoreError(caught));
      });
  }, []);
  useEffect(loadReport, [loadReport]);

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
      setReport(null);
      loadReport();
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={t('modules.title')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('modules.help')}</Typography.Text>
        <Input.TextArea
          data-testid="settings-modules"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoSize={{ minRows: 2, maxRows: 8 }}
          placeholder={t('modules.placeholder')}
          spellCheck={false}
          style={{ fontFamily: 'monospace' }}
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
        <Table<ModuleReportView>
          size="small"
          rowKey="path"
          loading={report === null}
          dataSource={report ?? []}
          pagination={false}
          locale={{ emptyText: t('modules.noneFound') }}
          onRow={(module) =>
            ({ 'data-testid': 'settings-module-report', 'data-ok': String(module.ok) }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              key: 'ok',
              title: t('modules.state'),
              width: 120,
              render: (_, module) => (
                <Tag color={module.ok ? 'success' : 'error'}>{t(module.ok ? 'modules.loaded' : 'modules.failed')}</Tag>
              ),
            },
            {
              key: 'path',
              title: t('modules.path'),
              width: '45%',
              render: (_, module) => (
                <>
                  <div style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{module.path}</div>
                  <Typography.Text type="secondary">{t(`modules.source.${module.source}`)}</Typography.Text>
                </>
              ),
            },
            {
              key: 'detail',
              title: t('modules.detail'),
              render: (_, module) =>
                module.ok && module.info ? (
                  t('modules.info', {
                    manufacturer: module.info.manufacturer,
                    description: module.info.description,
                    version: module.info.cryptokiVersion,
                  })
                ) : (
                  <Typography.Text type="danger">{module.error?.message ?? ''}</Typography.Text>
                ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
