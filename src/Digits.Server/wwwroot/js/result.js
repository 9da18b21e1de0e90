// Shows a prediction: the digit, its confidence, a bar per class and the 28x28 image the model saw.

const digit = document.getElementById("prediction");
const confidence = document.getElementById("confidence");
const review = document.getElementById("review");
const timing = document.getElementById("timing");
const bars = document.getElementById("bars");
const seen = document.getElementById("seen").getContext("2d");
const seenFigure = document.getElementById("seen-figure");
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });

for (let d = 0; d < 10; d++) {
  bars.insertAdjacentHTML("beforeend",
    `<li data-testid="prob-${d}"><span class="label">${d}</span>` +
    `<span class="track"><span class="fill"></span></span><span class="value">–</span></li>`);
}

export function showResult(result) {
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
