// Draw every <div class="chart" data-option='{…}'> with the vendored ECharts (SVG-free canvas).
(function () {
  function draw(root) {
    (root || document).querySelectorAll('.chart[data-option]').forEach(function (el) {
      if (el.dataset.drawn) return;
      var chart = echarts.init(el, null, {renderer: 'canvas'});
      chart.setOption(JSON.parse(el.dataset.option));
      el.dataset.drawn = '1';
      window.addEventListener('resize', function () { chart.resize(); });
      window.addEventListener('beforeprint', function () { chart.resize(); });
    });
  }
  draw();
  document.body.addEventListener('htmx:afterSwap', function (e) { draw(e.target); });
})();
