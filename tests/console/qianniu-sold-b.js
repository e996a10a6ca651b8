// Markup b of the new 千牛 sold-orders app (a redesign), for the e2e tests (not shipped). Same requests
// as qianniu-sold.js (asyncSold.htm, cross-origin with credentials: fetch first, XMLHttpRequest for
// paging) and the same text per order, but another markup: one div card per order (an extra wrapper
// around it), a CSS grid instead of tables, hashed class names injected at run time, and the order
// number in a span of its own next to its label. None of utils/sites/taobao-sold.ts's selectors
// (.next-table .next-table-body table, tbody > tr:first-child) matches it: only the order number's text
// can place a badge. Testing hooks as in markup a: window.__demoGoToPage, data-demo-page on <html>,
// pager buttons with data-page.
(function () {
  var ENDPOINT = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('pageNum') || 1), pageSize: Number(params.get('pageSize') || 20), totalPage: 1 };
  var root = document.getElementById('ice-container');
  var COLS = ['宝贝', '单价', '数量', '履约/售后状态', '交易状态', '实收款', '操作'];
  var GRID = 'grid-template-columns: 34% 1fr 0.6fr 1.2fr 1.3fr 1.1fr 0.7fr;';
  var CSS = [
    '.tp-sold_cols__3Kf9a { display: grid; ' + GRID + ' background: #f7f8fa; color: #4e5969; border-radius: 6px; margin-top: 12px; }',
    '.tp-sold_cols__3Kf9a > div { padding: 8px 10px; }',
    '.tp-order_card__x7Tq2 { margin-top: 10px; border: 1px solid #e5e6eb; border-radius: 8px; overflow: hidden; }',
    '.tp-order_head__Yt5r1 { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px; background: #fafbfc; padding: 7px 10px; color: #4e5969; }',
    '.tp-order_label__M2n8b { color: #86909c; }',
    '.tp-order_no__P9s4d { font-family: Menlo, Consolas, monospace; color: #1f1f1f; }',
    '.tp-order_user__R4d1e { color: #165dff; cursor: pointer; }',
    '.tp-tag_protect__c6V2w { color: #fff; background: #4080ff; padding: 0 5px; border-radius: 3px; }',
    '.tp-order_body__W3e5r { display: grid; ' + GRID + ' }',
    '.tp-order_body__W3e5r > * { padding: 9px 10px; border-top: 1px solid #f2f3f5; }',
    '.tp-line_row__F5g6h { display: contents; }',
    '.tp-line_goods__V8b9n { display: flex; gap: 8px; }',
    '.tp-line_pic__J2k3l { width: 48px; height: 48px; background: #eef0f3; border-radius: 6px; flex: none; }',
    '.tp-line_name__N4m5q { color: #1f1f1f; text-decoration: none; }',
    '.tp-line_spec__C6x7z { color: #86909c; }',
    '.tp-order_side__S1d2f { border-left: 1px solid #f2f3f5; }',
    '.tp-order_paid__G3h4j { font-weight: 600; }',
    '.tp-order_empty__K5l6p { padding: 40px; text-align: center; color: #86909c; }',
    '.tp-pager_root__Lm3x0 { margin-top: 16px; display: flex; justify-content: flex-end; gap: 6px; }',
    '.tp-pager_root__Lm3x0 button { min-width: 30px; height: 30px; border: 1px solid #e5e6eb; background: #fff; border-radius: 6px; cursor: pointer; }',
    '.tp-pager_root__Lm3x0 .tp-pager_on__T7y8u { border-color: #ff5000; color: #ff5000; }',
  ].join('\n');

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  var style = el('style', { 'data-emotion': 'tp-sold' }, [CSS]);
  document.head.append(style);
  var list = el('div', { class: 'tp-sold_list__Zp4e0' });
  var pager = el('div', { class: 'tp-pager_root__Lm3x0' });
  root.append(el('div', { class: 'tp-sold_root__8Hn2c' }, [
    el('div', { class: 'tp-sold_cols__3Kf9a' }, COLS.map(function (c) { return el('div', {}, [c]); })),
    list,
  ]), pager);

  function money(s) { return '￥' + s; }
  function at(row, col, span) { return 'grid-row: ' + row + (span ? ' / span ' + span : '') + '; grid-column: ' + col + ';'; }

  function orderCard(o) {
    var head = el('div', { class: 'tp-order_head__Yt5r1' }, [
      el('div', { class: 'tp-order_meta__k3L0a' }, [el('span', { class: 'tp-order_label__M2n8b' }, ['订单号：']), el('span', { class: 'tp-order_no__P9s4d' }, [o.id])]),
      el('div', { class: 'tp-order_meta__k3L0a' }, [el('span', { class: 'tp-order_label__M2n8b' }, ['创建时间：']), el('span', {}, [o.orderInfo.createTime])]),
      el('span', { class: 'tp-order_user__R4d1e' }, [o.buyer.nick]),
    ]);
    if (o.extra.sellerFlag) head.append(el('span', { class: 'tp-tag_protect__c6V2w' }, ['号码保护订单']));
    var n = o.subOrders.length;
    var body = el('div', { class: 'tp-order_body__W3e5r' });
    o.subOrders.forEach(function (s, i) {
      var refund = (s.operations || []).map(function (op) { return op.text; }).filter(function (t) { return /退款/.test(t); }).join(' ');
      body.append(el('div', { class: 'tp-line_row__F5g6h' }, [
        el('div', { class: 'tp-line_goods__V8b9n', style: at(i + 1, 1) }, [el('div', { class: 'tp-line_pic__J2k3l' }), el('div', {}, [
          el('a', { href: 'https:' + s.itemInfo.itemUrl, class: 'tp-line_name__N4m5q' }, [s.itemInfo.title]),
          el('div', { class: 'tp-line_spec__C6x7z' }, [s.itemInfo.skuText.map(function (t) { return t.name + '：' + t.value; }).join(' ')]),
        ])]),
        el('div', { style: at(i + 1, 2) }, [money(s.priceInfo.realTotal)]),
        el('div', { style: at(i + 1, 3) }, [String(s.quantity)]),
        el('div', { style: at(i + 1, 4) }, [refund]),
      ]));
    });
    body.append(
      el('div', { class: 'tp-order_side__S1d2f', style: at(1, 5, n) }, [o.statusInfo.text]),
      el('div', { class: 'tp-order_side__S1d2f', style: at(1, 6, n) }, [el('div', { class: 'tp-order_paid__G3h4j' }, [money(o.payInfo.actualFee)]), el('div', {}, [o.payInfo.postType])]),
      el('div', { class: 'tp-order_side__S1d2f', style: at(1, 7, n) }, [el('a', { href: 'javascript:;' }, ['详情'])]),
    );
    // The extra wrapper a redesign brings: the card's frame around its content.
    return el('div', { class: 'tp-order_card__x7Tq2' }, [el('div', { class: 'tp-order_inner__a1B2c' }, [head, body])]);
  }

  function render(data) {
    performance.mark('console:render-start');
    var orders = data.mainOrders || [];
    list.replaceChildren.apply(list, orders.length ? orders.map(orderCard)
      : [el('div', { class: 'tp-order_empty__K5l6p' }, ['没有符合条件的宝贝，请尝试其他搜索条件'])]);
    state.totalPage = (data.page && data.page.totalPage) || 1;
    var buttons = [];
    var from = Math.max(1, state.page - 3), to = Math.min(state.totalPage, from + 6);
    for (var p = from; p <= to; p++) {
      buttons.push(el('button', { class: p === state.page ? 'tp-pager_on__T7y8u' : 'tp-pager_num__E9r0t', 'data-page': String(p) }, [String(p)]));
    }
    buttons.push(el('button', { class: 'tp-pager_next__B1v2c', 'data-page': String(Math.min(state.totalPage, state.page + 1)) }, ['下一页']));
    pager.replaceChildren.apply(pager, buttons);
    performance.mark('console:render-end');
    performance.measure('console:render', 'console:render-start', 'console:render-end');
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }

  function form() {
    return 'pageNum=' + state.page + '&pageSize=' + state.pageSize + '&prePageNo=' + state.page + '&sifg=0&action=itemlist%2FSoldQueryAction';
  }

  // First load through fetch, paging through XMLHttpRequest, as markup a.
  function load(viaXhr) {
    performance.mark('console:request-start');
    if (!viaXhr) {
      return fetch(ENDPOINT, { method: 'POST', credentials: 'include', body: form(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' } })
        .then(function (r) { return r.json(); }).then(render, function () { render({}); });
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', ENDPOINT);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
    xhr.onload = function () { try { render(JSON.parse(xhr.responseText)); } catch (e) { render({}); } };
    xhr.send(form());
  }

  pager.addEventListener('click', function (e) {
    var button = e.target && e.target.closest && e.target.closest('[data-page]');
    if (!button) return;
    state.page = Number(button.getAttribute('data-page'));
    history.pushState({}, '', location.pathname + '?pageNum=' + state.page + '&pageSize=' + state.pageSize);
    load(true);
  });
  window.__demoGoToPage = function (page) { state.page = page; load(true); };
  if (window.__SSR__) render(window.__SSR__); else load(false);
})();
