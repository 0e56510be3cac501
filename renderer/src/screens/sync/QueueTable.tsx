// What will go at the next sync, in the order it goes on the wire: Hỏa tốc
// first, small metadata before large files.
import { Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncQueueItemView } from '../../../../shared/sync.ts';
import { formatBytes } from './format.ts';
import { urgencyOfPriority, urgencyTagColors } from './urgency.ts';
import { opKeys } from './run-words.ts';

export function QueueTable({ items, sent }: { items: SyncQueueItemView[] | null; sent: string[] }) {
  const { t, i18n } = useTranslation('sync');
  return (
    <Table<SyncQueueItemView>
      size="small"
      rowKey="changeId"
      loading={items === null}
      dataSource={items ?? []}
      pagination={false}
      scroll={{ y: 360 }}
      locale={{ emptyText: t('queue.empty') }}
      onRow={(item) =>
        ({
          'data-testid': 'sync-queue-item',
          'data-id': item.documentId,
          'data-priority': item.priority,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        { key: 'order', title: '#', width: 44, render: (_, __, index) => index + 1 },
        {
          key: 'urgency',
          title: t('queue.urgency'),
          width: 110,
          render: (_, item) => {
            const urgency = urgencyOfPriority(item.priority);
            return <Tag color={urgencyTagColors[urgency]}>{t(`urgency.${urgency}`)}</Tag>;
          },
        },
        { key: 'label', title: t('queue.document'), dataIndex: 'label', ellipsis: true },
        { key: 'op', title: t('queue.op'), width: 130, render: (_, item) => t(`op.${opKeys[item.op]}`) },
        {
          key: 'bytes',
          title: t('queue.size'),
          width: 90,
          align: 'right',
          render: (_, item) => (item.bytes > 0 ? formatBytes(item.bytes, i18n.language) : '—'),
        },
        {
          key: 'note',
          title: t('queue.note'),
          width: 180,
          render: (_, item) =>
            sent.includes(item.documentId) ? (
              <Tag color="success">{t('progress.stored')}</Tag>
            ) : item.message ? (
              <Typography.Text type="warning" ellipsis={{ tooltip: item.message }}>
                {item.message}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('queue.waiting')}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
