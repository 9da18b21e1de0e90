// Small SVG charts for the monitoring view: lines over time and grouped bars, each series in its own colour.

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 36, right: 8, top: 8, bottom: 18 };
const plotWidth = WIDTH - PAD.left - PAD.right;
const plotHeight = HEIGHT - PAD.top - PAD.bottom;
const number = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

function frame(max) {
  return `<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${HEIGHT - PAD.bottom}"/>` +
    `<line class="axis" x1="${PAD.left}" y1="${HEIGHT - PAD.bottom}" x2="${WIDTH - PAD.right}" y2="${HEIGHT - PAD.bottom}"/>` +
    `<text x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end">${number.format(max)}</text>` +
    `<text x="${PAD.left - 4}" y="${HEIGHT - PAD.bottom}" text-anchor="end">0</text>`;
}

function legend(names) {
  return names.length < 2 ? "" :
    `<div class="legend">${names.map((n, i) => `<span><i class="series-${i}"></i>${n}</span>`).join("")}</div>`;
}

const top = (series) => Math.max(0, ...series.flat().filter((v) => v !== null && v !== undefined));

/** One line per series over the labels; a null value leaves a gap. */
export function lineChart(host, labels, series, names = []) {
  const max = top(series) || 1;
  const x = (i) => PAD.left + (i * plotWidth) / Math.max(1, labels.length - 1);
  const y = (v) => PAD.top + plotHeight - (v / max) * plotHeight;
  const lines = series.map((values, s) => {
    let path = "";
    let drawing = false;
    values.forEach((v, i) => {
      if (v === null || v === undefined) { drawing = false; return; }
      path += `${drawing ? "L" : "M"}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
      drawing = true;
    });
    const dots = values.map((v, i) => v === null || v === undefined ? "" : `<circle r="1.6" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}"/>`).join("");
    return `<g class="series-${s}"><path d="${path}" fill="none" stroke-width="1.5"/>${dots}</g>`;
  }).join("");
  host.innerHTML = `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${names.join(", ") || "chart"}">` +
    `${frame(max)}<text x="${PAD.left}" y="${HEIGHT - 4}">${labels[0] ?? ""}</text>` +
    `<text x="${WIDTH - PAD.right}" y="${HEIGHT - 4}" text-anchor="end">${labels.at(-1) ?? ""}</text>${lines}</svg>${legend(names)}`;
}

/** Side-by-side bars per category, one per series. */
export function barChart(host, categories, series, names = []) {
  const max = top(series) || 1;
  const slot = plotWidth / Math.max(1, categories.length);
  const bar = (slot * 0.8) / series.length;
  const bars = series.map((values, s) => `<g class="series-${s}">${values.map((v, i) => {
    const height = ((v ?? 0) / max) * plotHeight;
    return `<rect x="${(PAD.left + i * slot + slot * 0.1 + s * bar).toFixed(1)}" y="${(PAD.top + plotHeight - height).toFixed(1)}" ` +
      `width="${bar.toFixed(1)}" height="${height.toFixed(1)}"><title>${categories[i]}: ${number.format(v ?? 0)}</title></rect>`;
  }).join("")}</g>`).join("");
  const ticks = categories.map((c, i) => categories.length <= 12 || i % 3 === 0
    ? `<text x="${(PAD.left + i * slot + slot / 2).toFixed(1)}" y="${HEIGHT - 4}" text-anchor="middle">${c}</text>` : "").join("");
  host.innerHTML = `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${names.join(", ") || "chart"}">` +
    `${frame(max)}${bars}${ticks}</svg>${legend(names)}`;
}
