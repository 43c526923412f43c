/** A cursor Roster did not issue (or one mangled on the way): 400 for the API. */
export class InvalidCursorError extends Error {
  constructor(message = "The cursor is not valid: pass a `next` value exactly as returned") {
    super(message);
    this.name = "InvalidCursorError";
  }
}

/** The events after this cursor were pruned (retention): 410, and the consumer resynchronises. */
export class CursorExpiredError extends Error {
  constructor(
    message = "The cursor is older than the event retention period: resynchronise through the Directory API, then poll from its newest events",
  ) {
    super(message);
    this.name = "CursorExpiredError";
  }
}
