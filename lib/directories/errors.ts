// Errors of directory administration, with messages fit to show an administrator (admin UI, CLI).
export type DirectoryErrorCode = "not_found" | "invalid";

export class DirectoryError extends Error {
  readonly code: DirectoryErrorCode;
  constructor(code: DirectoryErrorCode, message: string) {
    super(message);
    this.name = "DirectoryError";
    this.code = code;
  }
}

export const directoryNotFound = () => new DirectoryError("not_found", "Directory not found");
export const apiClientNotFound = () => new DirectoryError("not_found", "API client not found in this directory");
