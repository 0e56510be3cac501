// The PIN reaches the CLI only through stdin or a prompt with echo off, never
// argv (visible in `ps` and shell history), and goes straight into the input
// of the sign handler.
import readline from 'node:readline';
import { stdinLine } from './stdin-lines.ts';
import { UsageError } from './usage-error.ts';

/** The PIN from stdin (its line `line`: the acting official's password may come first) or typed hidden. */
export async function readPin(fromStdin: boolean, line = 0): Promise<string> {
  if (fromStdin) return stdinLine(line, 'mã PIN');
  if (!process.stdin.isTTY)
    throw new UsageError('cần --pin-stdin để đọc mã PIN từ đầu vào chuẩn (không gõ PIN trên dòng lệnh)');
  return prompt('Nhập mã PIN của token (không hiện trên màn hình): ');
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
