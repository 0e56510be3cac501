// The plugged tokens as a choice; with none plugged, what to check.
import { Alert, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TokenView } from '../../../../shared/signing.ts';
import type { CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { SettingsLink } from '../settings/SettingsLink.tsx';
import { tokenKey } from './use-tokens.ts';

interface Props {
  /** Null while the first poll is out. */
  tokens: TokenView[] | null;
  selectedKey: string | null;
  error: CoreError | null;
  onChoose: (token: TokenView) => void;
}

export function TokenPicker({ tokens, selectedKey, error, onChoose }: Props) {
  const { t } = useTranslation('sign');
  const none = tokens !== null && tokens.length === 0;
  return (
    <Flex vertical gap={6}>
      <Select
        data-testid="sign-token-select"
        value={selectedKey ?? undefined}
        loading={tokens === null}
        placeholder={t(tokens === null ? 'token.looking' : none ? 'token.none' : 'token.placeholder')}
        disabled={none}
        onChange={(key: string) => {
          const chosen = tokens?.find((token) => tokenKey(token) === key);
          if (chosen) onChoose(chosen);
        }}
        options={(tokens ?? []).map((token) => ({
          value: tokenKey(token),
          title: token.label,
          label: (
            <span>
              <Typography.Text strong>{token.label}</Typography.Text>
              <Typography.Text type="secondary">
                {' — '}
                {t('token.details', { manufacturer: token.manufacturer, model: token.model, serial: token.serial })}
              </Typography.Text>
            </span>
          ),
        }))}
      />
      {none && (
        <Alert
          type="info"
          showIcon
          title={t('token.noneTitle')}
          description={
            <>
              {t('token.noneHint')} <SettingsLink>{t('openSettings')}</SettingsLink>
            </>
          }
        />
      )}
      {error && <ErrorNotice error={error} />}
    </Flex>
  );
}
