// Types of the widget entry `nianbao/widget` (pkg/widget: the JS API plus the live widget,
// src/dom; README "In the page"). Keep in step with src/dom/mod.rs.
import type { Diagnostic, FormatId, Lang, Report, ReportInput } from './nianbao.js';

export * from './nianbao.js';
/** Loads the widget's WebAssembly module (same signature as the API entry's `init`). */
export { default } from './nianbao.js';

export interface AttachOptions {
  /** Default: detected from the labels (or the cell ids). */
  format?: FormatId;
  /** Enables the format/year check. */
  year?: number | string;
  lang?: Lang;
  /** Explicit binding: cell id → CSS selector or element (preferred over automatic). */
  map?: Record<string, string | Element>;
  /** Last year's report: cross-year rules. */
  prev?: ReportInput | null;
  /**
   * A rule that uses a blank cell waits until all its cells hold a value (spec §3.1): staff
   * fill the blank form top-down. `checkAll()`, the panel's 全部检查 and submit judge everything.
   * A form with a value in every table at attach is judged in full at once. Default true.
   */
  pending?: boolean;
  /**
   * Errors go into setCustomValidity, so native validation blocks submit; errors found by the
   * full check on submit stop it too. Default false.
   */
  blockSubmit?: boolean;
  /**
   * localStorage drafts, offered back after a reload: your key, or `true` for path + query +
   * the form's identity. Each draft also carries the report's fingerprint (format, year,
   * 单位名称, page title) and is offered only to the same report.
   */
  autosave?: string | boolean;
  /** Drafts last saved longer ago than this are removed at attach. Default 30. */
  autosaveDays?: number;
  /** Where the summary panel goes: `'left'` (default), `'right'`, `false`/`'none'`, or an element. */
  panel?: 'left' | 'right' | 'none' | false | null | Element;
  /** Inline messages next to the cells. Default true. */
  inline?: boolean;
  /** New errors appear when the edited field loses focus. Default true. */
  deferNewErrors?: boolean;
  /** Automatic binding from the tables' labels. Default true. */
  auto?: boolean;
  /** `autoAttach` only: when no report table is on the page yet, keep watching it until one
   * appears (frameworks rendering late, editors initialised later, SPA routes). Default false;
   * the drop-in sets it. */
  watch?: boolean;
  /** `autoAttach` with `watch`: called with each handle attached later. */
  onAttach?: (handle: AttachHandle) => void;
}

/** An offer to restore a draft. Times in ms since the epoch. */
export interface DraftOffer {
  key: string;
  savedAt: number;
  /** When input typed while the offer was open was saved (its newer slot), else null. */
  newerAt: number | null;
  /** How many cells differ from the page. */
  cells: number;
}

export interface BoundCell {
  cell: string;
  element: Element;
  kind: 'input' | 'textarea' | 'editable' | 'static';
  via: 'map' | 'data' | 'auto';
}

export interface UnboundCell {
  cell?: string;
  label?: string;
  selector?: string;
  /** `not-found`, `unmapped-label`, `duplicate`, `merged`, `no-column-label` (the grid's column
   * labels are missing: never bound by position), `no-element`, `unknown-cell`, … */
  reason: string;
  /** The reason for people, in the widget's `lang` (Chinese by default). */
  message: string;
}

/** A live binding of one root (what `attach` returns). */
export class AttachHandle {
  diagnostics(): Diagnostic[];
  report(): Report;
  /** Re-reads every bound field now. Not needed to follow the page: nianbao observes DOM
   * changes and polls the fields' `.value` itself, and rebinds after a re-render. */
  refresh(): void;
  /** Removes every attribute, element, listener and style nianbao added. */
  detach(): void;
  /**
   * Judges the whole form now, as the panel's 全部检查 (blank part = 0, blank total asked for);
   * waiting rules are never listed by `diagnostics()`. Returns every current diagnostic.
   */
  checkAll(): Diagnostic[];
  /** Focuses a bound cell; false when it is not bound. */
  focus(cellId: string): boolean;
  /** 恢复: writes the offered draft into the fields not typed since load; returns the count. */
  restoreAutosave(): number;
  /** 丢弃: forgets the offered draft; what was typed since load becomes the draft. */
  discardAutosave(): void;
  /** Undoes the last restore once; returns the number of cells put back. */
  undoRestore(): number;
  /** Removes this form's draft (as its submit does), for hosts that save by script. */
  clearAutosave(): void;
  /** The open offer (also the `nianbao:draft` event's detail), or null. */
  readonly draft: DraftOffer | null;
  readonly unbound: UnboundCell[];
  readonly bound: BoundCell[];
  readonly format: string;
  readonly notes: { level: string; code: string; message: string }[];
  readonly root: Element;
  readonly attached: boolean;
  /** Report tables recognised by automatic binding. */
  readonly tables: number;
  free(): void;
}

/** Attaches the checker to a form, an element holding the report tables, a document, or the
 * first element matching a selector. Browser only. */
export function attach(root: Element | Document | string, options?: AttachOptions | null): AttachHandle;

/** Attaches to every `<form>` of `doc` (default: the page) holding a recognisable report
 * table, or to the body when none does. Returns the handles found now; with `watch`, keeps
 * watching the page when none is and hands later ones to `onAttach`. An automatic handle
 * whose form is replaced by the host follows the new form. Browser only. */
export function autoAttach(doc?: Document | null, options?: AttachOptions | null): AttachHandle[];
