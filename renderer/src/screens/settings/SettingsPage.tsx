// Settings, one card per concern: the token drivers, the signature and seal
// images, the provincial hub, the sync time, the timestamp server, and the
// certificate authorities this office trusts.
import { Col, Flex, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useSyncStatus } from '../sync/use-sync-status.ts';
import { HubSection } from './HubSection.tsx';
import { ScheduleSection } from './ScheduleSection.tsx';
import { SignatureImagesSection } from './SignatureImagesSection.tsx';
import { TokenModulesSection } from './TokenModulesSection.tsx';
import { TrustSection } from './TrustSection.tsx';
import { TsaSection } from './TsaSection.tsx';

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const sync = useSyncStatus();

  useEffect(() => {
    call('settings.get', {})
      .then(setSettings)
      .catch((caught: unknown) => setError(asCoreError(caught)));
  }, []);

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
            <TokenModulesSection settings={settings} onSaved={setSettings} />
            <SignatureImagesSection settings={settings} onSaved={setSettings} />
            <TsaSection settings={settings} onSaved={setSettings} />
          </Flex>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={12}>
            <HubSection status={sync.status} onConnected={sync.refresh} />
            <ScheduleSection status={sync.status} onSaved={sync.refresh} />
            <TrustSection />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
