// One alert for everything about the chosen token's PIN counter and presence,
// the most serious first: a wrong PIN on the last try locks the token for good.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TokenView } from '../../../../shared/signing.ts';
import { worstSeverity, type TokenWarning } from './token-warnings.ts';

export function TokenWarningAlert({
  warnings,
  token,
  removed,
}: {
  warnings: TokenWarning[];
  token: TokenView | null;
  removed: TokenView | null;
}) {
  const { t } = useTranslation('sign');
  const [first, ...rest] = warnings;
  if (!first) return null;
  const text = (warning: TokenWarning) =>
    t(`warning.${warning.kind}`, { label: (warning.kind === 'removed' ? removed?.label : token?.label) ?? '' });
  return (
    <Alert
      data-testid="token-warning"
      data-kind={warnings.map((warning) => warning.kind).join(' ')}
      type={worstSeverity(warnings)}
      showIcon
      title={text(first)}
      description={rest.length > 0 ? rest.map((warning) => <div key={warning.kind}>{text(warning)}</div>) : undefined}
    />
  );
}
