// The pages' one stylesheet, served by cifras itself (no CDN, no web font: the reader's system
// font). Phone first: one column at 390 px, nothing wider than the screen — long names and links
// wrap, the side-by-side table becomes one card per source below 40rem and scrolls inside its own
// box above that. Colours keep a contrast of at least 4.5:1 against their background.
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",sans-serif;
  font-size:1rem;line-height:1.5;color:#1b1f24;background:#fbfbfa;overflow-wrap:anywhere}
a{color:#0b4fa8}
a:focus-visible{outline:3px solid #e0a100;outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header.site,footer.site{background:#14213d;color:#fff}
header.site .bar,footer.site .bar,main{max-width:64rem;margin:0 auto;padding:0 1rem}
header.site .bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.75rem;padding-bottom:.75rem}
header.site a,footer.site a{color:#fff}
header.site .brand{font-weight:700;font-size:1.25rem;text-decoration:none}
footer.site{margin-top:3rem;font-size:.875rem}
footer.site .bar{padding-top:1rem;padding-bottom:1rem}
footer.site p{margin:.25rem 0}
h1{font-size:1.6rem;line-height:1.25;margin:1.5rem 0 .5rem}
h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
.lede{color:#3d4550;margin:.25rem 0 1rem}
.indicator{border-top:1px solid #d5d8dc;padding-top:.5rem;margin-top:1.5rem}
.indicator h2{margin-top:.5rem}
.table-box{max-width:100%;overflow-x:auto}
table.latest{border-collapse:collapse;width:100%;margin:.5rem 0}
table.latest caption{text-align:left;font-weight:600;padding:.25rem 0}
table.latest th,table.latest td{text-align:left;vertical-align:top;padding:.5rem .6rem;border-bottom:1px solid #d5d8dc}
table.latest thead th{font-size:.875rem;color:#3d4550;border-bottom:2px solid #aab0b7}
.value{font-size:1.35rem;font-weight:700;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;font-size:.75rem;font-weight:600;line-height:1.2;padding:.15rem .4rem;border-radius:.25rem;margin-left:.35rem;vertical-align:middle}
.badge.stale{background:#fff1cc;color:#5c3d00;border:1px solid #b38600}
.badge.corrected{background:#e1ecff;color:#0a3a80;border:1px solid #6d95d6}
.badge.retracted{background:#fde2e1;color:#7a1410;border:1px solid #c9625c}
.spread{background:#eef1f4;border-left:4px solid #14213d;padding:.5rem .75rem;margin:.5rem 0}
.empty{color:#3d4550;font-style:italic}
.more{margin:.5rem 0 0}
figure.chart{margin:1rem 0;max-width:44rem}
figure.chart svg,figure.chart img{display:block;width:100%;height:auto;max-width:100%}
figure.chart.history{max-width:none}
figure.chart.sparkline{margin:.5rem 0}
figure.chart.sparkline svg{width:160px;height:40px}
figure.chart figcaption{font-size:.875rem;color:#3d4550}
ol.history{list-style:none;padding:0;margin:0}
ol.history>li{border:1px solid #d5d8dc;border-radius:.4rem;background:#fff;padding:.75rem;margin:.75rem 0}
ol.history>li.is-retracted{background:#fff8f7}
ol.history>li.is-retracted .value{text-decoration:line-through}
ol.revisions{margin:.5rem 0 0;padding-left:1.25rem;font-size:.925rem}
ol.revisions li{margin:.25rem 0}
.meta{color:#3d4550;font-size:.925rem}
dl.facts{display:grid;grid-template-columns:minmax(0,1fr);gap:.1rem .75rem;margin:1rem 0}
dl.facts dt{font-weight:600;margin-top:.5rem}
dl.facts dd{margin:0}
ul.links{padding-left:1.25rem}
ul.links li{margin:.3rem 0}
nav.pager{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
@media (min-width:40rem){
  dl.facts{grid-template-columns:max-content minmax(0,1fr)}
  dl.facts dt{margin-top:0}
}
@media (max-width:39.99rem){
  table.latest thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
  table.latest,table.latest caption,table.latest tbody,table.latest tr,table.latest th,table.latest td{display:block;width:100%}
  table.latest tr{border:1px solid #d5d8dc;border-radius:.4rem;background:#fff;margin:.75rem 0;padding:.25rem .5rem}
  table.latest th,table.latest td{border:0;padding:.2rem 0}
  table.latest td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#3d4550;font-size:.875rem}
}
`;
