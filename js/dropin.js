/*! nianbao drop-in (Rust/WebAssembly, MIT License): checks the tables of the annual
 * government information disclosure report as they are typed. Use: <script src="nianbao.js"
 * data-nianbao-auto>; options and API: README.md, "In the page". */
/* (The built file keeps only the licence comment above: this one cost ~1 KB gzip.)
 *
 * nianbao drop-in: 政府信息公开工作年度报告 table checker (Rust/WebAssembly, MIT License).
 *
 *   <script src="nianbao.js" data-nianbao-auto></script>
 *
 * One file, no network request: the WebAssembly module is inlined below (coded; decoded
 * once per build, then kept in the page's IndexedDB: js/dropin-load.js). With
 * `data-nianbao-auto` it attaches to every form of the page that holds a recognisable report
 * table. Options as attributes: data-nianbao-lang="en", data-nianbao-format="gb2021",
 * data-nianbao-year="2021", data-nianbao-block-submit, data-nianbao-autosave="key",
 * data-nianbao-autosave-days="30", data-nianbao-panel="left|none", data-nianbao-pending="off"
 * (judge every identity at once, blanks counted as 0, instead of waiting for its cells).
 *
 * Global `nianbao`: { ready: Promise<nianbao>, attach(root, options), autoAttach(),
 * handles: AttachHandle[] (live: handles attached later are added), validate, formats,
 * createChecker, version, supported }; `parse` and `pairReports` come with the second part
 * `nianbao-parse.js`, for pages that read documents (js/dropin-parse.js). `nianbao:ready`
 * (on document) announces
 * handles, again whenever more are attached; `detail.handles` is `nianbao.handles`.
 *
 * This file is ES5 on purpose (the wasm-bindgen glue is compiled down to ES5 syntax when
 * the file is built): in the IE mode of dual-core browsers it still parses, and the page shows
 * a notice instead of failing silently. The glue runs only once support is confirmed. No
 * eval, no `new Function`, no inline script: it runs under
 * `Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'`.
 */
(function (window, document) {
  'use strict';

  var script = document.currentScript;
  var NS = window.nianbao || {};
  // Loaded twice (a CMS template and a plugin both add the tag): the second copy does nothing.
  if (NS.__nianbao_loaded) return;
  window.nianbao = NS;
  NS.handles = NS.handles || [];
  var before = NS.ready;
  try {
    Object.defineProperty(NS, '__nianbao_loaded', { value: true });
  } catch (e) {
    NS.__nianbao_loaded = true;
  }

  function attr(name) {
    return script && script.getAttribute ? script.getAttribute(name) : null;
  }

  var lang = attr('data-nianbao-lang') === 'en' ? 'en' : 'zh';

  function whenReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  var TEXT = {
    zh: {
      title: '年报校验组件未能运行',
      nowasm:
        '当前浏览器模式不支持 WebAssembly（例如双核浏览器的“兼容模式/IE 模式”）。请切换到“极速模式”或使用新版 Chrome、Edge、Firefox、360/QQ 浏览器极速模式后刷新。表格仍可正常填写和保存，但不会自动检查。',
      old: '当前浏览器版本过低，无法运行年报校验。请升级浏览器或切换到“极速模式”。表格仍可正常填写和保存。',
      csp: '页面的安全策略（Content-Security-Policy）不允许运行年报校验组件，请联系系统管理员。表格仍可正常填写和保存。',
      trap: '年报校验组件出现内部错误，已停止检查（已填写的内容不受影响）。刷新页面可重新启用。',
      close: '关闭'
    },
    en: {
      title: 'The report checker could not start',
      nowasm:
        'This browser mode has no WebAssembly (e.g. the IE/compatibility mode of a dual-core browser). Switch to the fast (Chromium) mode or a current browser and reload. The form still works, but it is not checked.',
      old: 'This browser is too old for the report checker. Please update it. The form still works, but it is not checked.',
      csp: "The page's Content-Security-Policy does not allow the report checker to run. The form still works, but it is not checked.",
      trap: 'The report checker hit an internal error and stopped checking (what was typed is untouched). Reload the page to check again.',
      close: 'Close'
    }
  }[lang];

  /** A visible, dismissible in-page notice (ES5 DOM only). */
  function notice(message) {
    whenReady(function () {
      var box = document.createElement('div');
      box.setAttribute('data-nb-ui', '');
      box.setAttribute('data-nianbao-notice', '');
      box.setAttribute('role', 'alert');
      box.style.cssText =
        'position:fixed;right:16px;bottom:16px;z-index:2147483000;max-width:380px;' +
        'padding:10px 34px 10px 12px;background:#fff8e1;color:#4a3000;border:1px solid #d9a400;' +
        'border-left:4px solid #d9a400;font:13px/1.6 "Microsoft YaHei","PingFang SC",sans-serif;' +
        'box-shadow:0 2px 10px rgba(0,0,0,.2);text-align:left;';
      var b = document.createElement('b');
      b.appendChild(document.createTextNode(TEXT.title));
      box.appendChild(b);
      box.appendChild(document.createElement('br'));
      box.appendChild(document.createTextNode(message));
      var x = document.createElement('button');
      x.setAttribute('type', 'button');
      x.setAttribute('aria-label', TEXT.close);
      x.style.cssText =
        'position:absolute;right:6px;top:6px;border:0;background:none;font-size:16px;cursor:pointer;color:#4a3000;';
      x.appendChild(document.createTextNode('\u00d7'));
      x.onclick = function () {
        if (box.parentNode) box.parentNode.removeChild(box);
      };
      box.appendChild(x);
      (document.body || document.documentElement).appendChild(box);
    });
  }

  function noop() {}

  /** A rejected `ready` that no one has to handle (no unhandled-rejection report). */
  function rejected(error) {
    if (typeof Promise !== 'function') return undefined;
    var p = Promise.reject(error);
    p['catch'](noop);
    return p;
  }

  function fail(code, message) {
    NS.supported = false;
    NS.error = code;
    notice(message);
  }

  var supported =
    typeof WebAssembly === 'object' &&
    typeof WebAssembly.instantiate === 'function' &&
    typeof Promise === 'function' &&
    typeof Uint8Array === 'function' &&
    typeof Map === 'function' &&
    typeof WeakSet === 'function' &&
    typeof MutationObserver === 'function' &&
    typeof TextDecoder === 'function' &&
    typeof TextEncoder === 'function';
  if (!supported) {
    fail('no-webassembly', TEXT.nowasm);
    NS.ready = rejected(new Error('nianbao: this browser has no WebAssembly (' + TEXT.nowasm + ')'));
    return;
  }

  /* The wasm-bindgen glue, compiled to ES5 syntax at build time: a function declaration
   * `__nianbao_glue` returning the module's exports, called only now that support is known. */
  '@@NIANBAO_GLUE@@';
  var WASM = '@@NIANBAO_WASM@@';
  var WASM_META = '@@NIANBAO_WASM_META@@';

  var api;
  try {
    api = __nianbao_glue();
  } catch (e) {
    fail('old-browser', TEXT.old);
    NS.ready = rejected(new Error('nianbao: ' + TEXT.old));
    return;
  }

  /* unpack(base64, meta, part, imports) → Promise<{instance, module}>: js/dropin-load.js, shared with
   * nianbao-parse.js and put here when the file is built. */
  '@@NIANBAO_LOADER@@';

  /* A trap (a bug in nianbao) must not reach the host as an exception, nor leave marks,
   * messages or blocking validity behind: every callback nianbao gives the page runs through
   * this guard, and the first failure disables every handle cleanly. */
  var dead = false;
  function disable() {
    if (dead) return;
    dead = true;
    try {
      api.__disable();
    } catch (e) {
      /* the module is unusable: nothing more can be undone */
    }
    fail('trap', TEXT.trap);
  }
  function guard(f) {
    return function () {
      if (dead) return undefined;
      try {
        return f.apply(this, arguments);
      } catch (e) {
        disable();
        return undefined;
      }
    };
  }

  function announce() {
    var ev;
    try {
      ev = new CustomEvent('nianbao:ready', { detail: { handles: NS.handles } });
    } catch (e) {
      return; /* no CustomEvent constructor: nothing to announce */
    }
    document.dispatchEvent(ev);
  }

  function add(h) {
    for (var i = 0; i < NS.handles.length; i++) if (NS.handles[i] === h) return;
    NS.handles.push(h);
  }

  NS.supported = true;
  NS.ready = unpack(WASM, WASM_META, 'widget', api.__imports()).then(
    function (r) {
      api.__finalize(r.instance, r.module);
      api.__setGuard(guard);
      for (var k in api) {
        if (
          Object.prototype.hasOwnProperty.call(api, k) &&
          k !== 'default' &&
          k !== 'initSync' &&
          k.slice(0, 2) !== '__'
        ) {
          NS[k] = api[k];
        }
      }
      // Handles attached from code join the live list too.
      NS.attach = function (root, options) {
        var h = api.attach(root, options);
        add(h);
        return h;
      };
      NS.autoAttach = function (doc, options) {
        var hs = api.autoAttach(doc, options);
        for (var i = 0; i < hs.length; i++) add(hs[i]);
        return hs;
      };
      return NS;
    },
    function (e) {
      var csp = /Content Security|unsafe-eval|wasm-eval/i.test(String(e && e.message));
      fail(csp ? 'csp' : 'old-browser', csp ? TEXT.csp : TEXT.old);
      throw new Error('nianbao: ' + (csp ? TEXT.csp : TEXT.old) + ' (' + String(e && e.message) + ')');
    }
  );
  // www/nianbao-parse.js (the document-reading part), when it was loaded first.
  if (before) {
    NS.ready = Promise.all([NS.ready, before]).then(function () {
      return NS;
    });
  }
  NS.ready['catch'](noop);

  if (script && script.hasAttribute && script.hasAttribute('data-nianbao-auto')) {
    var opts = {
      lang: lang,
      // Tables that appear later (frameworks rendering after load, editors, SPA routes).
      watch: true,
      onAttach: function (h) {
        add(h);
        announce();
      }
    };
    var v;
    if ((v = attr('data-nianbao-format'))) opts.format = v;
    if ((v = attr('data-nianbao-year'))) opts.year = Number(v);
    if (script.hasAttribute('data-nianbao-block-submit')) opts.blockSubmit = true;
    // Empty: the widget keys the draft by path + query + the form's identity.
    if ((v = attr('data-nianbao-autosave')) !== null) opts.autosave = v || true;
    if ((v = attr('data-nianbao-autosave-days'))) opts.autosaveDays = Number(v);
    if ((v = attr('data-nianbao-pending')) !== null) opts.pending = !/^(off|false|0)$/i.test(v);
    if ((v = attr('data-nianbao-panel'))) opts.panel = v;
    NS.ready
      .then(function () {
        whenReady(function () {
          try {
            NS.autoAttach(document, opts);
          } catch (e) {
            // A trap disables nianbao; any other failure (bad options) attaches nothing.
            if (e instanceof WebAssembly.RuntimeError) disable();
            return;
          }
          announce();
        });
      })
      ['catch'](noop);
  }
})(window, document);
