// The home blood-pressure chart: morning and evening systolic/diastolic over time, with the JSH lines.
(function () {
  'use strict';
  function draw() {
    const canvas = document.getElementById('bp-chart');
    if (!canvas || !window.Chart || window.Chart.getChart(canvas)) { return; }
    const data = JSON.parse(canvas.dataset.chart);
    const ja = document.documentElement.lang !== 'en';
    const label = (ja
      ? { MORNING: '朝', EVENING: '夜', sys: '収縮期', dia: '拡張期', hyp: '家庭高血圧', target: '降圧目標', failed: '測定失敗' }
      : { MORNING: 'Morning', EVENING: 'Evening', sys: 'systolic', dia: 'diastolic', hyp: 'home hypertension', target: 'target', failed: 'failed' });
    const measured = data.readings.filter(r => !r.failed);
    const series = (occasion, key) => measured.filter(r => r.occasion === occasion).map(r => ({ x: r.t, y: r[key], reading: r }));
    // Flagged readings are drawn as triangles, readings on the reception clock hollow.
    const pointStyle = ctx => {
      const r = ctx.raw && ctx.raw.reading;
      return r && (r.irregularPulse || r.bodyMovement) ? 'triangle' : 'circle';
    };
    const hollow = colour => ctx => (ctx.raw && ctx.raw.reading && ctx.raw.reading.receptionClock) ? '#fff' : colour;
    const dataset = (occasion, key, colour, dash) => ({
      label: label[occasion] + ' ' + label[key === 'systolic' ? 'sys' : 'dia'],
      data: series(occasion, key), borderColor: colour, backgroundColor: hollow(colour), borderDash: dash,
      pointStyle: pointStyle, pointRadius: 4, borderWidth: 2, tension: 0
    });
    const line = (value, colour, text) => ({ type: 'line', yMin: value, yMax: value, borderColor: colour, borderWidth: 2,
      borderDash: [6, 4], label: { display: true, content: text + ' ' + value, position: 'start',
        backgroundColor: 'rgba(255,255,255,.85)', color: colour, font: { size: 13 } } });
    const failedMarks = data.readings.filter(r => r.failed).map(r => ({ type: 'line', xMin: r.t, xMax: r.t,
      borderColor: '#a30000', borderWidth: 1, borderDash: [2, 3] }));
    const day = new Intl.DateTimeFormat(ja ? 'ja-JP' : 'en-GB', { month: 'numeric', day: 'numeric', timeZone: 'Asia/Tokyo' });
    const when = new Intl.DateTimeFormat(ja ? 'ja-JP' : 'en-GB', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' });
    new window.Chart(canvas, {
      type: 'line',
      data: { datasets: [
        dataset('MORNING', 'systolic', '#b3001b', []), dataset('MORNING', 'diastolic', '#b3001b', [4, 3]),
        dataset('EVENING', 'systolic', '#0b4f9c', []), dataset('EVENING', 'diastolic', '#0b4f9c', [4, 3])
      ] },
      options: {
        animation: false, maintainAspectRatio: false, parsing: false,
        scales: {
          x: { type: 'linear', ticks: { callback: v => day.format(new Date(v)), font: { size: 14 } } },
          y: { suggestedMin: 50, suggestedMax: 180, title: { display: true, text: 'mmHg' }, ticks: { font: { size: 14 } } }
        },
        plugins: {
          legend: { labels: { font: { size: 15 } } },
          tooltip: { callbacks: { title: items => when.format(new Date(items[0].raw.x)) } },
          annotation: { annotations: [
            line(data.hypertension.systolic, '#a30000', label.hyp), line(data.hypertension.diastolic, '#a30000', label.hyp),
            line(data.target.systolic, '#0a6b2f', label.target), line(data.target.diastolic, '#0a6b2f', label.target)
          ].concat(failedMarks) }
        }
      }
    });
  }
  draw();
  // A new span arrives in place (htmx): draw its chart.
  document.body.addEventListener('htmx:afterSettle', draw);
}());
