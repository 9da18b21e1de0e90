// The Models views: a card per model, and a page per model with its metrics and report pictures.

import { listModels, getModel, reportPicture } from "./api.js";
import { showError } from "./errors.js";

const percent = (v, digits = 2) => `${(v * 100).toFixed(digits)} %`;
const number = new Intl.NumberFormat();

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

export async function showModelList() {
  const list = document.getElementById("model-list");
  try {
    const models = await listModels();
    list.replaceChildren(...models.map((model) => {
      const latest = model.versions[0];
      return element("a", { className: "card model-card", href: `#/models/${encodeURIComponent(model.name)}` }, [
        element("h2", {}, [model.name, ...(model.default ? [element("span", { className: "badge", textContent: "default" })] : [])]),
        element("div", { className: "accuracy", textContent: percent(latest.metrics.test.accuracy) }),
        element("p", { textContent: `test accuracy on ${number.format(latest.split.test)} ${latest.spec.dataset.name} images` }),
        element("p", { textContent: `${number.format(latest.parameters)} parameters · ${latest.epochs_run} epochs in ${Math.round(latest.train_seconds)} s` }),
        element("p", { textContent: `${model.versions.length} version${model.versions.length === 1 ? "" : "s"}, latest ${model.latest}` }),
      ]);
    }));
    if (models.length === 0) list.textContent = "No models yet: ./digits up trains one.";
  } catch (error) {
    showError(error);
  }
}

export async function showModel(name) {
  try {
    const model = await getModel(name);
    const latest = model.versions[0];
    const test = latest.metrics.test;
    document.getElementById("model-title").textContent = `${model.name} @ ${latest.version}`;
    document.getElementById("model-architecture").textContent = latest.architecture;
    const facts = [
      ["test accuracy", percent(test.accuracy)],
      ["test loss", test.loss.toFixed(4)],
      ["calibration error (ECE)", percent(test.ece)],
      ["macro F1", test.macro.f1.toFixed(4)],
      ["parameters", number.format(latest.parameters)],
      ["training time", `${Math.round(latest.train_seconds)} s, ${latest.epochs_run} epochs`],
      ["data", `${latest.spec.dataset.name}: ${number.format(latest.split.train)} train`],
      ["seed", String(latest.spec.options.seed)],
    ];
    document.getElementById("model-facts").replaceChildren(...facts.map(([term, value]) =>
      element("div", {}, [element("dt", { textContent: term }), element("dd", { textContent: value })])));

    const head = element("thead", {}, [element("tr", {}, ["class", "precision", "recall", "F1", "support"].map((h) => element("th", { scope: "col", textContent: h })))]);
    const row = (label, p, r, f, s) => element("tr", {}, [
      element("th", { scope: "row", textContent: label }),
      ...[p.toFixed(4), r.toFixed(4), f.toFixed(4), String(s)].map((v) => element("td", { textContent: v }))]);
    const total = test.per_class.reduce((sum, c) => sum + c.support, 0);
    const body = element("tbody", {}, [
      ...test.per_class.map((c) => row(c.label, c.precision, c.recall, c.f1, c.support)),
      row("macro avg", test.macro.precision, test.macro.recall, test.macro.f1, total),
      row("weighted avg", test.weighted.precision, test.weighted.recall, test.weighted.f1, total),
    ]);
    document.getElementById("model-classes").replaceChildren(head, body);

    const picture = (p) => {
      const img = element("img", { alt: p.caption, className: p.wide ? "wide" : "" });
      reportPicture(model.name, latest.version, p.file).then((url) => { img.src = url; }).catch(showError);
      return img;
    };
    document.getElementById("model-pictures").replaceChildren(...model.report.map(picture));
  } catch (error) {
    showError(error);
  }
}
