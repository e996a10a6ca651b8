// Markup b of Pinduoduo 评价管理 (a redesign), for the e2e tests (not shipped). Same request as
// pdd-reviews.js (POST /saturn/reviews/list through fetch) and the same text per review (the buyer,
// 评价时间：…, stars, the comment, 追评：…, the goods, 订单编号：<sn>, 回复), but one div card per review with
// an extra wrapper and hashed class names, the order number in a span of its own after its label.
// Nothing matches utils/sites/pdd-reviews.ts's tr[class*="TB_bodyGroupHeader_"]. Testing hooks as in
// markup a: data-demo-page on <html>, pager buttons with data-page, and window.__demoGoToPage.
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
    if (!filled) s.setAttribute('class', 'ev-star_off__Bn4Mq');
    var c = document.createElementNS(SVG, 'circle');
    c.setAttribute('cx', '6'); c.setAttribute('cy', '6'); c.setAttribute('r', '5');
    s.append(c);
    return s;
  }
  function time(sec) { return new Date(sec * 1000 + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' '); }
  var list = el('div', { class: 'ev-list_body__Ty8Ui' });
  var pager = el('div', { class: 'ev-pager_root__Qw6Er' });
  root.append(el('div', { class: 'ev-list_root__Op0As' }, [
    el('div', { class: 'ev-head_row__Aq1Sw' }, ['评价', '商品', '订单', '操作'].map(function (h) { return el('div', {}, [h]); })),
    list,
  ]), pager);

  function card(r) {
    var stars = el('div', { class: 'ev-card_stars__Zx2Cv' });
    for (var i = 1; i <= 5; i++) stars.append(star(i <= r.descScore));
    var said = [stars, el('div', {}, [r.comment || '该用户未填写文字评价'])];
    if (r.append) said.push(el('div', {}, ['追评：' + r.appendComment]));
    return el('div', { class: 'ev-card_wrap__Gt5Hy' }, [el('div', { class: 'ev-card_box__Sd2Fg' }, [
      el('div', { class: 'ev-card_top__Ju7Ki' }, [el('span', {}, [r.userName]), el('span', {}, [el('span', { class: 'ev-card_lbl__Lo9Pa' }, ['评价时间：']), time(r.createTime)])]),
      el('div', { class: 'ev-card_cells__De3Fr' }, [
        el('div', {}, said),
        el('div', {}, [r.goodsName]),
        el('div', {}, [el('span', { class: 'ev-card_lbl__Lo9Pa' }, ['订单编号：']), el('span', { class: 'ev-card_sn__Hj3Kl' }, [r.orderSn])]),
        el('div', {}, [el('button', {}, ['回复'])]),
      ]),
    ])]);
  }

  function render(res) {
    list.replaceChildren.apply(list, ((res.result && res.result.data) || []).map(card));
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
  window.__demoGoToPage = function (page) { state.page = page; load(); };
  load();
})();
