// A drawing pad for mouse, touch and pen (Pointer Events). Strokes are kept as point lists, so Undo redraws
// what is left. The ink is dark on a transparent canvas: the server reads a transparent drawing's ink from alpha.

export class Pad {
  constructor(canvas, { onStroke, onStrokeEnd, onChange }) {
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.strokes = [];
    this.current = null;
    this.width = 22;
    this.callbacks = { onStroke, onStrokeEnd, onChange };
    canvas.addEventListener("pointerdown", (e) => this.#start(e));
    canvas.addEventListener("pointermove", (e) => this.#move(e));
    for (const end of ["pointerup", "pointercancel"]) canvas.addEventListener(end, (e) => this.#end(e));
  }

  get isEmpty() { return this.strokes.length === 0; }

  setWidth(width) { this.width = width; }

  undo() {
    this.strokes.pop();
    this.#redraw();
    this.callbacks.onChange();
  }

  clear() {
    this.strokes = [];
    this.#redraw();
    this.callbacks.onChange();
  }

  toBlob() {
    return new Promise((resolve) => this.canvas.toBlob(resolve, "image/png"));
  }

  #point(event) {
    const box = this.canvas.getBoundingClientRect();
    return {
      x: (event.clientX - box.left) * (this.canvas.width / box.width),
      y: (event.clientY - box.top) * (this.canvas.height / box.height),
    };
  }

  #start(event) {
    event.preventDefault();
    this.canvas.setPointerCapture(event.pointerId);
    // A pen presses harder than a mouse "presses"; scale its stroke a little with pressure.
    const pressure = event.pointerType === "pen" && event.pressure > 0 ? 0.6 + event.pressure * 0.8 : 1;
    this.current = { width: this.width * pressure, points: [this.#point(event)] };
    this.strokes.push(this.current);
    this.#redraw();
    this.callbacks.onChange();
  }

  #move(event) {
    if (!this.current) return;
    event.preventDefault();
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    for (const e of events) this.current.points.push(this.#point(e));
    this.#redraw();
    this.callbacks.onStroke();
  }

  #end() {
    if (!this.current) return;
    this.current = null;
    this.callbacks.onStrokeEnd();
  }

  #redraw() {
    const c = this.context;
    c.clearRect(0, 0, this.canvas.width, this.canvas.height);
    c.lineCap = "round";
    c.lineJoin = "round";
    c.strokeStyle = "#111";
    c.fillStyle = "#111";
    for (const stroke of this.strokes) {
      const [first, ...rest] = stroke.points;
      if (rest.length === 0) {
        c.beginPath();
        c.arc(first.x, first.y, stroke.width / 2, 0, Math.PI * 2);
        c.fill();
        continue;
      }
      c.lineWidth = stroke.width;
      c.beginPath();
      c.moveTo(first.x, first.y);
      // Quadratic curves through midpoints smooth the polyline the way a pen would.
      for (let i = 0; i < rest.length - 1; i++) {
        const mid = { x: (rest[i].x + rest[i + 1].x) / 2, y: (rest[i].y + rest[i + 1].y) / 2 };
        c.quadraticCurveTo(rest[i].x, rest[i].y, mid.x, mid.y);
      }
      const last = rest[rest.length - 1];
      c.lineTo(last.x, last.y);
      c.stroke();
    }
  }
}
