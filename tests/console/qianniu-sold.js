// A replay of the new 千牛 sold-orders app, for the demo and the e2e tests (not shipped).
// Like the real page it fetches its rows as JSON from trade.taobao.com/…/asyncSold.htm, cross-origin with
// credentials, and replaces the table body in place on every page change.
(function () {
  var ENDPOINT = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('pageNum') || 1), pageSize: Number(params.get('pageSize') || 20), totalPage: 1 };
  var root = document.getElementById('ice-container');

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  root.append(
    el('div', { class: 'next-table' }, [
      el('div', { class: 'next-table-header' }, [el('table', {}, [el('thead', {}, [el('tr', {},
        ['宝贝', '单价', '数量', '履约/售后状态', '交易状态', '实收款', '操作'].map(function (h, i) {
          return el('th', i === 0 ? { style: 'width:34%' } : {}, [h]);
        }))])])]),
      el('div', { class: 'next-table-body' }),
    ]),
    el('div', { class: 'next-pagination' }, [el('div', { class: 'next-pagination-list' })]),
  );
  var body = root.querySelector('.next-table-body');
  var pager = root.querySelector('.next-pagination-list');

  function money(s) { return '￥' + s; }

  function orderTable(o) {
    var header = el('td', { colspan: '7' }, [
      el('span', {}, ['订单号：', el('span', { class: 'order-id' }, [o.id])]),
      el('span', {}, ['创建时间：' + o.orderInfo.createTime]),
      el('a', { class: 'buyer-mod__name___S9vit', href: 'javascript:;' }, [o.buyer.nick]),
    ]);
    if (o.extra.sellerFlag) header.append(el('span', { class: 'tag-protect' }, ['号码保护订单']));
    var rows = [el('tr', { class: 'order-header' }, [header])];
    o.subOrders.forEach(function (s, i) {
      var refund = (s.operations || []).map(function (op) { return op.text; }).filter(function (t) { return /退款/.test(t); }).join(' ');
      var cells = [
        el('td', {}, [el('div', { class: 'item-cell' }, [el('div', { class: 'pic' }), el('div', {}, [
          el('a', { href: 'https:' + s.itemInfo.itemUrl, class: 'item-title' }, [s.itemInfo.title]),
          el('div', { class: 'sku-text' }, [s.itemInfo.skuText.map(function (t) { return t.name + '：' + t.value; }).join(' ')]),
        ])])]),
        el('td', {}, [money(s.priceInfo.realTotal)]),
        el('td', {}, [String(s.quantity)]),
        el('td', {}, [refund]),
      ];
      if (i === 0) {
        var span = String(o.subOrders.length);
        cells.push(
          el('td', { rowspan: span }, [o.statusInfo.text]),
          el('td', { rowspan: span }, [el('strong', {}, [money(o.payInfo.actualFee)]), el('div', {}, [o.payInfo.postType])]),
          el('td', { rowspan: span }, [el('a', { href: 'javascript:;' }, ['详情'])]),
        );
      }
      rows.push(el('tr', { class: 'order-item' }, cells));
    });
    return el('table', {}, [el('colgroup', {}, [el('col', { class: 'c-item' })]), el('tbody', {}, rows)]);
  }

  function render(data) {
    performance.mark('console:render-start');
    var orders = data.mainOrders || [];
    body.replaceChildren.apply(body, orders.length ? orders.map(orderTable)
      : [el('div', { class: 'empty' }, ['没有符合条件的宝贝，请尝试其他搜索条件'])]);
    state.totalPage = (data.page && data.page.totalPage) || 1;
    var buttons = [];
    var from = Math.max(1, state.page - 3), to = Math.min(state.totalPage, from + 6);
    for (var p = from; p <= to; p++) {
      buttons.push(el('button', { class: 'next-pagination-item' + (p === state.page ? ' next-current' : ''), 'data-page': String(p) }, [String(p)]));
    }
    buttons.push(el('button', { class: 'next-pagination-item next-next', 'data-page': String(Math.min(state.totalPage, state.page + 1)) }, ['下一页']));
    pager.replaceChildren.apply(pager, buttons);
    performance.mark('console:render-end');
    performance.measure('console:render', 'console:render-start', 'console:render-end');
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }

  function form() {
    return 'pageNum=' + state.page + '&pageSize=' + state.pageSize + '&prePageNo=' + state.page + '&sifg=0&action=itemlist%2FSoldQueryAction';
  }

  // First load through fetch, paging through XMLHttpRequest: the real app uses both kinds of request.
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
    var page = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
    if (!page) return;
    state.page = Number(page);
    history.pushState({}, '', location.pathname + '?pageNum=' + state.page + '&pageSize=' + state.pageSize);
    load(true);
  });
  window.__demoGoToPage = function (page) { state.page = page; load(true); };
  // Server-rendered first page (as the legacy list does): no JSON request for the tap to see.
  if (window.__SSR__) render(window.__SSR__); else load(false);
})();
