// Giờ đồng bộ: when the end-of-day sync runs by itself, as HH:mm local time.
import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../../shared/sync.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { clockText } from '../sync/schedule.ts';

const CLOCK = /^([01]?\d|2[0-3])[:hH.]([0-5]\d)$/;

function parseClock(text: string): { hour: number; minute: number } | null {
  const match = CLOCK.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

export function ScheduleSection({ status, onSaved }: { status: SyncStatusView | null; onSaved: () => void }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const [text, setText] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const shown = text ?? (status ? clockText(status.schedule) : '');
  const clock = parseClock(shown);

  async function save() {
    if (!clock) return;
    setSaving(true);
    setError(null);
    try {
      const schedule = await call('sync.configure', clock);
      setText(clockText(schedule));
      void message.success(t('schedule.saved', { time: clockText(schedule) }));
      onSaved();
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={t('schedule.title')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('schedule.help')}</Typography.Text>
        <Form layout="inline" size="small" component="div">
          <Form.Item
            label={t('schedule.time')}
            validateStatus={shown !== '' && !clock ? 'error' : undefined}
            help={shown !== '' && !clock ? t('schedule.bad') : undefined}
          >
            <Input
              data-testid="settings-sync-hour"
              value={shown}
              onChange={(event) => setText(event.target.value)}
              placeholder="HH:mm"
              style={{ width: 90 }}
              onPressEnter={() => void save()}
            />
          </Form.Item>
          <Button
            type="primary"
            size="small"
            data-testid="settings-sync-save"
            loading={saving}
            disabled={!clock}
            onClick={() => void save()}
          >
            {t('save')}
          </Button>
        </Form>
        {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      </Flex>
    </Card>
  );
}
