import { createHash } from 'node:crypto';

/** The report's stylesheet: inline, no web fonts, readable in print and without JavaScript. */
export const STYLES = `
:root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--accent:#0969da;--high:#cf222e;--medium:#bc4c00;--low:#9a6700;--info:#6e7781;--ok:#1a7f37}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 28px;border-bottom:1px solid var(--line);background:var(--card)}h1{margin:0 0 4px;font-size:22px}h2{font-size:17px;margin:28px 0 10px}
main{padding:0 28px 40px;max-width:1400px}.meta{color:var(--muted)}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin-top:16px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:var(--bg)}.card h3{margin:0;font-size:13px;color:var(--muted);font-weight:600}
.card .score{font-size:30px;font-weight:700}.card .grade{font-size:14px;margin-left:6px;color:var(--muted)}.card p{margin:4px 0 0;color:var(--muted);font-size:12px}
.grade-A .score{color:var(--ok)}.grade-B .score{color:#4d8c1f}.grade-C .score{color:var(--low)}.grade-D .score,.grade-F .score{color:var(--high)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.chart figcaption{font-weight:600;margin-bottom:6px}.chart svg text{font-size:11px;fill:var(--fg)}.chart svg text.value{fill:var(--muted)}.chart .centre{font-size:20px;font-weight:700}
.donut{display:flex;flex-wrap:wrap;align-items:center;gap:16px}.donut figcaption{width:100%}.legend{list-style:none;padding:0;margin:0}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.empty,.more{color:var(--muted);margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--card);position:sticky;top:0}th[data-sort]{cursor:pointer;user-select:none}th[data-sort]::after{content:" ↕";color:var(--muted)}th.asc::after{content:" ↑"}th.desc::after{content:" ↓"}
td pre{margin:2px 0 0;white-space:pre-wrap;word-break:break-all;font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--muted)}
.sev{font-weight:700;text-transform:uppercase;font-size:11px}.sev-high{color:var(--high)}.sev-medium{color:var(--medium)}.sev-low{color:var(--low)}.sev-info{color:var(--info)}
.filters{display:none;gap:8px;margin:8px 0;flex-wrap:wrap}.js .filters{display:flex}.filters input,.filters select{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px}
.count{color:var(--muted);margin-left:auto}.table-wrap{max-height:640px;overflow:auto;border:1px solid var(--line);border-radius:8px}
.gantt svg{max-width:100%;height:auto}footer{color:var(--muted);padding:20px 28px;border-top:1px solid var(--line)}
`;

/** Sorting and filtering for the findings and SBOM tables; the page is complete without it. */
export const SCRIPT = `
document.documentElement.classList.add('js');
function sortable(table){
  var heads=table.querySelectorAll('th[data-sort]');
  heads.forEach(function(th,i){th.addEventListener('click',function(){
    var idx=Array.prototype.indexOf.call(th.parentNode.children,th);var asc=!th.classList.contains('asc');
    heads.forEach(function(h){h.classList.remove('asc','desc')});th.classList.add(asc?'asc':'desc');
    var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
    var numeric=th.getAttribute('data-sort')==='number';
    rows.sort(function(a,b){var x=a.cells[idx].getAttribute('data-key')||a.cells[idx].textContent;var y=b.cells[idx].getAttribute('data-key')||b.cells[idx].textContent;
      var c=numeric?(parseFloat(x)-parseFloat(y)):x.localeCompare(y,undefined,{numeric:true});return asc?c:-c});
    rows.forEach(function(r){body.appendChild(r)});
  })});
}
function filterable(table){
  var box=document.querySelector('[data-filter-for="'+table.id+'"]');if(!box)return;
  var text=box.querySelector('input');var selects=box.querySelectorAll('select');var count=box.querySelector('.count');
  function apply(){var q=text.value.toLowerCase();var shown=0;
    Array.prototype.forEach.call(table.tBodies[0].rows,function(r){
      var ok=!q||r.textContent.toLowerCase().indexOf(q)>=0;
      selects.forEach(function(s){if(s.value&&r.getAttribute('data-'+s.name)!==s.value)ok=false});
      r.hidden=!ok;if(ok)shown++});
    if(count)count.textContent=shown+' shown';}
  text.addEventListener('input',apply);selects.forEach(function(s){s.addEventListener('change',apply)});apply();
}
document.querySelectorAll('table.sortable').forEach(function(t){sortable(t);filterable(t)});
`;

/** The script's SHA-256, base64: the Content-Security-Policy allows this one inline script and no other. */
export const SCRIPT_HASH = createHash('sha256').update(SCRIPT, 'utf8').digest('base64');
