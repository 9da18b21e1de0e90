// The page's entry point: a hash router over the views.

import { hideError } from "./errors.js";
import { loadModelChoices } from "./recognize.js";
import { describeGridModel } from "./grid.js";
import { showModelList, showModel } from "./models.js";
import { showMonitoring, stopMonitoring } from "./monitoring.js";
import "./number.js";

const views = ["recognize", "number", "grid", "models", "model", "monitoring"];
const ownViews = ["grid", "number", "monitoring"];

function route() {
  const [, section = "", name] = location.hash.split("/");
  const view = ownViews.includes(section) ? section : section === "models" ? (name ? "model" : "models") : "recognize";
  for (const v of views) document.getElementById(`view-${v}`).hidden = v !== view;
  for (const link of document.querySelectorAll("[data-nav]")) {
    const current = link.dataset.nav === view || (view === "model" && link.dataset.nav === "models");
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  hideError();
  if (view === "models") showModelList();
  if (view === "model") showModel(decodeURIComponent(name));
  if (view === "grid") describeGridModel();
  if (view === "monitoring") showMonitoring();
  else stopMonitoring();
}

window.addEventListener("hashchange", route);
route();
loadModelChoices();
