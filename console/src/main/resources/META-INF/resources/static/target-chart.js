// Target page chart: actual series, expected trajectory, target line, forecast band at the deadline
// and revised figures marked, from the JSON the page embeds (#chart-data).
(function () {
  'use strict';
  var el = document.getElementById('target-chart');
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var periods = data.points.map(function (p) { return p.period; });
  var last = periods.length ? periods[periods.length - 1] : null;
  if (data.deadline && periods.indexOf(data.deadline) < 0) { periods.push(data.deadline); }
  function at(values) { return periods.map(function (period) { return values.hasOwnProperty(period) ? values[period] : null; }); }
  var actual = {}, expected = {};
  data.points.forEach(function (p) { actual[p.period] = p.actual; expected[p.period] = p.expected; });
  if (data.deadline && data.target !== null && data.target !== undefined && !expected.hasOwnProperty(data.deadline)) {
    expected[data.deadline] = data.target;
  }
  var revised = data.points.filter(function (p) { return p.revised; }).map(function (p) {
    return { name: '修订 revised', coord: [p.period, p.actual], value: 'r' + (p.revision || ''), symbol: 'diamond', symbolSize: 14 };
  });
  var series = [
    { name: '实际 actual', type: 'line', data: at(actual), connectNulls: true, symbolSize: 7,
      markPoint: { data: revised, itemStyle: { color: '#b7791f' }, label: { show: false } } },
    { name: '序时进度 expected', type: 'line', data: at(expected), connectNulls: true, lineStyle: { type: 'dashed' } }
  ];
  if (data.target !== null && data.target !== undefined) {
    series[0].markLine = { symbol: 'none', lineStyle: { color: '#c53030' }, label: { formatter: '目标 target {c}' },
      data: [{ yAxis: data.target }] };
  }
  if (data.forecast && last) {
    var lower = {}, width = {}, projected = {};
    lower[last] = actual[last]; width[last] = 0; projected[last] = actual[last];
    lower[data.deadline] = data.forecast.lower; width[data.deadline] = data.forecast.upper - data.forecast.lower;
    projected[data.deadline] = data.forecast.projected;
    series.push({ name: 'band-base', type: 'line', data: at(lower), stack: 'band', connectNulls: true, symbol: 'none',
      lineStyle: { opacity: 0 }, tooltip: { show: false } });
    series.push({ name: '预测区间 forecast (80%)', type: 'line', data: at(width), stack: 'band', connectNulls: true, symbol: 'none',
      lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(11, 92, 173, 0.18)' } });
    series.push({ name: '预测 forecast', type: 'line', data: at(projected), connectNulls: true, lineStyle: { type: 'dotted' } });
  }
  var chart = echarts.init(el);
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: series.filter(function (s) { return s.name !== 'band-base'; }).map(function (s) { return s.name; }) },
    grid: { left: 60, right: 30, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', name: data.unit, scale: true,
      min: function (v) { return data.target !== null && data.target < v.min ? data.target : v.min; },
      max: function (v) { return data.target !== null && data.target > v.max ? data.target : v.max; } },
    series: series
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
