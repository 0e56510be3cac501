// Under a ngày văn bản later than today: the box the clerk ticks to say the
// letter really bears that date (then saved with confirmFutureIssuedOn).
// Shown while the date is in the future, or when core asked (its today may
// be a day ahead of this PC's). A changed date needs ticking again: the form
// clears the box when the date changes.
import { Checkbox, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { issuedInFuture } from './date-rules.ts';
import { formatDate, parseDateInput } from './dates.ts';

export function FutureDateConfirm({ asked = false }: { asked?: boolean }) {
  const { t } = useTranslation('common');
  return (
    <Form.Item
      noStyle
      shouldUpdate={(before: { issuedOn?: unknown }, after: { issuedOn?: unknown }) =>
        before.issuedOn !== after.issuedOn
      }
    >
      {({ getFieldValue }) => {
        const issuedOn: unknown = getFieldValue('issuedOn');
        if (!asked && !issuedInFuture(issuedOn)) return null;
        const date = typeof issuedOn === 'string' ? formatDate(parseDateInput(issuedOn)) : '';
        return (
          <Form.Item name="confirmFutureIssuedOn" valuePropName="checked" className="future-confirm">
            <Checkbox data-testid="field-confirmFutureIssuedOn">{t('dates.confirmFuture', { date })}</Checkbox>
          </Form.Item>
        );
      }}
    </Form.Item>
  );
}
