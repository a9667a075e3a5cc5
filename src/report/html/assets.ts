// The report's stylesheet and script, inlined into report.html. Neither holds any data: the page's data is in its
// (escaped) markup, so nothing untrusted ever reaches a script.

export const CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--info:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--soft:#151b23;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--info:#4493f8}}
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.meta{color:var(--muted);margin:4px 0 12px}.meta code{color:var(--fg)}
.verdict{font-size:16px;font-weight:600;margin:8px 0}.verdict.ok{color:var(--ok)}.verdict.bad{color:var(--bad)}
.note{border-left:4px solid var(--warn);background:var(--soft);padding:8px 12px;margin:10px 0}
.chips{display:flex;gap:8px;flex-wrap:wrap;margin:8px 0}
.chip{border:1px solid var(--line);border-radius:999px;padding:2px 10px;background:var(--soft);cursor:pointer;font:inherit;color:inherit}
.chip b{margin-right:4px}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:8px 0}
.filters label{color:var(--muted)}select,input{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);white-space:nowrap}th[data-sort]{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right}tr.run{cursor:pointer}tr.run:hover{background:var(--soft)}tr.run.open{background:var(--soft)}
.status{font-weight:600;white-space:nowrap}.dot{display:inline-block;width:.62em;height:.62em;border-radius:50%;background:currentColor;margin-right:.4em;vertical-align:.05em}
.chip.s-passed .dot{color:var(--ok)}.chip.s-failed .dot,.chip.s-egress .dot,.chip.s-error .dot,.chip.s-timeout .dot{color:var(--bad)}.chip.s-cancelled .dot{color:var(--warn)}.s-passed{color:var(--ok)}.s-failed,.s-egress,.s-error,.s-timeout{color:var(--bad)}.s-cancelled{color:var(--warn)}
tr.details>td{background:var(--soft);padding:10px 16px}
.grid{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin-bottom:8px}.grid dt{color:var(--muted)}.grid dd{margin:0}
pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px;max-height:280px;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0 10px}
ul{margin:4px 0 10px;padding-left:20px}
svg{max-width:100%;height:auto;font:12px ui-monospace,Menlo,Consolas,monospace}
svg .edge path{fill:none;opacity:.55}svg .edge text{font-size:11px;text-anchor:middle}
svg .allowed path{stroke:var(--ok)}svg .denied path{stroke:var(--bad)}svg .audited path{stroke:var(--warn)}
svg .allowed text{fill:var(--ok)}svg .denied text{fill:var(--bad)}svg .audited text{fill:var(--warn)}
svg .node rect{fill:var(--info)}svg .node text{fill:var(--fg)}svg .edge:hover path{opacity:1}
.legend span{margin-right:14px}.legend .allowed{color:var(--ok)}.legend .denied{color:var(--bad)}.legend .audited{color:var(--warn)}
button.copy{font:inherit;padding:4px 12px;border:1px solid var(--line);border-radius:6px;background:var(--soft);color:var(--fg);cursor:pointer}
footer{margin-top:32px;color:var(--muted);font-size:12px}
`;

export const JS = `(function () {
  'use strict';
  var body = document.querySelector('#runs tbody');
  if (!body) return;
  var rows = Array.prototype.slice.call(body.querySelectorAll('tr.run'));
  var detailOf = function (row) { return document.getElementById('d-' + row.getAttribute('data-i')); };
  var status = document.getElementById('f-status');
  var text = document.getElementById('f-text');
  var axes = Array.prototype.slice.call(document.querySelectorAll('select[data-axis]'));
  var shown = document.getElementById('shown');
  function apply() {
    var q = text.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (row) {
      var ok = (status.value === '' || row.getAttribute('data-status') === status.value) &&
        axes.every(function (s) { return s.value === '' || row.getAttribute('data-m' + s.getAttribute('data-axis')) === s.value; }) &&
        (q === '' || row.textContent.toLowerCase().indexOf(q) !== -1);
      row.hidden = !ok;
      detailOf(row).hidden = !ok || !row.classList.contains('open');
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' runs';
  }
  [status, text].concat(axes).forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  Array.prototype.forEach.call(document.querySelectorAll('button[data-status]'), function (chip) {
    chip.addEventListener('click', function () { status.value = chip.getAttribute('data-status'); apply(); });
  });
  body.addEventListener('click', function (ev) {
    var row = ev.target.closest ? ev.target.closest('tr.run') : null;
    if (!row || (ev.target.closest && ev.target.closest('a'))) return;
    row.classList.toggle('open');
    row.setAttribute('aria-expanded', row.classList.contains('open') ? 'true' : 'false');
    detailOf(row).hidden = !row.classList.contains('open');
  });
  Array.prototype.forEach.call(document.querySelectorAll('#runs th[data-sort]'), function (th) {
    th.addEventListener('click', function () {
      var col = Number(th.getAttribute('data-sort'));
      var numeric = th.classList.contains('num');
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(document.querySelectorAll('#runs th[data-sort]'), function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var key = function (row) {
        var cell = row.cells[col];
        var v = cell.getAttribute('data-v');
        return numeric ? Number(v === null ? cell.textContent : v) : (v === null ? cell.textContent : v);
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? x - y : String(x).localeCompare(String(y));
        return c * dir || Number(a.getAttribute('data-i')) - Number(b.getAttribute('data-i'));
      });
      rows.forEach(function (row) { body.appendChild(row); body.appendChild(detailOf(row)); });
    });
  });
  var copy = document.getElementById('copy-policy');
  if (copy) copy.addEventListener('click', function () {
    var pre = document.getElementById('policy');
    var done = function (label) { copy.textContent = label; setTimeout(function () { copy.textContent = 'Copy'; }, 2000); };
    var select = function () {
      var range = document.createRange(); range.selectNodeContents(pre);
      var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      var ok = false; try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      done(ok ? 'Copied' : 'Selected: press Ctrl+C');
    };
    if (navigator.clipboard && navigator.clipboard.writeText)
      navigator.clipboard.writeText(pre.textContent).then(function () { done('Copied'); }, select);
    else select();
  });
  apply();
})();
`;
