// Ngày nghỉ lễ, làm bù: the year's holidays, make-up days and swapped
// Saturdays that deadlines in working days skip or count, with where each
// comes from; the clerk adds a notice's days here and removes what she added.
import { Button, Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayView } from '../../../../shared/calendar.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { formatDate } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { CalendarDayForm } from './CalendarDayForm.tsx';
import { useCalendar } from './use-calendar.ts';

export function CalendarSection() {
  const { t } = useTranslation('settings');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { calendar, error, reload } = useCalendar(year);
  const [removeError, setRemoveError] = useState<CoreError | null>(null);

  const remove = async (day: string) => {
    try {
      await call('calendar.remove', { day });
      setRemoveError(null);
      reload();
    } catch (caught) {
      setRemoveError(asCoreError(caught));
    }
  };

  return (
    <Card
      size="small"
      title={t('calendar.title')}
      data-testid="calendar-section"
      extra={
        <Segmented
          size="small"
          value={year}
          onChange={(value) => setYear(Number(value))}
          options={[thisYear, thisYear + 1].map((value) => ({ value, label: String(value) }))}
        />
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('calendar.hint')}</Typography.Text>
        {calendar?.status === 'estimated' && (
          <Typography.Text type="warning" data-testid="calendar-estimated">
            {t('calendar.estimated', { year })}
          </Typography.Text>
        )}
        {error && <ErrorNotice error={error} />}
        {removeError && <ErrorNotice error={removeError} onClose={() => setRemoveError(null)} />}
        <Table<CalendarDayView>
          size="small"
          pagination={false}
          scroll={{ y: 240 }}
          loading={calendar === null && !error}
          rowKey="day"
          dataSource={calendar?.days ?? []}
          columns={[
            { title: t('calendar.day'), dataIndex: 'day', width: 110, render: (day: string) => formatDate(day) },
            {
              title: '',
              dataIndex: 'kind',
              width: 110,
              render: (kind: 'off' | 'work') => (
                <Tag color={kind === 'off' ? 'red' : 'blue'}>{t(`calendar.kind.${kind}`)}</Tag>
              ),
            },
            { title: t('calendar.reason'), dataIndex: 'reason' },
            { title: t('calendar.source'), dataIndex: 'source', render: (source: string | null) => source ?? '' },
            {
              title: '',
              width: 70,
              render: (_, day) =>
                day.added && (
                  <Button
                    size="small"
                    type="link"
                    danger
                    data-testid="calendar-remove"
                    onClick={() => void remove(day.day)}
                  >
                    {t('calendar.remove')}
                  </Button>
                ),
            },
          ]}
          onRow={(day) =>
            ({ 'data-testid': 'calendar-day-row', 'data-day': day.day }) as React.HTMLAttributes<HTMLElement>
          }
        />
        <CalendarDayForm
          onAdded={(day) => {
            setYear(Number(day.slice(0, 4)));
            reload();
          }}
        />
      </Flex>
    </Card>
  );
}
