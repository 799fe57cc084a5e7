import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** A writable that keeps what is written; optionally slow, to exercise back-pressure. */
export class Collector extends Writable {
  private readonly chunks: string[] = [];
  isTTY = false;
  constructor(private readonly slow = false, highWaterMark = 16384) {
    super({ highWaterMark, decodeStrings: false });
  }
  override _write(chunk: unknown, _enc: BufferEncoding, cb: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : String(chunk));
    if (this.slow) setImmediate(cb);
    else cb();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

/** Runs the CLI in-process and collects its output. */
export async function run(
  args: string[],
  options: { stdin?: string; stdout?: Collector } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = options.stdout ?? new Collector();
  const stderr = new Collector();
  const stdin = Readable.from(options.stdin !== undefined ? [Buffer.from(options.stdin, 'utf8')] : []);
  const code = await main(args, { stdout, stderr, stdin });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Parses `check --format json` output. */
export function jsonRows(text: string): Record<string, unknown>[] {
  return JSON.parse(text) as Record<string, unknown>[];
}

/** The issue codes of a JSON output row. */
export function codes(row: Record<string, unknown> | undefined): string[] {
  return ((row?.issues ?? []) as { code: string }[]).map((i) => i.code);
}
