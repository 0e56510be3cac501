// The fields of vào sổ văn bản đến, as Decree 30 Appendix IV's incoming register
// has them. Fields filled from the PDF carry `prefilled`'s mark until checked.
import { Col, Form, Input, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDateRules } from '../../components/date-rules.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { DocumentTypeSelect } from '../../components/DocumentTypeSelect.tsx';
import { FutureDateConfirm } from '../../components/FutureDateConfirm.tsx';
import { IssuerInput, type IssuerSuggestion } from '../../components/IssuerInput.tsx';
import { SecrecySelect, UrgencySelect } from '../../components/StampSelects.tsx';

interface IncomingFieldsProps {
  /** The class of a field's item: marked while it holds an unchecked reading. */
  prefilled: (field: string) => string | undefined;
  /** Notes under the issuer: the parent agency the header names, the code kept with the name. */
  issuerNotes: string[];
  onPickIssuer: (issuer: IssuerSuggestion) => void;
  /** Core asked to confirm a ngày văn bản in the future. */
  confirmAsked: boolean;
}

export function IncomingFields({ prefilled, issuerNotes, onPickIssuer, confirmAsked }: IncomingFieldsProps) {
  const { t } = useTranslation(['incoming', 'common']);
  const required = { required: true, whitespace: true, message: t('required') };
  const rules = useDateRules('arrivedOn');

  return (
    <>
      <Row gutter={12}>
        <Col span={24}>
          <Form.Item
            name="issuerName"
            label={t('fields.issuerName')}
            rules={[required]}
            className={prefilled('issuerName')}
            extra={
              issuerNotes.length > 0 ? (
                <div data-testid="issuer-notes">
                  {issuerNotes.map((note) => (
                    <div key={note}>{note}</div>
                  ))}
                </div>
              ) : undefined
            }
          >
            <IssuerInput testId="field-issuerName" onPick={onPickIssuer} />
          </Form.Item>
          <Form.Item name="issuerCode" hidden>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="notation" label={t('fields.notation')} rules={[required]} className={prefilled('notation')}>
            <Input data-testid="field-notation" placeholder="15/UBND-VP" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="issuedOn"
            label={t('fields.issuedOn')}
            rules={[required, ...rules.issuedOn]}
            dependencies={['confirmFutureIssuedOn']}
            className={prefilled('issuedOn')}
          >
            <DateInput testId="field-issuedOn" />
          </Form.Item>
          <FutureDateConfirm asked={confirmAsked} />
        </Col>
        <Col span={8}>
          <Form.Item
            name="arrivedOn"
            label={t('fields.arrivedOn')}
            rules={rules.arrivedOn}
            dependencies={['issuedOn', 'confirmFutureIssuedOn']}
          >
            <DateInput testId="field-arrivedOn" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name="type"
            label={t('fields.type')}
            rules={[{ required: true, message: t('required') }]}
            className={prefilled('type')}
          >
            <DocumentTypeSelect testId="field-type" placeholder={t('fields.typePlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="urgency" label={t('fields.urgency')}>
            <UrgencySelect testId="field-urgency" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="secrecy" label={t('fields.secrecy')}>
            <SecrecySelect testId="field-secrecy" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="subject" label={t('fields.subject')} rules={[required]} className={prefilled('subject')}>
        <Input.TextArea data-testid="field-subject" autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="recipientUnit" label={t('fields.recipientUnit')}>
            <Input data-testid="field-recipientUnit" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="dueOn" label={t('fields.dueOn')} rules={rules.dueOn} dependencies={['arrivedOn']}>
            <DateInput testId="field-dueOn" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="pageCount" label={t('fields.pageCount')} className={prefilled('pageCount')}>
            <InputNumber min={1} max={100000} precision={0} className="full-width" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('fields.notes')}>
        <Input.TextArea data-testid="field-notes" autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}
