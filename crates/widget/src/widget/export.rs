//! The handle's state as JavaScript values (`diagnostics()`, `report()`, `unbound`,
//! `bound`, `notes`).

use super::*;

impl Inner {
    pub fn diagnostics_js(&self) -> JsValue {
        diags_js(&self.checker.diagnostics())
    }

    pub fn report_js(&self) -> JsValue {
        crate::wasm::js::report(&self.checker.report())
    }

    pub fn unbound_js(&self) -> JsValue {
        let arr = Array::new();
        for u in &self.unbound {
            let o = Object::new();
            if let Some(c) = &u.cell {
                util::set_str(&o, "cell", c);
            }
            if let Some(l) = &u.label {
                util::set_str(&o, "label", l);
            }
            if let Some(s) = &u.selector {
                util::set_str(&o, "selector", s);
            }
            util::set_str(&o, "reason", u.reason);
            let cell = u.cell.as_deref().map(|c| match self.format.cell(c) {
                Some(fc) => self.format.cell_label(fc, self.ui.lang),
                None => c.to_string(),
            });
            let msg = self.ui.unbound(
                u.reason,
                cell.as_deref().unwrap_or(""),
                u.label.as_deref(),
                u.selector.as_deref(),
            );
            util::set_str(&o, "message", &msg);
            arr.push(&o);
        }
        arr.into()
    }

    pub fn bound_js(&self) -> JsValue {
        let arr = Array::new();
        for b in &self.cells {
            let o = Object::new();
            util::set_str(&o, "cell", &b.id);
            util::set(&o, "element", b.el.as_ref());
            let kind = match b.kind {
                Kind::Input => "input",
                Kind::TextArea => "textarea",
                Kind::Editable => "editable",
                Kind::Static => "static",
            };
            util::set_str(&o, "kind", kind);
            util::set_str(&o, "via", b.via);
            arr.push(&o);
        }
        arr.into()
    }

    pub fn notes_js(&self) -> JsValue {
        let arr = Array::new();
        for n in &self.notes {
            let o = Object::new();
            util::set_str(&o, "level", &n.level);
            util::set_str(&o, "code", &n.code);
            let msg = match self.ui.lang {
                crate::Lang::En if !n.en.is_empty() => &n.en,
                _ => &n.message,
            };
            util::set_str(&o, "message", msg);
            arr.push(&o);
        }
        arr.into()
    }
}
