// A replay of Pinduoduo 评价管理 (not shipped): rows from /saturn/reviews/list, one group per review.
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('mf-mms-evaluation-container');
  var SVG = 'http://www.w3.org/2000/svg';
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function star(filled) {
    var s = document.createElementNS(SVG, 'svg');
    s.setAttribute('data-testid', filled ? 'beast-core-icon-star_filled' : 'beast-core-icon-star');
    if (!filled) s.setAttribute('class', 'empty');
    var c = document.createElementNS(SVG, 'circle');
    c.setAttribute('cx', '6'); c.setAttribute('cy', '6'); c.setAttribute('r', '5');
    s.append(c);
    return s;
  }
  function time(sec) { return new Date(sec * 1000 + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' '); }
  var table = el('table', {}, [el('thead', {}, [el('tr', {}, ['评价', '商品', '订单', '操作'].map(function (h) { return el('th', {}, [h]); }))])]);
  var body = el('tbody');
  var pager = el('div', { class: 'pager' });
  table.append(body);
  root.append(table, pager);
  function render(res) {
    var rows = [];
    ((res.result && res.result.data) || []).forEach(function (r) {
      rows.push(el('tr', { class: 'TB_bodyGroupHeader_5-120-1' }, [el('td', { colspan: '4' }, [r.userName + '  评价时间：' + time(r.createTime)])]));
      var stars = el('div');
      for (var i = 1; i <= 5; i++) stars.append(star(i <= r.descScore));
      var comment = el('div', {}, [r.comment || '该用户未填写文字评价']);
      var cells = [el('td', {}, [stars, comment].concat(r.append ? [el('div', {}, ['追评：' + r.appendComment])] : [])),
        el('td', {}, [r.goodsName]), el('td', {}, ['订单编号：' + r.orderSn]), el('td', {}, [el('button', {}, ['回复'])])];
      rows.push(el('tr', {}, cells));
    });
    body.replaceChildren.apply(body, rows);
    var total = Math.max(1, Math.ceil(((res.result && res.result.totalRows) || 0) / state.pageSize));
    var buttons = [];
    for (var p = Math.max(1, state.page - 2); p <= Math.min(total, state.page + 2); p++) buttons.push(el('button', { 'data-page': String(p) }, [String(p)]));
    pager.replaceChildren.apply(pager, buttons);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }
  function load() {
    fetch('/saturn/reviews/list', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pageNo: state.page, pageSize: state.pageSize, descScore: [], orderSn: '', startTime: 0, endTime: 0 }) })
      .then(function (r) { return r.json(); }).then(render, function () { render({}); });
  }
  pager.addEventListener('click', function (e) {
    var page = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
    if (!page) return;
    state.page = Number(page);
    load();
  });
  load();
})();
