// What came in: the incoming documents the last run registered, each one
// click from its page.
import { Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { routeHash } from '../../app/router.ts';

export interface ReceivedItem {
  documentId: string;
  notation: string;
  /** Null when only the download was seen (a run this panel did not start). */
  sender: string | null;
}

export function ReceivedList({ items, lastRunReceived }: { items: ReceivedItem[]; lastRunReceived: number | null }) {
  const { t } = useTranslation('sync');
  if (items.length === 0) {
    const description =
      lastRunReceived === null
        ? t('received.never')
        : lastRunReceived > 0
          ? t('received.countOnly', { count: lastRunReceived })
          : t('received.none');
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={{ margin: '8px 0' }} />;
  }
  return (
    <Flex vertical gap={4}>
      {items.map((item) => (
        <div key={item.documentId} data-testid="sync-received-item" data-id={item.documentId}>
          <a href={routeHash({ name: 'document', id: item.documentId })}>{item.notation}</a>
          {item.sender && <Typography.Text type="secondary">{` — ${item.sender}`}</Typography.Text>}
        </div>
      ))}
    </Flex>
  );
}
