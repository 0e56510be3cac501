// The chosen token's certificates: who it names, who issued it, how long it
// is valid. Those that cannot sign stay in the list, greyed, with the reason,
// so the clerk knows why the one they expected cannot be picked.
import { Descriptions, Flex, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenCertificateView, TokenView } from '../../../../shared/signing.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { displayName } from './distinguished-name.ts';
import { momentDate } from './moment-date.ts';
import { tokenKey } from './use-tokens.ts';

interface Props {
  token: TokenView | null;
  selected: TokenCertificateView | null;
  onChoose: (certificate: TokenCertificateView | null) => void;
}

export function CertificatePicker(props: Props) {
  // Another token, another list: the token's identity, not each poll's fresh object, starts it afresh.
  return <TokenCertificates key={props.token ? tokenKey(props.token) : ''} {...props} />;
}

function TokenCertificates({ token, selected, onChoose }: Props) {
  const { t } = useTranslation('sign');
  const [certificates, setCertificates] = useState<TokenCertificateView[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const module = token?.module;
  const label = token?.label;

  useEffect(() => {
    if (module === undefined) return;
    let stopped = false;
    call('tokens.certificates', { modules: [], all: true })
      .then(({ certificates: all }) => {
        if (stopped) return;
        // Certificates carry their module and token label, not the slot: that pair names the token.
        // Those that can sign first, then the rest with their reason.
        const mine = all
          .filter((entry) => entry.module === module && entry.tokenLabel === label)
          .sort(
            (a, b) =>
              Number(a.unusable !== null) - Number(b.unusable !== null) ||
              displayName(a.certificate.subject).localeCompare(displayName(b.certificate.subject), 'vi'),
          );
        setCertificates(mine);
        const usable = mine.filter((entry) => entry.unusable === null);
        if (usable.length === 1) onChoose(usable[0]!);
      })
      .catch((caught: unknown) => {
        if (!stopped) setError(asCoreError(caught));
      });
    return () => {
      stopped = true;
    };
  }, [module, label, onChoose]);

  const none = certificates !== null && certificates.length === 0;
  return (
    <Flex vertical gap={6}>
      <Select
        data-testid="sign-cert-select"
        value={selected?.id}
        loading={token !== null && certificates === null && error === null}
        disabled={token === null || none}
        placeholder={t(
          token === null ? 'certificate.chooseTokenFirst' : none ? 'certificate.none' : 'certificate.placeholder',
        )}
        onChange={(id: string) => onChoose(certificates?.find((entry) => entry.id === id) ?? null)}
        labelRender={({ value }) => {
          const entry = certificates?.find((each) => each.id === value);
          return entry ? displayName(entry.certificate.subject) : String(value);
        }}
        options={(certificates ?? []).map((entry) => ({
          value: entry.id,
          title: displayName(entry.certificate.subject),
          disabled: entry.unusable !== null,
          label: <CertificateOption entry={entry} />,
        }))}
      />
      {selected && (
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 110 } }}
          items={[
            { key: 'subject', label: t('certificate.subject'), children: selected.certificate.subject },
            { key: 'issuer', label: t('certificate.issuer'), children: selected.certificate.issuer },
            {
              key: 'validity',
              label: t('certificate.validity'),
              children: t('certificate.validityRange', {
                from: momentDate(selected.certificate.notBefore),
                to: momentDate(selected.certificate.notAfter),
              }),
            },
          ]}
        />
      )}
      {error && <ErrorNotice error={error} />}
    </Flex>
  );
}

function CertificateOption({ entry }: { entry: TokenCertificateView }) {
  const { t } = useTranslation('sign');
  const { certificate } = entry;
  return (
    <div style={{ lineHeight: 1.35, padding: '2px 0' }}>
      <Typography.Text strong={entry.unusable === null}>{displayName(certificate.subject)}</Typography.Text>
      {entry.unusable && (
        <Tag color="red" style={{ marginInlineStart: 8 }}>
          {t(`certificate.unusable.${entry.unusable}`)}
        </Tag>
      )}
      <div>
        <Typography.Text type="secondary">
          {t('certificate.optionDetails', {
            issuer: displayName(certificate.issuer),
            from: momentDate(certificate.notBefore),
            to: momentDate(certificate.notAfter),
          })}
        </Typography.Text>
      </div>
    </div>
  );
}
