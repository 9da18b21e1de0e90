// The 8x8 view: paint intensities 0..16 into an 8x8 grid; each change asks /predict/features.

import { predictFeatures, listModels } from "./api.js";
import { showError, hideError } from "./errors.js";
import { LiveRequests } from "./live.js";

const grid = document.getElementById("grid8");
const intensity = document.getElementById("intensity");
const values = new Array(64).fill(0);
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });
let painting = false;

for (let i = 0; i < 64; i++) {
  const cell = document.createElement("button");
  cell.type = "button";
  cell.dataset.index = i;
  cell.dataset.testid = `cell-${i}`;
  cell.setAttribute("aria-label", `row ${Math.floor(i / 8) + 1}, column ${(i % 8) + 1}: 0`);
  grid.append(cell);
}

function paint(cell) {
  const i = Number(cell.dataset.index);
  const value = Number(intensity.value);
  if (values[i] === value) return;
  values[i] = value;
  const level = Math.round((value / 16) * 255);
  cell.style.background = `rgb(${level} ${level} ${level})`;
  cell.setAttribute("aria-label", `row ${Math.floor(i / 8) + 1}, column ${(i % 8) + 1}: ${value}`);
  live.changed();
}

const live = new LiveRequests(
  () => values.some((v) => v > 0) ? predictFeatures(values) : null,
  (result) => {
    hideError();
    const digit = document.getElementById("grid-prediction");
    digit.textContent = result.prediction;
    digit.classList.remove("empty");
    document.getElementById("grid-confidence").textContent = percent.format(result.confidence);
  },
  showError);

grid.addEventListener("pointerdown", (e) => {
  const cell = e.target.closest("button");
  if (!cell) return;
  e.preventDefault();
  painting = true;
  paint(cell);
});
grid.addEventListener("pointermove", (e) => {
  if (!painting) return;
  const cell = document.elementFromPoint(e.clientX, e.clientY)?.closest("#grid8 button");
  if (cell) paint(cell);
});
window.addEventListener("pointerup", () => { if (painting) { painting = false; live.settled(); } });
grid.addEventListener("keydown", (e) => {
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    paint(e.target);
    live.settled();
  }
});
intensity.addEventListener("input", () => { document.getElementById("intensity-value").textContent = intensity.value; });
document.getElementById("grid-clear").addEventListener("click", () => {
  values.fill(0);
  for (const cell of grid.children) cell.style.background = "";
  live.reset();
  document.getElementById("grid-prediction").textContent = "–";
  document.getElementById("grid-prediction").classList.add("empty");
  document.getElementById("grid-confidence").textContent = "–";
});

export async function describeGridModel() {
  try {
    const model = (await listModels()).find((m) => m.default && m.versions[0].spec.input.shape.length === 1);
    document.getElementById("grid-model").textContent = model
      ? `${model.name} @ ${model.latest}: ${(model.versions[0].metrics.test.accuracy * 100).toFixed(2)} % on its test set.`
      : "No 8x8 digit model yet: ./digits up trains one.";
  } catch (error) {
    showError(error);
  }
}
