// The charts' front door: the history chart (SVG, and PNG through createChartRenderer) and the
// sparkline of the overview page. Pure: domain data in, image out.
export { createChartRenderer, dejaVuSans, type ChartFonts, type ChartRenderer } from './chart-renderer.js';
export { renderChartSvg, type ChartInput } from './render-chart.js';
export { renderSparklineSvg, type SparklineInput } from './render-sparkline.js';
