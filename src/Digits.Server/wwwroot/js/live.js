// Sends at most one request at a time and at most one every `interval` ms while input changes; the last
// change always gets its answer, and an answer older than one already shown is dropped.

export class LiveRequests {
  constructor(send, show, fail, interval = 150) {
    Object.assign(this, { send, show, fail, interval });
    this.inFlight = false;
    this.queued = false;
    this.lastSent = 0;
    this.sequence = 0;
    this.shown = 0;
    this.timer = null;
  }

  /** Input changed while still being drawn: ask again when the throttle allows. */
  changed() {
    if (this.inFlight) { this.queued = true; return; }
    const wait = this.lastSent + this.interval - performance.now();
    if (wait <= 0) this.#fire();
    else if (!this.timer) this.timer = setTimeout(() => { this.timer = null; this.changed(); }, wait);
  }

  /** Input settled (the stroke ended): ask now, or as soon as the request in flight returns. */
  settled() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight) this.queued = true;
    else this.#fire();
  }

  /** Forget what is pending (the input was cleared). */
  reset() {
    clearTimeout(this.timer);
    this.timer = null;
    this.queued = false;
    this.shown = ++this.sequence;
  }

  async #fire() {
    const id = ++this.sequence;
    this.inFlight = true;
    this.lastSent = performance.now();
    try {
      const result = await this.send();
      if (result && id > this.shown) { this.shown = id; this.show(result); }
    } catch (error) {
      if (id > this.shown) { this.shown = id; this.fail(error); }
    } finally {
      this.inFlight = false;
      if (this.queued) { this.queued = false; this.#fire(); }
    }
  }
}
