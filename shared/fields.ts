// The field shapes every contract in shared/ builds its schemas from.
import { z } from 'zod';
import { isCalendarDate } from './dates.ts';
import { MAX_PDF_BYTES } from './domain.ts';

// Text is stored in NFC: the same Vietnamese letter typed on two keyboards
// (composed or with combining marks) must compare equal.
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((value) => value.normalize('NFC'));
/** Optional text; an empty string means "none" and clears the field on update. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value.normalize('NFC')))
    .optional();
// Paths are resolved by the caller (the CLI against its working directory, the
// UI from a file dialog): core never guesses what a relative path meant.
export const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, { message: 'Cần đường dẫn đầy đủ (tuyệt đối)' });
export const calendarDate = z.string().refine(isCalendarDate, { message: 'Ngày phải có dạng yyyy-mm-dd và có thật' });
export const id = z.string().trim().min(1).max(64);

/** A PDF given by path on this machine, or its bytes (browser mode drag and drop). */
export const fileInput = z.union([
  z.strictObject({ path: absolutePath }),
  z.strictObject({
    base64: z
      .string()
      .min(1)
      .max(Math.ceil((MAX_PDF_BYTES * 4) / 3) + 4, { message: 'Tệp PDF quá lớn' }),
    filename: text(255),
  }),
]);
export type FileInput = z.infer<typeof fileInput>;
