// Core's INPUT_INVALID names each bad field by its path in the input
// ("issuedOn", "recipients.0.name"); the form shows each message under its field.
import type { FormInstance } from 'antd';
import type { CoreError } from '../api/client.ts';

/** Puts the messages of fields the form has under them; returns whether any was placed. */
export function showFieldErrors(form: FormInstance, error: CoreError, formFields: readonly string[]): boolean {
  if (error.code !== 'INPUT_INVALID' || !error.value.fields) return false;
  const placed = Object.entries(error.value.fields)
    .map(([path, message]) => ({ name: path.split('.')[0] ?? path, errors: [message] }))
    .filter((field) => formFields.includes(field.name));
  form.setFields(placed);
  return placed.length > 0;
}
