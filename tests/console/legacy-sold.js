// A replay of the legacy sold list (not shipped): same asyncSold.htm JSON, the older markup.
(function () {
  var ENDPOINT = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('pageNum') || 1), pageSize: Number(params.get('pageSize') || 15) };
  var root = document.getElementById('list-sold-items');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  var list = el('div', { class: 'sold-list' });
  var pager = el('div', { class: 'pager' });
  root.append(list, pager);

  function order(o, n) {
    var rows = o.subOrders.map(function (s, i) {
      var cells = [
        el('td', {}, [el('a', { href: 'https:' + s.itemInfo.itemUrl }, [el('span', {}, ['[图]'])]), ' ',
          el('a', { class: 'item-mod__title___7hJk1', href: 'https:' + s.itemInfo.itemUrl }, [s.itemInfo.title]),
          el('div', { class: 'sku-mod__sku___4dFg2' }, [s.itemInfo.skuText.map(function (t) { return t.name + '：' + t.value; }).join(' ')])]),
        el('td', {}, [el('div', { class: 'price-mod__price___1aB2c' }, ['￥' + s.priceInfo.realTotal])]),
        el('td', { class: 'quantity-mod__quantity___5sD3f' }, [String(s.quantity)]),
        el('td', { class: 'suborder-refund___8kL2m' }, [(s.operations || []).map(function (op) { return op.text; }).filter(function (t) { return /退款/.test(t); }).join(' ')]),
      ];
      if (i === 0) {
        var span = String(o.subOrders.length);
        cells.push(
          el('td', { class: 'status-mod__status___2gH5j', rowspan: span }, [o.statusInfo.text]),
          el('td', { class: 'real-pay-mod__real-pay___6tY7u', rowspan: span }, [el('div', { class: 'price-mod__price___1aB2c' }, ['￥' + o.payInfo.actualFee]), o.payInfo.postType]),
        );
      }
      return el('tr', { class: 'suborder-mod__item___3xYz1' }, cells);
    });
    return el('div', { class: 'trade-order-main', 'data-reactid': '.0.3.1.$' + o.id }, [el('table', {}, [
      el('tbody', { class: 'order-head-mod__head___9kLm2' }, [el('tr', {}, [el('td', { colspan: '6' }, [
        el('span', {}, ['订单号: ' + o.id]), el('span', {}, ['创建时间: ' + o.orderInfo.createTime]),
        el('a', { class: 'buyer-mod__name___2aBcD', href: 'javascript:;' }, [o.buyer.nick]),
      ])])]),
      el('tbody', {}, rows),
    ])]);
  }

  function render(data) {
    list.replaceChildren.apply(list, (data.mainOrders || []).map(order));
    var total = (data.page && data.page.totalPage) || 1;
    var buttons = [];
    for (var p = Math.max(1, state.page - 2); p <= Math.min(total, state.page + 2); p++) buttons.push(el('button', { 'data-page': String(p) }, [String(p)]));
    pager.replaceChildren.apply(pager, buttons);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }
  // XMLHttpRequest decodes the GBK answer by its Content-Type charset, as the old page relies on.
  function load() {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', ENDPOINT);
    xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
    xhr.onload = function () { try { render(JSON.parse(xhr.responseText)); } catch (e) { render({}); } };
    xhr.send('pageNum=' + state.page + '&pageSize=' + state.pageSize);
  }
  pager.addEventListener('click', function (e) {
    var page = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
    if (!page) return;
    state.page = Number(page);
    load();
  });
  load();
})();
