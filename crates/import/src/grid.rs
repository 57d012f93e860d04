//! The table-grid step shared by every importer (HTML, text, TSV) and by the browser DOM
//! layer: physical cells with rowspan/colspan in, a rectangular grid of logical slots out.
//!
//! The placement follows the HTML table model: each cell goes into the first free slot of its
//! row, slots still covered by a rowspan from above are skipped, and a rowspan never creates
//! rows (it is cut at the last row given). Every slot a span covers gets a copy of the text,
//! so a header such as 法人或其他组织 (colspan 5) labels all five columns below it.
//!
//! Input is untrusted (pasted HTML, arbitrary files), so spans are clamped and the grid size is
//! capped: the function never panics and its memory is bounded.

/// Largest colspan/rowspan honoured; HTML itself clamps colspan to 1000.
pub const MAX_SPAN: usize = 1000;
/// Columns beyond this are dropped; real report tables have fewer than 20.
pub const MAX_COLS: usize = 1000;
/// Maximum number of slots (width × height) of a grid; cells beyond it are dropped.
pub const MAX_SLOTS: usize = 200_000;
/// Budget for the text copied into span slots; once spent, copies carry empty text (the
/// origin slot always keeps its own). Stops one huge merged cell from being copied 10⁵ times.
const MAX_COPIED_TEXT: usize = 16 << 20;

/// Slots all the grids of one document may have together (real reports: a few thousand).
pub const MAX_DOC_SLOTS: usize = 500_000;
/// Span text copies all the grids of one document may hold together.
pub const MAX_DOC_COPIED_TEXT: usize = 16 << 20;

/// What one document's grids may still use: the per-table caps alone let a page repeat a
/// `rowspan=200 colspan=1000` table until memory runs out.
#[derive(Debug, Clone)]
pub struct GridBudget {
    slots: usize,
    copied_text: usize,
    /// A grid was cut short or given empty span copies (the table's or the document's limit
    /// was reached); the importer says so in a note.
    pub exhausted: bool,
}

impl Default for GridBudget {
    fn default() -> GridBudget {
        GridBudget::per_document()
    }
}

impl GridBudget {
    /// The budget of one document ([`MAX_DOC_SLOTS`], [`MAX_DOC_COPIED_TEXT`]).
    pub fn per_document() -> GridBudget {
        GridBudget {
            slots: MAX_DOC_SLOTS,
            copied_text: MAX_DOC_COPIED_TEXT,
            exhausted: false,
        }
    }

    /// The note an importer adds when [`GridBudget::exhausted`].
    pub fn note() -> super::Note {
        let n = crate::num::u64_text(MAX_DOC_SLOTS as u64);
        let t = crate::num::u64_text(MAX_SLOTS as u64);
        super::Note::new(
            super::NoteLevel::Warning,
            "tables-too-large",
            crate::textnorm::concat(&[
                "表格过大（单张表格超过 ",
                &t,
                " 个单元格位置，或全文表格合计超过 ",
                &n,
                " 个，或合并单元格复制的文字过多），超出部分未读取",
            ]),
            crate::textnorm::concat(&[
                "tables too large (over ",
                &t,
                " grid slots in one table or ",
                &n,
                " in the whole document, or too much text copied into merged cells); the rest \
                 was not read",
            ]),
        )
    }
}

/// One physical cell as the caller sees it (a `<td>`, a tab-separated field, …).
#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    pub text: String,
    /// 0 means "down to the last row", as in HTML; other values are clamped to [`MAX_SPAN`].
    pub rowspan: usize,
    /// 0 is treated as 1, as in HTML; larger values are clamped to [`MAX_SPAN`].
    pub colspan: usize,
    /// Caller's index of the physical cell (the DOM layer uses it to find the element).
    pub source: usize,
}

impl RawCell {
    /// A cell without spans.
    pub fn new(text: impl Into<String>, source: usize) -> RawCell {
        RawCell {
            text: text.into(),
            rowspan: 1,
            colspan: 1,
            source,
        }
    }
}

/// One logical slot of the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub text: String,
    /// `source` of the physical cell covering this slot; `usize::MAX` for padding.
    pub source: usize,
    /// True only for the top-left slot of a physical cell; false for span copies and padding.
    pub origin: bool,
}

impl GridCell {
    fn padding() -> GridCell {
        GridCell {
            text: String::new(),
            source: usize::MAX,
            origin: false,
        }
    }
}

/// A rectangular grid: every row has [`Grid::width`] slots.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    pub rows: Vec<Vec<GridCell>>,
}

/// Rows of `width` cells: empty slots and short rows are padding.
fn padded(slots: Vec<Vec<Option<GridCell>>>, width: usize) -> Vec<Vec<GridCell>> {
    let mut rows = Vec::with_capacity(slots.len());
    for row in slots {
        let mut out = Vec::with_capacity(width);
        for slot in row {
            out.push(slot.unwrap_or_else(GridCell::padding));
        }
        out.resize_with(width, GridCell::padding);
        rows.push(out);
    }
    rows
}

impl Grid {
    /// Expands row/column spans. Row `r` of the result is input row `r` (rows are neither
    /// added nor merged, so row indices match the caller's `<tr>` indices); short rows are
    /// padded. Beyond [`MAX_COLS`] columns or [`MAX_SLOTS`] slots the table is truncated.
    pub fn from_rows(rows: Vec<Vec<RawCell>>) -> Grid {
        Grid::from_rows_within(rows, &mut GridBudget::per_document())
    }

    /// [`Grid::from_rows`] within what is left of a document's `budget` (every grid of one
    /// document shares one), which it spends.
    pub fn from_rows_within(rows: Vec<Vec<RawCell>>, budget: &mut GridBudget) -> Grid {
        let height = rows.len();
        let mut slots: Vec<Vec<Option<GridCell>>> = Vec::new();
        slots.resize_with(height, Vec::new);
        let mut filled = 0usize;
        let max_slots = MAX_SLOTS.min(budget.slots);
        let copy_start = MAX_COPIED_TEXT.min(budget.copied_text);
        let mut copy_budget = copy_start;
        let mut cut = false;

        'rows: for (r, row) in rows.into_iter().enumerate() {
            let mut c = 0usize;
            for mut cell in row {
                // Skip slots already taken by rowspans from above.
                while c < MAX_COLS && slots[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    continue 'rows;
                }
                let colspan = cell.colspan.clamp(1, MAX_SPAN).min(MAX_COLS - c);
                let rows_left = height - r;
                let rowspan = match cell.rowspan {
                    0 => rows_left,
                    n => n.min(MAX_SPAN).min(rows_left),
                };
                // Keep within the slot budget: shorten a tall span, stop when not even one
                // row of this cell fits.
                let rows_affordable = (max_slots - filled) / colspan;
                if rows_affordable == 0 {
                    cut = true;
                    break 'rows;
                }
                cut |= rows_affordable < rowspan;
                let rowspan = rowspan.min(rows_affordable);
                // Overlapping spans (a colspan running into a rowspan from above) are resolved
                // as in HTML: the earlier cell keeps the slot; only free slots are claimed.
                for (dr, slot_row) in slots[r..r + rowspan].iter_mut().enumerate() {
                    if slot_row.len() < c + colspan {
                        slot_row.resize_with(c + colspan, || None);
                    }
                    for (dc, slot) in slot_row[c..c + colspan].iter_mut().enumerate() {
                        if slot.is_some() {
                            continue;
                        }
                        let origin = dr == 0 && dc == 0;
                        let text = if origin && rowspan == 1 && colspan == 1 {
                            // The only slot of the cell: its text moves, no copy.
                            std::mem::take(&mut cell.text)
                        } else if origin || cell.text.len() <= copy_budget {
                            if !origin {
                                copy_budget -= cell.text.len();
                            }
                            cell.text.clone()
                        } else {
                            cut = true;
                            String::new()
                        };
                        *slot = Some(GridCell {
                            text,
                            source: cell.source,
                            origin,
                        });
                        filled += 1;
                    }
                }
                c += colspan;
            }
        }

        let width = slots.iter().map(Vec::len).max().unwrap_or(0);
        // Padding must not break the slot cap either (one wide row over many narrow ones).
        if width > 0 && width.saturating_mul(slots.len()) > max_slots {
            slots.truncate(max_slots / width);
            cut = true;
        }
        budget.slots -= width * slots.len();
        budget.copied_text -= copy_start - copy_budget;
        budget.exhausted |= cut;
        Grid {
            rows: padded(slots, width),
        }
    }

    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    pub fn height(&self) -> usize {
        self.rows.len()
    }

    pub fn get(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.rows.get(row)?.get(col)
    }

    /// The texts of one row, span copies included (handy for header matching and tests).
    /// The table's text as one block (for a table nested in a cell): one line per row, a
    /// tab between non-empty cells.
    pub fn flatten_text(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let mut first = true;
            for cell in row.iter().filter(|c| c.origin && !c.text.is_empty()) {
                if !first {
                    out.push('\t');
                }
                first = false;
                out.extend(cell.text.chars().map(|c| if c == '\n' { ' ' } else { c }));
            }
            if !first {
                out.push('\n');
            }
        }
        out.truncate(out.trim_end().len());
        out
    }

    pub fn row_texts(&self, row: usize) -> Vec<&str> {
        self.rows
            .get(row)
            .map_or_else(Vec::new, |r| r.iter().map(|c| c.text.as_str()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, rowspan: usize, colspan: usize, source: usize) -> RawCell {
        RawCell {
            text: text.to_owned(),
            rowspan,
            colspan,
            source,
        }
    }

    /// The three header rows and first data row of table 三 as Word exports it.
    fn s3_header() -> Vec<Vec<RawCell>> {
        vec![
            vec![
                cell("（本列数据的勾稽关系为：…）", 3, 3, 0),
                cell("申请人情况", 1, 7, 1),
            ],
            vec![
                cell("自\n然\n人", 2, 1, 2),
                cell("法人或其他组织", 1, 5, 3),
                cell("总计", 2, 1, 4),
            ],
            vec![
                cell("商业企业", 1, 1, 5),
                cell("科研机构", 1, 1, 6),
                cell("社会公益组织", 1, 1, 7),
                cell("法律服务机构", 1, 1, 8),
                cell("其他", 1, 1, 9),
            ],
            vec![
                cell("一、本年新收政府信息公开申请数量", 1, 3, 10),
                cell("28", 1, 1, 11),
                cell("0", 1, 1, 12),
                cell("0", 1, 1, 13),
                cell("0", 1, 1, 14),
                cell("0", 1, 1, 15),
                cell("0", 1, 1, 16),
                cell("28", 1, 1, 17),
            ],
        ]
    }

    #[test]
    fn s3_header_expands() {
        let g = Grid::from_rows(s3_header());
        assert_eq!((g.height(), g.width()), (4, 10));
        let note = "（本列数据的勾稽关系为：…）";
        for r in 0..3 {
            for c in 0..3 {
                let slot = g.get(r, c).unwrap();
                assert_eq!(slot.text, note);
                assert_eq!(slot.source, 0);
                assert_eq!(slot.origin, r == 0 && c == 0);
            }
        }
        assert_eq!(g.row_texts(0)[3..], ["申请人情况"; 7]);
        assert_eq!(
            g.row_texts(1)[3..],
            [
                "自\n然\n人",
                "法人或其他组织",
                "法人或其他组织",
                "法人或其他组织",
                "法人或其他组织",
                "法人或其他组织",
                "总计"
            ]
        );
        assert_eq!(
            g.row_texts(2)[3..],
            [
                "自\n然\n人",
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                "总计"
            ]
        );
        assert!(!g.get(2, 3).unwrap().origin);
        assert_eq!(g.get(2, 4).unwrap().source, 5);
        assert_eq!(g.row_texts(3)[3..], ["28", "0", "0", "0", "0", "0", "28"]);
        assert_eq!(g.get(3, 2).unwrap().source, 10);
        assert_eq!(g.get(3, 9).unwrap().source, 17);
        assert!(g.get(4, 0).is_none());
        assert!(g.get(0, 10).is_none());
    }

    #[test]
    fn group_label_spanning_rows() {
        // 三、本年度办理结果 spans the result rows; （三）不予公开 spans its eight items.
        let rows = vec![
            vec![
                cell("三、本年度办理结果", 3, 1, 0),
                cell("（一）予以公开", 1, 2, 1),
                cell("5", 1, 1, 2),
            ],
            vec![
                cell("（三）不予公开", 2, 1, 3),
                cell("1.属于国家秘密", 1, 1, 4),
                cell("0", 1, 1, 5),
            ],
            vec![
                cell("2.其他法律行政法规禁止公开", 1, 1, 6),
                cell("1", 1, 1, 7),
            ],
        ];
        let g = Grid::from_rows(rows);
        assert_eq!(g.width(), 4);
        assert_eq!(
            g.row_texts(2),
            [
                "三、本年度办理结果",
                "（三）不予公开",
                "2.其他法律行政法规禁止公开",
                "1"
            ]
        );
        assert_eq!(g.get(2, 2).unwrap().source, 6);
        assert!(g.get(2, 2).unwrap().origin);
    }

    #[test]
    fn short_rows_are_padded() {
        let g = Grid::from_rows(vec![
            vec![cell("a", 1, 3, 0)],
            vec![cell("b", 1, 1, 1)],
            vec![],
        ]);
        assert_eq!((g.height(), g.width()), (3, 3));
        assert_eq!(
            g.get(1, 1).unwrap(),
            &GridCell {
                text: String::new(),
                source: usize::MAX,
                origin: false
            }
        );
        assert!(g.rows[2]
            .iter()
            .all(|c| c.source == usize::MAX && !c.origin));
        let empty = Grid::from_rows(Vec::new());
        assert_eq!((empty.height(), empty.width()), (0, 0));
    }

    #[test]
    fn zero_and_absurd_spans_are_clamped() {
        let rows = vec![
            vec![cell("all rows", 0, 0, 0), cell("x", 1, 1, 1)],
            vec![cell("y", 1, 1, 2)],
            vec![cell("z", 99_999, usize::MAX, 3)],
        ];
        let g = Grid::from_rows(rows);
        assert_eq!(g.height(), 3);
        // "z" starts at column 1, so its colspan is cut at MAX_COLS.
        assert_eq!(g.width(), MAX_COLS);
        assert_eq!(g.get(2, 0).unwrap().text, "all rows");
        assert_eq!(g.get(1, 1).unwrap().text, "y");
        assert_eq!(g.get(2, 1).unwrap().text, "z");
        assert_eq!(g.get(2, MAX_COLS - 1).unwrap().text, "z");
        assert_eq!(g.get(0, 2).unwrap().source, usize::MAX);
    }

    #[test]
    fn overlapping_spans_keep_the_earlier_cell() {
        // Row 1's colspan runs into the slot held by row 0's rowspan.
        let rows = vec![
            vec![cell("a", 1, 1, 0), cell("b", 2, 1, 1)],
            vec![cell("c", 1, 2, 2), cell("d", 1, 1, 3)],
        ];
        let g = Grid::from_rows(rows);
        assert_eq!(g.row_texts(1), ["c", "b", "d"]);
        assert_eq!(g.get(1, 1).unwrap().source, 1);
    }

    #[test]
    fn size_is_capped() {
        // A wide first row over many one-cell rows would pad to width × height.
        let mut rows = vec![(0..MAX_COLS + 50)
            .map(|i| cell("h", 1, 1, i))
            .collect::<Vec<_>>()];
        rows.extend((0..100_000).map(|i| vec![cell("v", 1, 1, i)]));
        let g = Grid::from_rows(rows);
        assert_eq!(g.width(), MAX_COLS);
        assert!(g.width() * g.height() <= MAX_SLOTS);
        assert!(g.rows.iter().all(|r| r.len() == g.width()));

        // Huge spans on every cell: the first is shortened to fit the budget, then it stops.
        let rows: Vec<Vec<RawCell>> = (0..2000).map(|i| vec![cell("s", 1000, 1000, i)]).collect();
        let g = Grid::from_rows(rows);
        assert_eq!((g.width(), g.height()), (MAX_COLS, MAX_SLOTS / MAX_COLS));
        assert!(g.rows.iter().flatten().all(|c| c.source == 0));

        // A staircase of 10×10 spans: placement stops once the slot budget is spent.
        let rows: Vec<Vec<RawCell>> = (0..5000).map(|i| vec![cell("s", 10, 10, i)]).collect();
        let g = Grid::from_rows(rows);
        assert!(g.width() * g.height() <= MAX_SLOTS);
        assert!(g.height() < 5000 && g.width() >= 10);
        assert_eq!(g.get(1, 10).unwrap().source, 1);
    }

    #[test]
    fn huge_text_copies_are_bounded() {
        let big = "数".repeat(1 << 20); // 3 MiB
        let g = Grid::from_rows(vec![vec![cell(&big, 1, 100, 0)]]);
        assert_eq!(g.width(), 100);
        assert_eq!(g.get(0, 0).unwrap().text.len(), big.len());
        let copies = g.rows[0].iter().filter(|c| !c.text.is_empty()).count();
        assert!(copies < 100 && copies > 1);
    }
}
