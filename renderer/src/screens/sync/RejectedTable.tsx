// What was set aside and will not go by itself: the hub (or this app) refused
// it, with the reason in its own words and the code for a support call.
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncQueueItemView } from '../../../../shared/sync.ts';
import { opKeys } from './run-words.ts';

export function RejectedTable({ items }: { items: SyncQueueItemView[] }) {
  const { t } = useTranslation('sync');
  return (
    <Table<SyncQueueItemView>
      size="small"
      rowKey="changeId"
      dataSource={items}
      pagination={false}
      scroll={{ y: 240 }}
      columns={[
        { key: 'label', title: t('queue.document'), dataIndex: 'label', width: 200, ellipsis: true },
        { key: 'op', title: t('queue.op'), width: 130, render: (_, item) => t(`op.${opKeys[item.op]}`) },
        {
          key: 'reason',
          title: t('rejected.reason'),
          render: (_, item) => (
            <>
              <Typography.Text>{item.message ?? t('rejected.noReason')}</Typography.Text>
              {item.code && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                  ({item.code})
                </Typography.Text>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
