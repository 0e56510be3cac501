// One line saying where sync stands: never run, running (which phase), done, or failed and why.
import { Badge, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncResultView, SyncRunView } from '../../../../shared/sync.ts';
import { formatDateTime } from '../../components/dates.ts';
import { formatNumber } from './format.ts';
import { errorText } from './run-words.ts';
import type { SyncPhase } from './sync-activity.ts';

export type SyncState = 'idle' | 'running' | 'ok' | 'error';

const badge = { idle: 'default', running: 'processing', ok: 'success', error: 'error' } as const;

interface Props {
  state: SyncState;
  phase: SyncPhase | null;
  latestRun: SyncRunView | null;
  /** The run this panel started, when it has one: it knows what was received by name. */
  lastResult: SyncResultView | null;
}

export function SyncStatusLine({ state, phase, latestRun, lastResult }: Props) {
  const { t, i18n } = useTranslation('sync');
  const outcome = state === 'running' ? null : (lastResult?.outcome ?? latestRun?.outcome ?? null);
  let text: string;
  if (state === 'running') {
    text = phase && phase !== 'done' ? t('state.runningPhase', { phase: t(`phase.${phase}`) }) : t('state.running');
  } else if (state === 'idle') {
    text = t('state.idle');
  } else if (lastResult) {
    text = t(`state.result.${lastResult.outcome}`, {
      sent: lastResult.sent.length,
      received: lastResult.received.length,
      seconds: formatNumber(lastResult.seconds, i18n.language, 1),
    });
  } else if (latestRun && stateOf(latestRun) === state) {
    text = t(`state.history.${latestRun.outcome ?? 'failed'}`, {
      at: formatDateTime(latestRun.finishedAt ?? latestRun.startedAt),
    });
  } else {
    text = t(state === 'ok' ? 'state.ok' : 'state.error');
  }
  const reason =
    state === 'error' && !lastResult && latestRun && stateOf(latestRun) === state
      ? errorText(latestRun.errorCode)
      : null;
  return (
    <div data-testid="sync-status" data-state={state} data-outcome={outcome ?? ''}>
      <Badge
        status={outcome === 'partial' ? 'warning' : badge[state]}
        text={<Typography.Text strong>{text}</Typography.Text>}
      />
      {reason && (
        <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0 14px' }}>
          {reason}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function stateOf(run: SyncRunView): SyncState {
  return run.outcome === 'ok' || run.outcome === 'partial' ? 'ok' : 'error';
}
