// Document page: a finding ↔ its cells in the drawn tables ↔ its boxes on the page image.
(function () {
  var pageview = document.getElementById('pageview');
  // scroll the page frame so the selected finding's box is in view once the image is loaded
  function focus(root) {
    var frame = root.querySelector && root.querySelector('.page-frame[data-focus]');
    if (!frame) return;
    var img = frame.querySelector('img');
    function go() {
      var y = Number(frame.dataset.focus) * img.clientHeight / (img.naturalHeight || 1);
      frame.scrollTop = Math.max(0, y - frame.clientHeight / 3);
    }
    if (img.complete && img.naturalHeight) go(); else img.addEventListener('load', go, {once: true});
  }
  if (pageview) focus(pageview);
  document.body.addEventListener('htmx:afterSettle', function () { var pv = document.getElementById('pageview'); if (pv) focus(pv); });
  var base = pageview ? pageview.querySelector('.pager [hx-get]') : null;
  var viewUrl = base ? base.getAttribute('hx-get').split('?')[0] : null;

  function clear() {
    document.querySelectorAll('.flash').forEach(function (e) { e.classList.remove('flash'); });
    document.querySelectorAll('.finding.active').forEach(function (e) { e.classList.remove('active'); });
  }
  function select(card, scrollCells) {
    clear();
    card.classList.add('active');
    var first = null;
    (card.dataset.cells || '').split(' ').forEach(function (id) {
      var td = id && document.getElementById(id);
      if (td) { td.classList.add('flash'); first = first || td; }
    });
    if (card.dataset.page && viewUrl && window.htmx) {
      htmx.ajax('GET', viewUrl + '?page=' + card.dataset.page + '&f=' + card.id.slice(1),
                {target: '#pageview', swap: 'outerHTML'});
      document.getElementById('pageview').scrollIntoView({block: 'start'});
    } else if (first && scrollCells) {
      first.scrollIntoView({block: 'center'});
    }
  }
  document.querySelectorAll('.finding').forEach(function (card) {
    card.addEventListener('click', function (ev) {
      if (ev.target.closest('form, button, input')) return;  // review controls
      var a = ev.target.closest('a[data-show]');
      if (a) ev.preventDefault();
      select(card, true);
    });
  });
  document.querySelectorAll('td[data-findings]').forEach(function (td) {
    td.addEventListener('click', function () {
      var card = document.getElementById(td.dataset.findings.split(' ')[0]);
      if (card) { select(card, false); card.scrollIntoView({block: 'center'}); }
    });
  });
})();
// Review decisions: the form posts JSON to the API; on success the card's review fragment is
// fetched again from the page route, on refusal the API's Chinese message is shown in place.
htmx.defineExtension('juesuan-json', {
  onEvent: function (name, evt) {
    if (name === 'htmx:configRequest') evt.detail.headers['Content-Type'] = 'application/json';
  },
  encodeParameters: function (xhr, parameters) {
    xhr.overrideMimeType('text/json');
    return JSON.stringify(Object.fromEntries(parameters));
  }
});
(function () {
  var KEY = 'juesuan.reviewer';
  function fill(root) {
    var name = localStorage.getItem(KEY) || '';
    root.querySelectorAll('form[data-fragment] input[name=reviewer]').forEach(function (i) { if (!i.value) i.value = name; });
  }
  function say(form, text) { var m = form.querySelector('.note'); if (m) m.textContent = text; }
  fill(document);
  document.body.addEventListener('htmx:confirm', function (ev) {
    var form = ev.target.closest && ev.target.closest('form[data-fragment]');
    if (!form) return;
    var submitter = ev.detail.triggeringEvent && ev.detail.triggeringEvent.submitter;
    if (submitter && submitter.value === 'dismissed' && !form.reason.value.trim()) {
      ev.preventDefault(); say(form, '驳回时请写明理由'); form.reason.focus();
    }
  });
  document.body.addEventListener('htmx:afterRequest', function (ev) {
    var form = ev.target.closest && ev.target.closest('form[data-fragment]');
    if (!form) return;
    var xhr = ev.detail.xhr;
    if (!ev.detail.successful) {
      var text = '未能保存（HTTP ' + xhr.status + '）';
      try { var b = JSON.parse(xhr.responseText); if (b.detail) text = typeof b.detail === 'string' ? b.detail : text; } catch (e) { /* keep */ }
      say(form, text); return;
    }
    localStorage.setItem(KEY, form.reviewer.value.trim());
    var state = JSON.parse(xhr.responseText).state;
    var card = document.getElementById('f' + form.dataset.finding);
    if (card) { card.classList.toggle('dismissed', state === 'dismissed'); card.dataset.state = state; }
    countStates();
    var box = form.parentElement;
    htmx.ajax('GET', form.dataset.fragment, {target: box, swap: 'innerHTML'}).then(function () { fill(box); });
  });
})();

// Show only the findings in one review state (全部 / 未复核 / 已确认 / 已驳回), with counts.
var shownState = '';
function countStates() {
  document.querySelectorAll('.state-filter button').forEach(function (b) {
    var sel = '.finding' + (b.dataset.state ? '[data-state="' + b.dataset.state + '"]' : '');
    b.querySelector('.n').textContent = document.querySelectorAll(sel).length;
  });
  document.querySelectorAll('.finding').forEach(function (c) {
    c.hidden = !!shownState && c.dataset.state !== shownState;
  });
}
document.querySelectorAll('.state-filter button').forEach(function (b) {
  b.addEventListener('click', function () {
    shownState = b.dataset.state;
    document.querySelectorAll('.state-filter button').forEach(function (x) { x.classList.toggle('on', x === b); });
    countStates();
  });
});
countStates();
