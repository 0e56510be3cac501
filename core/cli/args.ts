// The pieces every command table is built from: the command shape and the
// readers of its parsed arguments.
import path from 'node:path';
import type { HandlerInput, HandlerName, Outputs } from '../../shared/api.ts';
import { UsageError } from './usage-error.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
}
export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

export interface Command<K extends HandlerName = HandlerName> {
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  handler: K;
  input(values: ParsedValues, positionals: string[]): HandlerInput<K> | Promise<HandlerInput<K>>;
  text(output: Outputs[K]): string;
  /** Non-zero when the result itself is a failure the caller must notice (audit verify). */
  exitCode?(output: Outputs[K]): number;
}

export function command<K extends HandlerName>(spec: Command<K>): Command<K> {
  return spec;
}

export function str(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--no-ocr`: store at once and let OCR follow in the background. */
export function ocrMode(values: ParsedValues): 'wait' | 'later' {
  return values['no-ocr'] === true ? 'later' : 'wait';
}

export function required(values: ParsedValues, name: string): string {
  const value = str(values, name);
  if (value === undefined) throw new UsageError(`thiếu --${name}`);
  return value;
}

export function list(values: ParsedValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

export function int(values: ParsedValues, name: string): number | undefined {
  const value = str(values, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} phải là số nguyên`);
  return Number(value);
}

export function number(values: ParsedValues, name: string): number {
  const value = required(values, name);
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--${name} phải là số`);
  return Number(value);
}

export function modules(values: ParsedValues): string[] {
  return list(values, 'module').map((file) => path.resolve(file));
}

export function positional(positionals: string[], index: number, name: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(`thiếu ${name}`);
  return value;
}

export function noExtra(positionals: string[], count: number): void {
  if (positionals.length > count) throw new UsageError(`thừa đối số: ${positionals.slice(count).join(' ')}`);
}
