// Types of the importer entry `nianbao/parse` (the browser's separate importer module
// pkg/web-parse / pkg/bundler-parse; in Node the Node build's parse). Keep in step with
// src/wasm/mod.rs.
import type { InitArgument, Pairing, ParseOptions, ParseResult, Report } from './nianbao.js';

export type { InitArgument, InitInput, Note, Pairing, ParseOptions, ParseResult, Report } from './nianbao.js';

/** Loads the importer's WebAssembly module (`nianbao_parse_bg.wasm`); call once and await it
 * before `parse` (resolves at once in Node). Same arguments as the API
 * entry's `init`. */
export default function init(input?: InitArgument): Promise<void>;

/** Reads text (pasted, from a PDF, Markdown tables), HTML or TSV — a string — or a Word /
 * Excel file — its bytes (`kind: 'docx' | 'xlsx'`, or guessed) — into a report. Never throws
 * for a bad document — problems are notes — only for bad arguments. */
export function parse(
  input: string | Uint8Array | ArrayBuffer,
  options?: ParseOptions | null,
): ParseResult;

/** For reviewing many reports at once (as `nianbao review` does): the agency each report's
 * title names and last year's report of the same agency among them. Only `title` and `year`
 * are read. */
export function pairReports(reports: Array<Pick<Report, 'title' | 'year'>>): Pairing[];

/** The package version. */
export function version(): string;
