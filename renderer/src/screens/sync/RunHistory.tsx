// The last runs, newest first: when, how started, how it ended, what moved,
// and any error in plain words.
import { Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRunView } from '../../../../shared/sync.ts';
import { formatDateTime } from '../../components/dates.ts';
import { formatBytes } from './format.ts';
import { errorText } from './run-words.ts';

const SHOWN = 10;
const outcomeColor = { ok: 'success', partial: 'warning', failed: 'error', interrupted: 'default' } as const;

export function RunHistory({ runs }: { runs: SyncRunView[] | null }) {
  const { t, i18n } = useTranslation('sync');
  return (
    <Table<SyncRunView>
      size="small"
      rowKey="id"
      loading={runs === null}
      dataSource={(runs ?? []).slice(0, SHOWN)}
      pagination={false}
      locale={{ emptyText: t('history.empty') }}
      onRow={(run) =>
        ({ 'data-testid': 'sync-last-result', 'data-outcome': run.outcome ?? 'running' }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          key: 'when',
          title: t('history.when'),
          width: 150,
          render: (_, run) => (
            <>
              <div>{formatDateTime(run.startedAt)}</div>
              <Typography.Text type="secondary">{t(`trigger.${run.trigger}`)}</Typography.Text>
            </>
          ),
        },
        {
          key: 'result',
          title: t('history.result'),
          render: (_, run) => {
            const error = errorText(run.errorCode);
            return (
              <>
                <Tag color={run.outcome ? outcomeColor[run.outcome] : 'processing'}>
                  {t(`outcome.${run.outcome ?? 'running'}`)}
                </Tag>
                <Typography.Text>
                  {t('history.counts', { sent: run.sent, received: run.received, rejected: run.rejected })}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {t('history.bytes', {
                      up: formatBytes(run.bytesUp, i18n.language),
                      down: formatBytes(run.bytesDown, i18n.language),
                    })}
                  </Typography.Text>
                </div>
                {error && (
                  <div>
                    <Typography.Text type="danger">{error}</Typography.Text>
                  </div>
                )}
              </>
            );
          },
        },
      ]}
    />
  );
}
