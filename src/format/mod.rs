//! Formats as data: tables, blocks, rows, columns, cell ids and printed labels.
//!
//! Architecture invariant: nothing here knows about rules, values or the DOM. A format is
//! built from the static definitions in `data.rs` (plus optional `VariantDef`s), so a regional
//! variant or a new year's format is a data change.

mod data;

pub use data::{VariantDef, BUILTIN_FORMATS, BUILTIN_VARIANTS};

use serde::Serialize;
use std::sync::OnceLock;

/// How a cell's text is read and what values it may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// Non-negative integer.
    Count,
    /// Signed integer (gb2019 本年增/减).
    Delta,
    /// Non-negative decimal in 万元 (the header prints the unit).
    AmountWan,
    /// Non-negative decimal whose unit is typed into the cell (gb2019 采购总金额).
    AmountAny,
}

/// Static definition of a column, as printed.
#[derive(Clone, Copy, Debug)]
pub struct ColumnDef {
    pub id: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
    /// Printed group header above this column (法人或其他组织, 行政诉讼 › 复议后起诉).
    pub parent: Option<&'static str>,
    pub aliases: &'static [&'static str],
    pub kind: ValueKind,
}

/// Static definition of a data row, as printed.
#[derive(Clone, Copy, Debug)]
pub struct RowDef {
    pub id: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
    /// Printed group label this row sits under (（三）不予公开, 三、本年度办理结果).
    pub parents: &'static [&'static str],
    pub aliases: &'static [&'static str],
}

#[derive(Clone, Copy, Debug)]
pub struct BlockDef {
    pub id: &'static str,
    pub caption: &'static str,
    pub columns: &'static [ColumnDef],
    pub rows: &'static [RowDef],
}

/// How a table is laid out on the page; importers and renderers use it, rules do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// One header row per block, one printed row per data row (s2, s3).
    Rows,
    /// Every data row is a column group of one printed row (s4).
    SingleRow,
}

#[derive(Clone, Copy, Debug)]
pub struct TableDef {
    pub id: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
    pub layout: Layout,
    /// Printed header note (s3's 勾稽关系 cell), if any.
    pub note: Option<&'static str>,
    pub blocks: &'static [BlockDef],
}

#[derive(Clone, Copy, Debug)]
pub struct FormatDef {
    pub id: &'static str,
    pub name: &'static str,
    pub name_en: &'static str,
    pub doc: &'static str,
    pub first_year: u16,
    pub last_year: Option<u16>,
    /// Labels whose presence signals this format (spec §2.4.5).
    pub signals: &'static [&'static str],
    pub tables: &'static [TableDef],
}

// The format types borrow their text from the static definitions (`&'static str`): no copy
// of every label per format, and no code to make or drop those copies. Only cell ids are built.

#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub id: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
    pub parent: Option<&'static str>,
    pub aliases: Vec<&'static str>,
    pub kind: ValueKind,
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
    pub parents: &'static [&'static str],
    pub aliases: Vec<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Block {
    pub id: &'static str,
    pub caption: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub id: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
    pub layout: Layout,
    pub note: Option<&'static str>,
    pub blocks: Vec<Block>,
}

/// One typed cell of a format.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub id: String,
    pub table: &'static str,
    pub block: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub kind: ValueKind,
    #[serde(skip)]
    pub(crate) pos: (usize, usize, usize, usize),
}

/// A format ready for use: tables plus a flat, indexed cell list.
#[derive(Clone, Debug, Serialize)]
pub struct Format {
    pub id: &'static str,
    /// The national format this one derives from (itself for a national format).
    pub base: &'static str,
    pub name: &'static str,
    pub name_en: &'static str,
    pub doc: &'static str,
    pub first_year: u16,
    pub last_year: Option<u16>,
    pub signals: &'static [&'static str],
    pub tables: Vec<Table>,
    pub cells: Vec<Cell>,
    /// Cell positions sorted by id, for binary search (no hash map code for ~200 ids).
    #[serde(skip)]
    index: Vec<usize>,
}

impl Format {
    pub fn from_def(def: &'static FormatDef) -> Format {
        // Plain loops rather than iterator adapters: less generic code for one-time work.
        let mut tables = Vec::new();
        for t in def.tables {
            let mut blocks = Vec::new();
            for b in t.blocks {
                let mut columns = Vec::new();
                for c in b.columns {
                    columns.push(Column::from_def(c));
                }
                let mut rows = Vec::new();
                for r in b.rows {
                    rows.push(Row::from_def(r));
                }
                blocks.push(Block {
                    id: b.id,
                    caption: b.caption,
                    columns,
                    rows,
                });
            }
            tables.push(Table {
                id: t.id,
                label: t.label,
                label_en: t.label_en,
                layout: t.layout,
                note: t.note,
                blocks,
            });
        }
        let mut f = Format {
            id: def.id,
            base: def.id,
            name: def.name,
            name_en: def.name_en,
            doc: def.doc,
            first_year: def.first_year,
            last_year: def.last_year,
            signals: def.signals,
            tables,
            cells: Vec::new(),
            index: Vec::new(),
        };
        f.reindex();
        f
    }

    /// Applies a regional variant: extra rows and label aliases, no code.
    pub fn with_variant(&self, v: &'static VariantDef) -> Format {
        let mut f = self.clone();
        f.apply_variant(v);
        f
    }

    /// `with_variant` in place, so the built-in variants need no copy of their base.
    fn apply_variant(&mut self, v: &'static VariantDef) {
        self.id = v.id;
        self.name = v.name;
        self.name_en = v.name_en;
        // Plain loops rather than iterator adapters: less generic code for one-time work.
        for (block_id, row, after) in v.extra_rows {
            // The first block with that id, in any table.
            'tables: for t in &mut self.tables {
                for block in &mut t.blocks {
                    if block.id == *block_id {
                        let at = after
                            .and_then(|a| block.rows.iter().position(|r| r.id == a))
                            .map_or(block.rows.len(), |i| i + 1);
                        block.rows.insert(at, Row::from_def(row));
                        break 'tables;
                    }
                }
            }
        }
        for (target, alias) in v.aliases {
            self.add_alias(target, alias);
        }
        self.reindex();
    }

    fn add_alias(&mut self, target: &str, alias: &'static str) {
        // `target` is "table.block.row:<row id>" or "table.block.col:<column id>".
        let Some((path, what)) = target.split_once(':') else {
            return;
        };
        let Some((t, rest)) = path.split_once('.') else {
            return;
        };
        let Some((b, kind)) = rest.split_once('.') else {
            return;
        };
        for table in &mut self.tables {
            for block in &mut table.blocks {
                if table.id != t || block.id != b {
                    continue;
                }
                if kind == "row" {
                    for r in &mut block.rows {
                        if r.id == what {
                            r.aliases.push(alias);
                        }
                    }
                } else if kind == "col" {
                    for c in &mut block.columns {
                        if c.id == what {
                            c.aliases.push(alias);
                        }
                    }
                }
            }
        }
    }

    fn reindex(&mut self) {
        self.cells.clear();
        self.index.clear();
        for (ti, t) in self.tables.iter().enumerate() {
            for (bi, b) in t.blocks.iter().enumerate() {
                for (ri, r) in b.rows.iter().enumerate() {
                    for (ci, c) in b.columns.iter().enumerate() {
                        let id = crate::textnorm::concat(&[t.id, ".", r.id, ".", c.id]);
                        // A repeated id maps to its last cell, as a map insert would.
                        let i = self.cells.len();
                        match self.find(&id) {
                            Ok(k) => self.index[k] = i,
                            Err(k) => self.index.insert(k, i),
                        }
                        self.cells.push(Cell {
                            id,
                            table: t.id,
                            block: b.id,
                            row: r.id,
                            column: c.id,
                            kind: c.kind,
                            pos: (ti, bi, ri, ci),
                        });
                    }
                }
            }
        }
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.index
            .binary_search_by(|&i| self.cells[i].id.as_str().cmp(id))
    }

    pub fn cell_index(&self, id: &str) -> Option<usize> {
        self.find(id).ok().map(|k| self.index[k])
    }

    /// Cell positions in id order: ids that come sorted (a report's cells) resolve in one
    /// merge walk instead of a binary search each.
    pub fn by_id(&self) -> &[usize] {
        &self.index
    }

    pub fn cell(&self, id: &str) -> Option<&Cell> {
        self.cell_index(id).map(|i| &self.cells[i])
    }

    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    pub fn row_of(&self, cell: &Cell) -> &Row {
        let (t, b, r, _) = cell.pos;
        &self.tables[t].blocks[b].rows[r]
    }

    pub fn column_of(&self, cell: &Cell) -> &Column {
        let (t, b, _, c) = cell.pos;
        &self.tables[t].blocks[b].columns[c]
    }

    pub fn table_of(&self, cell: &Cell) -> &Table {
        &self.tables[cell.pos.0]
    }

    /// Finds a row by table and row id (first block that has it).
    pub fn row(&self, table: &str, row: &str) -> Option<&Row> {
        self.table(table)?
            .blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .find(|r| r.id == row)
    }

    /// Finds a column by table and column id (first block that has it).
    pub fn column(&self, table: &str, column: &str) -> Option<&Column> {
        self.table(table)?
            .blocks
            .iter()
            .flat_map(|b| b.columns.iter())
            .find(|c| c.id == column)
    }

    /// The format a report year should use (spec §2.4.5).
    pub fn expected_for_year(year: u16) -> Option<&'static Format> {
        builtin_all()
            .iter()
            .filter(|f| f.id == f.base)
            .find(|f| year >= f.first_year && f.last_year.is_none_or(|l| year <= l))
    }

    /// A short human label for a cell: 表 › 行 › 列.
    pub fn cell_label(&self, cell: &Cell, lang: crate::Lang) -> String {
        let row = self.row_of(cell);
        let col = self.column_of(cell);
        let table = self.table_of(cell);
        // One concat for both languages; the printed group header goes before the column.
        let parts = match lang {
            crate::Lang::Zh => {
                let (parent, dot) = match col.parent {
                    Some(p) if !p.is_empty() => (p, "·"),
                    _ => ("", ""),
                };
                let short = table.label.split_once('、').map_or(table.label, |(s, _)| s);
                [short, " › ", row.label, " › ", parent, dot, col.label]
            }
            crate::Lang::En => [
                "Table ",
                &table.id[1..],
                " › ",
                row.label_en,
                " › ",
                "",
                col.label_en,
            ],
        };
        crate::textnorm::concat(&parts)
    }
}

impl Column {
    fn from_def(c: &'static ColumnDef) -> Column {
        Column {
            id: c.id,
            label: c.label,
            label_en: c.label_en,
            parent: c.parent,
            aliases: c.aliases.to_vec(),
            kind: c.kind,
        }
    }
}

impl Row {
    fn from_def(r: &'static RowDef) -> Row {
        Row {
            id: r.id,
            label: r.label,
            label_en: r.label_en,
            parents: r.parents,
            aliases: r.aliases.to_vec(),
        }
    }
}

fn builtin_all() -> &'static [Format] {
    static ALL: OnceLock<Vec<Format>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<Format> = Vec::new();
        for def in BUILTIN_FORMATS {
            v.push(Format::from_def(def));
        }
        // A variant is built from its base's definition again rather than cloned from it.
        for var in BUILTIN_VARIANTS {
            for def in BUILTIN_FORMATS {
                if def.id == var.base {
                    let mut f = Format::from_def(def);
                    f.apply_variant(var);
                    v.push(f);
                }
            }
        }
        v
    })
}

/// All built-in formats: the national ones first, then regional variants.
pub fn builtin_formats() -> &'static [Format] {
    builtin_all()
}

/// A built-in format or variant by id (`gb2019`, `gb2021`, `gb2019-hubei`).
pub fn builtin(id: &str) -> Option<&'static Format> {
    builtin_all().iter().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_spec() {
        let g19 = builtin("gb2019").unwrap();
        let g21 = builtin("gb2021").unwrap();
        let count = |f: &Format, t: &str| f.cells.iter().filter(|c| c.table == t).count();
        assert_eq!(
            (count(g19, "s2"), count(g19, "s3"), count(g19, "s4")),
            (22, 161, 15)
        );
        assert_eq!(
            (count(g21, "s2"), count(g21, "s3"), count(g21, "s4")),
            (10, 175, 15)
        );
        assert_eq!(g19.cells.len(), 198);
        assert_eq!(g21.cells.len(), 200);
    }

    #[test]
    fn ids_follow_the_scheme() {
        let g19 = builtin("gb2019").unwrap();
        for id in [
            "s3.new.natural",
            "s3.result.deny.secret.total",
            "s3.carried_forward.org_other",
            "s2.procurement.amount",
            "s4.suit_after_review.pending",
            "s3.result.other.total",
        ] {
            assert!(g19.cell(id).is_some(), "{id}");
        }
        let g21 = builtin("gb2021").unwrap();
        for id in [
            "s2.fees.amount",
            "s2.normative.in_force",
            "s3.result.other.no_fee.legal_service",
            "s3.result.other.misc.total",
        ] {
            assert!(g21.cell(id).is_some(), "{id}");
        }
        assert!(g21.cell("s3.result.other.total").is_none());
        assert_eq!(g19.cell("s2.fees.change").unwrap().kind, ValueKind::Delta);
        assert_eq!(
            g19.cell("s2.procurement.amount").unwrap().kind,
            ValueKind::AmountAny
        );
        assert_eq!(
            g21.cell("s2.fees.amount").unwrap().kind,
            ValueKind::AmountWan
        );
    }

    #[test]
    fn hubei_variant_is_data() {
        let hubei = builtin("gb2019-hubei").unwrap();
        assert_eq!(hubei.cells.len(), 201);
        assert!(hubei.cell("s2.other_docs.public_total").is_some());
        assert_eq!(hubei.base, "gb2019");
    }

    #[test]
    fn year_to_format() {
        assert_eq!(Format::expected_for_year(2020).unwrap().id, "gb2019");
        assert_eq!(Format::expected_for_year(2019).unwrap().id, "gb2019");
        assert_eq!(Format::expected_for_year(2021).unwrap().id, "gb2021");
        assert_eq!(Format::expected_for_year(2030).unwrap().id, "gb2021");
        assert!(Format::expected_for_year(2010).is_none());
    }
}
