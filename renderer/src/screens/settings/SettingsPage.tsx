// Settings in the clerk's words, one card per concern: the signing devices,
// the signature and seal images, the provincial hub and its daily time, the
// office's details. What only a technician sets (a token driver by its file, the
// timestamp server, the trusted certification authorities) is under Nâng cao,
// folded away.
import { Col, Collapse, Flex, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeView, SettingsView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PeopleSection } from '../people/PeopleSection.tsx';
import { useSyncStatus } from '../sync/use-sync-status.ts';
import { CalendarSection } from './CalendarSection.tsx';
import { HubSection } from './HubSection.tsx';
import { OfficeSection } from './OfficeSection.tsx';
import { ScheduleSection } from './ScheduleSection.tsx';
import { SignatureImagesSection } from './SignatureImagesSection.tsx';
import { TokenDriverPaths } from './TokenDriverPaths.tsx';
import { TokenDriversSection } from './TokenDriversSection.tsx';
import { TrustSection } from './TrustSection.tsx';
import { TsaSection } from './TsaSection.tsx';
import { useModuleReport } from './use-module-report.ts';

export function SettingsPage({
  office,
  onOfficeChange,
}: {
  office: OfficeView;
  onOfficeChange: (office: OfficeView) => void;
}) {
  const { t } = useTranslation('settings');
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const sync = useSyncStatus();
  const drivers = useModuleReport(settings);

  useEffect(() => {
    call('settings.get', {})
      .then(setSettings)
      .catch((caught: unknown) => setError(asCoreError(caught)));
  }, []);

  // A driver list saved under Nâng cao: the token card checks every driver again.
  const onDriversSaved = (view: SettingsView) => {
    setSettings(view);
    drivers.reload();
  };

  return (
    <Flex vertical gap={12} style={{ padding: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      {error && <ErrorNotice error={error} />}
      {sync.error && <ErrorNotice error={sync.error} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Flex vertical gap={12}>
            <TokenDriversSection report={drivers} />
            <SignatureImagesSection settings={settings} onSaved={setSettings} />
          </Flex>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={12}>
            <HubSection status={sync.status} onConnected={sync.refresh} />
            <ScheduleSection status={sync.status} onSaved={sync.refresh} />
            <OfficeSection office={office} onSaved={onOfficeChange} />
          </Flex>
        </Col>
      </Row>
      <PeopleSection />
      <CalendarSection />
      <Collapse
        className="settings-advanced"
        items={[
          {
            key: 'advanced',
            label: <span data-testid="settings-advanced">{t('advanced.title')}</span>,
            extra: <Typography.Text type="secondary">{t('advanced.hint')}</Typography.Text>,
            children: (
              <Row gutter={[12, 12]}>
                <Col xs={24} xl={12}>
                  <Flex vertical gap={16}>
                    <TokenDriverPaths settings={settings} onSaved={onDriversSaved} />
                    <TsaSection settings={settings} onSaved={setSettings} />
                  </Flex>
                </Col>
                <Col xs={24} xl={12}>
                  <TrustSection />
                </Col>
              </Row>
            ),
          },
        ]}
      />
    </Flex>
  );
}
