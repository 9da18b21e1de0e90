// Shows a prediction: the digit, its confidence, a bar per class, the 28x28 image the model saw, and the
// Right / Wrong control that sends feedback on it.

import { sendFeedback } from "./api.js";
import { showError } from "./errors.js";

const digit = document.getElementById("prediction");
const confidence = document.getElementById("confidence");
const review = document.getElementById("review");
const timing = document.getElementById("timing");
const bars = document.getElementById("bars");
const seen = document.getElementById("seen").getContext("2d");
const seenFigure = document.getElementById("seen-figure");
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });
const feedback = document.getElementById("feedback");
const feedbackStatus = document.getElementById("feedback-status");
const feedbackDigits = document.getElementById("feedback-digits");
let shown = null;

for (let d = 0; d < 10; d++) {
  feedbackDigits.insertAdjacentHTML("beforeend", `<button type="button" data-digit="${d}" data-testid="feedback-digit-${d}">${d}</button>`);
}
document.getElementById("feedback-right").addEventListener("click", () => tell(shown.prediction));
feedbackDigits.addEventListener("click", (e) => {
  const digit = e.target.closest("button")?.dataset.digit;
  if (digit !== undefined) tell(Number(digit));
});

async function tell(label) {
  const answer = shown;
  try {
    await sendFeedback(answer.id, label);
    if (answer === shown) feedbackStatus.textContent = label === answer.prediction ? "Thanks: confirmed." : `Thanks: recorded as ${label}.`;
  } catch (error) {
    showError(error);
  }
}

for (let d = 0; d < 10; d++) {
  bars.insertAdjacentHTML("beforeend",
    `<li data-testid="prob-${d}"><span class="label">${d}</span>` +
    `<span class="track"><span class="fill"></span></span><span class="value">–</span></li>`);
}

export function showResult(result) {
  shown = result;
  feedback.hidden = !result.id;
  feedbackStatus.textContent = "";
  for (const button of feedbackDigits.children) button.hidden = Number(button.dataset.digit) === result.prediction;
  digit.textContent = result.prediction;
  digit.classList.remove("pending", "empty");
  confidence.textContent = percent.format(result.confidence);
  review.hidden = !result.needs_review;
  timing.textContent = `${result.model} · ${result.prediction_time_ms.toFixed(2)} ms`;
  result.probabilities.forEach((p, d) => {
    const item = bars.children[d];
    item.classList.toggle("winner", d === result.prediction);
    item.querySelector(".fill").style.width = `${(p * 100).toFixed(1)}%`;
    item.querySelector(".value").textContent = percent.format(p);
    item.setAttribute("aria-label", `${d}: ${percent.format(p)}`);
  });
  if (result.input) drawSeen(result.input);
}

export function showPending() {
  digit.classList.add("pending");
}

export function clearResult() {
  shown = null;
  feedback.hidden = true;
  digit.textContent = "–";
  digit.classList.remove("pending");
  digit.classList.add("empty");
  seenFigure.hidden = true;
  confidence.textContent = "–";
  review.hidden = true;
  timing.textContent = "";
  for (const item of bars.children) {
    item.classList.remove("winner");
    item.querySelector(".fill").style.width = "0";
    item.querySelector(".value").textContent = "–";
  }
  seen.clearRect(0, 0, 28, 28);
}

function drawSeen(values) {
  const image = seen.createImageData(28, 28);
  values.forEach((v, i) => {
    const level = Math.round(v * 255);
    image.data.set([level, level, level, 255], i * 4);
  });
  seen.putImageData(image, 0, 0);
  seenFigure.hidden = false;
}
