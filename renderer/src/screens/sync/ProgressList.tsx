// What is going now: the run's phase and overall bytes with the time left,
// then each document going up or down with its own bar.
import { Flex, Progress, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Activity, ProgressItem, SyncPhase } from './sync-activity.ts';
import { formatBytes, formatDuration } from './format.ts';

const PHASES: readonly SyncPhase[] = ['directory', 'push', 'pull', 'done'];

function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}

export function RunProgress({ activity, running }: { activity: Activity; running: boolean }) {
  const { t, i18n } = useTranslation('sync');
  const { overall } = activity;
  const current = activity.phase ? PHASES.indexOf(activity.phase) : 0;
  return (
    <Flex vertical gap={6}>
      <Steps
        size="small"
        current={running ? current : PHASES.length - 1}
        status={running ? 'process' : 'finish'}
        items={PHASES.map((phase) => ({ title: t(`phase.${phase}`) }))}
      />
      {overall && overall.total > 0 && (
        <div>
          <Progress
            percent={percentOf(overall.done, overall.total)}
            size="small"
            status={running ? 'active' : 'normal'}
          />
          <Typography.Text type="secondary">
            {t(overall.direction === 'up' ? 'progress.overallUp' : 'progress.overallDown', {
              done: formatBytes(overall.done, i18n.language),
              total: formatBytes(overall.total, i18n.language),
            })}
            {running && ' · '}
            {running &&
              (overall.etaSeconds === null
                ? t('progress.measuring')
                : t('progress.eta', { time: formatDuration(overall.etaSeconds, t) }))}
          </Typography.Text>
        </div>
      )}
    </Flex>
  );
}

export function ProgressList({ items, sent }: { items: ProgressItem[]; sent: string[] }) {
  const { t, i18n } = useTranslation('sync');
  return (
    <Flex vertical gap={4}>
      {items.map((item) => {
        const complete = item.bytesTotal > 0 && item.bytesDone >= item.bytesTotal;
        const stored = item.direction === 'up' && sent.includes(item.documentId);
        return (
          <div
            key={item.key}
            data-testid="sync-progress-item"
            data-id={item.documentId}
            data-direction={item.direction}
            data-done={item.bytesDone}
            data-total={item.bytesTotal}
          >
            <Flex justify="space-between" gap={8}>
              <Typography.Text ellipsis style={{ flex: 1 }}>
                <Tag color={item.direction === 'up' ? 'blue' : 'green'}>
                  {t(item.direction === 'up' ? 'progress.up' : 'progress.down')}
                </Tag>
                {item.label}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {formatBytes(item.bytesDone, i18n.language)} / {formatBytes(item.bytesTotal, i18n.language)}
                {stored && (
                  <Tag color="success" style={{ marginInlineStart: 8, marginInlineEnd: 0 }}>
                    {t('progress.stored')}
                  </Tag>
                )}
              </Typography.Text>
            </Flex>
            <Progress
              percent={percentOf(item.bytesDone, item.bytesTotal)}
              size="small"
              showInfo={false}
              status={complete ? 'success' : 'active'}
            />
          </div>
        );
      })}
    </Flex>
  );
}
