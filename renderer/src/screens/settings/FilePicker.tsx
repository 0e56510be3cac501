// A file input that looks like the rest of the form: a button that opens the
// system's picker and the chosen file's name. The native input stays in the
// page (hidden) so that tests and drag-free users reach it the same way.
import { Button, Flex, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  testId: string;
  accept: string;
  file: File | null;
  onChange: (file: File | null) => void;
  label: string;
  disabled?: boolean;
}

export function FilePicker({ testId, accept, file, onChange, label, disabled = false }: Props) {
  const { t } = useTranslation('settings');
  const input = useRef<HTMLInputElement>(null);
  return (
    <Flex gap={8} align="center" style={{ minWidth: 0 }}>
      <input
        ref={input}
        type="file"
        data-testid={testId}
        accept={accept}
        disabled={disabled}
        style={{ display: 'none' }}
        onChange={(event) => {
          onChange(event.target.files?.[0] ?? null);
          // Picking the same file again (after fixing it on disk) must fire again.
          event.target.value = '';
        }}
      />
      <Button size="small" disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <Typography.Text type={file ? undefined : 'secondary'} ellipsis style={{ minWidth: 0 }}>
        {file ? file.name : t('file.none')}
      </Typography.Text>
    </Flex>
  );
}
