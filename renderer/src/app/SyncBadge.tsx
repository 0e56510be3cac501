// The header's sync light: idle, running (with the phase), last result. It
// follows core's sync.state / sync.phase events, so a scheduled sync shows too.
import { Badge, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreEvent } from '../../../shared/api.ts';
import { useCoreEvent } from '../api/client.ts';
import { formatTime } from '../components/dates.ts';
import { navigate } from './router.ts';

// 'done' ends the run: the light then shows the result, never the phase.
type Phase = Exclude<Extract<CoreEvent, { type: 'sync.phase' }>['phase'], 'done'>;

type SyncLight = { state: 'idle' } | { state: 'running'; phase: Phase | null } | { state: 'ok' | 'error'; at: Date };

const badgeStatus = { idle: 'default', running: 'processing', ok: 'success', error: 'error' } as const;

export function SyncBadge() {
  const { t } = useTranslation('app');
  const [light, setLight] = useState<SyncLight>({ state: 'idle' });

  useCoreEvent((event) => {
    if (event.type === 'sync.state') {
      if (event.running) setLight({ state: 'running', phase: null });
      else setLight({ state: event.ok === false ? 'error' : 'ok', at: new Date() });
    } else if (event.type === 'sync.phase' && event.phase !== 'done') {
      setLight({ state: 'running', phase: event.phase });
    }
  });

  const text =
    light.state === 'running'
      ? light.phase
        ? t(`sync.phase.${light.phase}`)
        : t('sync.running')
      : t(`sync.${light.state}`);
  const tooltip =
    light.state === 'ok' || light.state === 'error'
      ? t('sync.at', { time: formatTime(light.at) })
      : t('sync.openPanel');
  return (
    <Tooltip title={tooltip}>
      <button type="button" className="header-sync" onClick={() => navigate({ name: 'sync' })} data-state={light.state}>
        <Badge status={badgeStatus[light.state]} text={text} />
      </button>
    </Tooltip>
  );
}
