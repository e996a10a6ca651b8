// A replay of 千牛 评价管理 (not shipped): rows from mtop.rm.sellercenter.list.data.pc, a Fusion table with
// the 追评 in the expanded row under its review.
(function () {
  var API = 'https://h5api.m.taobao.com/h5/mtop.rm.sellercenter.list.data.pc/1.0/?jsv=2.6.1&appKey=12574478&api=mtop.rm.sellercenter.list.data.pc&v=1.0&type=originaljson&dataType=json';
  var params = new URLSearchParams(location.search);
  var state = { current: Number(params.get('current') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('ice-container');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function time(ms) { return new Date(ms + 8 * 3600000).toISOString().slice(0, 16).replace('T', ' '); }
  var body = el('tbody', { class: 'next-table-body' });
  var pager = el('div', { class: 'pager' });
  root.append(el('table', { class: 'next-table' }, [el('thead', {}, [el('tr', {}, ['评价内容', '宝贝', '买家', '订单', '操作'].map(function (h) { return el('th', {}, [h]); }))]), body]), pager);

  function render(res) {
    var data = (res.data && res.data.data) || {};
    var rows = [];
    (data.dataSource || []).forEach(function (r) {
      var main = r.rateContent.mainRate;
      rows.push(el('tr', { class: 'next-table-row' }, [
        el('td', {}, [el('div', { class: 'muted' }, ['初次评价：' + time(main.date)]), el('div', {}, [main.content])]),
        el('td', {}, [el('a', { href: 'https:' + r.itemInfo.link }, [r.itemInfo.title])]),
        el('td', {}, [r.userInfo.userName]),
        el('td', {}, ['订单号：' + r.orderInfo.mainOrderId]),
        el('td', {}, [el('button', {}, ['评价回复'])]),
      ]));
      if (r.rateContent.appendRate) {
        rows.push(el('tr', { class: 'next-table-expanded-row' }, [el('td', { colspan: '5' }, [
          '追评：收货后' + r.rateContent.appendRate.days + '天 ', r.rateContent.appendRate.content, ' ', el('button', {}, ['追评回复'])])]));
      }
    });
    body.replaceChildren.apply(body, rows);
    var total = Math.max(1, Math.ceil((data.total || 0) / state.pageSize));
    var buttons = [];
    for (var p = Math.max(1, state.current - 2); p <= Math.min(total, state.current + 2); p++) buttons.push(el('button', { 'data-page': String(p) }, [String(p)]));
    pager.replaceChildren.apply(pager, buttons);
    document.documentElement.setAttribute('data-demo-page', String(state.current));
  }
  function load() {
    fetch(API + '&t=' + Date.now(), { method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'data=' + encodeURIComponent(JSON.stringify({ current: state.current, pageSize: state.pageSize, dateRange: '' })) })
      .then(function (r) { return r.json(); }).then(render, function () { render({}); });
  }
  pager.addEventListener('click', function (e) {
    var page = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
    if (!page) return;
    state.current = Number(page);
    load();
  });
  load();
})();
