// The signatures in the document's files and what checking them found: for
// each, who signed, when, and one Vietnamese sentence on whether it holds.
// Checked offline first (cached revocation lists); online on request.
import {
  CheckCircleFilled,
  CloseCircleFilled,
  QuestionCircleFilled,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../../../shared/api.ts';
import type { SignatureVerdict } from '../../../../shared/signing.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { formatDateTime } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Section } from '../../components/Section.tsx';

type Verification = Outputs['verify'];

const statusIcons = {
  valid: <CheckCircleFilled className="verdict-icon verdict-valid" />,
  invalid: <CloseCircleFilled className="verdict-icon verdict-invalid" />,
  indeterminate: <QuestionCircleFilled className="verdict-icon verdict-unknown" />,
};

/** The signer as people name them: the certificate's common name, else its subject. */
function signerOf(verdict: SignatureVerdict): string | null {
  return verdict.signer?.commonName ?? verdict.signer?.subject ?? null;
}

function Verdict({ verdict }: { verdict: SignatureVerdict }) {
  const { t } = useTranslation('document');
  return (
    <li
      className={`verdict verdict-${verdict.status}`}
      data-testid="signature-item"
      data-valid={verdict.status === 'valid' ? 'true' : 'false'}
    >
      {statusIcons[verdict.status]}
      <div className="verdict-body">
        <div className="verdict-head">
          <span className="verdict-signer">{signerOf(verdict) ?? t('signatures.unknownSigner')}</span>
          <span className={`verdict-status verdict-status-${verdict.status}`}>
            {t(`signatures.status.${verdict.status}`)}
          </span>
        </div>
        <div className="muted">
          {verdict.signedAt
            ? t(verdict.timeSource === 'timestamp' ? 'signatures.signedAtStamped' : 'signatures.signedAt', {
                time: formatDateTime(verdict.signedAt, true),
              })
            : t('signatures.noTime')}
          {verdict.level && ` · ${verdict.level}`}
        </div>
        <div className="verdict-reason">{verdict.reason}</div>
      </div>
    </li>
  );
}

export function SignaturesSection({
  documentId,
  fileKey,
}: {
  documentId: string;
  /** Changes when a file's bytes change (signed, added). */ fileKey: string;
}) {
  const { t } = useTranslation('document');
  const [online, setOnline] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  // Which check (document, bytes, online or not) has answered, and its error: a new check hides the last
  // one's error and is busy until it answers, while the last result stays shown.
  const [answered, setAnswered] = useState<{ check: string; error: CoreError | null } | null>(null);
  const check = `${documentId}\n${fileKey}\n${online}`;
  const busy = answered?.check !== check;
  const error = busy ? null : answered.error;

  useEffect(() => {
    let cancelled = false;
    call('verify', { id: documentId, online })
      .then((verified) => {
        if (cancelled) return;
        setResult(verified);
        setAnswered({ check, error: null });
      })
      .catch((failure: unknown) => {
        if (!cancelled) setAnswered({ check, error: asCoreError(failure) });
      });
    return () => {
      cancelled = true;
    };
  }, [documentId, online, check]);

  const files = result?.files ?? [];
  const count = files.reduce((sum, file) => sum + file.signatures.length, 0);
  return (
    <Section
      title={t('sections.signatures', { count })}
      extra={
        <Button
          size="small"
          icon={<SafetyCertificateOutlined />}
          loading={busy && online}
          disabled={online}
          onClick={() => setOnline(true)}
        >
          {t('signatures.checkOnline')}
        </Button>
      }
    >
      {busy && !result && <Spin size="small" />}
      <ErrorNotice error={error} />
      {result && count === 0 && <div className="muted">{t('signatures.none')}</div>}
      {files
        .filter((file) => file.signatures.length > 0)
        .map((file) => (
          <div key={file.attachmentId ?? file.sha256} className="verdict-file">
            {files.length > 1 && <div className="verdict-filename">{file.filename}</div>}
            <ul className="plain-list">
              {file.signatures.map((verdict) => (
                <Verdict key={verdict.index} verdict={verdict} />
              ))}
            </ul>
          </div>
        ))}
      {online && result && <div className="muted">{t('signatures.checkedOnline')}</div>}
    </Section>
  );
}
