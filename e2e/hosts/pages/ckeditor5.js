// CKEditor 5 (classic editor, self-hosted UMD build, GPL licence key): getData() is saved.
(function () {
  'use strict';
  var NB = window.NB;
  var editor = null;
  window.host = NB.editorHost({
    getHtml: function () { return editor.getData(); },
    setHtml: function (h) { editor.setData(h); },
    undo: function () { editor.execute('undo'); },
    root: function () { return editor && editor.ui.getEditableElement(); },
  });
  NB.whenToRender(function () {
    var C = window.CKEDITOR;
    C.ClassicEditor.create(document.getElementById('editor'), {
      licenseKey: 'GPL',
      plugins: [C.Essentials, C.Paragraph, C.Heading, C.Bold, C.Italic, C.Table, C.TableToolbar],
      toolbar: ['undo', 'redo', '|', 'heading', '|', 'bold', 'italic', '|', 'insertTable'],
      table: { contentToolbar: ['tableColumn', 'tableRow', 'mergeTableCells'] },
      initialData: NB.editorHtml(NB.values).html,
    }).then(function (ed) {
      editor = ed;
      window.host.ready = true;
    });
  });
})();
