// Errors of directory administration, with messages fit to show an administrator.
export type DirectoryErrorCode = "not_found" | "invalid";

export class DirectoryError extends Error {
  readonly code: DirectoryErrorCode;
  constructor(code: DirectoryErrorCode, message: string) {
    super(message);
    this.name = "DirectoryError";
    this.code = code;
  }
}
