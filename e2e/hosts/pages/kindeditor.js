// KindEditor 4: the classic CMS editor, a designMode iframe; html() is what the CMS saves.
(function () {
  'use strict';
  var NB = window.NB;
  var editor = null;
  window.host = NB.editorHost({
    getHtml: function () { return editor.html(); },
    setHtml: function (h) { editor.html(h); },
    undo: function () { editor.undo(); },
    root: function () { return editor && editor.edit && editor.edit.doc && editor.edit.doc.body; },
  });
  document.getElementById('editor').value = NB.editorHtml(NB.values).html;
  NB.whenToRender(function () {
    editor = KindEditor.create('#editor', {
      basePath: '/vendor/kindeditor/',
      langType: 'zh-CN',
      width: '100%',
      height: '450px',
      allowFileManager: false,
      allowImageUpload: false,
      items: ['source', '|', 'undo', 'redo', '|', 'bold', 'italic', 'underline', '|', 'table', 'fullscreen'],
      afterCreate: function () { window.host.ready = true; },
    });
  });
})();
