// The sign dialog: a plugged token, one of its certificates, personal or the
// agency's signature, the PIN once, then each document of the batch in turn.
// A letter with no room for the signature gets a page to click the place on.
// The PIN lives in this component's state only while it is being typed: it is
// taken out of state when the batch starts, and the whole state goes with the
// dialog when it closes.
import { Button, Checkbox, Flex, Form, Input, Modal, Progress, Radio, Typography, type InputRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/errors.ts';
import type { SignKind, TokenCertificateView, TokenView } from '../../../../shared/signing.ts';
import { asCoreError, call, CoreError, useCoreEvent } from '../../api/client.ts';
import { FocusTrap } from '../../components/FocusTrap.tsx';
import { CertificatePicker } from './CertificatePicker.tsx';
import { NoRoomInBatch } from './NoRoomInBatch.tsx';
import { PlacementPicker, type Placement } from './PlacementPicker.tsx';
import { applyBatch, resultState, unsigned, type Outcomes } from './sign-outcomes.ts';
import { SignResult } from './SignResult.tsx';
import { TokenPicker } from './TokenPicker.tsx';
import { pinState, tokenWarnings } from './token-warnings.ts';
import { TokenWarningAlert } from './TokenWarningAlert.tsx';
import { labelOf, useDocumentLabels, type DocumentLabel } from './use-document-labels.ts';
import { tokenKey, usePolledTokens } from './use-tokens.ts';

export interface SignDialogProps {
  open: boolean;
  documentIds: string[];
  onClose: () => void;
  onDone: () => void;
}

export function SignDialog({ open, documentIds, onClose, onDone }: SignDialogProps) {
  const { t } = useTranslation('sign');
  const [busy, setBusy] = useState(false);
  // onDone waits for the dialog to close: the per-document result stays on screen
  // until the clerk has read it, and the caller refreshes once.
  const signedSome = useRef(false);
  useEffect(() => {
    if (open) signedSome.current = false;
  }, [open]);
  const close = useCallback(() => {
    if (signedSome.current) {
      signedSome.current = false;
      onDone();
    }
    onClose();
  }, [onClose, onDone]);
  const onSigned = useCallback(() => {
    signedSome.current = true;
  }, []);
  return (
    <Modal
      open={open}
      title={t('title', { count: documentIds.length })}
      onCancel={busy ? undefined : close}
      closable={!busy}
      keyboard={!busy}
      mask={{ closable: false }}
      footer={null}
      width={720}
      destroyOnHidden
      modalRender={(node) => <FocusTrap testId="sign-dialog">{node}</FocusTrap>}
    >
      <SignFlow open={open} documentIds={documentIds} onClose={close} onSigned={onSigned} onBusyChange={setBusy} />
    </Modal>
  );
}

/** Refusals a place picked on the page answers. */
const PLACEMENT_CODES: readonly ErrorCode[] = ['SIGN_NO_ROOM', 'SIGN_PLACEMENT_INVALID'];

const PIN_CODES: readonly ErrorCode[] = [
  'TOKEN_PIN_REQUIRED',
  'TOKEN_PIN_INCORRECT',
  'TOKEN_PIN_COUNT_LOW',
  'TOKEN_PIN_FINAL_TRY',
  'TOKEN_PIN_FINAL_TRY_UNCONFIRMED',
  'TOKEN_PIN_FORMAT',
];

interface Progressing {
  done: number;
  total: number;
  label: string | null;
}

interface SignFlowProps {
  open: boolean;
  documentIds: string[];
  onClose: () => void;
  /** A batch signed at least one document. */
  onSigned: () => void;
  onBusyChange: (busy: boolean) => void;
}

function SignFlow({ open, documentIds, onClose, onSigned, onBusyChange }: SignFlowProps) {
  const { t } = useTranslation('sign');
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcomes>({});
  const [attempted, setAttempted] = useState(false);
  const remaining = useMemo(() => unsigned(documentIds, outcomes), [documentIds, outcomes]);
  const finished = attempted && remaining.length === 0;
  // Every poll holds the token driver for a moment: none while signing, none once all is signed.
  const polled = usePolledTokens(open && !busy && !finished);
  const labels = useDocumentLabels(documentIds);

  // The token as it was when chosen: when it is pulled out, the warning still names it.
  const [chosen, setChosen] = useState<TokenView | null>(null);
  const [removed, setRemoved] = useState<TokenView | null>(null);
  const [certificate, setCertificate] = useState<TokenCertificateView | null>(null);
  const [as, setAs] = useState<SignKind>('personal');
  const [pin, setPin] = useState('');
  const [confirmFinalTry, setConfirmFinalTry] = useState(false);
  const [placement, setPlacement] = useState<Placement | null>(null);
  const [progress, setProgress] = useState<Progressing | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [error, setError] = useState<CoreError | null>(null);
  // Which token the last error came from: its PIN counter says nothing about another token.
  const [errorToken, setErrorToken] = useState<string | null>(null);
  const pinInput = useRef<InputRef>(null);

  const tokens = polled.tokens;
  const selectedKey = chosen ? tokenKey(chosen) : null;
  // The chosen token as the last poll saw it: its PIN counter flags change.
  const token = useMemo(() => tokens?.find((each) => tokenKey(each) === selectedKey) ?? null, [tokens, selectedKey]);

  useEffect(() => onBusyChange(busy), [busy, onBusyChange]);

  // Closing the dialog forgets the PIN at once, even while the close animation runs.
  if (!open && pin !== '') setPin('');

  const chooseToken = useCallback((next: TokenView | null) => {
    setChosen(next);
    setCertificate(null);
    setPin('');
    setConfirmFinalTry(false);
    // The token pulled out is back: its warning goes.
    setRemoved((gone) => (next && gone?.serial === next.serial && gone.label === next.label ? null : gone));
  }, []);

  // A token pulled out while choosing: the choice goes with it. One plugged token is chosen for the user.
  if (tokens && !busy) {
    if (chosen && !token) {
      chooseToken(null);
      setRemoved(chosen);
    } else if (!chosen && tokens.length === 1) {
      chooseToken(tokens[0]!);
    }
  }

  const lastErrorCode = error && errorToken === selectedKey ? error.code : null;
  const pinInfo = pinState(token, lastErrorCode);
  const alerts = tokenWarnings(token, pinInfo, removed !== null);

  useCoreEvent((event) => {
    if (!busy || event.type !== 'sign.progress' || !documentIds.includes(event.documentId)) return;
    setProgress({
      done: event.index,
      total: event.total,
      label: event.notation ?? labelOf(event.documentId, labels[event.documentId], t),
    });
  });

  // A place picked on the page applies to the main file of every letter signed
  // with it: offered only when one letter is left to sign, and only for the
  // personal signature (the seal follows the signature it overlaps).
  const placing = as === 'personal' && remaining.length === 1 && !finished;
  const needsPlace = error !== null && PLACEMENT_CODES.includes(error.code);
  const showPicker = placing && (needsPlace || placement !== null);
  const choosePlacement = useCallback((next: Placement | null) => {
    setPlacement(next);
    // The PIN was cleared when the refused batch started: it is typed next.
    if (next) pinInput.current?.focus();
  }, []);

  const canSubmit =
    !busy &&
    token !== null &&
    certificate !== null &&
    certificate.unusable === null &&
    !pinInfo.locked &&
    (token.pinPad || pin.length > 0) &&
    (!pinInfo.finalTry || confirmFinalTry) &&
    // Refused for want of room: the same request again would be refused again.
    !(showPicker && needsPlace && placement === null) &&
    remaining.length > 0;

  function refused(reason: CoreError) {
    setError(reason);
    // A place off the page is picked again, not sent again.
    if (reason.code === 'SIGN_PLACEMENT_INVALID') setPlacement(null);
  }

  async function submit() {
    if (!canSubmit || !token || !certificate) return;
    const ids = remaining;
    // The PIN leaves state here; only this call's argument holds it until core answers.
    const secret = token.pinPad ? null : pin;
    setPin('');
    setBusy(true);
    setError(null);
    setErrorToken(selectedKey);
    setWarnings([]);
    setRemoved(null);
    setProgress({ done: 0, total: ids.length, label: null });
    try {
      const result = await call('sign.documents', {
        ids,
        certId: certificate.id,
        as,
        pin: secret,
        modules: [],
        confirmFinalTry: pinInfo.finalTry && confirmFinalTry,
        ...(showPicker && placement ? { placement } : {}),
      });
      setOutcomes((previous) => applyBatch(previous, result));
      setWarnings(result.warnings);
      if (result.stoppedAt) refused(new CoreError(result.stoppedAt.error));
      if (result.signed.length > 0) onSigned();
    } catch (caught) {
      refused(asCoreError(caught));
    } finally {
      setAttempted(true);
      setBusy(false);
      setProgress(null);
      setConfirmFinalTry(false);
      // The counter flags change after a wrong PIN, and a pulled token must disappear from the list.
      polled.refresh();
    }
  }

  // After a wrong PIN the cursor goes back to the PIN field for the next try.
  useEffect(() => {
    if (error && PIN_CODES.includes(error.code)) pinInput.current?.focus();
  }, [error]);

  const state = resultState(documentIds, outcomes);

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{summaryOf(documentIds, labels, t)}</Typography.Text>
      <Form
        layout="horizontal"
        size="small"
        labelCol={{ flex: '140px' }}
        labelAlign="left"
        colon={false}
        disabled={busy || finished}
      >
        <Form.Item label={t('token.label')} style={{ marginBottom: 8 }}>
          <TokenPicker tokens={tokens} selectedKey={selectedKey} error={polled.error} onChoose={chooseToken} />
        </Form.Item>
        {alerts.length > 0 && (
          <Form.Item label=" " style={{ marginBottom: 8 }}>
            <TokenWarningAlert warnings={alerts} token={token} removed={removed} />
          </Form.Item>
        )}
        <Form.Item label={t('certificate.label')} style={{ marginBottom: 8 }}>
          <CertificatePicker token={token} selected={certificate} onChoose={setCertificate} />
        </Form.Item>
        <Form.Item
          label={t('as.label')}
          style={{ marginBottom: 8 }}
          extra={t(as === 'personal' ? 'as.personalHelp' : 'as.organizationHelp')}
        >
          <Radio.Group value={as} onChange={(event) => setAs(event.target.value as SignKind)}>
            <Radio value="personal" data-testid="sign-as-personal">
              {t('as.personal')}
            </Radio>
            <Radio value="organization" data-testid="sign-as-organization">
              {t('as.organization')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('pin.label')} style={{ marginBottom: pinInfo.finalTry ? 4 : 0 }}>
          {token?.pinPad ? (
            <Typography.Text>{t('pin.onDevice')}</Typography.Text>
          ) : (
            <Input.Password
              ref={pinInput}
              data-testid="sign-pin"
              value={pin}
              onChange={(event) => setPin(event.target.value)}
              onPressEnter={() => void submit()}
              maxLength={64}
              // A browser ignores "off" on password fields and offers to save them; a one-time code it never stores.
              autoComplete="one-time-code"
              placeholder={t('pin.placeholder')}
              disabled={busy || finished || pinInfo.locked || token === null}
              style={{ maxWidth: 260 }}
            />
          )}
        </Form.Item>
        {pinInfo.finalTry && (
          <Form.Item label=" " style={{ marginBottom: 0 }}>
            <Checkbox
              data-testid="sign-confirm-final-try"
              checked={confirmFinalTry}
              onChange={(event) => setConfirmFinalTry(event.target.checked)}
            >
              {t('pin.confirmFinalTry')}
            </Checkbox>
          </Form.Item>
        )}
      </Form>

      {progress && (
        <div data-testid="sign-progress" data-done={progress.done} data-total={progress.total}>
          <Progress
            percent={Math.round((progress.done / Math.max(progress.total, 1)) * 100)}
            size="small"
            status="active"
          />
          <Typography.Text type="secondary">
            {progress.done === 0
              ? t(token?.pinPad ? 'progress.enterOnDevice' : 'progress.opening')
              : t('progress.signed', { done: progress.done, total: progress.total, label: progress.label ?? '' })}
          </Typography.Text>
        </div>
      )}

      {attempted && !busy && (
        <SignResult
          state={state}
          documentIds={documentIds}
          outcomes={outcomes}
          labels={labels}
          warnings={warnings}
          error={error}
          remaining={remaining.length}
          onOpenSettings={onClose}
        />
      )}

      {showPicker && remaining[0] && (
        <PlacementPicker documentId={remaining[0]} value={placement} onPick={choosePlacement} disabled={busy} />
      )}
      {attempted && !busy && error?.code === 'SIGN_NO_ROOM' && remaining.length > 1 && (
        <NoRoomInBatch error={error} ids={remaining} outcomes={outcomes} labels={labels} onOpen={onClose} />
      )}

      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose} disabled={busy} type={finished ? 'primary' : 'default'}>
          {t('close')}
        </Button>
        {!finished && (
          <Button
            type="primary"
            data-testid="sign-submit"
            disabled={!canSubmit}
            loading={busy}
            onClick={() => void submit()}
          >
            {t(attempted && remaining.length < documentIds.length ? 'submitRest' : 'submit', {
              count: remaining.length,
            })}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

function summaryOf(
  ids: readonly string[],
  labels: Readonly<Record<string, DocumentLabel>>,
  t: TFunction<'sign'>,
): string {
  const shown = ids.slice(0, 3).map((id) => labelOf(id, labels[id], t));
  const more = ids.length - shown.length;
  return more > 0
    ? t('summaryMore', { list: shown.join('; '), count: more })
    : t('summary', { list: shown.join('; ') });
}
