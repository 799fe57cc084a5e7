import { createWriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { CliError, writeText, type CliIo, type OutStream } from './context.js';

/**
 * Row output of the CLI, shared by every command that writes rows: an aligned table for
 * terminals, CSV, a JSON array or JSON Lines. Rows are written as they come, with back-pressure
 * (the writer waits when the destination is full), so output of any size streams.
 */

/** Output formats. */
export const OUTPUT_FORMATS = ['table', 'csv', 'json', 'jsonl'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** One column of table and CSV output. */
export interface Column<R> {
  /** Header (a stable field name). */
  key: string;
  /** The cell text. */
  cell: (row: R) => string;
  /** In a table, print the text below the row (indented) instead of as a column. */
  block?: boolean;
}

/** How rows are turned into output. */
export interface RowWriterOptions<R> {
  format: OutputFormat;
  stream: OutStream;
  columns: readonly Column<R>[];
  /** The row as a JSON value (json, jsonl). */
  toJson: (row: R) => unknown;
  /** CSV delimiter; default `,`. */
  csvDelimiter?: string;
  /** Rows a table looks at to choose column widths before it prints; default 200. */
  tableSample?: number;
  /**
   * Optional shortcut for CSV: the record of a row (with its line break) exactly as the columns
   * would give it, or null to build it from the columns.
   */
  csvLine?: (row: R, delimiter: string) => string | null;
}

const FLUSH_AT = 1 << 18;

/** Collects text and writes it in large pieces, waiting for `drain` when asked to. */
export class BufferedSink {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly stream: OutStream) {}

  async write(text: string): Promise<void> {
    if (this.add(text)) await this.flush();
  }

  /** Adds text without writing; true when enough has collected that the caller should {@link flush}. */
  add(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await writeText(this.stream, text);
  }
}

/**
 * One CSV record line as csv-stringify writes it with `record_delimiter: 'unix'` and otherwise
 * default options: a cell is quoted when it holds the delimiter, a quote or `\n` (with an
 * explicit record delimiter csv-stringify does not quote a lone `\r`), and quotes inside are
 * doubled. Written by hand because csv-stringify's per-call set-up dominated
 * the time of large outputs; test/cli/csv-fast.test.ts compares the two on random cells.
 */
export function csvRecord(cells: readonly string[], delimiter: string): string {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') return stringify([cells], { delimiter, record_delimiter: 'unix' });
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i] as string;
    if (i > 0) out += delimiter;
    if (v.length === 0) continue;
    if (v.includes(delimiter) || v.includes('"') || v.includes('\n')) out += `"${v.replaceAll('"', '""')}"`;
    else out += v;
  }
  return `${out}\n`;
}

/** Length in code points, so that ✓, umlauts and astral characters count as one column. */
export function displayWidth(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
}

/** Pads to a width (by code points). */
export function pad(text: string, width: number): string {
  const len = displayWidth(text);
  return len >= width ? text : text + ' '.repeat(width - len);
}

/** Formats rows of cells as an aligned table with a header and a rule. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** Writes rows in one of the output formats. */
export class RowWriter<R> {
  private readonly sink: BufferedSink;
  private readonly columns: readonly Column<R>[];
  private readonly inline: readonly Column<R>[];
  private readonly blocks: readonly Column<R>[];
  private sample: R[] | null = [];
  private widths: number[] = [];
  private rows = 0;

  constructor(private readonly options: RowWriterOptions<R>) {
    this.sink = new BufferedSink(options.stream);
    this.columns = options.columns;
    this.inline = options.format === 'table' ? options.columns.filter((c) => c.block !== true) : options.columns;
    this.blocks = options.format === 'table' ? options.columns.filter((c) => c.block === true) : [];
  }

  /** Rows written so far. */
  get count(): number {
    return this.rows;
  }

  /**
   * Writes many rows; the same output as {@link write} for each in turn, built in one go and
   * flushed (waiting for `drain`) only when a large piece has collected.
   */
  async writeMany(rows: readonly R[]): Promise<void> {
    const format = this.options.format;
    if (format === 'table') {
      for (const row of rows) await this.write(row);
      return;
    }
    const sink = this.sink;
    const columns = this.columns;
    const toJson = this.options.toJson;
    const cells: string[] = new Array<string>(columns.length);
    for (const row of rows) {
      const first = this.rows === 0;
      this.rows++;
      let text: string;
      if (format === 'csv') {
        const delimiter = this.options.csvDelimiter ?? ',';
        text = first ? csvRecord(columns.map((c) => c.key), delimiter) : '';
        const line = this.options.csvLine?.(row, delimiter) ?? null;
        if (line !== null) text += line;
        else {
          for (let i = 0; i < columns.length; i++) cells[i] = (columns[i] as Column<R>).cell(row);
          text += csvRecord(cells, delimiter);
        }
      } else if (format === 'jsonl') {
        text = `${JSON.stringify(toJson(row))}\n`;
      } else {
        text = `${first ? '[\n' : ',\n'}${JSON.stringify(toJson(row))}`;
      }
      if (sink.add(text)) await sink.flush();
    }
  }

  async write(row: R): Promise<void> {
    const first = this.rows === 0;
    this.rows++;
    switch (this.options.format) {
      case 'json':
        await this.sink.write(`${first ? '[\n' : ',\n'}${JSON.stringify(this.options.toJson(row))}`);
        return;
      case 'jsonl':
        await this.sink.write(`${JSON.stringify(this.options.toJson(row))}\n`);
        return;
      case 'csv':
        if (first) await this.sink.write(this.csvLine(this.columns.map((c) => c.key)));
        await this.sink.write(this.csvLine(this.columns.map((c) => c.cell(row))));
        return;
      case 'table':
        if (this.sample !== null) {
          this.sample.push(row);
          if (this.sample.length >= (this.options.tableSample ?? 200)) await this.flushSample();
          return;
        }
        await this.tableRow(row);
        return;
    }
  }

  /** Finishes the output (closing a JSON array, printing a short table) and flushes it. */
  async end(): Promise<void> {
    switch (this.options.format) {
      case 'json':
        await this.sink.write(this.rows === 0 ? '[]\n' : '\n]\n');
        break;
      case 'csv':
        if (this.rows === 0) await this.sink.write(this.csvLine(this.columns.map((c) => c.key)));
        break;
      case 'table':
        if (this.sample !== null) await this.flushSample();
        break;
      case 'jsonl':
        break;
    }
    await this.sink.flush();
  }

  private csvLine(cells: string[]): string {
    return csvRecord(cells, this.options.csvDelimiter ?? ',');
  }

  private async flushSample(): Promise<void> {
    const sample = this.sample ?? [];
    this.sample = null;
    const header = this.inline.map((c) => c.key);
    const cells = sample.map((r) => this.inline.map((c) => c.cell(r)));
    this.widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
    await this.sink.write(this.tableLine(header));
    await this.sink.write(`${this.widths.map((w) => '─'.repeat(w)).join('  ')}\n`);
    for (const r of sample) await this.tableRow(r);
  }

  private tableLine(cells: readonly string[]): string {
    return `${cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, this.widths[i] ?? 0)))
      .join('  ')
      .trimEnd()}\n`;
  }

  private async tableRow(row: R): Promise<void> {
    await this.sink.write(this.tableLine(this.inline.map((c) => c.cell(row))));
    for (const b of this.blocks) {
      const text = b.cell(row);
      if (text !== '') await this.sink.write(`${text.split('\n').map((l) => `    ${l}`).join('\n')}\n`);
    }
  }
}

/** Where output goes: stdout, or a file that is closed at the end. */
export interface OutputTarget {
  stream: OutStream;
  /** Waits until everything is written (and the file closed). */
  close(): Promise<void>;
}

/**
 * Opens `--out FILE` for writing (or uses stdout). Fails with exit status 2 when the file cannot
 * be created.
 */
export async function openOutput(path: string | undefined, io: CliIo): Promise<OutputTarget> {
  if (path === undefined || path === '-') return { stream: io.stdout, close: () => Promise.resolve() };
  const file = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', (e) => reject(new CliError(`Ausgabedatei ${path} kann nicht angelegt werden: ${e.message}`, `Cannot create output file ${path}: ${e.message}`)));
  });
  return {
    stream: file,
    close: () =>
      new Promise<void>((resolve, reject) => {
        file.once('error', reject);
        file.end(() => resolve());
      }),
  };
}
