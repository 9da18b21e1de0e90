// A drawing pad with its Undo, Clear and pen controls that asks the server as the drawing changes (at most one
// request at a time, the last change always answered): the Recognize and Number views each have one.

import { Pad } from "./pad.js";
import { LiveRequests } from "./live.js";

/**
 * `send(pad)` asks the server about the drawing, `show` and `fail` take its answer, `cleared` runs when the pad
 * is empty again. Returns `ask()`, which asks again now (another model or option was chosen).
 */
export function liveDrawing({ canvas, frame, undo, clear, pen, send, show, fail, cleared }) {
  const pad = new Pad(canvas, {
    onStroke: () => live.changed(),
    onStrokeEnd: () => live.settled(),
    onChange: () => {
      const empty = pad.isEmpty;
      undo.disabled = clear.disabled = empty;
      frame.classList.toggle("has-ink", !empty);
      if (empty) { live.reset(); cleared(); }
    },
  });
  const live = new LiveRequests(() => (pad.isEmpty ? null : send(pad)), show, fail);
  pad.setWidth(Number(pen.value));
  undo.addEventListener("click", () => { pad.undo(); if (!pad.isEmpty) live.settled(); });
  clear.addEventListener("click", () => pad.clear());
  pen.addEventListener("input", () => pad.setWidth(Number(pen.value)));
  return { ask: () => { if (!pad.isEmpty) live.settled(); } };
}
