// The PIN reaches the CLI only through stdin or a prompt with echo off, never
// argv (visible in `ps` and shell history), and goes straight into the input
// of the sign handler.
import readline from 'node:readline';
import { UsageError } from './usage-error.ts';

export async function readPin(fromStdin: boolean): Promise<string> {
  if (fromStdin) return firstLine(await readAll(process.stdin));
  if (!process.stdin.isTTY)
    throw new UsageError('cần --pin-stdin để đọc mã PIN từ đầu vào chuẩn (không gõ PIN trên dòng lệnh)');
  return prompt('Nhập mã PIN của token (không hiện trên màn hình): ');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > 4096) throw new UsageError('đầu vào quá dài cho một mã PIN');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line.length === 0) throw new UsageError('không đọc được mã PIN từ đầu vào chuẩn');
  return line;
}

function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const output = process.stderr;
    const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
    // Echo nothing of what is typed: readline writes through _writeToOutput.
    const muted = rl as unknown as { _writeToOutput(text: string): void };
    output.write(question);
    muted._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}
