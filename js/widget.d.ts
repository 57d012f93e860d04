// Types of the widget entry `nianbao/widget` (pkg/widget: the JS API plus the live widget,
// src/dom; README "In the page"). Keep in step with src/dom/mod.rs.
import type { Diagnostic, FormatId, Lang, Report, ReportInput } from './nianbao.js';

export * from './nianbao.js';
// The widget's module carries the importer too (automatic binding reads the tables).
export { parse } from './parse.js';
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
  /** Errors go into setCustomValidity, so native validation blocks submit. Default false. */
  blockSubmit?: boolean;
  /** localStorage key (or `true` for a default one): offers to restore after a reload. */
  autosave?: string | boolean;
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
  /** Focuses a bound cell; false when it is not bound. */
  focus(cellId: string): boolean;
  restoreAutosave(): number;
  discardAutosave(): void;
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
