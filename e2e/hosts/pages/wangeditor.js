// wangEditor 5 (Slate-based; the most common editor in Chinese CMSs): getHtml() is saved.
(function () {
  'use strict';
  var NB = window.NB;
  var editor = null;
  window.host = NB.editorHost({
    getHtml: function () { return editor.getHtml(); },
    setHtml: function (h) { editor.setHtml(h); },
    undo: function () { editor.undo(); },
    blur: function () { editor.blur(); },
    root: function () { return document.querySelector('#editor [data-slate-editor]'); },
  });
  NB.whenToRender(function () {
    var E = window.wangEditor;
    editor = E.createEditor({
      selector: '#editor',
      html: NB.editorHtml(NB.values).html,
      mode: 'default',
      config: { placeholder: '请输入内容…' },
    });
    E.createToolbar({ editor: editor, selector: '#toolbar', mode: 'simple' });
    setTimeout(function () { window.host.ready = true; }, 50);
  });
})();
