// Calls to the Digits API. Every failure becomes an ApiError carrying the problem+json title and detail.

import { askForKey, currentKey } from "./keys.js";

export class ApiError extends Error {
  constructor(title, detail, status) {
    super(detail);
    this.title = title;
    this.status = status;
  }
}

async function send(path, options = {}) {
  const key = currentKey();
  const headers = key ? { ...options.headers, Authorization: `Bearer ${key}` } : options.headers;
  try {
    return await fetch(path, { ...options, headers });
  } catch {
    throw new ApiError("The server cannot be reached.", "Check that Digits is still running, then try again.", 0);
  }
}

/** Sends, and while the server wants a key it was not given, asks the person for one and sends again. */
async function authorized(path, options) {
  let response = await send(path, options);
  while (response.status === 401 && await askForKey(currentKey() !== null)) response = await send(path, options);
  return response;
}

async function call(path, options) {
  const response = await authorized(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(body?.title ?? `Error ${response.status}`, body?.detail ?? response.statusText, response.status);
  }
  return body;
}

function query(model, extra = {}) {
  const params = new URLSearchParams(extra);
  if (model) params.set("model", model);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function predictImage(blob, model, signal) {
  const form = new FormData();
  form.append("file", blob, blob.name ?? "digit.png");
  return call(`predict${query(model, { include_input: "true" })}`, { method: "POST", body: form, signal });
}

export function readNumber(blob, model, length, signal) {
  const form = new FormData();
  form.append("file", blob, blob.name ?? "number.png");
  return call(`read${query(model, length ? { length } : {})}`, { method: "POST", body: form, signal });
}

export function predictFeatures(features, signal) {
  return call("predict/features", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ features }),
    signal,
  });
}

export const listModels = () => call("models");
export const monitoring = (window) => call(`monitoring?window=${encodeURIComponent(window)}`);

/** Tells the server what an answer should have been: a digit's label or a number's text. */
export const sendFeedback = (id, truth) => call("feedback", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(typeof truth === "number" ? { id, label: truth } : { id, text: truth }),
});
/** By its spec: the model reads digits from 28x28 images (input shape channels x rows x columns), not 8x8 features. */
export const readsDigitImages = (model) => model.versions[0].spec.task === "digits" && model.versions[0].spec.input.shape.length === 3;
export const getModel = (name) => call(`models/${encodeURIComponent(name)}`);

/** A report picture as a blob: URL, fetched with the key (which an img element cannot send). */
export async function reportPicture(name, version, file) {
  const response = await authorized(`models/${encodeURIComponent(name)}/${encodeURIComponent(version)}/report/${file}`);
  if (!response.ok) throw new ApiError(`Error ${response.status}`, response.statusText, response.status);
  return URL.createObjectURL(await response.blob());
}
