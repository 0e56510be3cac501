// What the batch did to each document: signed (as whom, at which level),
// stopped with the reason, or left untouched because the batch stopped first;
// and, when it stopped, the error with what to do before trying again.
import { Alert, Badge, Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/errors.ts';
import type { CoreError } from '../../api/client.ts';
import { useErrorText } from '../../components/error-text.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { SettingsLink } from '../settings/SettingsLink.tsx';
import type { DocumentOutcome, Outcomes, ResultState } from './sign-outcomes.ts';
import { labelOf, type DocumentLabel } from './use-document-labels.ts';

/** Errors whose fix is in Settings: the images of Decree 30, the token drivers. */
const SETTINGS_CODES: readonly ErrorCode[] = ['SIGN_IMAGE_MISSING', 'SIGN_IMAGE_INVALID', 'TOKEN_MODULE_UNLOADABLE'];

interface Props {
  state: ResultState;
  documentIds: readonly string[];
  outcomes: Outcomes;
  labels: Readonly<Record<string, DocumentLabel>>;
  warnings: string[];
  /** Why the last attempt stopped (or failed before the first document). */
  error: CoreError | null;
  /** Documents still unsigned, which the next press of Sign will sign. */
  remaining: number;
  onOpenSettings: () => void;
}

export function SignResult({
  state,
  documentIds,
  outcomes,
  labels,
  warnings,
  error,
  remaining,
  onOpenSettings,
}: Props) {
  const { t } = useTranslation('sign');
  const signed = documentIds.filter((id) => outcomes[id]?.state === 'signed').length;
  // A batch that failed before its first document (a wrong PIN) has no per-document story: the error says it all.
  const recorded = documentIds.some((id) => outcomes[id] !== undefined);
  return (
    <Flex vertical gap={8} data-testid="sign-result" data-state={state}>
      {recorded && (
        <Alert
          type={state === 'ok' ? 'success' : state === 'partial' ? 'warning' : 'error'}
          showIcon
          title={t(`result.${state}`, { signed, total: documentIds.length })}
          description={
            <Flex vertical gap={2} style={{ maxHeight: 180, overflowY: 'auto' }}>
              {documentIds.map((id) => (
                <OutcomeLine key={id} label={lineLabel(outcomes[id], id, labels, t)} outcome={outcomes[id]} />
              ))}
              {warnings.map((warning) => (
                <Typography.Text key={warning} type="warning">
                  {t('result.note', { warning })}
                </Typography.Text>
              ))}
            </Flex>
          }
        />
      )}
      {error && (
        <div>
          <ErrorNotice error={error} />
          {SETTINGS_CODES.includes(error.code) && (
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>
              <SettingsLink onNavigate={onOpenSettings}>{t('openSettings')}</SettingsLink>
            </Typography.Paragraph>
          )}
          {remaining > 0 && <Typography.Text type="secondary">{t('retryHint', { count: remaining })}</Typography.Text>}
        </div>
      )}
    </Flex>
  );
}

function lineLabel(
  outcome: DocumentOutcome | undefined,
  id: string,
  labels: Readonly<Record<string, DocumentLabel>>,
  t: TFunction<'sign'>,
): string {
  return outcome?.state === 'signed' && outcome.notation ? outcome.notation : labelOf(id, labels[id], t);
}

function OutcomeLine({ label, outcome }: { label: string; outcome: DocumentOutcome | undefined }) {
  const { t } = useTranslation('sign');
  const errorText = useErrorText();
  if (outcome?.state === 'signed') {
    return (
      <Badge
        status="success"
        data-outcome="signed"
        text={`${label} — ${t('result.signed', { kind: t(`result.kind.${outcome.kind}`), level: outcome.level })}`}
      />
    );
  }
  if (outcome?.state === 'failed') {
    return (
      <Badge
        status="error"
        data-outcome="failed"
        title={errorText(outcome.error)}
        text={`${label} — ${t('result.failed')}`}
      />
    );
  }
  return <Badge status="default" data-outcome="untouched" text={`${label} — ${t('result.untouched')}`} />;
}
