// Thiết bị ký số: the token drivers on this PC, by the provider's name, and
// whether each can be used. Adding a driver by its file is a technician's job,
// under Nâng cao (TokenDriverPaths).
import { LoadingOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useErrorText } from '../../components/error-text.ts';
import { driverName } from './driver-name.ts';
import type { DriverRow, ModuleReport } from './use-module-report.ts';

export function TokenDriversSection({ report }: { report: ModuleReport }) {
  const { t } = useTranslation('settings');
  return (
    <Card size="small" title={t('modules.title')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('modules.help')}</Typography.Text>
        {report.error && <ErrorNotice error={report.error} />}
        <ul className="plain-list driver-list" data-testid="settings-modules-list">
          {report.rows.map((row) => (
            <DriverLine key={row.path} row={row} />
          ))}
        </ul>
        {report.checking ? (
          <Typography.Text type="secondary" data-testid="settings-modules-checking">
            <LoadingOutlined spin /> {t('modules.lookingForMore')}
          </Typography.Text>
        ) : (
          report.rows.length === 0 && <Typography.Text type="warning">{t('modules.noneFound')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function DriverLine({ row }: { row: DriverRow }) {
  const { t } = useTranslation('settings');
  const errorText = useErrorText();
  const ok = row.state === 'done' && row.report.ok;
  const info = row.state === 'done' ? row.report.info : null;
  const failure = row.state === 'done' ? row.report.error : null;
  return (
    <li
      className="plain-list-item driver-line"
      data-testid="settings-module-report"
      data-path={row.path}
      data-state={row.state === 'checking' ? 'checking' : ok ? 'ok' : 'failed'}
      data-ok={row.state === 'done' ? String(ok) : undefined}
      title={row.path}
    >
      <div className="plain-list-main">
        <div className="driver-name">{driverName(row.path)}</div>
        <Typography.Text type="secondary" className="driver-detail">
          {info
            ? t('modules.vendor', { manufacturer: info.manufacturer, description: info.description })
            : failure
              ? errorText(failure)
              : t(`modules.source.${row.source}`)}
        </Typography.Text>
      </div>
      {row.state === 'checking' ? (
        <Tag icon={<LoadingOutlined spin />}>{t('modules.checking')}</Tag>
      ) : (
        <Tag color={ok ? 'success' : 'error'}>{t(ok ? 'modules.loaded' : 'modules.failed')}</Tag>
      )}
    </li>
  );
}
