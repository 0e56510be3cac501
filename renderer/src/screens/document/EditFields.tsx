// The fields of the edit dialog for a document's kind: an incoming letter's
// issuer, số/ký hiệu, dates and handing over; an outgoing document's nơi nhận,
// signer and copies. A draft has no số or ngày văn bản yet (both come when it
// is issued). Dates are checked on their field as in the incoming form.
import { Col, Form, Input, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDateRules } from '../../components/date-rules.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { DocumentTypeSelect } from '../../components/DocumentTypeSelect.tsx';
import { FutureDateConfirm } from '../../components/FutureDateConfirm.tsx';
import { IssuerInput, type IssuerSuggestion } from '../../components/IssuerInput.tsx';
import { SecrecySelect, UrgencySelect } from '../../components/StampSelects.tsx';
import { RecipientPicker } from '../outgoing/RecipientPicker.tsx';

export type EditKind = 'incoming' | 'draft' | 'issued';

/** The fields each kind of document shows (and so may send). */
export function shownFields(kind: EditKind): ReadonlySet<string> {
  const common = ['type', 'subject', 'urgency', 'secrecy', 'dueOn', 'completedOn', 'notes'];
  if (kind === 'incoming')
    return new Set([
      ...common,
      'issuerName',
      'issuerCode',
      'notation',
      'issuedOn',
      'arrivedOn',
      'recipientUnit',
      'handedOn',
      'handedReceipt',
    ]);
  const outgoing = [...common, 'recipients', 'signerName', 'signerTitle', 'archiveUnit', 'copies'];
  return new Set(kind === 'issued' ? [...outgoing, 'notation', 'issuedOn'] : outgoing);
}

export function EditFields({
  kind,
  onPickIssuer,
  confirmAsked,
}: {
  kind: EditKind;
  onPickIssuer: (issuer: IssuerSuggestion) => void;
  confirmAsked: boolean;
}) {
  const { t } = useTranslation(['document', 'common']);
  const rules = useDateRules(kind === 'incoming' ? 'arrivedOn' : kind === 'issued' ? 'issuedOn' : null);
  const required = { required: true, whitespace: true, message: t('edit.required') };
  const incoming = kind === 'incoming';

  return (
    <>
      {incoming && (
        <>
          <Form.Item name="issuerName" label={t('meta.issuerName')} rules={[required]}>
            <IssuerInput testId="edit-issuerName" onPick={onPickIssuer} />
          </Form.Item>
          <Form.Item name="issuerCode" hidden>
            <Input />
          </Form.Item>
        </>
      )}
      {kind !== 'draft' && (
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="notation" label={t('meta.notation')} rules={[required]}>
              <Input data-testid="edit-notation" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="issuedOn"
              label={t('meta.issuedOn')}
              rules={[required, ...rules.issuedOn]}
              dependencies={['confirmFutureIssuedOn']}
            >
              <DateInput testId="edit-issuedOn" />
            </Form.Item>
            <FutureDateConfirm asked={confirmAsked} />
          </Col>
          {incoming && (
            <Col span={8}>
              <Form.Item
                name="arrivedOn"
                label={t('meta.arrivedOn')}
                rules={[required, ...rules.arrivedOn]}
                dependencies={['issuedOn', 'confirmFutureIssuedOn']}
              >
                <DateInput testId="edit-arrivedOn" />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="type" label={t('meta.type')} rules={[{ required: true, message: t('edit.required') }]}>
            <DocumentTypeSelect testId="edit-type" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="urgency" label={t('meta.urgency')}>
            <UrgencySelect testId="edit-urgency" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="secrecy" label={t('meta.secrecy')}>
            <SecrecySelect testId="edit-secrecy" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="subject" label={t('meta.subject')} rules={[required]}>
        <Input.TextArea data-testid="edit-subject" autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      {!incoming && (
        <Form.Item name="recipients" label={t('meta.recipients')}>
          <RecipientPicker />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item
            name="dueOn"
            label={t('meta.dueOn')}
            rules={rules.dueOn}
            dependencies={incoming ? ['arrivedOn'] : ['issuedOn']}
          >
            <DateInput testId="edit-dueOn" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="completedOn" label={t('meta.completedOn')} rules={[rules.date]}>
            <DateInput testId="edit-completedOn" />
          </Form.Item>
        </Col>
        {incoming ? (
          <Col span={8}>
            <Form.Item name="handedOn" label={t('meta.handedOn')} rules={[rules.date]}>
              <DateInput testId="edit-handedOn" />
            </Form.Item>
          </Col>
        ) : (
          <Col span={8}>
            <Form.Item name="copies" label={t('meta.copies')}>
              <InputNumber min={1} max={10000} precision={0} className="full-width" />
            </Form.Item>
          </Col>
        )}
      </Row>
      {incoming ? (
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="recipientUnit" label={t('meta.recipientUnit')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="handedReceipt" label={t('meta.handedReceipt')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="signerName" label={t('meta.signerName')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="signerTitle" label={t('meta.signerTitle')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="archiveUnit" label={t('meta.archiveUnit')}>
            <Input />
          </Form.Item>
        </>
      )}
      <Form.Item name="notes" label={t('meta.notes')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}
