// The Monitoring view: the API's last hour as charts, and each model version's live accuracy, review share,
// answers per class, confidence against the test set (with a drift warning) and confusion matrix. It refreshes
// itself while it is shown.

import { monitoring } from "./api.js";
import { showError } from "./errors.js";
import { lineChart, barChart } from "./charts.js";

const REFRESH_MS = 5000;
const windowSelect = document.getElementById("monitoring-window");
const summary = document.getElementById("monitoring-summary");
const modelsTable = document.getElementById("monitoring-models");
const details = document.getElementById("monitoring-details");
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
let timer = null;

export function showMonitoring() {
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, REFRESH_MS);
}

export function stopMonitoring() {
  clearInterval(timer);
  timer = null;
}

windowSelect.addEventListener("change", refresh);

async function refresh() {
  let data;
  try {
    data = await monitoring(windowSelect.value);
  } catch (error) {
    stopMonitoring();
    showError(error);
    return;
  }
  showService(data);
  showModels(data.models);
}

const share = (value) => (value === null || value === undefined ? "–" : percent.format(value));

function uptime(seconds) {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return days ? `${days} d ${hours} h` : hours ? `${hours} h ${minutes} min` : `${minutes} min ${Math.floor(seconds % 60)} s`;
}

function showService(data) {
  const hour = data.last_hour;
  const requests = hour.reduce((sum, m) => sum + m.requests, 0);
  const errors = hour.reduce((sum, m) => sum + m.client_errors + m.server_errors, 0);
  summary.textContent = `Up ${uptime(data.uptime_seconds)} · ${requests} API requests and ${errors} errors in the last hour · ` +
    `answers kept in ${data.feedback_store} · updated ${clock.format(new Date(data.generated))}`;
  const labels = hour.map((m) => clock.format(new Date(m.minute)));
  lineChart(document.getElementById("chart-requests"), labels, [hour.map((m) => m.requests)], ["requests"]);
  lineChart(document.getElementById("chart-latency"), labels,
    [hour.map((m) => m.p50_ms), hour.map((m) => m.p95_ms), hour.map((m) => m.p99_ms)], ["p50", "p95", "p99"]);
  lineChart(document.getElementById("chart-errors"), labels,
    [hour.map((m) => m.client_errors), hour.map((m) => m.server_errors)], ["4xx", "5xx"]);
}

function cell(row, text, testId) {
  const td = row.insertCell();
  td.textContent = text;
  if (testId) td.dataset.testid = testId;
  return td;
}

function showModels(models) {
  modelsTable.replaceChildren();
  const head = modelsTable.createTHead().insertRow();
  for (const title of ["model version", "answers", "review share", "with feedback", "accuracy", "unflagged accuracy", "numbers read right", "confidence"]) {
    head.appendChild(document.createElement("th")).textContent = title;
  }
  const body = modelsTable.createTBody();
  for (const m of models) {
    const row = body.insertRow();
    row.dataset.model = m.model;
    cell(row, m.model);
    cell(row, m.predictions, "answers");
    cell(row, share(m.flagged_share), "review-share");
    cell(row, m.labelled, "labelled");
    cell(row, share(m.accuracy), "accuracy");
    cell(row, share(m.unflagged_accuracy), "unflagged-accuracy");
    cell(row, m.numbers.reads ? `${share(m.numbers.accuracy)} of ${m.numbers.labelled} labelled` : "–");
    const drift = cell(row, m.confidence.drift ? "drift" : m.confidence.test ? "as on the test set" : "no test figures", "drift");
    drift.classList.toggle("drift", m.confidence.drift);
  }
  if (models.length === 0) {
    cell(body.insertRow(), "No answers in this window yet.").colSpan = 8;
  }
  details.replaceChildren(...models.map(modelDetails));
}

function modelDetails(m) {
  const section = document.createElement("section");
  section.className = "model-details";
  section.innerHTML = `<h3></h3><p class="hint drift-warning" hidden></p><div class="chart-row">` +
    `<figure class="card chart"><figcaption>Answers per class</figcaption><div class="per-class"></div></figure>` +
    `<figure class="card chart"><figcaption>Confidence of answers, live and on the test set (share per bin)</figcaption><div class="confidence"></div></figure>` +
    `</div><div class="table-wrap"><table class="confusion"></table></div>`;
  section.querySelector("h3").textContent = m.model;
  barChart(section.querySelector(".per-class"), [...m.predictions_per_class.keys()], [m.predictions_per_class], ["answers"]);
  const edges = m.confidence.bin_upper_edges.map((e) => e.toFixed(2));
  const shares = (counts) => { const total = counts.reduce((a, b) => a + b, 0) || 1; return counts.map((c) => c / total); };
  const confidence = [shares(m.confidence.live)];
  if (m.confidence.test) confidence.push(shares(m.confidence.test));
  barChart(section.querySelector(".confidence"), edges, confidence, m.confidence.test ? ["live", "test set"] : ["live"]);
  if (m.confidence.drift) {
    const warning = section.querySelector(".drift-warning");
    warning.hidden = false;
    warning.classList.add("drift");
    warning.textContent = `Drift: live answers are far less (or more) confident than on the test set (stability index ` +
      `${m.confidence.stability_index.toFixed(2)}, over 0.25). The inputs have changed; check what users send.`;
  }
  const table = section.querySelector("table");
  if (m.confusion_matrix) confusion(table, m);
  else table.createCaption().textContent = "No feedback on digit answers yet: the confusion matrix and per-class figures need it.";
  return section;
}

function confusion(table, m) {
  table.createCaption().textContent = "Rows: the digit it was (from feedback). Columns: the answer. Then precision, recall and F1 per class.";
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement("th")).textContent = "was \\ answered";
  for (let d = 0; d < 10; d++) head.appendChild(document.createElement("th")).textContent = d;
  for (const title of ["precision", "recall", "F1"]) head.appendChild(document.createElement("th")).textContent = title;
  const body = table.createTBody();
  m.confusion_matrix.forEach((counts, actual) => {
    const row = body.insertRow();
    row.appendChild(document.createElement("th")).textContent = actual;
    counts.forEach((count, answered) => {
      const td = cell(row, count || "", `confusion-${actual}-${answered}`);
      if (count) td.className = actual === answered ? "hit" : "miss";
    });
    const c = m.per_class[actual];
    for (const value of [c.precision, c.recall, c.f1]) cell(row, c.support || m.predictions_per_class[actual] ? value.toFixed(2) : "–");
  });
}
