// Draws every <canvas data-chart="id"> from the JSON element with that id. Loaded as a file: the
// Content-Security-Policy allows no inline script. The table and summary beside each chart carry the same
// information, so the chart is never the only way to read the numbers.
(function () {
    'use strict';
    if (!window.Chart) {
        return;
    }
    var palette = ['#0059b3', '#b35900', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457'];
    var points = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot'];
    var format = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });
    var charts = [];

    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var source = document.getElementById(canvas.getAttribute('data-chart'));
        if (!source) {
            return;
        }
        var data = JSON.parse(source.textContent);
        var colour = 0;
        var datasets = data.series.map(function (series) {
            if (series.target) {
                return {
                    label: series.label, data: series.values, borderColor: '#1a1a1a', backgroundColor: '#1a1a1a',
                    borderDash: [6, 4], pointRadius: 0, borderWidth: 2, fill: false, type: 'line', spanGaps: true
                };
            }
            var c = palette[colour % palette.length];
            var p = points[colour % points.length];
            colour++;
            return {
                label: series.label, data: series.values, borderColor: c, backgroundColor: c,
                pointStyle: p, pointRadius: 4, borderWidth: 2, fill: false, spanGaps: false
            };
        });
        // A note on a period: a triangle on the figure's point (or the axis where the value is hidden), its text in the tooltip.
        var markers = data.markers || [];
        var markerText = {};
        if (markers.length > 0) {
            var first = data.series[0] ? data.series[0].values : [];
            var markerPoints = data.labels.map(function () { return null; });
            markers.forEach(function (m) {
                markerPoints[m.index] = first[m.index] === null || first[m.index] === undefined ? 0 : first[m.index];
                markerText[m.index] = m.text;
            });
            datasets.push({
                label: 'Bemærkning', data: markerPoints, type: 'line', showLine: false, pointStyle: 'triangle', pointRadius: 9, pointHoverRadius: 11,
                borderColor: '#1a1a1a', backgroundColor: '#ffd400', borderWidth: 2, spanGaps: false, isMarker: true
            });
        }
        charts.push(new window.Chart(canvas, {
            type: data.type,
            data: { labels: data.labels, datasets: datasets },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                locale: 'da-DK',
                plugins: {
                    legend: { labels: { usePointStyle: true } },
                    tooltip: {
                        callbacks: {
                            label: function (ctx) {
                                if (ctx.dataset.isMarker) {
                                    return 'Bemærkning: ' + (markerText[ctx.dataIndex] || '');
                                }
                                return ctx.dataset.label + ': ' + (ctx.parsed.y === null ? 'skjult eller mangler' : format.format(ctx.parsed.y) + ' ' + data.unit);
                            }
                        }
                    }
                },
                scales: { y: { beginAtZero: true, title: { display: true, text: data.unit } } }
            }
        }));
    });

    // Paper is narrower than the screen: redraw every chart for print, and back afterwards.
    function resizeAll() {
        charts.forEach(function (chart) { chart.resize(); });
    }
    window.addEventListener('beforeprint', resizeAll);
    window.addEventListener('afterprint', resizeAll);
    if (window.matchMedia) {
        window.matchMedia('print').addEventListener('change', resizeAll);
    }
})();
