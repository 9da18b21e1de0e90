// The Recognize view: draw on the pad or upload a photo; the result card shows what the model answered.

import { predictImage, listModels, readsDigitImages } from "./api.js";
import { showError, hideError } from "./errors.js";
import { showResult, showPending, clearResult } from "./result.js";
import { liveDrawing } from "./drawing.js";
import { tabs } from "./tabs.js";

const modelSelect = document.getElementById("model");
const fileInput = document.getElementById("file");
const dropzone = document.getElementById("dropzone");
const preview = document.getElementById("preview");
let lastUpload = null;

/** The model chosen on the Recognize view; the Number view reads with it too. */
export const selectedModel = () => modelSelect.value || null;

function succeed(result) {
  hideError();
  showResult(result);
}

const drawing = liveDrawing({
  canvas: document.getElementById("pad"),
  frame: document.querySelector("#panel-draw .canvas-frame"),
  undo: document.getElementById("undo"),
  clear: document.getElementById("clear"),
  pen: document.getElementById("pen"),
  send: async (pad) => {
    showPending();
    return predictImage(await pad.toBlob(), selectedModel());
  },
  show: succeed,
  fail: showError,
  cleared: clearResult,
});

async function upload(file) {
  if (!file) return;
  selectTab("upload");
  lastUpload = file;
  preview.src = URL.createObjectURL(file);
  preview.hidden = false;
  document.getElementById("dropzone-text").hidden = true;
  showPending();
  try {
    succeed(await predictImage(file, selectedModel()));
  } catch (error) {
    clearResult();
    showError(error);
  }
}

preview.addEventListener("error", () => { preview.hidden = true; document.getElementById("dropzone-text").hidden = false; });
fileInput.addEventListener("change", () => upload(fileInput.files[0]));
dropzone.addEventListener("dragover", (e) => { e.preventDefault(); dropzone.classList.add("over"); });
dropzone.addEventListener("dragleave", () => dropzone.classList.remove("over"));
dropzone.addEventListener("drop", (e) => {
  e.preventDefault();
  dropzone.classList.remove("over");
  upload(e.dataTransfer.files[0]);
});
document.addEventListener("paste", (e) => {
  const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
  if (file) upload(file);
});

modelSelect.addEventListener("change", () => {
  if (!document.getElementById("panel-upload").hidden && lastUpload) upload(lastUpload);
  else drawing.ask();
});

const selectTab = tabs({ draw: document.getElementById("tab-draw"), upload: document.getElementById("tab-upload") });

export async function loadModelChoices() {
  try {
    const models = (await listModels()).filter(readsDigitImages);
    modelSelect.replaceChildren(...models.flatMap((m) => m.versions.map((v, i) => {
      const accuracy = (v.metrics.test.accuracy * 100).toFixed(2);
      const option = new Option(`${m.name}${i === 0 ? "" : ` @ ${v.version}`} · ${accuracy} %`, `${m.name}@${v.version}`);
      option.selected = m.default && i === 0;
      return option;
    })));
    if (models.length === 0) modelSelect.replaceChildren(new Option("no model yet: run ./digits train", ""));
  } catch (error) {
    showError(error);
  }
}
