// Why a Directory API read found nothing to return. The HTTP edge (lib/api-v1) maps the code to its
// status: invalid_cursor → 400, not_found → 404.
export type DirectoryReadErrorCode = "invalid_cursor" | "not_found";

export class DirectoryReadError extends Error {
  constructor(
    readonly code: DirectoryReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DirectoryReadError";
  }
}

export const invalidCursor = () =>
  new DirectoryReadError("invalid_cursor", "The cursor is not one this listing returned; start again without it, or pass the `next` value unchanged");
