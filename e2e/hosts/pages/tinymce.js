// TinyMCE 8, self-hosted (no API key: license_key 'gpl'), classic iframe mode, table plugin.
(function () {
  'use strict';
  var NB = window.NB;
  var editor = null;
  window.host = NB.editorHost({
    getHtml: function () { return editor.getContent(); },
    setHtml: function (h) { editor.setContent(h); },
    undo: function () { editor.undoManager.undo(); },
    root: function () { return editor && editor.getBody(); },
  });
  document.getElementById('editor').value = NB.editorHtml(NB.values).html;
  NB.whenToRender(function () {
    tinymce.init({
      selector: '#editor',
      license_key: 'gpl',
      base_url: '/vendor/tinymce',
      suffix: '.min',
      plugins: 'table lists',
      toolbar: 'undo redo | bold italic | table',
      menubar: false,
      promotion: false,
      branding: false,
      height: 700,
      setup: function (ed) {
        editor = ed;
        ed.on('init', function () { window.host.ready = true; });
      },
    });
  });
})();
