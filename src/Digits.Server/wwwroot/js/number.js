// The Number view: write several digits on a wide pad, or upload a photo of a number; POST /read answers with the
// text and each digit's box and confidence. Digits that need review are marked.

import { readNumber } from "./api.js";
import { showError, hideError } from "./errors.js";
import { liveDrawing } from "./drawing.js";
import { tabs } from "./tabs.js";
import { selectedModel } from "./recognize.js";

const text = document.getElementById("number-text");
const confidence = document.getElementById("number-confidence");
const review = document.getElementById("number-review");
const timing = document.getElementById("number-timing");
const digits = document.getElementById("number-digits");
const lengthInput = document.getElementById("number-length");
const photo = document.getElementById("number-photo");
const preview = document.getElementById("number-preview");
const boxes = document.getElementById("digit-boxes");
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });

const selectTab = tabs({ write: document.getElementById("tab-write"), upload: document.getElementById("tab-number-upload") });
const expectedLength = () => (lengthInput.value ? Number(lengthInput.value) : null);

function show(reading) {
  hideError();
  text.textContent = reading.text;
  text.classList.remove("pending", "empty");
  confidence.textContent = percent.format(reading.confidence);
  review.hidden = !reading.needs_review;
  timing.textContent = `${reading.model} · ${reading.prediction_time_ms.toFixed(2)} ms`;
  digits.replaceChildren(...reading.digits.map((d) => {
    const item = document.createElement("li");
    item.classList.toggle("needs-review", d.needs_review);
    item.innerHTML = `<span class="read-digit"></span><span class="read-confidence"></span>`;
    item.firstChild.textContent = d.digit;
    item.lastChild.textContent = percent.format(d.confidence);
    item.setAttribute("aria-label", `${d.digit}, ${percent.format(d.confidence)}${d.needs_review ? ", needs review" : ""}`);
    return item;
  }));
}

function clearReading() {
  text.textContent = "–";
  text.classList.add("empty");
  text.classList.remove("pending");
  confidence.textContent = "–";
  review.hidden = true;
  timing.textContent = "";
  digits.replaceChildren();
}

function fail(error) {
  clearReading();
  showError(error);
}

const drawing = liveDrawing({
  canvas: document.getElementById("number-pad"),
  frame: document.querySelector("#panel-write .canvas-frame"),
  undo: document.getElementById("number-undo"),
  clear: document.getElementById("number-clear"),
  pen: document.getElementById("number-pen"),
  send: async (pad) => {
    text.classList.add("pending");
    return readNumber(await pad.toBlob(), selectedModel(), expectedLength());
  },
  show,
  fail,
  cleared: clearReading,
});
lengthInput.addEventListener("change", () => drawing.ask());

/** Boxes over the photo, placed in percent of its size so they follow it when the page is resized. */
function drawBoxes(reading, width, height) {
  boxes.replaceChildren(...reading.digits.map((d) => {
    const box = document.createElement("div");
    box.className = `digit-box${d.needs_review ? " needs-review" : ""}`;
    Object.assign(box.style, {
      left: `${(d.box.x / width) * 100}%`, top: `${(d.box.y / height) * 100}%`,
      width: `${(d.box.width / width) * 100}%`, height: `${(d.box.height / height) * 100}%`,
    });
    const label = document.createElement("span");
    label.textContent = `${d.digit} · ${percent.format(d.confidence)}`;
    box.append(label);
    return box;
  }));
}

document.getElementById("number-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  selectTab("upload");
  preview.src = URL.createObjectURL(file);
  await preview.decode().catch(() => {});
  photo.hidden = false;
  boxes.replaceChildren();
  text.classList.add("pending");
  try {
    const reading = await readNumber(file, selectedModel(), expectedLength());
    show(reading);
    drawBoxes(reading, preview.naturalWidth, preview.naturalHeight);
  } catch (error) {
    fail(error);
  }
});
