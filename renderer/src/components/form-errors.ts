// Core names each field it refuses by its path in the input ("issuedOn",
// "recipients.0.name") with a Vietnamese message: INPUT_INVALID for what the
// schema refuses, VALIDATION_FAILED for what the rules of the register refuse
// (a date in the future, a hạn before the ngày đến…). The form shows each
// message under its own field.
import type { FormInstance } from 'antd';
import type { CoreError } from '../api/client.ts';

/** Puts the messages of fields the form has under them; returns whether any was placed. */
export function showFieldErrors(form: FormInstance, error: CoreError, formFields: readonly string[]): boolean {
  if (!error.value.fields) return false;
  const placed = Object.entries(error.value.fields)
    .map(([path, message]) => ({ name: path.split('.')[0] ?? path, errors: [message] }))
    .filter((field) => formFields.includes(field.name));
  form.setFields(placed);
  return placed.length > 0;
}

/** Whether every field core named is one the form shows (so its message is under it already). */
export function allFieldsShown(error: CoreError, formFields: readonly string[]): boolean {
  return Object.keys(error.value.fields ?? {}).every((path) => formFields.includes(path.split('.')[0] ?? path));
}
