// Hand-written types for the nianbao JavaScript API (every entry point: browser, bundler,
// Node ESM and CommonJS). The shapes are those of the Rust core's serde output; js-tests/
// checks real results against them field by field.

/** Format id: a national format or a regional variant. */
export type FormatId = 'gb2019' | 'gb2021' | (string & {});

/** Language of messages. Default `'zh'`. */
export type Lang = 'zh' | 'en';

/** A report as nianbao returns it: each cell's raw text, exactly as typed. */
export interface Report {
  format: FormatId;
  /** Report year (absent when unknown). */
  year?: number;
  title?: string;
  /** Raw text by cell id (`'s3.new.natural': '507'`); a cell absent here is blank. */
  cells: Record<string, string>;
  /** Cells the importer could not find in the document (absent when none). */
  missing?: string[];
  /** Text outside the tables (absent when empty). */
  narrative?: string;
}

/** A report as nianbao accepts it: cells may be numbers; `null` means blank. */
export interface ReportInput {
  format: FormatId;
  year?: number | null;
  title?: string | null;
  cells?: Record<string, string | number | null>;
  missing?: string[];
  narrative?: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** `'incomplete'`: a total is blank while its parts are filled (W-MISSING-TOTAL). */
export type Status = 'fail' | 'incomplete';

/** Writing `value` into `cell` makes the diagnostic go away. */
export interface Fix {
  cell: string;
  value: number;
}

/** One finding. Exactly the fields of the Rust `Diagnostic` (the CLI's `--json`). */
export interface Diagnostic {
  /** Rule id, e.g. `'E-S3-ROW'`, `'W-2019-CHANGE-LARGE'`. */
  rule: string;
  /** Stable identity across edits, e.g. `'E-S3-ROW:new'`. */
  key: string;
  severity: Severity;
  status: Status;
  /** The cell the finding is about (`null` for report-level findings). */
  target: string | null;
  /** Every cell of this year's report the rule reads. */
  cells: string[];
  /** Cells of last year's report the rule reads (absent when none). */
  prev_cells?: string[];
  expected: number | null;
  actual: number | null;
  /** `actual - expected`. */
  delta: number | null;
  /** Human message in the chosen language, with the format's printed labels. */
  message: string;
  /** Writing `expected` into the target fixes it (absent when not offered). */
  fix?: Fix;
  /** The single cell whose change makes every failing sum it belongs to pass. */
  pinpoint?: Fix;
  /** The narrative sentence a text rule quotes. */
  quote?: string;
}

/** `validate`/`createChecker` options. Unknown keys are an error. */
export interface Options {
  lang?: Lang;
  /** Last year's report, for the cross-year rules. */
  prev?: ReportInput | null;
}

/** `createChecker` options: `Options` plus `pending`. */
export interface CheckerOptions extends Options {
  /**
   * A live form being filled (spec §3.1). A finding that uses a blank cell is *pending*: it is
   * left out of `diagnostics()` and of every `Change` (no `status: 'pending'` entries; count
   * them with `checker.pending`) until every cell it uses holds a value, or until
   * `checkAll()`. "Filled" means holding a value now — typed text, `0`, `/` or even
   * unreadable text; a cell cleared again is blank and pending again. Cells that hold values
   * when the checker is created count as filled. Default `false` (blank = 0, as published).
   */
  pending?: boolean;
}

/** What one `Checker.set` changed (each list ordered by diagnostic key). */
export interface Change {
  appeared: Diagnostic[];
  cleared: Diagnostic[];
  /** Same finding, new numbers or message. */
  updated: Diagnostic[];
}

export type ValueKind = 'count' | 'delta' | 'amount_wan' | 'amount_any';

export interface Column {
  id: string;
  label: string;
  label_en: string;
  /** Printed group header above the column (`'法人或其他组织'`). */
  parent: string | null;
  aliases: string[];
  kind: ValueKind;
}

export interface Row {
  id: string;
  label: string;
  label_en: string;
  /** Printed group labels the row sits under, outermost first. */
  parents: string[];
  aliases: string[];
}

export interface Block {
  id: string;
  caption: string;
  columns: Column[];
  rows: Row[];
}

export interface Table {
  /** `'s2'`, `'s3'`, `'s4'`. */
  id: string;
  label: string;
  label_en: string;
  layout: 'rows' | 'single_row';
  note: string | null;
  blocks: Block[];
}

/** One typed cell; `id` is `${table}.${row}.${column}`. */
export interface Cell {
  id: string;
  table: string;
  block: string;
  row: string;
  column: string;
  kind: ValueKind;
}

export interface Format {
  id: FormatId;
  /** The national format a variant derives from (its own id for a national format). */
  base: string;
  name: string;
  name_en: string;
  /** The document that defines it, e.g. `'国办公开办函〔2021〕30号'`. */
  doc: string;
  first_year: number;
  last_year: number | null;
  signals: string[];
  tables: Table[];
  /** Every cell in table order. */
  cells: Cell[];
}

// `parse` itself is in the importer entry `nianbao/parse` (parse.d.ts).
export interface ParseOptions {
  /** Guessed from the content when absent. `'docx'` and `'xlsx'` take the file's bytes. JSON
   * is not parsed: use `JSON.parse`. */
  kind?: 'text' | 'html' | 'tsv' | 'docx' | 'xlsx';
  /** Read the tables as this format (for documents that state none). */
  format?: FormatId;
  /** The report year (for documents that state none); wins over the document's. */
  year?: number;
  /** Language of the notes' messages: Chinese by default, as diagnostics. */
  lang?: Lang;
}

export interface Note {
  /** `'fatal'`: no report could be read from the document. */
  level: 'fatal' | 'warning' | 'info';
  /** Stable code, e.g. `'no-table'`, `'unmapped-label'`. */
  code: string;
  /** In Chinese unless `lang: 'en'` (English messages use the formats' English labels). */
  message: string;
  cell?: string;
}

export interface ParseResult {
  report: Report;
  notes: Note[];
}

/** `pairReports`' answer for one report (`nianbao review`'s pairing). */
export interface Pairing {
  /** The agency the report's title names (`null` when it names none). */
  agency: string | null;
  /** Index of last year's report of the same agency, when exactly one is given. */
  prev: number | null;
  /** Indexes of last year's reports when two or more could be (then `prev` is null). */
  candidates: number[];
}

/** Loads the WebAssembly module; call once and await it before anything else (resolves at
 * once in Node). In the browser, pass where `nianbao_bg.wasm` is served when it is not next
 * to the JS file (bundlers find it themselves), or the bytes / a compiled module. */
export default function init(input?: InitArgument): Promise<void>;

/** The type of the global class `K` (`Response`, `URL`…) where the environment's types declare
 * it, else `never`: these types compile without the DOM lib (Node projects) and keep the DOM
 * classes where it is loaded. */
type GlobalClass<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } }
  ? T
  : never;
/** `WebAssembly.Module` where declared (the DOM lib, @types/node), else `never`. */
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } }
  ? T
  : never;

/** The module's location (URL string, `URL`, `Request`), a fetch `Response`, its bytes or a
 * compiled `WebAssembly.Module`. */
export type InitInput =
  | string
  | GlobalClass<'Request'>
  | GlobalClass<'URL'>
  | GlobalClass<'Response'>
  | ArrayBuffer
  | ArrayBufferView
  | WasmModule;

/** What `init` takes: the module's location, bytes or compiled module, or a promise of one. */
export type InitArgument =
  | { module_or_path: InitInput | Promise<InitInput> }
  | InitInput
  | Promise<InitInput>;

/** Checks a whole report: every diagnostic, errors first, then in table order. */
export function validate(report: ReportInput, options?: Options | null): Diagnostic[];

/**
 * The built-in formats: national ones first, then regional variants. Built on the first call;
 * every call returns the same deep-frozen (read-only) array.
 */
export function formats(): Format[];

/** Same as `new Checker(formatOrReport, options)`. */
export function createChecker(
  formatOrReport: FormatId | Format | ReportInput,
  options?: CheckerOptions | null,
): Checker;

/** The package version. */
export function version(): string;

/** An incremental checker over one report: `set` re-checks only the rules the cell touches. */
export class Checker {
  /** A format id (blank report), a format from `formats()` (its id is used) or a report. */
  constructor(formatOrReport: FormatId | Format | ReportInput, options?: CheckerOptions | null);
  /** Sets one cell's raw text (`null`/`undefined`/`''`: blank; numbers as JS prints them). */
  set(cellId: string, raw: string | number | null | undefined): Change;
  /** Every current diagnostic, errors first, then in table order (pending ones left out). */
  diagnostics(): Diagnostic[];
  /**
   * Judges every pending finding as a published report is judged (a blank part counts as 0,
   * a blank total gets W-MISSING-TOTAL) and ends pending mode for this checker: the user asked
   * for a full check, or submits. Returns what appeared. Without `pending`: an empty change.
   */
  checkAll(): Change;
  /** How many findings are pending (0 without `pending` or after `checkAll()`). */
  readonly pending: number;
  /** The report as it stands. */
  report(): Report;
  /** The checker's format id. */
  readonly format: string;
  /** Frees the Rust memory now (otherwise freed when garbage-collected). */
  free(): void;
}
