// The sync screen: whether this PC is enrolled with the provincial hub, what
// will go and in which order, what is going now (bytes, ETA), what came in,
// what was set aside and why, and how the last runs went. A run started by the
// schedule shows here like one started with the button.
import { Alert, Button, Card, Col, Flex, Row } from 'antd';
import { useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncResultView, SyncRunView } from '../../../../shared/sync.ts';
import { asCoreError, call, CoreError, useCoreEvent } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { SettingsLink } from '../settings/SettingsLink.tsx';
import { ConnectionSummary } from './ConnectionSummary.tsx';
import { ProgressList, RunProgress } from './ProgressList.tsx';
import { QueueTable } from './QueueTable.tsx';
import { ReceivedList, type ReceivedItem } from './ReceivedList.tsx';
import { RejectedTable } from './RejectedTable.tsx';
import { RunHistory } from './RunHistory.tsx';
import { activityReducer, idleActivity } from './sync-activity.ts';
import { SyncStatusLine, type SyncState } from './SyncStatusLine.tsx';
import { useSyncStatus } from './use-sync-status.ts';

export function SyncPanel() {
  const { t } = useTranslation('sync');
  const { status, error: statusError, refresh } = useSyncStatus();
  const [activity, dispatch] = useReducer(activityReducer, idleActivity);
  const [manualRunning, setManualRunning] = useState(false);
  const [hostRunning, setHostRunning] = useState(false);
  /** The outcome this panel saw itself, newer than the history until the next refresh. */
  const [seenOutcome, setSeenOutcome] = useState<'ok' | 'error' | null>(null);
  const [lastResult, setLastResult] = useState<SyncResultView | null>(null);
  const [runError, setRunError] = useState<CoreError | null>(null);
  const manual = useRef(false);

  useCoreEvent((event) => {
    if (event.type === 'sync.state') {
      setHostRunning(event.running);
      if (event.running && !manual.current) {
        dispatch({ type: 'start' });
        setLastResult(null);
      }
      if (!event.running && !manual.current) {
        setSeenOutcome(event.ok === false ? 'error' : event.ok === true ? 'ok' : null);
        refresh();
      }
      return;
    }
    if (event.type !== 'sync.phase' && event.type !== 'sync.progress' && event.type !== 'sync.sent') return;
    if (event.type === 'sync.phase' && event.phase === 'directory' && !manual.current) setLastResult(null);
    dispatch({ type: 'event', event, at: Date.now() });
    // A run this panel did not start (the schedule, another window) ends: the history has its outcome.
    if (event.type === 'sync.phase' && event.phase === 'done' && !manual.current) {
      setSeenOutcome(null);
      refresh();
    }
  });

  async function syncNow() {
    manual.current = true;
    setManualRunning(true);
    setRunError(null);
    setLastResult(null);
    dispatch({ type: 'start' });
    try {
      const result = await call('sync.run', { trigger: 'manual' });
      setLastResult(result);
      setSeenOutcome(result.outcome === 'failed' ? 'error' : 'ok');
      if (result.error) setRunError(new CoreError(result.error));
    } catch (caught) {
      setRunError(asCoreError(caught));
      setSeenOutcome('error');
    } finally {
      manual.current = false;
      setManualRunning(false);
      refresh();
    }
  }

  const running = manualRunning || hostRunning || activity.running;
  const latestRun = status?.runs.find((run) => run.finishedAt !== null) ?? null;
  const state: SyncState = running ? 'running' : (seenOutcome ?? historyState(latestRun));
  const notConnected = status !== null && !status.connected;

  const received: ReceivedItem[] = lastResult
    ? lastResult.received.map((each) => ({ documentId: each.documentId, notation: each.notation, sender: each.sender }))
    : activity.items
        .filter((item) => item.direction === 'down' && item.bytesTotal > 0 && item.bytesDone >= item.bytesTotal)
        .map((item) => ({ documentId: item.documentId, notation: item.label, sender: null }));

  return (
    <Flex vertical gap={12} style={{ padding: 12 }}>
      <Card
        size="small"
        title={t('title')}
        extra={
          <Button
            type="primary"
            data-testid="sync-now"
            loading={running}
            disabled={running || notConnected}
            onClick={() => void syncNow()}
          >
            {t(running ? 'running' : 'syncNow')}
          </Button>
        }
      >
        <Flex vertical gap={10}>
          <SyncStatusLine state={state} phase={activity.phase} latestRun={latestRun} lastResult={lastResult} />
          {notConnected && (
            <Alert
              type="warning"
              showIcon
              title={t('notConnected.title')}
              description={
                <>
                  {t('notConnected.hint')} <SettingsLink>{t('openSettings')}</SettingsLink>
                </>
              }
            />
          )}
          {status && status.connected && (
            <ConnectionSummary status={status} latestRun={latestRun} measuredRate={running ? activity.rate : null} />
          )}
          {statusError && <ErrorNotice error={statusError} />}
          {runError && (
            <div>
              <ErrorNotice error={runError} onClose={() => setRunError(null)} />
            </div>
          )}
          {(running || activity.items.length > 0) && <RunProgress activity={activity} running={running} />}
        </Flex>
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={12}>
            {activity.items.length > 0 && (
              <Card size="small" title={t('progress.title')}>
                <ProgressList items={activity.items} sent={activity.sent} />
              </Card>
            )}
            <Card size="small" title={t('queue.title', { count: status?.queue.length ?? 0 })}>
              <QueueTable items={status?.queue ?? null} sent={activity.sent} />
            </Card>
            {status && status.rejected.length > 0 && (
              <Card size="small" title={t('rejected.title', { count: status.rejected.length })}>
                <RejectedTable items={status.rejected} />
              </Card>
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={12}>
            <Card size="small" title={t('received.title')}>
              <ReceivedList items={received} lastRunReceived={latestRun?.received ?? null} />
            </Card>
            <Card size="small" title={t('history.title')}>
              <RunHistory runs={status?.runs ?? null} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

function historyState(run: SyncRunView | null): SyncState {
  if (!run?.outcome) return 'idle';
  return run.outcome === 'ok' || run.outcome === 'partial' ? 'ok' : 'error';
}
