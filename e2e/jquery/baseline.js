// Bench-only baseline for e2e/bench-jquery.mjs, never shipped: jquery-validation checking the
// same arithmetic identities nianbao checks on the gb2019 form (45: 23 row sums, 7 result sums,
// 7 balances, 3 section-4 sums, 5 item counts), one addMethod per identity kind, rules on each
// identity's total field, and on `input` the typed field plus every total it feeds re-validated.
// The identities and the field of each cell come from nianbao itself (validate on a report where
// every identity fails, then one attach/detach for the binding), so both sides check the same set.
/* global $, nianbao */
window.__baseline = nianbao.ready.then(function () {
  var form = document.getElementById('reportForm');
  var handle = nianbao.attach(form);
  var field = {};
  handle.bound.forEach(function (b) { field[b.cell] = b.element.name; });
  handle.detach();

  var format = nianbao.formats().filter(function (f) { return f.id === 'gb2019'; })[0];
  var cells = {};
  format.cells.forEach(function (c, i) {
    cells[c.id] = c.kind === 'delta' ? '-500' : String(((i * 37) % 89) + 1);
  });
  var failing = nianbao.validate({ format: 'gb2019', year: 2020, cells: cells });
  var KIND = { 'E-S3-ROW': 'nbSum', 'E-S3-RESULT': 'nbSum', 'E-S4-SUM': 'nbSum',
    'E-S3-BALANCE': 'nbBalance', 'E-2019-ITEMS': 'nbNonNegative' };
  var rules = {};
  var dependents = {};
  var count = 0;
  failing.forEach(function (d) {
    var kind = KIND[d.rule];
    if (!kind) return;
    count++;
    var names = d.cells.map(function (c) { return field[c]; });
    var target = field[d.target];
    (rules[target] = rules[target] || {});
    (rules[target][kind] = rules[target][kind] || []).push(names);
    names.forEach(function (n) {
      var deps = (dependents[n] = dependents[n] || []);
      if (deps.indexOf(target) < 0) deps.push(target);
    });
  });

  function num(name) {
    var t = String(form.elements[name].value).replace(/[,\s\u00a0]/g, '');
    return t === '' ? 0 : Number(t);
  }
  function sum(names) {
    var s = 0;
    for (var i = 0; i < names.length; i++) s += num(names[i]);
    return s;
  }
  function blank(value) { return String(value).replace(/[\s\u00a0]/g, '') === ''; }
  // Each method keeps its first failing identity for the message.
  var failed = {};
  $.validator.addMethod('nbSum', function (value, el, sums) {
    if (blank(value)) return true;
    for (var i = 0; i < sums.length; i++) {
      var parts = sums[i].slice(1);
      var expected = sum(parts);
      if (num(sums[i][0]) !== expected) {
        failed[el.name] = { expected: expected, actual: num(sums[i][0]) };
        return false;
      }
    }
    return true;
  }, function (sums, el) {
    var f = failed[el.name];
    return '总计应为各项之和 ' + f.expected + '，现填 ' + f.actual + '（差 ' + (f.actual - f.expected) + '）。';
  });
  $.validator.addMethod('nbBalance', function (value, el, sets) {
    for (var i = 0; i < sets.length; i++) {
      var s = sets[i];
      var lhs = num(s[0]) + num(s[1]);
      var rhs = num(s[2]) + num(s[3]);
      if (lhs !== rhs) {
        failed[el.name] = { expected: lhs, actual: rhs };
        return false;
      }
    }
    return true;
  }, function (sets, el) {
    var f = failed[el.name];
    return '本年新收 + 上年结转 = ' + f.expected + '，办理结果总计 + 结转下年度 = ' + f.actual + '，相差 ' + (f.actual - f.expected) + '。';
  });
  $.validator.addMethod('nbNonNegative', function (value, el, sets) {
    for (var i = 0; i < sets.length; i++) if (sum(sets[i]) < 0) return false;
    return true;
  }, '上一年项目数量加本年增/减不能为负，请检查增减数。');

  var validator = $(form).validate({
    rules: rules,
    onkeyup: false,
    onfocusout: false,
    onclick: false,
    onsubmit: true,
  });
  $(form).on('input', 'input', function () {
    validator.element(this);
    var deps = dependents[this.name] || [];
    for (var i = 0; i < deps.length; i++) {
      if (deps[i] !== this.name) validator.element(form.elements[deps[i]]);
    }
  });
  return { identities: count, fields: Object.keys(rules).length };
});
